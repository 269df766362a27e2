// Shapes of the statistics API (统计分析, `GET /statistics/…`): counts of the filed mandatory
// instruments in the caller's scope (overview, per district, type, use, brand and model,
// operator), a year's monthly trends and failure items, and the supervision work of a year.
// Generated from src/http/openapi.json like types.ts; the filters are UI-only.
import type { components } from './schema'

type Schemas = components['schemas']

/** Headline counts, `as_of` today (YYYY-MM-DD). */
export type StatisticsOverview = Schemas['StatisticsOverview']
export type StatisticsDistrictRow = Schemas['StatisticsDistrictRow']
export type StatisticsTypeRow = Schemas['StatisticsTypeRow']
export type StatisticsUseRow = Schemas['StatisticsUseRow']
export type StatisticsBrandRow = Schemas['StatisticsBrandRow']
export type StatisticsOperatorRow = Schemas['StatisticsOperatorRow']
export type StatisticsDistrictList = Schemas['StatisticsDistrictList']
export type StatisticsTypeList = Schemas['StatisticsTypeList']
export type StatisticsUseList = Schemas['StatisticsUseList']
export type StatisticsBrandList = Schemas['StatisticsBrandList']
export type StatisticsOperatorList = Schemas['StatisticsOperatorList']
/** A year's twelve months (`month` YYYY-MM) and their totals with the first-attempt pass rate. */
export type StatisticsTrends = Schemas['StatisticsTrends']
export type StatisticsMonth = Schemas['StatisticsMonth']
/** `item` working_error | clock_error | a checklist code; `name` its Chinese name. */
export type StatisticsFailureItem = Schemas['StatisticsFailureItem']
export type StatisticsFailureItemList = Schemas['StatisticsFailureItemList']
/** Sampling verification, 双随机 inspections and rectification orders of a year; rates 0..1 or null. */
export type StatisticsSupervision = Schemas['StatisticsSupervision']

/** The filters every statistics endpoint takes; empty values are left out of the query. */
export interface StatisticsQuery {
  /** a district of the caller's scope */
  region_code?: string
  type_code?: string
  /** one operator enterprise */
  org_id?: number
}

/** The year of trends, failure items and supervision (absent: the current year). */
export interface StatisticsYearQuery extends StatisticsQuery {
  year?: number
}
