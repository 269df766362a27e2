// Rules of the 检定统计分析 page (an institute's statistics of its own work): the period and
// institute ↔ the address, the cards, rates, days and charts. Pure: the server counts.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { InstituteReportMonth, InstituteReportQuery, InstituteReportTotals } from './api/types.reporting'
import { isoDate } from './dates'
import { ratePercent, ratio } from './format'
import { formatCount, rateTone, type Tone } from './statistics'
import { monthNumber, type ChartOption } from './statisticsCharts'

// ---------------------------------------------------------------- 检定统计分析 (an institute's work)

/** The period and institute of the page; 0 = no institute picked (the city bureau must pick one). */
export interface InstituteFilters {
  from: string
  to: string
  institute_org_id: number
}

/** The server's default period: 1 January of this year to today. */
export function defaultInstitutePeriod(now: Date = new Date()): { from: string; to: string } {
  return { from: `${now.getFullYear()}-01-01`, to: isoDate(now) }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const one = (v: LocationQuery[string] | undefined): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')

/** A YYYY-MM-DD that is a real day. */
export function isDay(s: string): boolean {
  if (!DATE.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** The longest period the server takes (`range_too_long`: over three years). */
export const MAX_PERIOD_DAYS = 3 * 366

/** Days from `from` to `to` (negative when reversed); null when either is not a day. */
export function periodDays(from: string, to: string): number | null {
  if (!isDay(from) || !isDay(to)) return null
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** Why the server would refuse the period: 'order' (`range_invalid`), 'long' (`range_too_long`), or null. */
export function periodProblem(from: string, to: string): 'order' | 'long' | null {
  const n = periodDays(from, to)
  if (n === null) return null
  if (n < 0) return 'order'
  return n > MAX_PERIOD_DAYS ? 'long' : null
}

/** The filters an address asks for (`?from=…&to=…&institute_org_id=…`); a bad or reversed period falls back to the default. */
export function instituteFiltersFromQuery(query: LocationQuery, now: Date = new Date()): InstituteFilters {
  const def = defaultInstitutePeriod(now)
  const from = one(query.from)
  const to = one(query.to)
  const period = isDay(from) && isDay(to) && periodProblem(from, to) === null ? { from, to } : def
  const id = Number(one(query.institute_org_id))
  return { ...period, institute_org_id: Number.isInteger(id) && id > 0 ? id : 0 }
}

/** The address of the filters; the default period and no institute are left out. */
export function instituteFiltersToQuery(f: InstituteFilters, now: Date = new Date()): LocationQueryRaw {
  const def = defaultInstitutePeriod(now)
  const q: LocationQueryRaw = {}
  if (f.from !== def.from || f.to !== def.to) {
    q.from = f.from
    q.to = f.to
  }
  if (f.institute_org_id > 0) q.institute_org_id = String(f.institute_org_id)
  return q
}

/** The query of `GET /institute-report` (and its files) for the filters. */
export function instituteQuery(f: InstituteFilters): InstituteReportQuery {
  const q: InstituteReportQuery = { from: f.from, to: f.to }
  if (f.institute_org_id > 0) q.institute_org_id = f.institute_org_id
  return q
}

export type InstituteKpiKey = keyof InstituteReportTotals | 'pass_rate'
/** The cards of the page (labels `rptInstKpi.<key>`): 检定台次, 合格, 不合格, 合格率, 不予受理. */
export const INSTITUTE_KPI_KEYS: readonly InstituteKpiKey[] = ['verified', 'passed', 'failed', 'pass_rate', 'refused']

/** A card of an institute's totals (KpiCards; the pass rate with its hint `rptInstKpiHint.pass_rate`). */
export interface InstituteCard {
  key: InstituteKpiKey
  value: string
  tone: Tone
  hint?: Record<string, string | number>
}

/** The totals as cards: failures in red, refusals in amber, the pass rate coloured by rateTone. */
export function instituteKpis(t: InstituteReportTotals): InstituteCard[] {
  return INSTITUTE_KPI_KEYS.map((key) => {
    if (key === 'pass_rate') {
      const r = ratio(t.passed, t.verified)
      return { key, value: ratePercent(r), tone: rateTone(r), hint: { n: formatCount(t.passed), d: formatCount(t.verified) } }
    }
    const n = t[key]
    const tone: Tone = n > 0 && key === 'failed' ? 'bad' : n > 0 && key === 'refused' ? 'warn' : ''
    return { key, value: formatCount(n), tone }
  })
}

/** Days of a turnaround step ("1.5", "3"); "—" when nothing was measured. */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—'
  return String(Math.round(days * 10) / 10)
}

/** The bucket of the error distribution that holds the failed points (超出限值): the last. */
export function overLimitBucket(buckets: readonly string[]): number {
  return buckets.length - 1
}

/** Labels of the months of a period: "3月" when they are all of one year, else "2026-03". */
export function monthLabels(months: readonly Pick<InstituteReportMonth, 'month'>[], monthLabel: (m: number) => string): string[] {
  const years = new Set(months.map((m) => m.month.slice(0, 4)))
  return months.map((m) => (years.size <= 1 && monthNumber(m.month) ? monthLabel(monthNumber(m.month)) : m.month))
}

const PASS_COLOR = '#67c23a'
const FAIL_COLOR = '#f56c6c'
const BAR_COLOR = '#409eff'

/** Results month by month: passed and failed stacked, so a bar is the month's results. */
export function instituteMonthOption(months: readonly InstituteReportMonth[], label: (s: 'passed' | 'failed') => string, monthLabel: (m: number) => string): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: monthLabels(months, monthLabel) },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { hideOverlap: true } },
    series: (['passed', 'failed'] as const).map((k) => ({
      id: k,
      name: label(k),
      type: 'bar' as const,
      stack: 'results',
      barMaxWidth: 32,
      itemStyle: { color: k === 'passed' ? PASS_COLOR : FAIL_COLOR },
      data: months.map((m) => m[k]),
    })),
  }
}

/** Results per group (kinds), passed and failed stacked horizontally, the first group on top. */
export function resultBarsOption(rows: readonly { name: string; passed: number; failed: number }[], label: (s: 'passed' | 'failed') => string): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: (['passed', 'failed'] as const).map((k) => ({
      id: k,
      name: label(k),
      type: 'bar' as const,
      stack: 'results',
      barMaxWidth: 22,
      itemStyle: { color: k === 'passed' ? PASS_COLOR : FAIL_COLOR },
      data: rows.map((r) => r[k]),
    })),
  }
}

/** A histogram: one bar per bucket, the counts on top; the buckets at `bad` (indexes) in red. */
export function histogramOption(buckets: readonly string[], counts: readonly number[], seriesName: string, bad: readonly number[] = []): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: [...buckets], axisLabel: { interval: 0, width: 64, overflow: 'break' } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { hideOverlap: true } },
    series: [
      {
        id: 'count',
        name: seriesName,
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: 'top' },
        data: counts.map((c, i) => ({ value: c, itemStyle: { color: bad.includes(i) ? FAIL_COLOR : BAR_COLOR } })),
      },
    ],
  }
}
