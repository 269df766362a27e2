// The UI language: vue-i18n with the zh-CN texts built in and the others loaded when first
// chosen (loadLocale), together with Element Plus's own texts for App.vue's el-config-provider.
import { shallowRef } from 'vue'
import { createI18n } from 'vue-i18n'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import zhCN from './zh-CN'
import type { DeepStringRecord } from './types'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const LOCALE_STORAGE_KEY = 'mvis.locale'

type Messages = DeepStringRecord<typeof zhCN>
type ElementLocale = typeof elZhCn

/** The texts of the languages other than zh-CN: separate chunks, fetched when first chosen. */
const LOADERS: Record<Exclude<Locale, 'zh-CN'>, () => Promise<[Messages, ElementLocale]>> = {
  en: () => Promise.all([import('./en'), import('element-plus/es/locale/lang/en')]).then(([m, el]) => [m.default, el.default]),
}
const elementLocales: Partial<Record<Locale, ElementLocale>> = { 'zh-CN': elZhCn }

export function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(LOCALE_STORAGE_KEY)
    if (v && (LOCALES as readonly string[]).includes(v)) return v as Locale
  } catch {
    // storage unavailable: default
  }
  return 'zh-CN'
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN } as Record<Locale, Messages>,
  missingWarn: false,
  fallbackWarn: false,
})

/**
 * The texts of a feature kept out of the first screen (the inspection pages'): a module per
 * language whose default export is merged into that language's messages when first needed.
 */
export type FeatureTexts = Record<Locale, () => Promise<{ default: object }>>

const features = new Map<string, FeatureTexts>()
/** `name:locale` of the feature texts merged so far. */
const mergedFeatures = new Set<string>()

async function mergeFeature(name: string, locale: Locale): Promise<void> {
  const key = `${name}:${locale}`
  const loaders = features.get(name)
  if (!loaders || mergedFeatures.has(key)) return
  const texts = (await loaders[locale]()).default
  i18n.global.mergeLocaleMessage(locale, texts as Messages)
  mergedFeatures.add(key)
}

/**
 * Makes a feature's texts available: fetched now for the language shown, and by loadLocale for
 * any language chosen later. Resolves once they are in; rejects when they cannot be fetched.
 */
export async function loadFeatureTexts(name: string, loaders: FeatureTexts): Promise<void> {
  features.set(name, loaders)
  await mergeFeature(name, i18n.global.locale.value)
}

/** Element Plus's texts (pager, date picker, dialogs) in the UI language. */
export const elementLocale = shallowRef<ElementLocale>(elZhCn)

/**
 * Shows the UI in `locale`, fetching the language's texts the first time; rejects when they
 * cannot be fetched, leaving the language as it was.
 */
export async function loadLocale(locale: Locale): Promise<void> {
  let el = elementLocales[locale]
  if (!el) {
    const [messages, loaded] = await LOADERS[locale as Exclude<Locale, 'zh-CN'>]()
    i18n.global.setLocaleMessage(locale, messages)
    el = elementLocales[locale] = loaded
  }
  await Promise.all([...features.keys()].map((name) => mergeFeature(name, locale)))
  i18n.global.locale.value = locale
  elementLocale.value = el
  document.documentElement.lang = locale
}

/** The user's choice of language: shown (loadLocale) and remembered for the next visit. */
export async function setLocale(locale: Locale): Promise<void> {
  await loadLocale(locale)
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // ignore
  }
}

/** Translate `prefix.key` when such a message exists, else show `key` itself (unknown codes). */
export function labelOr(prefix: string, key: string | null | undefined): string {
  if (!key) return ''
  const full = `${prefix}.${key}`
  return i18n.global.te(full) ? i18n.global.t(full) : key
}
