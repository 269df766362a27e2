import { describe, expect, it } from 'vitest'
import type { StatisticsDistrictRow, StatisticsMonth } from './api/types'
import {
  DISTRICT_SEGMENTS,
  barChartHeight,
  brandLabel,
  brandOption,
  districtOption,
  failureOption,
  monthNumber,
  segmentCount,
  segmentValue,
  trendOption,
  typeOption,
  useOption,
} from './statisticsCharts'

const counts = { filed: 0, approved: 0, valid: 0, due_30d: 0, overdue: 0, never_verified: 0, failed: 0 }
const district = (code: string, name: string, c: Partial<typeof counts>): StatisticsDistrictRow => ({ region_code: code, region_name: name, ...counts, ...c })
const rows = [district('420102', '江岸区', { approved: 20, valid: 12, due_30d: 3, overdue: 4, never_verified: 3, failed: 1 }), district('420103', '江汉区', { approved: 2, valid: 1, due_30d: 2 })]

type Series = { id: string; name: string; type: string; data: unknown[]; stack?: string; cursor?: string }
const seriesOf = (o: { series?: unknown }) => o.series as Series[]
const axis = (o: unknown, which: 'xAxis' | 'yAxis') => (o as Record<string, { data?: unknown[] }>)[which]

describe('district chart', () => {
  it('stacks the disjoint states of approved instruments, one series per state', () => {
    const o = districtOption(rows, (s) => `L:${s}`)
    expect(axis(o, 'yAxis').data).toEqual(['江岸区', '江汉区'])
    const series = seriesOf(o)
    expect(series.map((s) => s.id)).toEqual([...DISTRICT_SEGMENTS])
    expect(series.map((s) => s.name)).toEqual(DISTRICT_SEGMENTS.map((s) => `L:${s}`))
    expect(series.every((s) => s.type === 'bar' && s.stack === 'state')).toBe(true)
    expect(series.map((s) => s.data)).toEqual([
      [9, 0], // valid less due: 12 − 3; never below 0 (1 − 2)
      [3, 2],
      [4, 0],
      [3, 0],
      [1, 0],
    ])
    // the segments add up to the approved ones when the states are disjoint
    expect(DISTRICT_SEGMENTS.reduce((n, s) => n + segmentValue(rows[0], s), 0)).toBe(20)
  })

  it('maps a clicked segment back to the count it opens', () => {
    expect(segmentCount('valid_later')).toBe('valid')
    expect(segmentCount('due_30d')).toBe('due_30d')
    expect(segmentCount('failed')).toBe('failed')
    expect(segmentCount('filed')).toBeNull()
    expect(segmentCount('')).toBeNull()
  })
})

describe('type, use, brand and failure charts', () => {
  it('shows filed instruments per type as slices named by the type', () => {
    const o = typeOption([{ type_code: 'ev_dc_charger', type_name: '直流充电桩', ...counts, filed: 30 }], '申报备案器具')
    const [pie] = seriesOf(o)
    expect(pie).toMatchObject({ id: 'filed', type: 'pie', name: '申报备案器具' })
    expect(pie.data).toEqual([{ name: '直流充电桩', value: 30 }])
  })

  it('names uses by their label; a use bar is clickable (it opens the list of that use)', () => {
    const o = useOption([{ use: 'trade_settlement', ...counts, filed: 12 }], (u) => (u === 'trade_settlement' ? '贸易结算' : u), 'x')
    expect(axis(o, 'yAxis').data).toEqual(['贸易结算'])
    expect(seriesOf(o)[0]).toMatchObject({ data: [12], cursor: 'pointer' })
  })

  it('labels brand rows "brand model", the model alone, or a placeholder', () => {
    expect(brandLabel({ brand: '星星', model: 'DC-60' }, '—')).toBe('星星 DC-60')
    expect(brandLabel({ brand: ' ', model: 'AC-7' }, '—')).toBe('AC-7')
    expect(brandLabel({ brand: '', model: '' }, '未填')).toBe('未填')
    const o = brandOption([{ brand: '星星', model: 'DC-60', ...counts, filed: 8 }], 'n', '未填')
    expect(axis(o, 'yAxis').data).toEqual(['星星 DC-60'])
    expect(seriesOf(o)[0]).toMatchObject({ id: 'filed', data: [8], cursor: 'pointer' })
  })

  it('names failure items by their Chinese name, never by code unless it has none', () => {
    const o = failureOption(
      [
        { item: 'working_error', name: '工作误差', count: 5 },
        { item: 'chk_7', name: '', count: 1 },
      ],
      '不合格次数',
    )
    expect(axis(o, 'yAxis').data).toEqual(['工作误差', 'chk_7'])
    expect(seriesOf(o)[0]).toMatchObject({ id: 'failed', data: [5, 1] })
  })

  it('gives horizontal bar charts room for their bars, within limits', () => {
    expect(barChartHeight(0)).toBe(220)
    expect(barChartHeight(10)).toBe(340)
    expect(barChartHeight(100)).toBe(720)
    expect(barChartHeight(1, 180)).toBe(180)
  })
})

describe('trend chart', () => {
  const month = (m: string, v: Partial<StatisticsMonth> = {}): StatisticsMonth => ({ month: m, filed: 0, verified: 0, passed: 0, failed: 0, first: 0, first_passed: 0, expired: 0, ...v })

  it('reads the month number of YYYY-MM', () => {
    expect(monthNumber('2026-01')).toBe(1)
    expect(monthNumber('2026-12')).toBe(12)
    expect(monthNumber('2026-13')).toBe(0)
    expect(monthNumber('2026-1')).toBe(0)
  })

  it('draws filed, verified, failed and expired per month', () => {
    const o = trendOption([month('2026-01', { filed: 3, verified: 2, failed: 1, expired: 4 }), month('2026-02')], (k) => k.toUpperCase(), (m) => `${m}月`)
    expect(axis(o, 'xAxis').data).toEqual(['1月', '2月'])
    expect(seriesOf(o).map((s) => [s.id, s.name, s.type, s.data])).toEqual([
      ['filed', 'FILED', 'line', [3, 0]],
      ['verified', 'VERIFIED', 'line', [2, 0]],
      ['failed', 'FAILED', 'line', [1, 0]],
      ['expired', 'EXPIRED', 'line', [4, 0]],
    ])
  })
})
