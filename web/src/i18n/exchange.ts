// The texts of the exchange pages (在用未备案核查, 平台对接: exchange.zh-CN.ts, exchange.en.ts; 计量作弊线索
// and the 线索核查 dialog they share: alerts.zh-CN.ts, alerts.en.ts) are not part of the first
// screen: their routes load them with their views (router/routes.ts), both files of a language at once.
import { loadFeatureTexts } from '.'

const both = (a: Promise<{ default: object }>, b: Promise<{ default: object }>) => Promise.all([a, b]).then(([x, y]) => ({ default: { ...x.default, ...y.default } }))

export function loadExchangeTexts(): Promise<void> {
  return loadFeatureTexts('exchange', {
    'zh-CN': () => both(import('./exchange.zh-CN'), import('./alerts.zh-CN')),
    en: () => both(import('./exchange.en'), import('./alerts.en')),
  })
}
