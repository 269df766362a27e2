// Rules of the statistics dashboards (统计分析) as the UI needs them: the filters ↔ the address
// and the API query, the headline cards (KPIs) with their values, and where each card, chart
// segment or table count drills down to — the regulators' registry list (备案审核, `/review`)
// filtered to the instruments counted, or the supervision list a card sums up. Pure: the server
// counts and decides the scope.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type {
  StatisticsBrandRow,
  StatisticsDistrictRow,
  StatisticsOperatorRow,
  StatisticsOverview,
  StatisticsQuery,
  StatisticsSupervision,
  StatisticsTrends,
  StatisticsTypeRow,
  StatisticsUseRow,
  StatisticsYearQuery,
  VerificationFilter,
} from './api/types'
import { INSTRUMENT_USES } from './api/types'
import { ratePercent } from './format'

/** The seven counts every breakdown row carries, in display order. */
export const COUNT_KEYS = ['filed', 'approved', 'valid', 'due_30d', 'overdue', 'never_verified', 'failed'] as const
export type CountKey = (typeof COUNT_KEYS)[number]

/** What the dashboard shows: a year (trends, failure items, supervision) and the scope filters. */
export interface StatisticsFilters {
  year: number
  /** a district; '' = the caller's whole scope */
  region_code: string
  type_code: string
  /** one operator enterprise; 0 = any */
  org_id: number
  /** its name, kept in the address so a link shows it before the operator list loads */
  org_name: string
}

/** The oldest year the year filter accepts from an address. */
export const FIRST_YEAR = 2000

export function blankStatisticsFilters(now: Date = new Date()): StatisticsFilters {
  return { year: now.getFullYear(), region_code: '', type_code: '', org_id: 0, org_name: '' }
}

const one = (v: LocationQuery[string] | undefined): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')

/** The filters an address asks for (`?year=2025&region_code=…&type_code=…&org_id=…&org_name=…`); bad values fall back to the defaults. */
export function filtersFromQuery(query: LocationQuery, now: Date = new Date()): StatisticsFilters {
  const f = blankStatisticsFilters(now)
  const year = Number(one(query.year))
  if (Number.isInteger(year) && year >= FIRST_YEAR && year <= f.year + 1) f.year = year
  f.region_code = one(query.region_code).trim()
  f.type_code = one(query.type_code).trim()
  const org = Number(one(query.org_id))
  if (Number.isInteger(org) && org > 0) {
    f.org_id = org
    f.org_name = one(query.org_name)
  }
  return f
}

/** The address of the filters; this year and filters not chosen are left out. */
export function filtersToQuery(f: StatisticsFilters, now: Date = new Date()): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  if (f.year !== now.getFullYear()) q.year = String(f.year)
  if (f.region_code) q.region_code = f.region_code
  if (f.type_code) q.type_code = f.type_code
  if (f.org_id > 0) {
    q.org_id = String(f.org_id)
    if (f.org_name) q.org_name = f.org_name
  }
  return q
}

/** The scope filters of every statistics request (the client leaves out empty values). */
export function statisticsQuery(f: StatisticsFilters): StatisticsQuery {
  return { region_code: f.region_code || undefined, type_code: f.type_code || undefined, org_id: f.org_id > 0 ? f.org_id : undefined }
}

/** The scope filters and the year (trends, failure items, supervision). */
export function statisticsYearQuery(f: StatisticsFilters): StatisticsYearQuery {
  return { ...statisticsQuery(f), year: f.year }
}

// ---------------------------------------------------------------- drill-down

/** What a registry list link narrows to besides the count's own state. */
export interface RegistryScope {
  region_code?: string
  type_code?: string
  org_id?: number
  org_name?: string
  brand?: string
  /** the model, searched as the list's keyword (name, model, serial no.) */
  model?: string
  /** 用途 (one of INSTRUMENT_USES; others are left out) */
  use?: string
}

/** The window of the "due within 30 days" figures (due_30d), in days. */
export const DUE_DAYS = 30

/** The registry list's `status` and `verification` filters for each count (`due_days`: the due-soon window). */
const COUNT_FILTERS: Record<CountKey, { status: 'all' | 'approved'; verification?: VerificationFilter; due_days?: number }> = {
  filed: { status: 'all' },
  approved: { status: 'approved' },
  valid: { status: 'approved', verification: 'valid' },
  // the list's own "due soon" window is the server's `due_soon_days` (default 90): ask for 30 days
  due_30d: { status: 'approved', verification: 'due_soon', due_days: DUE_DAYS },
  overdue: { status: 'approved', verification: 'overdue' },
  never_verified: { status: 'approved', verification: 'never' },
  failed: { status: 'approved', verification: 'failed' },
}

/** The registry list path all drill-downs to instruments open. */
export const REGISTRY_PATH = '/review'

export interface DrillLink {
  path: string
  query?: Record<string, string>
}

/**
 * The registry list (备案审核) of the instruments a count stands for, e.g.
 * `/review?status=approved&verification=overdue&region_code=420103&type_code=ev_dc_charger`
 * (`&due_days=30` for due_30d, `&use=…` for a use).
 */
export function registryLink(count: CountKey, scope: RegistryScope = {}): DrillLink {
  const { status, verification, due_days } = COUNT_FILTERS[count]
  const query: Record<string, string> = { status }
  if (verification) query.verification = verification
  if (due_days) query.due_days = String(due_days)
  if (scope.region_code) query.region_code = scope.region_code
  if (scope.type_code) query.type_code = scope.type_code
  if (scope.org_id && scope.org_id > 0) {
    query.org_id = String(scope.org_id)
    if (scope.org_name) query.org_name = scope.org_name
  }
  if (scope.brand) query.brand = scope.brand
  if (scope.model) query.q = scope.model
  if (scope.use && (INSTRUMENT_USES as readonly string[]).includes(scope.use)) query.use = scope.use
  return { path: REGISTRY_PATH, query }
}

/** The dashboard's filters as a registry scope (the year is not a filter of the list). */
export function scopeOf(f: StatisticsFilters): RegistryScope {
  return { region_code: f.region_code, type_code: f.type_code, org_id: f.org_id, org_name: f.org_name }
}

export function districtLink(row: Pick<StatisticsDistrictRow, 'region_code'>, count: CountKey, f: StatisticsFilters): DrillLink {
  return registryLink(count, { ...scopeOf(f), region_code: row.region_code })
}

export function typeLink(row: Pick<StatisticsTypeRow, 'type_code'>, f: StatisticsFilters): DrillLink {
  return registryLink('filed', { ...scopeOf(f), type_code: row.type_code })
}

/** A use's bar opens the instruments filed for that use. */
export function useLink(row: { use: StatisticsUseRow['use'] | string }, f: StatisticsFilters): DrillLink {
  return registryLink('filed', { ...scopeOf(f), use: row.use })
}

export function brandLink(row: Pick<StatisticsBrandRow, 'brand' | 'model'>, f: StatisticsFilters): DrillLink {
  return registryLink('filed', { ...scopeOf(f), brand: row.brand, model: row.model })
}

export function operatorLink(row: Pick<StatisticsOperatorRow, 'org_id' | 'org_name'>, count: CountKey, f: StatisticsFilters): DrillLink {
  return registryLink(count, { ...scopeOf(f), org_id: row.org_id, org_name: row.org_name })
}

/** The monthly trend lines, and the registry state each opens (the list has no month filter). */
export const TREND_SERIES = ['filed', 'verified', 'failed', 'expired'] as const
export type TrendSeries = (typeof TREND_SERIES)[number]
const TREND_COUNTS: Record<TrendSeries, CountKey> = { filed: 'approved', verified: 'valid', failed: 'failed', expired: 'overdue' }

export function trendLink(series: TrendSeries, f: StatisticsFilters): DrillLink {
  return registryLink(TREND_COUNTS[series], scopeOf(f))
}

/** A failure item opens the instruments whose last verification failed (the list has no item filter). */
export function failureLink(f: StatisticsFilters): DrillLink {
  return registryLink('failed', scopeOf(f))
}

// ---------------------------------------------------------------- headline cards

export type KpiKey =
  | CountKey
  | 'enterprises'
  | 'connectors'
  | 'first_use_unverified'
  | 'first_pass_rate'
  | 'sampling_coverage'
  | 'inspection_completion'
  | 'inspection_publication'
  | 'rectifications_open'
  | 'rectifications_overdue'

/** Every card, in display order: the overview's, then the year's. */
export const KPI_KEYS: readonly KpiKey[] = [
  ...COUNT_KEYS,
  'enterprises',
  'connectors',
  'first_use_unverified',
  'first_pass_rate',
  'sampling_coverage',
  'inspection_completion',
  'inspection_publication',
  'rectifications_open',
  'rectifications_overdue',
]

/** Cards whose hint (`dashKpiHint.*`) says what the figure is over. */
export const KPI_HINTS = ['first_use_unverified', 'first_pass_rate', 'sampling_coverage', 'inspection_completion', 'inspection_publication'] as const

export type Tone = 'ok' | 'warn' | 'bad' | ''

export interface Kpi {
  key: KpiKey
  /** the figure as shown: "1,280", "87.5%", "—" */
  value: string
  tone: Tone
  /** the list the card opens */
  link: DrillLink
  /** the hint's parameters (`dashKpiHint.<key>`), when the card has one */
  hint?: Record<string, string | number>
}

const NUMBER = new Intl.NumberFormat('en-US')
/** A count with thousands separators: 12345 → "12,345". */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : NUMBER.format(n)
}

const WARN: readonly KpiKey[] = ['due_30d', 'never_verified', 'first_use_unverified']
const BAD: readonly KpiKey[] = ['overdue', 'failed', 'rectifications_overdue']

function countTone(key: KpiKey, n: number): Tone {
  if (key === 'valid') return 'ok'
  if (n <= 0) return ''
  return BAD.includes(key) ? 'bad' : WARN.includes(key) ? 'warn' : ''
}

/** A rate's colour: at least 90% good, under 60% bad; none for no figure. */
export function rateTone(rate: number | null | undefined): Tone {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return ''
  return rate >= 0.9 ? 'ok' : rate < 0.6 ? 'bad' : 'warn'
}

/** Where a card leads: the registry list for instrument counts, else the list it sums up. */
export function kpiLink(key: KpiKey, f: StatisticsFilters): DrillLink {
  switch (key) {
    case 'enterprises':
      return f.region_code ? { path: '/archive', query: { region_code: f.region_code } } : { path: '/archive' }
    case 'connectors':
      return registryLink('filed', scopeOf(f))
    case 'first_use_unverified':
      return registryLink('never_verified', scopeOf(f))
    case 'first_pass_rate':
      return { path: '/certificates' }
    case 'sampling_coverage':
      return { path: '/supervision/sampling' }
    case 'inspection_completion':
    case 'inspection_publication':
      return { path: '/supervision/inspection/statistics' }
    case 'rectifications_open':
      return { path: '/supervision/rectifications' }
    case 'rectifications_overdue':
      return { path: '/supervision/rectifications', query: { overdue: 'true' } }
    default:
      return registryLink(key, scopeOf(f))
  }
}

function countKpi(key: KpiKey, n: number, f: StatisticsFilters, hint?: Kpi['hint']): Kpi {
  return { key, value: formatCount(n), tone: countTone(key, n), link: kpiLink(key, f), ...(hint ? { hint } : {}) }
}

/** The overview's cards: the seven counts, enterprises, connectors and first use without verification. */
export function overviewKpis(o: StatisticsOverview, f: StatisticsFilters): Kpi[] {
  return [
    ...COUNT_KEYS.map((k) => countKpi(k, o[k], f)),
    countKpi('enterprises', o.enterprises, f),
    countKpi('connectors', o.connectors, f),
    countKpi('first_use_unverified', o.first_use_unverified, f, { date: o.first_use_date }),
  ]
}

function rateKpi(key: KpiKey, rate: number | null | undefined, f: StatisticsFilters, hint: Kpi['hint']): Kpi {
  return { key, value: ratePercent(rate), tone: rateTone(rate), link: kpiLink(key, f), hint }
}

/**
 * The year's cards: first-attempt pass rate (trend totals), sampling coverage, 双随机 completion
 * and publication rates, rectification orders open and overdue. Missing answers give no cards.
 */
export function yearKpis(trends: StatisticsTrends | null, sup: StatisticsSupervision | null, f: StatisticsFilters): Kpi[] {
  const out: Kpi[] = []
  const year = f.year
  if (trends) {
    const t = trends.totals
    out.push(rateKpi('first_pass_rate', t.first_pass_rate, f, { year, passed: formatCount(t.first_passed), first: formatCount(t.first) }))
  }
  if (sup) {
    const { sampling: s, inspections: i, rectifications: r } = sup
    out.push(
      rateKpi('sampling_coverage', s.coverage, f, { year, covered: formatCount(s.strata_covered), strata: formatCount(s.strata) }),
      rateKpi('inspection_completion', i.completion_rate, f, { year, done: formatCount(i.done), objects: formatCount(i.objects) }),
      rateKpi('inspection_publication', i.publication_rate, f, { year, published: formatCount(i.published), objects: formatCount(i.objects) }),
      countKpi('rectifications_open', r.open, f),
      countKpi('rectifications_overdue', r.overdue, f),
    )
  }
  return out
}
