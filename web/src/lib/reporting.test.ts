import { describe, expect, it } from 'vitest'
import type { AnnualReportCityDistrict, AnnualReportTotals, BulletinDistrictRow } from './api/types.reporting'
import { ANNUAL_REPORT_STATUSES, PROBLEM_REPORT_STATUSES } from './api/types.reporting'
import {
  ANNUAL_STATUS_TAGS,
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
