// State of a paged, filtered table: page, page size, items, total, loading, reload.
import { reactive, ref, type Ref, type UnwrapRef } from 'vue'
import type { Page, PageQuery } from '@/lib/api'
import { notifyError } from '@/lib/errors'

export function usePagedList<T, F extends object>(
  fetchPage: (q: PageQuery & F) => Promise<Page<T>>,
  initialFilters: F,
  pageSize = 20,
) {
  const filters = reactive({ ...initialFilters }) as UnwrapRef<F>
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const size = ref(pageSize)
  const loading = ref(false)
  let seq = 0

  async function load(): Promise<Page<T> | null> {
    const mine = ++seq
    loading.value = true
    try {
      const res = await fetchPage({ ...(filters as F), page: page.value, page_size: size.value })
      if (mine !== seq) return null
      items.value = res.items
      total.value = res.total
      return res
    } catch (e) {
      if (mine === seq) notifyError(e)
      return null
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** Back to page 1 with the current filters. */
  function search() {
    page.value = 1
    return load()
  }

  function reset() {
    Object.assign(filters as object, initialFilters)
    return search()
  }

  return reactive({ filters, items, total, page, size, loading, load, search, reset })
}
