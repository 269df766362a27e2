// What an empty main list says: the page's guidance from its route meta `emptyKey` (暂无器具，
// 点击“器具录入”…), another key for a tab of the page, or, when the user narrowed the list with
// filters, that nothing matches them. Every list page's el-table takes it as `empty-text`.
import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'
import { useI18n } from 'vue-i18n'

export interface EmptyTextOptions {
  /** the list shown was narrowed by filters (`usePagedList().filtered`) */
  filtered?: () => boolean
  /** an i18n key instead of the route's (a tab of the page) */
  key?: () => string | undefined
}

export function useEmptyText(opts: EmptyTextOptions = {}): ComputedRef<string> {
  const { t } = useI18n()
  const key = useRoute().meta.emptyKey
  return computed(() => {
    if (opts.filtered?.()) return t('emptyList.noMatch')
    return t(opts.key?.() ?? key ?? 'common.noData')
  })
}
