import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import type { AnnualReportCityDistrict, AnnualReportTotals, BulletinDistrictRow, MilestoneProgressRow } from './api/types.reporting'
import { ANNUAL_REPORT_STATUSES, MILESTONE_KINDS, MILESTONE_STATUSES, PROBLEM_REPORT_STATUSES } from './api/types.reporting'
import {
  ANNUAL_STATUS_TAGS,
  INSTITUTE_KPI_KEYS,
  MAX_PERIOD_DAYS,
  MILESTONE_STATUS_TAGS,
  blankMilestoneForm,
  daysLeftOf,
  deadlineState,
  defaultInstitutePeriod,
  formatDays,
  histogramOption,
  instituteFiltersFromQuery,
  instituteFiltersToQuery,
  instituteKpis,
  instituteMonthOption,
  instituteQuery,
  isDay,
  managesMilestones,
  milestoneForm,
  milestoneLink,
  milestoneRequest,
  monthLabels,
  needsSince,
  overLimitBucket,
  periodDays,
  periodProblem,
  progressCounts,
  progressPercent,
  progressState,
  progressStatus,
  progressText,
  resultBarsOption,
  targetValid,
  CITY_STATES,
  CITY_STATE_TAGS,
  FIGURE_GROUPS,
  MAX_ATTACHMENTS,
  PROBLEM_STATUS_TAGS,
  annualActions,
  bulletinOverviewCards,
  bulletinSupervisionCards,
  checkAttachment,
  cityComplete,
  cityStateCounts,
  currentPeriod,
  cutOffAllowed,
  cutOffNote,
  defaultCutOff,
  districtState,
  districtTotals,
  districtsPending,
  figureCard,
  figureGroups,
  firstPassRate,
  formatSize,
  missingNarrative,
  monthlyOption,
  narrativeForm,
  narrativesChanged,
  paragraphs,
  parsePeriod,
  passRate,
  periodBegun,
  periodLabel,
  periodStart,
  periodString,
  problemActions,
  publicationRate,
  quarterOf,
  ratePercentOf,
  ratio,
  reportYears,
} from './reporting'

const NOW = new Date(2026, 11, 6, 10, 0, 0) // 2026-12-06

function totals(over: Partial<AnnualReportTotals> = {}): AnnualReportTotals {
  const zero = Object.fromEntries(
    [
      'enterprises',
      'filed',
      'approved',
      'connectors',
      'valid',
      'due_30d',
      'overdue',
      'never_verified',
      'failed',
      'new_filings',
      'verified',
      'passed',
      'failed_verifications',
      'first_verified',
      'first_passed',
      'fees_waived',
      'inspection_tasks',
      'inspection_objects',
      'inspections_done',
      'inspections_published',
      'rectifications_opened',
      'rectifications_closed',
      'rectifications_open',
      'cases_opened',
      'cases_closed',
      'penalty_yuan',
    ].map((k) => [k, 0]),
  ) as unknown as AnnualReportTotals
  return { ...zero, ...over }
}

const district = (code: string, status: AnnualReportCityDistrict['status']): AnnualReportCityDistrict => ({
  region_code: code,
  region_name: code,
  report_id: status ? 1 : null,
  status,
  cut_off: status ? '2026-12-06' : null,
  submitted_at: null,
  decided_at: null,
})

describe('rates', () => {
  it('divide only when there is something to divide by', () => {
    expect(ratio(3, 4)).toBe(0.75)
    expect(ratio(0, 0)).toBeNull()
    expect(ratio(5, 0)).toBeNull()
    expect(ratio(Number.NaN, 3)).toBeNull()
  })

  it('give the pass, first-attempt pass and publication rates of the totals', () => {
    const t = totals({ verified: 200, passed: 190, first_verified: 40, first_passed: 35, inspections_done: 8, inspections_published: 6 })
    expect(passRate(t)).toBe(0.95)
    expect(firstPassRate(t)).toBe(0.875)
    expect(publicationRate(t)).toBe(0.75)
    expect(passRate(totals())).toBeNull()
  })

  it('show a rate as a percent, a dash when nothing was counted', () => {
    expect(ratePercentOf(190, 200)).toBe('95%')
    expect(ratePercentOf(1, 3)).toBe('33.33%')
    expect(ratePercentOf(0, 0)).toBe('—')
  })
})

describe('figure cards', () => {
  it('group every total into 备案情况 / 检定情况 / 监督检查 / 整改与执法, each once, with the three rates', () => {
    expect(FIGURE_GROUPS.map((g) => g.key)).toEqual(['filing', 'verification', 'inspection', 'enforcement'])
    const keys = FIGURE_GROUPS.flatMap((g) => g.items)
    expect(new Set(keys).size).toBe(keys.length)
    const counted = keys.filter((k) => !['pass_rate', 'first_pass_rate', 'publication_rate'].includes(k)).sort()
    expect(counted).toEqual(Object.keys(totals()).sort())
    expect(keys).toEqual(expect.arrayContaining(['pass_rate', 'first_pass_rate', 'publication_rate']))
  })

  it('format counts with separators and rates as percents with what they are over', () => {
    const t = totals({ filed: 12345, verified: 1000, passed: 870, overdue: 3, valid: 9, penalty_yuan: 20000 })
    expect(figureCard('filed', t)).toEqual({ key: 'filed', value: '12,345', tone: '' })
    expect(figureCard('pass_rate', t)).toEqual({ key: 'pass_rate', value: '87%', tone: 'warn', hint: { n: '870', d: '1,000' } })
    expect(figureCard('first_pass_rate', t)).toMatchObject({ value: '—', tone: '', hint: { n: '0', d: '0' } })
    expect(figureCard('overdue', t).tone).toBe('bad')
    expect(figureCard('valid', t).tone).toBe('ok')
    expect(figureCard('penalty_yuan', t).value).toBe('20,000')
    const groups = figureGroups(t)
    expect(groups[1].cards.find((c) => c.key === 'pass_rate')?.value).toBe('87%')
    expect(groups.flatMap((g) => g.cards)).toHaveLength(FIGURE_GROUPS.flatMap((g) => g.items).length)
  })

  it('turn a bulletin into overview and supervision cards, with the publication rate', () => {
    const overview = { filed: 10, approved: 9, valid: 7, due_30d: 1, overdue: 1, never_verified: 1, failed: 0, enterprises: 3, connectors: 20, first_use_unverified: 2 }
    const cards = bulletinOverviewCards({ overview })
    expect(cards.map((c) => c.key)).toEqual(['filed', 'approved', 'valid', 'due_30d', 'overdue', 'never_verified', 'failed', 'enterprises', 'connectors', 'first_use_unverified'])
    expect(cards.find((c) => c.key === 'first_use_unverified')).toEqual({ key: 'first_use_unverified', value: '2', tone: 'warn' })
    const sup = bulletinSupervisionCards({ inspection_tasks: 2, inspections_done: 4, inspections_published: 3, rectifications_open: 5, rectifications_overdue: 1 })
    expect(sup.map((c) => c.key)).toEqual(['inspection_tasks', 'inspections_done', 'inspections_published', 'publication_rate', 'rectifications_open', 'rectifications_overdue'])
    expect(sup.find((c) => c.key === 'publication_rate')).toMatchObject({ value: '75%', hint: { n: '3', d: '4' } })
    expect(sup.find((c) => c.key === 'rectifications_overdue')?.tone).toBe('bad')
  })

  it('sum a bulletin\'s district rows', () => {
    const row = (n: number): BulletinDistrictRow => ({ region_code: String(n), name: String(n), filed: n, approved: n, valid: n, due_30d: 0, overdue: 1, never_verified: 0, failed: 0 })
    expect(districtTotals([row(2), row(5)])).toEqual({ filed: 7, approved: 7, valid: 7, due_30d: 0, overdue: 2, never_verified: 0, failed: 0 })
    expect(districtTotals([]).filed).toBe(0)
  })
})

describe('annual report workflow', () => {
  it('lets the district save and submit a draft or returned report, and the city decide a submitted one', () => {
    for (const status of ['draft', 'returned'] as const) {
      expect(annualActions({ status }, 'district_regulator')).toEqual(['save', 'submit'])
      expect(annualActions({ status }, 'city_regulator')).toEqual([])
    }
    expect(annualActions({ status: 'submitted' }, 'city_regulator')).toEqual(['accept', 'return'])
    expect(annualActions({ status: 'submitted' }, 'district_regulator')).toEqual([])
    expect(annualActions({ status: 'accepted' }, 'city_regulator')).toEqual([])
    expect(annualActions({ status: 'submitted' }, 'drc')).toEqual([])
  })

  it('colours every status', () => {
    for (const s of ANNUAL_REPORT_STATUSES) expect(ANNUAL_STATUS_TAGS[s]).toBeTruthy()
    for (const s of PROBLEM_REPORT_STATUSES) expect(PROBLEM_STATUS_TAGS[s]).toBeTruthy()
    for (const s of CITY_STATES) expect(CITY_STATE_TAGS[s]).toBeTruthy()
    expect(ANNUAL_STATUS_TAGS).toEqual({ draft: 'info', submitted: 'warning', accepted: 'success', returned: 'danger' })
  })

  it('offers this year and the four before, and the cut-off the server would take', () => {
    expect(reportYears(NOW)).toEqual([2026, 2025, 2024, 2023, 2022])
    expect(defaultCutOff(2026, NOW)).toBe('2026-12-06')
    expect(defaultCutOff(2025, NOW)).toBe('2025-12-31')
    expect(cutOffAllowed('2026-12-06', 2026, NOW)).toBe(true)
    expect(cutOffAllowed('2026-12-07', 2026, NOW)).toBe(false)
    expect(cutOffAllowed('2025-12-31', 2026, NOW)).toBe(false)
    expect(cutOffAllowed('2025-06-30', 2025, NOW)).toBe(true)
    expect(cutOffAllowed('', 2026, NOW)).toBe(false)
  })

  it('says whether the figures are frozen, and since when', () => {
    expect(cutOffNote({ cut_off: '2026-12-06', figures_frozen: false, frozen_at: null })).toEqual({ date: '2026-12-06', frozen: false, at: null })
    expect(cutOffNote({ cut_off: '2026-12-06', figures_frozen: true, frozen_at: '2026-12-06T03:00:00Z' })).toEqual({ date: '2026-12-06', frozen: true, at: '2026-12-06T03:00:00Z' })
  })

  it('finds the first narrative left blank and notices changes', () => {
    const r = { cut_off: '2026-12-06', work: '开展了工作', problems: '', plan: '计划' }
    const form = narrativeForm(r)
    expect(narrativesChanged(form, r)).toBe(false)
    expect(missingNarrative(form)).toBe('problems')
    form.problems = '  \n '
    expect(missingNarrative(form)).toBe('problems')
    expect(narrativesChanged(form, r)).toBe(true)
    form.problems = '问题'
    expect(missingNarrative(form)).toBeNull()
    expect(narrativesChanged({ ...narrativeForm(r), cut_off: '2026-11-30' }, r)).toBe(true)
    expect(missingNarrative({ work: '', problems: '', plan: '' })).toBe('work')
  })

  it('splits plain text into paragraphs', () => {
    expect(paragraphs('一、开展检定\r\n\n  二、监督检查  \n')).toEqual(['一、开展检定', '二、监督检查'])
    expect(paragraphs('')).toEqual([])
    expect(paragraphs(null)).toEqual([])
  })
})

describe('city compilation', () => {
  const districts = [district('420102', 'accepted'), district('420103', 'submitted'), district('420104', null), district('420105', 'returned'), district('420106', 'draft')]

  it('names a district without a report 未编制 and counts every state', () => {
    expect(districtState(districts[2])).toBe('none')
    expect(districtState(districts[0])).toBe('accepted')
    expect(cityStateCounts(districts)).toEqual({ none: 1, draft: 1, submitted: 1, returned: 1, accepted: 1 })
    expect(cityStateCounts([])).toEqual({ none: 0, draft: 0, submitted: 0, returned: 0, accepted: 0 })
  })

  it('lists the districts still to report and knows when every one is accepted', () => {
    expect(districtsPending(districts).map((d) => d.region_code)).toEqual(['420104', '420105', '420106'])
    expect(cityComplete({ accepted: 13, total_districts: 13 })).toBe(true)
    expect(cityComplete({ accepted: 12, total_districts: 13 })).toBe(false)
    expect(cityComplete({ accepted: 0, total_districts: 0 })).toBe(false)
  })

  it('charts the months: filings and verifications as bars, passed and failed as lines', () => {
    const o = monthlyOption(
      [
        { month: '2026-01', new_filings: 3, verified: 5, passed: 4, failed: 1 },
        { month: '2026-02', new_filings: 0, verified: 2, passed: 2, failed: 0 },
      ],
      (k) => k,
      (m) => `${m}月`,
    )
    expect((o.xAxis as { data: string[] }).data).toEqual(['1月', '2月'])
    const series = o.series as { id: string; type: string; data: number[] }[]
    expect(series.map((s) => [s.id, s.type])).toEqual([
      ['new_filings', 'bar'],
      ['verified', 'bar'],
      ['passed', 'line'],
      ['failed', 'line'],
    ])
    expect(series[1].data).toEqual([5, 2])
  })
})

describe('problem reports', () => {
  it('lets the district attach files and the city acknowledge while submitted only', () => {
    expect(problemActions({ status: 'submitted' }, 'district_regulator')).toEqual(['upload'])
    expect(problemActions({ status: 'submitted' }, 'city_regulator')).toEqual(['acknowledge'])
    expect(problemActions({ status: 'acknowledged' }, 'district_regulator')).toEqual([])
    expect(problemActions({ status: 'acknowledged' }, 'city_regulator')).toEqual([])
    expect(problemActions({ status: 'submitted' }, 'enterprise')).toEqual([])
  })

  it('stops files the server would refuse', () => {
    expect(checkAttachment({ name: '现场照片.JPG', size: 1000 })).toBeNull()
    expect(checkAttachment({ name: '情况说明.docx', size: 1000 })).toBeNull()
    expect(checkAttachment({ name: '台账.xlsx', size: 10 * 1024 * 1024 })).toBeNull()
    expect(checkAttachment({ name: '台账.xls', size: 1000 })).toBe('type')
    expect(checkAttachment({ name: 'a.pdf', size: 0 })).toBe('empty')
    expect(checkAttachment({ name: 'a.pdf', size: 10 * 1024 * 1024 + 1 })).toBe('size')
    expect(checkAttachment({ name: 'a.pdf', size: 10 }, MAX_ATTACHMENTS)).toBe('count')
    expect(checkAttachment({ name: 'a.pdf', size: 10 }, MAX_ATTACHMENTS - 1)).toBeNull()
  })

  it('shows file sizes for people', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(2048)).toBe('2 KB')
    expect(formatSize(12_600)).toBe('12.3 KB')
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1.5 MB')
    expect(formatSize(-1)).toBe('—')
  })
})

describe('bulletin periods', () => {
  it('read and write a month, a quarter and a year', () => {
    expect(parsePeriod('2026-11')).toEqual({ kind: 'month', year: 2026, n: 11 })
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', year: 2026, n: 4 })
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, n: 0 })
    for (const bad of ['2026-13', '2026-Q5', '2026-1', '26', '', null, 'x2026']) expect(parsePeriod(bad), String(bad)).toBeNull()
    for (const s of ['2026-01', '2026-11', '2026-Q1', '2026']) expect(periodString(parsePeriod(s)!)).toBe(s)
  })

  it('start the form at the period now running, and refuse one that has not begun', () => {
    expect(currentPeriod('month', NOW)).toEqual({ kind: 'month', year: 2026, n: 12 })
    expect(currentPeriod('quarter', NOW)).toEqual({ kind: 'quarter', year: 2026, n: 4 })
    expect(currentPeriod('year', NOW)).toEqual({ kind: 'year', year: 2026, n: 0 })
    expect([1, 3, 4, 6, 7, 12].map(quarterOf)).toEqual([1, 1, 2, 2, 3, 4])
    expect(periodStart({ kind: 'quarter', year: 2026, n: 3 })).toBe('2026-07-01')
    expect(periodStart({ kind: 'month', year: 2026, n: 2 })).toBe('2026-02-01')
    expect(periodStart({ kind: 'year', year: 2026, n: 0 })).toBe('2026-01-01')
    expect(periodBegun({ kind: 'month', year: 2026, n: 12 }, NOW)).toBe(true)
    expect(periodBegun({ kind: 'month', year: 2027, n: 1 }, NOW)).toBe(false)
    expect(periodBegun({ kind: 'quarter', year: 2026, n: 4 }, NOW)).toBe(true)
    expect(periodBegun({ kind: 'year', year: 2027, n: 0 }, NOW)).toBe(false)
  })

  it('name a period with the texts given, and show anything else as it is', () => {
    const texts: Record<string, string> = { 'rptPeriod.month': '{year}年{n}月', 'rptPeriod.quarter': '{year}年{q}', 'rptPeriod.year': '{year}年度', 'rptQuarter.q4': '第四季度' }
    const t = (key: string, params: Record<string, string | number> = {}) => (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]))
    expect(periodLabel('2026-11', t)).toBe('2026年11月')
    expect(periodLabel('2026-Q4', t)).toBe('2026年第四季度')
    expect(periodLabel('2026', t)).toBe('2026年度')
    expect(periodLabel('去年', t)).toBe('去年')
  })
})

describe('检定统计分析', () => {
  it('defaults to this year up to today, and keeps a period from the address only when the server takes it', () => {
    expect(defaultInstitutePeriod(NOW)).toEqual({ from: '2026-01-01', to: '2026-12-06' })
    expect(instituteFiltersFromQuery({}, NOW)).toEqual({ from: '2026-01-01', to: '2026-12-06', institute_org_id: 0 })
    expect(instituteFiltersFromQuery({ from: '2025-07-01', to: '2026-06-30', institute_org_id: '4' }, NOW)).toEqual({ from: '2025-07-01', to: '2026-06-30', institute_org_id: 4 })
    // reversed, too long, not a day, half a period: the default period
    for (const q of [{ from: '2026-06-30', to: '2026-01-01' }, { from: '2020-01-01', to: '2026-01-01' }, { from: '2026-02-30', to: '2026-03-01' }, { from: '2026-01-01' }] as LocationQuery[]) {
      expect(instituteFiltersFromQuery(q, NOW), JSON.stringify(q)).toMatchObject({ from: '2026-01-01', to: '2026-12-06' })
    }
    expect(instituteFiltersFromQuery({ institute_org_id: 'x' }, NOW).institute_org_id).toBe(0)
    expect(instituteFiltersFromQuery({ institute_org_id: '-3' }, NOW).institute_org_id).toBe(0)
  })

  it('writes only what differs from the default into the address, and asks the API for the period and institute', () => {
    expect(instituteFiltersToQuery({ from: '2026-01-01', to: '2026-12-06', institute_org_id: 0 }, NOW)).toEqual({})
    expect(instituteFiltersToQuery({ from: '2026-03-01', to: '2026-12-06', institute_org_id: 4 }, NOW)).toEqual({ from: '2026-03-01', to: '2026-12-06', institute_org_id: '4' })
    expect(instituteQuery({ from: '2026-01-01', to: '2026-12-06', institute_org_id: 0 })).toEqual({ from: '2026-01-01', to: '2026-12-06' })
    expect(instituteQuery({ from: '2026-01-01', to: '2026-12-06', institute_org_id: 4 })).toEqual({ from: '2026-01-01', to: '2026-12-06', institute_org_id: 4 })
  })

  it('checks days and periods as the server does (range_invalid, range_too_long over three years)', () => {
    expect(isDay('2026-02-28')).toBe(true)
    expect(isDay('2026-02-29')).toBe(false)
    expect(isDay('2028-02-29')).toBe(true)
    expect(isDay('2026-1-01')).toBe(false)
    expect(periodDays('2026-01-01', '2026-12-31')).toBe(364)
    expect(periodDays('2026-01-01', 'x')).toBeNull()
    expect(periodProblem('2026-01-01', '2026-12-31')).toBeNull()
    expect(periodProblem('2026-02-01', '2026-01-31')).toBe('order')
    expect(MAX_PERIOD_DAYS).toBe(1098)
    expect(periodProblem('2023-01-01', '2026-01-03')).toBeNull() // 1098 days
    expect(periodProblem('2023-01-01', '2026-01-04')).toBe('long')
  })

  it('shows the totals as cards: counts with separators, the pass rate as a percent with its hint, failures red', () => {
    const cards = instituteKpis({ verified: 1280, passed: 1216, failed: 64, refused: 3 })
    expect(cards.map((c) => c.key)).toEqual([...INSTITUTE_KPI_KEYS])
    const by = Object.fromEntries(cards.map((c) => [c.key, c]))
    expect(by.verified).toMatchObject({ value: '1,280', tone: '' })
    expect(by.failed).toMatchObject({ value: '64', tone: 'bad' })
    expect(by.refused).toMatchObject({ value: '3', tone: 'warn' })
    expect(by.pass_rate).toMatchObject({ value: '95%', tone: 'ok', hint: { n: '1,216', d: '1,280' } })
    const none = Object.fromEntries(instituteKpis({ verified: 0, passed: 0, failed: 0, refused: 0 }).map((c) => [c.key, c]))
    expect(none.pass_rate).toMatchObject({ value: '—', tone: '' })
    expect(none.failed.tone).toBe('')
    expect(instituteKpis({ verified: 3, passed: 2, failed: 1, refused: 0 }).find((c) => c.key === 'pass_rate')).toMatchObject({ value: '66.67%', tone: 'warn' })
    expect(ratePercentOf(1, 8)).toBe('12.5%')
    expect(ratePercentOf(0, 0)).toBe('—')
  })

  it('formats turnaround days with one decimal, "—" for none', () => {
    expect(formatDays(1.5)).toBe('1.5')
    expect(formatDays(3)).toBe('3')
    expect(formatDays(0.04)).toBe('0')
    expect(formatDays(2.25)).toBe('2.3')
    expect(formatDays(null)).toBe('—')
    expect(formatDays(undefined)).toBe('—')
  })

  it('labels months by their number within one year, by year and month across years', () => {
    const m = (n: number) => `${n}月`
    expect(monthLabels([{ month: '2026-03' }, { month: '2026-11' }], m)).toEqual(['3月', '11月'])
    expect(monthLabels([{ month: '2025-12' }, { month: '2026-01' }], m)).toEqual(['2025-12', '2026-01'])
  })

  it('builds the charts: months and kinds stacked passed/failed, a histogram with its over-limit bucket in red', () => {
    const months = instituteMonthOption(
      [
        { month: '2026-01', verified: 5, passed: 4, failed: 1 },
        { month: '2026-02', verified: 2, passed: 2, failed: 0 },
      ],
      (k) => k,
      (n) => `${n}月`,
    )
    const series = months.series as { id: string; stack: string; data: number[] }[]
    expect(series.map((x) => [x.id, x.stack, x.data])).toEqual([
      ['passed', 'results', [4, 2]],
      ['failed', 'results', [1, 0]],
    ])
    expect((months.xAxis as { data: string[] }).data).toEqual(['1月', '2月'])
    const kinds = resultBarsOption([{ name: '首次检定', passed: 3, failed: 1 }], (k) => (k === 'passed' ? '合格' : '不合格'))
    expect((kinds.yAxis as { data: string[] }).data).toEqual(['首次检定'])
    expect((kinds.series as { name: string }[]).map((x) => x.name)).toEqual(['合格', '不合格'])
    const buckets = ['≤20%', '20%–40%', '40%–60%', '60%–80%', '80%–100%', '超出限值']
    expect(overLimitBucket(buckets)).toBe(5)
    const h = histogramOption(buckets, [10, 5, 3, 2, 1, 4], '负载点', [5])
    const data = (h.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0].data
    expect(data.map((d) => d.value)).toEqual([10, 5, 3, 2, 1, 4])
    expect(data[5].itemStyle.color).toBe('#f56c6c')
    expect(data[0].itemStyle.color).not.toBe('#f56c6c')
  })
})

describe('工作节点', () => {
  const row = (over: Partial<MilestoneProgressRow> = {}): MilestoneProgressRow => ({ region_code: '420102', name: '江岸区', numerator: 3, denominator: 4, pct: 75, met: false, overdue: false, ...over })

  it('lets the city bureau alone manage milestones; tags every status', () => {
    expect(managesMilestones('city_regulator')).toBe(true)
    for (const r of ['district_regulator', 'drc', 'institute', 'enterprise', 'sysadmin', null] as const) expect(managesMilestones(r), String(r)).toBe(false)
    for (const s of MILESTONE_STATUSES) expect(MILESTONE_STATUS_TAGS[s], s).toBeTruthy()
  })

  it('asks for `since` with first verification only', () => {
    expect(MILESTONE_KINDS.filter(needsSince)).toEqual(['first_verification'])
    expect(needsSince('')).toBe(false)
  })

  it('starts a new milestone at 100% in 30 days, edits an existing one, and sends since only where it counts', () => {
    expect(blankMilestoneForm(NOW)).toEqual({ title: '', kind: '', deadline: '2027-01-05', target_pct: 100, since: '', note: '' })
    const f = milestoneForm({ title: 't', kind: 'first_verification', deadline: '2026-12-31', target_pct: 90, since: '2026-07-01', note: 'n' })
    expect(f).toEqual({ title: 't', kind: 'first_verification', deadline: '2026-12-31', target_pct: 90, since: '2026-07-01', note: 'n' })
    expect(milestoneRequest(f)).toEqual({ title: 't', kind: 'first_verification', deadline: '2026-12-31', target_pct: 90, since: '2026-07-01', note: 'n' })
    expect(milestoneRequest({ ...f, kind: 'sampling' })).toEqual({ title: 't', kind: 'sampling', deadline: '2026-12-31', target_pct: 90, note: 'n' })
    expect(milestoneForm({ title: 't', kind: 'sampling', deadline: '2026-12-31', target_pct: 90, since: null, note: '' }).since).toBe('')
    expect(milestoneRequest(blankMilestoneForm(NOW))).toBeNull()
  })

  it('takes whole targets from 1 to 100', () => {
    for (const n of [1, 50, 100]) expect(targetValid(n), String(n)).toBe(true)
    for (const n of [0, 101, 99.5, -1, NaN, '80', null]) expect(targetValid(n), String(n)).toBe(false)
  })

  it('tags the deadline: days left, within a week amber, today, past red', () => {
    expect(deadlineState(30)).toEqual({ kind: 'left', n: 30, tag: 'info' })
    expect(deadlineState(7)).toEqual({ kind: 'soon', n: 7, tag: 'warning' })
    expect(deadlineState(1)).toEqual({ kind: 'soon', n: 1, tag: 'warning' })
    expect(deadlineState(0)).toEqual({ kind: 'today', n: 0, tag: 'warning' })
    expect(deadlineState(-3)).toEqual({ kind: 'past', n: 3, tag: 'danger' })
    expect(daysLeftOf({ deadline: '2027-01-05' }, NOW)).toBe(30)
    expect(daysLeftOf({ deadline: '2026-12-01' }, NOW)).toBe(-5)
  })

  it('colours a district green when met, red when overdue, blue while under way, and leaves one with nothing to count empty', () => {
    expect(progressState(row({ met: true, pct: 100 }))).toBe('met')
    expect(progressStatus(row({ met: true, pct: 100 }))).toBe('success')
    expect(progressState(row({ overdue: true }))).toBe('overdue')
    expect(progressStatus(row({ overdue: true }))).toBe('exception')
    expect(progressState(row())).toBe('pending')
    expect(progressStatus(row())).toBeUndefined()
    expect(progressState(row({ pct: null, numerator: 0, denominator: 0 }))).toBe('none')
    expect(progressStatus(row({ pct: null }))).toBeUndefined()
    // met wins (the server never sends both)
    expect(progressState(row({ met: true, overdue: true }))).toBe('met')
  })

  it('fills the bar with the percent, capped to 0–100, and shows it with one decimal', () => {
    expect(progressPercent(row({ pct: 87.5 }))).toBe(87.5)
    expect(progressPercent(row({ pct: null }))).toBe(0)
    expect(progressPercent(row({ pct: 120 }))).toBe(100)
    expect(progressText(row({ pct: 87.5 }))).toBe('87.5%')
    expect(progressText(row({ pct: 100 }))).toBe('100%')
    expect(progressText(row({ pct: null }))).toBe('—')
    expect(progressCounts([row({ met: true }), row({ overdue: true }), row(), row({ pct: null })])).toEqual({ met: 1, overdue: 1, pending: 1, none: 1 })
  })

  it('opens the registry list behind a district where one exists', () => {
    expect(milestoneLink({ kind: 'filing_review' }, { region_code: '420102' })).toEqual({ path: '/review', query: { status: 'all', region_code: '420102' } })
    expect(milestoneLink({ kind: 'periodic_verification' }, { region_code: '420102' })).toEqual({ path: '/review', query: { status: 'approved', region_code: '420102' } })
    // the 合计 row: the whole scope
    expect(milestoneLink({ kind: 'periodic_verification' }, { region_code: '' })).toEqual({ path: '/review', query: { status: 'approved' } })
    for (const kind of ['first_verification', 'sampling', 'inspection'] as const) expect(milestoneLink({ kind }, { region_code: '420102' }), kind).toBeNull()
  })
})
