// API methods of the statistics dashboards (统计分析, openapi.json paths `/statistics/…`). Like
// inspection.ts it is not merged into `api`: only the lazily loaded dashboard and the home page's
// async overview import it, so the first screen does not carry it. The server decides the scope
// (the city bureau and city DRC every district, a district bureau or DRC its own).
import { get } from './http'
import type {
  StatisticsBrandList,
  StatisticsDistrictList,
  StatisticsFailureItemList,
  StatisticsOperatorList,
  StatisticsOverview,
  StatisticsQuery,
  StatisticsSupervision,
  StatisticsTrends,
  StatisticsTypeList,
  StatisticsUseList,
  StatisticsYearQuery,
} from './types.statistics'

export const statisticsApi = {
  overview: (q: StatisticsQuery = {}) => get<StatisticsOverview>('/statistics/overview', q),
  /** Every district of the scope, zeros included, in region order. */
  byDistrict: (q: StatisticsQuery = {}) => get<StatisticsDistrictList>('/statistics/by-district', q),
  byType: (q: StatisticsQuery = {}) => get<StatisticsTypeList>('/statistics/by-type', q),
  byUse: (q: StatisticsQuery = {}) => get<StatisticsUseList>('/statistics/by-use', q),
  /** Most filed first; `limit` rows (server default 20). */
  byBrand: (q: StatisticsQuery & { limit?: number } = {}) => get<StatisticsBrandList>('/statistics/by-brand', q),
  /** The first `limit` operators by `sort` descending. */
  byOperator: (q: StatisticsQuery & { sort?: 'overdue' | 'filed'; limit?: number } = {}) => get<StatisticsOperatorList>('/statistics/by-operator', q),
  trends: (q: StatisticsYearQuery = {}) => get<StatisticsTrends>('/statistics/trends', q),
  /** Most frequent first. */
  failureItems: (q: StatisticsYearQuery = {}) => get<StatisticsFailureItemList>('/statistics/failure-items', q),
  supervision: (q: StatisticsYearQuery = {}) => get<StatisticsSupervision>('/statistics/supervision', q),
}
