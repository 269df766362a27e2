// State of a paged, filtered table: page, page size, items, total, loading, reload, and whether
// the items shown were narrowed by filters (an empty list then says so instead of guiding).
import { reactive, ref, type Ref, type UnwrapRef } from 'vue'
import type { Page, PageQuery } from '@/lib/api'
import { notifyError } from '@/lib/errors'

/** True when a filter differs from its initial value; text is compared trimmed. */
export function differsFrom(filters: object, initial: object): boolean {
  const norm = (v: unknown) => JSON.stringify(typeof v === 'string' ? v.trim() : (v ?? ''))
  const keys = new Set([...Object.keys(filters), ...Object.keys(initial)])
  return [...keys].some((k) => norm((filters as Record<string, unknown>)[k]) !== norm((initial as Record<string, unknown>)[k]))
}

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
  /** The filters of the items shown differed from the initial ones. */
  const filtered = ref(false)
  let seq = 0

  async function load(): Promise<Page<T> | null> {
    const mine = ++seq
    loading.value = true
    try {
      const asked = { ...(filters as F) }
      const res = await fetchPage({ ...asked, page: page.value, page_size: size.value })
      if (mine !== seq) return null
      filtered.value = differsFrom(asked, initialFilters)
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

  return reactive({ filters, items, total, page, size, loading, filtered, load, search, reset })
}
