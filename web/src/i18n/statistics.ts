// The texts of the statistics dashboards (statistics.zh-CN.ts, statistics.en.ts) are not part of
// the first screen: the dashboard route and the home page's async overview load them.
import { loadFeatureTexts } from '.'

export function loadStatisticsTexts(): Promise<void> {
  return loadFeatureTexts('statistics', {
    'zh-CN': () => import('./statistics.zh-CN'),
    en: () => import('./statistics.en'),
  })
}
