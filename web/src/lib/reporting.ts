// Rules of the reporting pages as the UI needs them: 年度工作报告 (who may do what in which
// status, the cut-off and whether the figures are frozen, the figure cards in their four groups
// with the rates as percents, the narratives, the city compilation's district states and counts,
// the monthly chart), 重大问题上报 (actions, attachment checks, file sizes, paragraphs) and 通报
// (the period month/quarter/year ↔ its string, the frozen cards and the district totals).
// 检定统计分析 is in reportingInstitute.ts and 工作节点 in reportingMilestones.ts (re-exported here).
// Pure: the server counts, freezes and decides.
import type { Role } from './api/types'
import type {
  AnnualReport,
  AnnualReportCityDistrict,
  AnnualReportMonth,
  AnnualReportStatus,
  AnnualReportTotals,
  BulletinDistrictRow,
  BulletinFigures,
  BulletinSupervision,
  ProblemReport,
  ProblemReportStatus,
} from './api/types.reporting'
import type { TagType } from './filing'
import { isoDate } from './dates'
import { formatCount, rateTone, type Tone } from './statistics'
import { monthNumber, type ChartOption } from './statisticsCharts'
import { ratePercent, ratio } from './format'

// ---------------------------------------------------------------- colours

/** 草稿 info, 已报送 warning, 已通过 success, 已退回 danger. */
export const ANNUAL_STATUS_TAGS: Record<AnnualReportStatus, TagType> = { draft: 'info', submitted: 'warning', accepted: 'success', returned: 'danger' }
/** A district of the city compilation: its report's status, or 未编制 (`none`) without one. */
export type CityState = AnnualReportStatus | 'none'
export const CITY_STATES: readonly CityState[] = ['none', 'draft', 'submitted', 'returned', 'accepted']
export const CITY_STATE_TAGS: Record<CityState, TagType> = { none: 'info', ...ANNUAL_STATUS_TAGS, draft: 'primary' }
/** 已上报 warning (awaiting the city bureau), 已签收 success. */
export const PROBLEM_STATUS_TAGS: Record<ProblemReportStatus, TagType> = { submitted: 'warning', acknowledged: 'success' }

// ---------------------------------------------------------------- roles and actions

/** District bureaus write annual and problem reports (their own districts). */
export function writesReports(role: Role | null): boolean {
  return role === 'district_regulator'
}

/** The city bureau decides on annual reports, reads the compilation, acknowledges problems and publishes bulletins. */
export function isCityBureau(role: Role | null): boolean {
  return role === 'city_regulator'
}

export type AnnualAction = 'save' | 'submit' | 'accept' | 'return'

/** The district bureau saves and submits (报送) a draft or returned report; the city bureau accepts (通过) or returns (退回) a submitted one. */
export function annualActions(r: Pick<AnnualReport, 'status'>, role: Role | null): AnnualAction[] {
  if (writesReports(role)) return r.status === 'draft' || r.status === 'returned' ? ['save', 'submit'] : []
  if (isCityBureau(role)) return r.status === 'submitted' ? ['accept', 'return'] : []
  return []
}

export type ProblemAction = 'upload' | 'acknowledge'

/** The district bureau adds files while the report waits; the city bureau acknowledges (签收) it. */
export function problemActions(p: Pick<ProblemReport, 'status'>, role: Role | null): ProblemAction[] {
  if (p.status !== 'submitted') return []
  if (writesReports(role)) return ['upload']
  if (isCityBureau(role)) return ['acknowledge']
  return []
}

// ---------------------------------------------------------------- cut-off and freezing

/** The years a report may be written for: this year and the four before, newest first. */
export function reportYears(now: Date = new Date(), back = 4): number[] {
  const y = now.getFullYear()
  return Array.from({ length: back + 1 }, (_, i) => y - i)
}

/** The server's default cut-off: today for this year, 12-31 for a past one. */
export function defaultCutOff(year: number, now: Date = new Date()): string {
  return year < now.getFullYear() ? `${year}-12-31` : isoDate(now)
}

/** A cut-off the server takes: a day of the report's year, not after today. */
export function cutOffAllowed(date: string, year: number, now: Date = new Date()): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && date.startsWith(`${year}-`) && date <= isoDate(now)
}

/**
 * What the header says after 数据截至 <cut-off>: frozen at the last submission (with its time), or
 * a live preview that submission freezes.
 */
export function cutOffNote(r: Pick<AnnualReport, 'cut_off' | 'figures_frozen' | 'frozen_at'>): { date: string; frozen: boolean; at: string | null } {
  return { date: r.cut_off, frozen: r.figures_frozen, at: r.figures_frozen ? r.frozen_at : null }
}

// ---------------------------------------------------------------- narratives

export const NARRATIVES = ['work', 'problems', 'plan'] as const
export type NarrativeKey = (typeof NARRATIVES)[number]
/** The server's limit of each narrative (`text_too_long`). */
export const NARRATIVE_MAX = 10000

export type NarrativeForm = Record<NarrativeKey, string> & { cut_off: string }

export function narrativeForm(r: Pick<AnnualReport, NarrativeKey | 'cut_off'>): NarrativeForm {
  return { cut_off: r.cut_off, work: r.work, problems: r.problems, plan: r.plan }
}

/** The form differs from what the server has (the page then saves before submitting). */
export function narrativesChanged(form: NarrativeForm, r: Pick<AnnualReport, NarrativeKey | 'cut_off'>): boolean {
  return form.cut_off !== r.cut_off || NARRATIVES.some((k) => form[k] !== r[k])
}

/** The first narrative left blank (the server answers `narrative_required` for it), else null. */
export function missingNarrative(form: Pick<NarrativeForm, NarrativeKey>): NarrativeKey | null {
  return NARRATIVES.find((k) => form[k].trim() === '') ?? null
}

/** Plain text as its paragraphs: one per line, trimmed, blank lines dropped. */
export function paragraphs(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

// ---------------------------------------------------------------- rates and cards

/** 检定合格率: passed / verified. */
export function passRate(t: Pick<AnnualReportTotals, 'passed' | 'verified'>): number | null {
  return ratio(t.passed, t.verified)
}

/** 首次检定合格率: first_passed / first_verified. */
export function firstPassRate(t: Pick<AnnualReportTotals, 'first_passed' | 'first_verified'>): number | null {
  return ratio(t.first_passed, t.first_verified)
}

/** 结果公示率: inspections_published / inspections_done. */
export function publicationRate(t: Pick<AnnualReportTotals, 'inspections_published' | 'inspections_done'>): number | null {
  return ratio(t.inspections_published, t.inspections_done)
}

/** A rate of `n` over `d` as a percent ("87.5%"), "—" when `d` is 0. */
export function ratePercentOf(n: number, d: number): string {
  return ratePercent(ratio(n, d))
}

export type RateKey = 'pass_rate' | 'first_pass_rate' | 'publication_rate'
/** A card of an annual report's totals (the rates computed from their counts). */
export type AnnualFigureKey = keyof AnnualReportTotals | RateKey
/** Any figure card: the annual ones and a bulletin's. */
export type FigureKey = AnnualFigureKey | 'first_use_unverified' | 'rectifications_overdue'

/** A figure card (KpiCards): label `rptFigure.<key>`, hint `rptFigureHint.<key>` with `hint`. */
export interface FigureCard {
  key: FigureKey
  value: string
  tone: Tone
  hint?: Record<string, string | number>
}

export type FigureGroupKey = 'filing' | 'verification' | 'inspection' | 'enforcement'

/** The annual report's cards: 备案情况 / 检定情况 / 监督检查 / 整改与执法. */
export const FIGURE_GROUPS: readonly { key: FigureGroupKey; items: readonly AnnualFigureKey[] }[] = [
  { key: 'filing', items: ['enterprises', 'filed', 'approved', 'connectors', 'new_filings', 'valid', 'due_30d', 'overdue', 'never_verified', 'failed'] },
  { key: 'verification', items: ['verified', 'passed', 'failed_verifications', 'pass_rate', 'first_verified', 'first_passed', 'first_pass_rate', 'fees_waived'] },
  { key: 'inspection', items: ['inspection_tasks', 'inspection_objects', 'inspections_done', 'inspections_published', 'publication_rate'] },
  { key: 'enforcement', items: ['rectifications_opened', 'rectifications_closed', 'rectifications_open', 'cases_opened', 'cases_closed', 'penalty_yuan'] },
]

/** Cards with a hint (`rptFigureHint.*`): what a rate is over. */
export const FIGURE_HINTS = ['pass_rate', 'first_pass_rate', 'publication_rate'] as const

const BAD: readonly FigureKey[] = ['overdue', 'failed', 'failed_verifications', 'rectifications_overdue']
const WARN: readonly FigureKey[] = ['due_30d', 'never_verified', 'first_use_unverified', 'rectifications_open']

function countCard(key: FigureKey, n: number): FigureCard {
  const tone: Tone = key === 'valid' ? 'ok' : n <= 0 ? '' : BAD.includes(key) ? 'bad' : WARN.includes(key) ? 'warn' : ''
  return { key, value: formatCount(n), tone }
}

function rateCard(key: RateKey, n: number, d: number): FigureCard {
  const r = ratio(n, d)
  return { key, value: ratePercent(r), tone: rateTone(r), hint: { n: formatCount(n), d: formatCount(d) } }
}

/** One card of the annual totals; the rates computed from their counts. */
export function figureCard(key: AnnualFigureKey, t: AnnualReportTotals): FigureCard {
  switch (key) {
    case 'pass_rate':
      return rateCard(key, t.passed, t.verified)
    case 'first_pass_rate':
      return rateCard(key, t.first_passed, t.first_verified)
    case 'publication_rate':
      return rateCard(key, t.inspections_published, t.inspections_done)
    default:
      return countCard(key, t[key])
  }
}

/** The four groups of cards of an annual report's (or the city's summed) totals. */
export function figureGroups(t: AnnualReportTotals): { key: FigureGroupKey; cards: FigureCard[] }[] {
  return FIGURE_GROUPS.map((g) => ({ key: g.key, cards: g.items.map((k) => figureCard(k, t)) }))
}

/** Keys of a bulletin's overview, in display order. */
export const BULLETIN_OVERVIEW_KEYS = ['filed', 'approved', 'valid', 'due_30d', 'overdue', 'never_verified', 'failed', 'enterprises', 'connectors', 'first_use_unverified'] as const
/** Keys of a bulletin's supervision figures, in display order (the publication rate after the counts it is over). */
export const BULLETIN_SUPERVISION_KEYS = ['inspection_tasks', 'inspections_done', 'inspections_published', 'publication_rate', 'rectifications_open', 'rectifications_overdue'] as const

/** A bulletin's frozen overview as cards. */
export function bulletinOverviewCards(f: Pick<BulletinFigures, 'overview'>): FigureCard[] {
  return BULLETIN_OVERVIEW_KEYS.map((k) => countCard(k, f.overview[k]))
}

/** A bulletin's supervision figures as cards, with the publication rate. */
export function bulletinSupervisionCards(s: BulletinSupervision): FigureCard[] {
  return BULLETIN_SUPERVISION_KEYS.map((k) => (k === 'publication_rate' ? rateCard(k, s.inspections_published, s.inspections_done) : countCard(k, s[k])))
}

/** The counts of a bulletin's district table. */
export const DISTRICT_COUNT_KEYS = ['filed', 'approved', 'valid', 'due_30d', 'overdue', 'never_verified', 'failed'] as const
export type DistrictCountKey = (typeof DISTRICT_COUNT_KEYS)[number]

/** The sums of the district rows (the table's 合计 line). */
export function districtTotals(rows: readonly BulletinDistrictRow[]): Record<DistrictCountKey, number> {
  const out = Object.fromEntries(DISTRICT_COUNT_KEYS.map((k) => [k, 0])) as Record<DistrictCountKey, number>
  for (const r of rows) for (const k of DISTRICT_COUNT_KEYS) out[k] += r[k]
  return out
}

// ---------------------------------------------------------------- the city compilation

export function districtState(d: Pick<AnnualReportCityDistrict, 'status'>): CityState {
  return d.status ?? 'none'
}

/** How many districts are in each state (every state present, 0 when none). */
export function cityStateCounts(districts: readonly Pick<AnnualReportCityDistrict, 'status'>[]): Record<CityState, number> {
  const out = Object.fromEntries(CITY_STATES.map((s) => [s, 0])) as Record<CityState, number>
  for (const d of districts) out[districtState(d)]++
  return out
}

/** Districts whose report is not in yet (未编制, 草稿, 已退回): the city bureau may remind them. */
export function districtsPending(districts: readonly AnnualReportCityDistrict[]): AnnualReportCityDistrict[] {
  return districts.filter((d) => ['none', 'draft', 'returned'].includes(districtState(d)))
}

/** Every district's report accepted: the compiled report is complete. */
export function cityComplete(c: { accepted: number; total_districts: number }): boolean {
  return c.total_districts > 0 && c.accepted >= c.total_districts
}

// ---------------------------------------------------------------- the monthly chart

export const MONTH_SERIES = ['new_filings', 'verified', 'passed', 'failed'] as const
export type MonthSeries = (typeof MONTH_SERIES)[number]
const MONTH_COLORS: Record<MonthSeries, string> = { new_filings: '#409eff', verified: '#1d3f72', passed: '#67c23a', failed: '#f56c6c' }

/** The months of the period: approvals and verifications as bars, passed and failed as lines. */
export function monthlyOption(months: readonly AnnualReportMonth[], label: (s: MonthSeries) => string, monthLabel: (m: number) => string): ChartOption {
  return {
    tooltip: { trigger: 'axis', confine: true },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(monthNumber(m.month)) || m.month) },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { hideOverlap: true } },
    series: MONTH_SERIES.map((k) =>
      k === 'new_filings' || k === 'verified'
        ? { id: k, name: label(k), type: 'bar' as const, itemStyle: { color: MONTH_COLORS[k] }, data: months.map((m) => m[k]) }
        : { id: k, name: label(k), type: 'line' as const, symbolSize: 7, itemStyle: { color: MONTH_COLORS[k] }, lineStyle: { color: MONTH_COLORS[k] }, data: months.map((m) => m[k]) },
    ),
  }
}

// ---------------------------------------------------------------- attachments

/** What a problem report takes: PDF, JPEG, PNG, XLSX, DOCX; at most 10 MB each and 10 per report. */
export const ATTACHMENT_EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png', '.xlsx', '.docx'] as const
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.join(',')
export const MAX_ATTACHMENT_MB = 10
export const MAX_ATTACHMENTS = 10

export type AttachmentProblem = 'type' | 'size' | 'empty' | 'count'

/** Why the server would refuse `file` as one more of `count` attachments, or null. */
export function checkAttachment(file: { name: string; size: number }, count = 0): AttachmentProblem | null {
  if (count >= MAX_ATTACHMENTS) return 'count'
  const name = file.name.toLowerCase()
  if (!ATTACHMENT_EXTENSIONS.some((e) => name.endsWith(e))) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > MAX_ATTACHMENT_MB * 1024 * 1024) return 'size'
  return null
}

/** Bytes for people: "512 B", "12.3 KB", "1.5 MB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  if (bytes < 1024) return `${bytes} B`
  const kb = bytes / 1024
  if (kb < 1024) return `${trim1(kb)} KB`
  return `${trim1(kb / 1024)} MB`
}

function trim1(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '')
}

// ---------------------------------------------------------------- bulletin periods

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

/** A bulletin's period: a month (n 1..12), a quarter (n 1..4) or a year (n 0). */
export interface Period {
  kind: PeriodKind
  year: number
  n: number
}

/** "2026-11" | "2026-Q4" | "2026" → the period; null for anything else. */
export function parsePeriod(s: string | null | undefined): Period | null {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/.exec((s ?? '').trim())
  if (!m) return null
  const year = Number(m[1])
  if (m[2]) return { kind: 'month', year, n: Number(m[2]) }
  if (m[3]) return { kind: 'quarter', year, n: Number(m[3]) }
  return { kind: 'year', year, n: 0 }
}

/** The period as the API writes it. */
export function periodString(p: Period): string {
  if (p.kind === 'month') return `${p.year}-${String(p.n).padStart(2, '0')}`
  if (p.kind === 'quarter') return `${p.year}-Q${p.n}`
  return String(p.year)
}

/** The quarter (1..4) of a month (1..12). */
export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1
}

/** The period a new bulletin starts with: the month, quarter or year now running. */
export function currentPeriod(kind: PeriodKind, now: Date = new Date()): Period {
  const year = now.getFullYear()
  const month = now.getMonth() + 1
  if (kind === 'month') return { kind, year, n: month }
  if (kind === 'quarter') return { kind, year, n: quarterOf(month) }
  return { kind, year, n: 0 }
}

type Translate = (key: string, params?: Record<string, string | number>) => string

/**
 * A period in words (`t` is vue-i18n's): 2026年11月 (`rptPeriod.month`), 2026年第四季度
 * (`rptPeriod.quarter` with `rptQuarter.<n>`), 2026年度 (`rptPeriod.year`); a string that is not a
 * period as it is.
 */
export function periodLabel(s: string, t: Translate): string {
  const p = parsePeriod(s)
  if (!p) return s
  if (p.kind === 'quarter') return t('rptPeriod.quarter', { year: p.year, q: t(`rptQuarter.q${p.n}`) })
  return t(`rptPeriod.${p.kind}`, { year: p.year, n: p.n })
}

/** The first day of the period (YYYY-MM-DD). */
export function periodStart(p: Period): string {
  const month = p.kind === 'month' ? p.n : p.kind === 'quarter' ? (p.n - 1) * 3 + 1 : 1
  return `${p.year}-${String(month).padStart(2, '0')}-01`
}

/** The server publishes no bulletin of a period that has not begun (`period_invalid`). */
export function periodBegun(p: Period, now: Date = new Date()): boolean {
  return periodStart(p) <= isoDate(now)
}

export { ratio } from './format'
export * from './reportingInstitute'
export * from './reportingMilestones'
