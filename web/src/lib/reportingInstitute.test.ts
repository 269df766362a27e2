// 检定统计分析: the period and its address, the cards, rates, days and charts.
import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import { INSTITUTE_KPI_KEYS, MAX_PERIOD_DAYS, defaultInstitutePeriod, formatDays, histogramOption, instituteFiltersFromQuery, instituteFiltersToQuery, instituteKpis, instituteMonthOption, instituteQuery, isDay, monthLabels, overLimitBucket, periodDays, periodProblem, resultBarsOption } from './reportingInstitute'
import { ratePercentOf } from './reporting'

const NOW = new Date(2026, 11, 6, 10, 0, 0) // 2026-12-06

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
