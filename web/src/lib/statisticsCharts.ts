// ECharts options of the statistics dashboards (统计分析), built from the API rows with the texts
// passed in (so the builders stay pure and testable): the verification states per district
// (stacked bars), filings per type (pie), per use, per brand and model and per failure item
// (bars), and a year's monthly trends (lines). Each clickable series carries the `id` its
// drill-down reads back from the click (lib/statistics.ts).
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type {
  StatisticsBrandRow,
  StatisticsDistrictRow,
  StatisticsFailureItem,
  StatisticsMonth,
  StatisticsTypeRow,
  StatisticsUseRow,
} from './api/types'
import { TREND_SERIES, type CountKey } from './statistics'

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

/** Colours of the verification states, as the supervision tables tint them. */
export const STATE_COLORS: Record<CountKey | 'valid_later', string> = {
  filed: '#409eff',
  approved: '#1d3f72',
  valid: '#67c23a',
  valid_later: '#67c23a',
  due_30d: '#e6a23c',
  overdue: '#f56c6c',
  never_verified: '#909399',
  failed: '#a8071a',
}

const TREND_COLORS = { filed: '#409eff', verified: '#67c23a', failed: '#a8071a', expired: '#e6a23c' } as const

/**
 * The parts an approved instrument is in, one stacked segment each: valid and not due within 30
 * days, due within 30 days, overdue, never verified, failed. The segment's series `id` is the
 * count it opens (`valid_later` opens the valid ones).
 */
export const DISTRICT_SEGMENTS = ['valid_later', 'due_30d', 'overdue', 'never_verified', 'failed'] as const
export type DistrictSegment = (typeof DISTRICT_SEGMENTS)[number]

/** The registry count a district segment opens. */
export function segmentCount(segment: string): CountKey | null {
  if (segment === 'valid_later') return 'valid'
  return (DISTRICT_SEGMENTS as readonly string[]).includes(segment) ? (segment as CountKey) : null
}

type Counts = Pick<StatisticsDistrictRow, CountKey>

/** A segment's value: valid less the ones due within 30 days, never below 0; else the count. */
export function segmentValue(row: Counts, segment: DistrictSegment): number {
  return segment === 'valid_later' ? Math.max(0, row.valid - row.due_30d) : row[segment]
}

/** Room for `n` bars of a horizontal bar chart (px), within [min, max]. */
export function barChartHeight(n: number, min = 220, max = 720): number {
  return Math.min(max, Math.max(min, 60 + n * 28))
}

const TOOLTIP_AXIS: TooltipComponentOption = { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true }
const LEGEND: LegendComponentOption = { type: 'scroll', top: 0 }
/** Counts: whole numbers, labels thinned out where they would overlap (a phone). */
const VALUE_AXIS = { type: 'value', minInterval: 1, axisLabel: { hideOverlap: true } } as const
/** The count axis of horizontal bars: few ticks, so a phone's narrow axis keeps them apart. */
const BAR_VALUE_AXIS = { ...VALUE_AXIS, splitNumber: 3 } as const
/** Room for the labels: names on the left of horizontal bars. */
const GRID_H: GridComponentOption = { left: 8, right: 24, top: 36, bottom: 8, containLabel: true }

/** Stacked horizontal bars of the verification states per district, first district on top. */
export function districtOption(rows: readonly StatisticsDistrictRow[], label: (segment: DistrictSegment) => string): ChartOption {
  return {
    tooltip: TOOLTIP_AXIS,
    legend: LEGEND,
    grid: GRID_H,
    xAxis: BAR_VALUE_AXIS,
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.region_name) },
    series: DISTRICT_SEGMENTS.map((s) => ({
      id: s,
      name: label(s),
      type: 'bar',
      stack: 'state',
      barMaxWidth: 22,
      itemStyle: { color: STATE_COLORS[s] },
      emphasis: { focus: 'series' },
      data: rows.map((r) => segmentValue(r, s)),
    })),
  }
}

/** Filed instruments per type as a ring; the slice's `name` is the type's name. */
export function typeOption(rows: readonly StatisticsTypeRow[], seriesName: string): ChartOption {
  return {
    tooltip: { trigger: 'item', confine: true, formatter: '{b}: {c} ({d}%)' },
    legend: LEGEND,
    series: [
      {
        id: 'filed',
        name: seriesName,
        type: 'pie',
        radius: ['36%', '68%'],
        center: ['50%', '56%'],
        // the count on its slice (the legend names the types): no label runs out of a phone's box
        label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 'bold' },
        data: rows.map((r) => ({ name: r.type_name, value: r.filed })),
      },
    ],
  }
}

/** Filed instruments per use (用途), the use's name from `useName`; a bar opens the list of that use (lib/statistics.ts useLink). */
export function useOption(rows: readonly StatisticsUseRow[], useName: (use: string) => string, seriesName: string): ChartOption {
  return barOption(
    rows.map((r) => useName(r.use)),
    rows.map((r) => r.filed),
    { id: 'filed', name: seriesName, color: STATE_COLORS.filed, clickable: true },
  )
}

/** "brand model", or the model alone when no brand was given (`noBrand` for neither). */
export function brandLabel(row: Pick<StatisticsBrandRow, 'brand' | 'model'>, noBrand: string): string {
  const s = [row.brand.trim(), row.model.trim()].filter(Boolean).join(' ')
  return s || noBrand
}

/** Filed instruments per brand and model, most filed on top. */
export function brandOption(rows: readonly StatisticsBrandRow[], seriesName: string, noBrand: string): ChartOption {
  return barOption(
    rows.map((r) => brandLabel(r, noBrand)),
    rows.map((r) => r.filed),
    { id: 'filed', name: seriesName, color: STATE_COLORS.filed, clickable: true },
  )
}

/** Failed verifications per item (its Chinese `name`; the code only when it has none), most frequent on top. */
export function failureOption(rows: readonly StatisticsFailureItem[], seriesName: string): ChartOption {
  return barOption(
    rows.map((r) => r.name || r.item),
    rows.map((r) => r.count),
    { id: 'failed', name: seriesName, color: STATE_COLORS.failed, clickable: true },
  )
}

function barOption(names: string[], values: number[], s: { id: string; name: string; color: string; clickable: boolean }): ChartOption {
  return {
    tooltip: TOOLTIP_AXIS,
    grid: { ...GRID_H, top: 8 },
    xAxis: BAR_VALUE_AXIS,
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      {
        id: s.id,
        name: s.name,
        type: 'bar',
        barMaxWidth: 22,
        cursor: s.clickable ? 'pointer' : 'default',
        itemStyle: { color: s.color },
        label: { show: true, position: 'right' },
        data: values,
      },
    ],
  }
}

/** The month number of "2026-03" (3); 0 for anything else. */
export function monthNumber(month: string): number {
  const m = /^\d{4}-(\d{2})$/.exec(month)
  const n = m ? Number(m[1]) : 0
  return n >= 1 && n <= 12 ? n : 0
}

/**
 * A year's lines: approvals, verifications completed, failed ones and certificates run out
 * (still overdue), month by month; series `id` = the trend series (lib/statistics.ts trendLink).
 */
export function trendOption(months: readonly StatisticsMonth[], label: (series: (typeof TREND_SERIES)[number]) => string, monthLabel: (m: number) => string): ChartOption {
  return {
    tooltip: { trigger: 'axis', confine: true },
    legend: LEGEND,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: months.map((m) => monthLabel(monthNumber(m.month)) || m.month) },
    yAxis: VALUE_AXIS,
    series: TREND_SERIES.map((k) => ({
      id: k,
      name: label(k),
      type: 'line',
      smooth: false,
      symbolSize: 7,
      itemStyle: { color: TREND_COLORS[k] },
      lineStyle: { color: TREND_COLORS[k] },
      data: months.map((m) => m[k]),
    })),
  }
}
