// Pages of a list the server sends whole (标准器, 企业档案, 器具目录): page and size for ListPager,
// the rows of the current page, and back to page 1 when the filtered list changes.
import { computed, ref, watch, type Ref } from 'vue'

export function useLocalPage<T>(rows: Ref<T[]>, pageSize = 20) {
  const page = ref(1)
  const size = ref(pageSize)
  const total = computed(() => rows.value.length)
  const pageRows = computed(() => rows.value.slice((page.value - 1) * size.value, page.value * size.value))
  watch(total, () => {
    if ((page.value - 1) * size.value >= total.value) page.value = 1
  })
  return { page, size, total, pageRows }
}
