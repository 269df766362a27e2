// The texts of 计量数据验签 (ocmf.zh-CN.ts, ocmf.en.ts) are not part of the first screen: the
// route loads them with its view (router/routes.ts).
import { loadFeatureTexts } from '.'

export function loadOcmfTexts(): Promise<void> {
  return loadFeatureTexts('ocmf', {
    'zh-CN': () => import('./ocmf.zh-CN'),
    en: () => import('./ocmf.en'),
  })
}
