// The texts of the acceptance check and public lookup pages (acceptance.zh-CN.ts,
// acceptance.en.ts) are not part of the first screen: their routes load them with their views
// (router/routes.ts).
import { loadFeatureTexts } from '.'

export function loadAcceptanceTexts(): Promise<void> {
  return loadFeatureTexts('acceptance', {
    'zh-CN': () => import('./acceptance.zh-CN'),
    en: () => import('./acceptance.en'),
  })
}
