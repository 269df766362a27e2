// The texts of the reporting pages (年度工作报告, 重大问题上报, 通报: reporting.zh-CN.ts,
// reporting.en.ts) are not part of the first screen: their routes load them with their views
// (router/routes.ts). Their `errors` are merged into the built-in ones.
import { loadFeatureTexts } from '.'

export function loadReportingTexts(): Promise<void> {
  return loadFeatureTexts('reporting', {
    'zh-CN': () => import('./reporting.zh-CN'),
    en: () => import('./reporting.en'),
  })
}
