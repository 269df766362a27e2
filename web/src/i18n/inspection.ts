// The texts of the 双随机一公开 pages (inspection.zh-CN.ts, inspection.en.ts) are not part of the
// first screen: the inspection routes load them with their views (router/routes.ts).
import { loadFeatureTexts } from '.'

export function loadInspectionTexts(): Promise<void> {
  return loadFeatureTexts('inspection', {
    'zh-CN': () => import('./inspection.zh-CN'),
    en: () => import('./inspection.en'),
  })
}
