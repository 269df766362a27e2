import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { StatisticsOverview, StatisticsSupervision, StatisticsTrends } from './api/types'
import {
  COUNT_KEYS,
  KPI_KEYS,
  blankStatisticsFilters,
  brandLink,
  districtLink,
  failureLink,
  filtersFromQuery,
  filtersToQuery,
  formatCount,
  kpiLink,
  operatorLink,
  overviewKpis,
  rateTone,
  registryLink,
  statisticsQuery,
  statisticsYearQuery,
  trendLink,
  typeLink,
  useLink,
  yearKpis,
  type StatisticsFilters,
} from './statistics'

const NOW = new Date(2026, 11, 6)
const f = (over: Partial<StatisticsFilters> = {}): StatisticsFilters => ({ ...blankStatisticsFilters(NOW), ...over })

const overview: StatisticsOverview = {
  filed: 1280,
  approved: 1200,
  valid: 1010,
  due_30d: 36,
  overdue: 52,
  never_verified: 0,
  failed: 18,
  enterprises: 64,
  connectors: 2310,
  first_use_unverified: 41,
  first_use_date: '2021-07-01',
  as_of: '2026-12-06',
}

describe('filters and the address', () => {
  it('reads the filters a link asks for', () => {
    expect(filtersFromQuery({ year: '2025', region_code: '420103', type_code: 'ev_dc_charger', org_id: '7', org_name: '某充电公司' }, NOW)).toEqual({
      year: 2025,
      region_code: '420103',
      type_code: 'ev_dc_charger',
      org_id: 7,
      org_name: '某充电公司',
    })
  })

  it('falls back to this year and no filter for bad or missing values', () => {
    expect(filtersFromQuery({}, NOW)).toEqual({ year: 2026, region_code: '', type_code: '', org_id: 0, org_name: '' })
    for (const year of ['abc', '1999', '2028', '2025.5', '']) expect(filtersFromQuery({ year }, NOW).year, year).toBe(2026)
    expect(filtersFromQuery({ year: '2027' }, NOW).year).toBe(2027)
    expect(filtersFromQuery({ org_id: '-3', org_name: 'x' }, NOW)).toMatchObject({ org_id: 0, org_name: '' })
    expect(filtersFromQuery({ org_id: 'x' }, NOW).org_id).toBe(0)
    expect(filtersFromQuery({ region_code: ['420102', '420103'] }, NOW).region_code).toBe('420102')
  })

  it('writes only what differs from the defaults, and reads it back', () => {
    expect(filtersToQuery(f(), NOW)).toEqual({})
    const chosen = f({ year: 2025, region_code: '420103', type_code: 'ev_ac_charger', org_id: 9, org_name: '甲公司' })
    const q = filtersToQuery(chosen, NOW)
    expect(q).toEqual({ year: '2025', region_code: '420103', type_code: 'ev_ac_charger', org_id: '9', org_name: '甲公司' })
    expect(filtersFromQuery(q as Record<string, string>, NOW)).toEqual(chosen)
    expect(filtersToQuery(f({ org_name: 'stale' }), NOW)).toEqual({})
  })

  it('sends the scope filters, and the year where it counts', () => {
    expect(statisticsQuery(f())).toEqual({ region_code: undefined, type_code: undefined, org_id: undefined })
    expect(statisticsQuery(f({ region_code: '420103', org_id: 4 }))).toEqual({ region_code: '420103', type_code: undefined, org_id: 4 })
    expect(statisticsYearQuery(f({ year: 2025, type_code: 'ev_dc_charger' }))).toEqual({ region_code: undefined, type_code: 'ev_dc_charger', org_id: undefined, year: 2025 })
  })
})

describe('drill-down to the registry list', () => {
  it('maps each count to the list filters of 备案审核', () => {
    expect(registryLink('filed')).toEqual({ path: '/review', query: { status: 'all' } })
    expect(registryLink('approved')).toEqual({ path: '/review', query: { status: 'approved' } })
    expect(registryLink('valid').query).toEqual({ status: 'approved', verification: 'valid' })
    // the 30-day window, not the list's own due-soon window
    expect(registryLink('due_30d').query).toEqual({ status: 'approved', verification: 'due_soon', due_days: '30' })
    expect(registryLink('overdue').query).toEqual({ status: 'approved', verification: 'overdue' })
    expect(registryLink('never_verified').query).toEqual({ status: 'approved', verification: 'never' })
    expect(registryLink('failed').query).toEqual({ status: 'approved', verification: 'failed' })
  })

  it('carries the scope: district, type, operator (with its name), brand and model', () => {
    expect(registryLink('overdue', { region_code: '420103', type_code: 'ev_dc_charger', org_id: 7, org_name: '甲', brand: '星星', model: 'DC-60' })).toEqual({
      path: '/review',
      query: { status: 'approved', verification: 'overdue', region_code: '420103', type_code: 'ev_dc_charger', org_id: '7', org_name: '甲', brand: '星星', q: 'DC-60' },
    })
    expect(registryLink('filed', { region_code: '', type_code: '', org_id: 0, org_name: 'x', brand: '', model: '' }).query).toEqual({ status: 'all' })
  })

  it('leaves out a use the list does not know (the server would refuse it)', () => {
    expect(useLink({ use: '' }, f()).query).toEqual({ status: 'all' })
    expect(useLink({ use: 'weather' }, f()).query).toEqual({ status: 'all' })
    expect(registryLink('filed', { use: 'trade_settlement' }).query).toEqual({ status: 'all', use: 'trade_settlement' })
  })

  it('builds the link of each chart segment and table count from the dashboard filters', () => {
    const filters = f({ type_code: 'ev_dc_charger', year: 2025 })
    expect(districtLink({ region_code: '420106' }, 'never_verified', filters).query).toEqual({
      status: 'approved',
      verification: 'never',
      region_code: '420106',
      type_code: 'ev_dc_charger',
    })
    // a segment's own value wins over the filter
    expect(typeLink({ type_code: 'ev_ac_charger' }, filters).query).toEqual({ status: 'all', type_code: 'ev_ac_charger' })
    expect(brandLink({ brand: '', model: 'AC-7' }, f()).query).toEqual({ status: 'all', q: 'AC-7' })
    expect(useLink({ use: 'safety' }, filters).query).toEqual({ status: 'all', type_code: 'ev_dc_charger', use: 'safety' })
    expect(districtLink({ region_code: '420106' }, 'due_30d', f()).query).toEqual({ status: 'approved', verification: 'due_soon', due_days: '30', region_code: '420106' })
    expect(operatorLink({ org_id: 12, org_name: '乙公司' }, 'overdue', f({ region_code: '420102' })).query).toEqual({
      status: 'approved',
      verification: 'overdue',
      region_code: '420102',
      org_id: '12',
      org_name: '乙公司',
    })
    expect(trendLink('expired', filters).query).toEqual({ status: 'approved', verification: 'overdue', type_code: 'ev_dc_charger' })
    expect(trendLink('filed', f()).query).toEqual({ status: 'approved' })
    expect(trendLink('verified', f()).query).toEqual({ status: 'approved', verification: 'valid' })
    expect(failureLink(f()).query).toEqual({ status: 'approved', verification: 'failed' })
  })

  it('sends the other cards to the lists they sum up', () => {
    expect(kpiLink('enterprises', f())).toEqual({ path: '/archive' })
    expect(kpiLink('enterprises', f({ region_code: '420103' }))).toEqual({ path: '/archive', query: { region_code: '420103' } })
    expect(kpiLink('connectors', f({ org_id: 3, org_name: '丙' }))).toEqual({ path: '/review', query: { status: 'all', org_id: '3', org_name: '丙' } })
    expect(kpiLink('first_use_unverified', f()).query).toEqual({ status: 'approved', verification: 'never' })
    expect(kpiLink('first_pass_rate', f())).toEqual({ path: '/certificates' })
    expect(kpiLink('sampling_coverage', f())).toEqual({ path: '/supervision/sampling' })
    expect(kpiLink('inspection_completion', f())).toEqual({ path: '/supervision/inspection/statistics' })
    expect(kpiLink('inspection_publication', f())).toEqual({ path: '/supervision/inspection/statistics' })
    expect(kpiLink('rectifications_open', f())).toEqual({ path: '/supervision/rectifications' })
    expect(kpiLink('rectifications_overdue', f())).toEqual({ path: '/supervision/rectifications', query: { overdue: 'true' } })
  })
})

describe('headline cards', () => {
  it('formats counts with thousands separators and no figure as a dash', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(1280)).toBe('1,280')
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatCount(null)).toBe('—')
    expect(formatCount(Number.NaN)).toBe('—')
  })

  it('colours rates: at least 90% good, under 60% bad, none without a figure', () => {
    expect(rateTone(1)).toBe('ok')
    expect(rateTone(0.9)).toBe('ok')
    expect(rateTone(0.8999)).toBe('warn')
    expect(rateTone(0.6)).toBe('warn')
    expect(rateTone(0.5999)).toBe('bad')
    expect(rateTone(0)).toBe('bad')
    expect(rateTone(null)).toBe('')
  })

  it('shows the overview as ten cards, tinted where something needs doing', () => {
    const cards = overviewKpis(overview, f())
    expect(cards.map((c) => c.key)).toEqual([...COUNT_KEYS, 'enterprises', 'connectors', 'first_use_unverified'])
    const by = Object.fromEntries(cards.map((c) => [c.key, c]))
    expect(by.filed).toMatchObject({ value: '1,280', tone: '' })
    expect(by.valid.tone).toBe('ok')
    expect(by.due_30d.tone).toBe('warn')
    expect(by.overdue.tone).toBe('bad')
    expect(by.never_verified).toMatchObject({ value: '0', tone: '' })
    expect(by.failed.tone).toBe('bad')
    expect(by.connectors.value).toBe('2,310')
    expect(by.first_use_unverified).toMatchObject({ tone: 'warn', hint: { date: '2021-07-01' } })
    expect(by.overdue.link).toEqual({ path: '/review', query: { status: 'approved', verification: 'overdue' } })
  })

  it('shows the year: first-attempt pass rate from the trend totals and the supervision rates', () => {
    const trends = { year: 2026, months: [], totals: { filed: 0, verified: 10, passed: 8, failed: 2, first: 8, first_passed: 7, first_pass_rate: 0.875 } } as StatisticsTrends
    const sup: StatisticsSupervision = {
      sampling: { plans: 1, samples: 30, verified: 28, strata: 6, strata_covered: 5, coverage: 5 / 6 },
      inspections: { tasks: 2, objects: 40, done: 36, published: 30, completion_rate: 0.9, publication_rate: 0.75 },
      rectifications: { open: 4, overdue: 1, closed: 9 },
    }
    const cards = yearKpis(trends, sup, f())
    expect(cards.map((c) => [c.key, c.value, c.tone])).toEqual([
      ['first_pass_rate', '87.5%', 'warn'],
      ['sampling_coverage', '83.33%', 'warn'],
      ['inspection_completion', '90%', 'ok'],
      ['inspection_publication', '75%', 'warn'],
      ['rectifications_open', '4', ''],
      ['rectifications_overdue', '1', 'bad'],
    ])
    expect(cards[0].hint).toEqual({ year: 2026, passed: '7', first: '8' })
    expect(cards[2].hint).toEqual({ year: 2026, done: '36', objects: '40' })
  })

  it('shows a dash for a rate with nothing to count, and no cards for parts that did not load', () => {
    const trends = { year: 2026, months: [], totals: { filed: 0, verified: 0, passed: 0, failed: 0, first: 0, first_passed: 0, first_pass_rate: null } } as StatisticsTrends
    expect(yearKpis(trends, null, f())).toEqual([
      { key: 'first_pass_rate', value: '—', tone: '', link: { path: '/certificates' }, hint: { year: 2026, passed: '0', first: '0' } },
    ])
    expect(yearKpis(null, null, f())).toEqual([])
  })

  it('lists every card once', () => {
    expect(new Set(KPI_KEYS).size).toBe(KPI_KEYS.length)
    expect(KPI_KEYS.length).toBe(16)
  })
})

describe('the counts match openapi.json', () => {
  const spec = JSON.parse(readFileSync('../src/http/openapi.json', 'utf8')) as {
    components: { schemas: Record<string, { properties: Record<string, unknown> }> }
  }
  it.each([
    ['StatisticsDistrictRow', ['region_code', 'region_name']],
    ['StatisticsTypeRow', ['type_code', 'type_name']],
    ['StatisticsUseRow', ['use']],
    ['StatisticsBrandRow', ['brand', 'model']],
    ['StatisticsOperatorRow', ['org_id', 'org_name']],
  ])('%s carries the seven counts', (name, own) => {
    expect(Object.keys(spec.components.schemas[name].properties).sort()).toEqual([...own, ...COUNT_KEYS].sort())
  })
})
