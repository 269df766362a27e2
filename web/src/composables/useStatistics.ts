// The figures of the statistics dashboard for a set of filters: the nine requests go out together,
// each part shows as soon as it arrives and stays empty when its request fails (one message for
// the first failure). A newer load supersedes an older one still in flight. The operator filter's
// options (the most-filed operators of the scope) load on their own.
import { ref, shallowRef } from 'vue'
import { statisticsApi } from '@/lib/api/statistics'
import type {
  StatisticsBrandRow,
  StatisticsDistrictRow,
  StatisticsFailureItem,
  StatisticsOperatorRow,
  StatisticsOverview,
  StatisticsSupervision,
  StatisticsTrends,
  StatisticsTypeRow,
  StatisticsUseRow,
} from '@/lib/api/types'
import { notifyError } from '@/lib/errors'
import { statisticsQuery, statisticsYearQuery, type StatisticsFilters } from '@/lib/statistics'

/** Rows of the brand chart and the operator table. */
export const BRAND_LIMIT = 20
export const OPERATOR_LIMIT = 10
/** Operators offered by the operator filter (most filed first). */
export const OPERATOR_OPTIONS_LIMIT = 100

export function useStatistics() {
  const overview = shallowRef<StatisticsOverview | null>(null)
  const districts = shallowRef<StatisticsDistrictRow[]>([])
  const types = shallowRef<StatisticsTypeRow[]>([])
  const uses = shallowRef<StatisticsUseRow[]>([])
  const brands = shallowRef<StatisticsBrandRow[]>([])
  const operators = shallowRef<StatisticsOperatorRow[]>([])
  const trends = shallowRef<StatisticsTrends | null>(null)
  const failureItems = shallowRef<StatisticsFailureItem[]>([])
  const supervision = shallowRef<StatisticsSupervision | null>(null)
  const loading = ref(false)
  /** Some part could not be loaded. */
  const failed = ref(false)
  let generation = 0

  async function load(f: StatisticsFilters): Promise<void> {
    const gen = ++generation
    const q = statisticsQuery(f)
    const yq = statisticsYearQuery(f)
    loading.value = true
    failed.value = false
    let reported = false
    /** Puts one answer in place unless a newer load started; a failure empties the part. */
    const part = <T>(p: Promise<T>, put: (v: T | null) => void) =>
      p.then(
        (v) => {
          if (gen === generation) put(v)
        },
        (e: unknown) => {
          if (gen !== generation) return
          put(null)
          failed.value = true
          if (!reported) notifyError(e)
          reported = true
        },
      )
    await Promise.all([
      part(statisticsApi.overview(q), (v) => (overview.value = v)),
      part(statisticsApi.byDistrict(q), (v) => (districts.value = v?.items ?? [])),
      part(statisticsApi.byType(q), (v) => (types.value = v?.items ?? [])),
      part(statisticsApi.byUse(q), (v) => (uses.value = v?.items ?? [])),
      part(statisticsApi.byBrand({ ...q, limit: BRAND_LIMIT }), (v) => (brands.value = v?.items ?? [])),
      part(statisticsApi.byOperator({ ...q, sort: 'overdue', limit: OPERATOR_LIMIT }), (v) => (operators.value = v?.items ?? [])),
      part(statisticsApi.trends(yq), (v) => (trends.value = v)),
      part(statisticsApi.failureItems(yq), (v) => (failureItems.value = v?.items ?? [])),
      part(statisticsApi.supervision(yq), (v) => (supervision.value = v)),
    ])
    if (gen === generation) loading.value = false
  }

  return { overview, districts, types, uses, brands, operators, trends, failureItems, supervision, loading, failed, load }
}

/** The operators the filter offers for a district and type (most filed first); [] when they cannot be read. */
export async function operatorOptions(f: Pick<StatisticsFilters, 'region_code' | 'type_code'>): Promise<StatisticsOperatorRow[]> {
  try {
    const q = statisticsQuery({ year: 0, org_id: 0, org_name: '', ...f })
    return (await statisticsApi.byOperator({ ...q, sort: 'filed', limit: OPERATOR_OPTIONS_LIMIT })).items
  } catch {
    return []
  }
}
