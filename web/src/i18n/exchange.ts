// The texts of the exchange pages (在用未备案核查, 平台对接: exchange.zh-CN.ts, exchange.en.ts) are
// not part of the first screen: their routes load them with their views (router/routes.ts).
import { loadFeatureTexts } from '.'

export function loadExchangeTexts(): Promise<void> {
  return loadFeatureTexts('exchange', {
    'zh-CN': () => import('./exchange.zh-CN'),
    en: () => import('./exchange.en'),
  })
}
