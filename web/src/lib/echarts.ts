// Apache ECharts, modular: the core with only the charts, components and renderer the statistics
// dashboards use (bars, pies, lines on a grid with tooltip and legend, drawn on canvas). Only
// components/statistics/EChart.vue imports it, so it lands in the dashboard's lazy chunks.
import { init, use, type EChartsType } from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { init }
export type { EChartsType }
