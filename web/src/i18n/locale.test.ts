// Languages other than zh-CN load on demand: their texts and Element Plus's arrive together, the
// choice is remembered, and zh-CN needs no fetch.
import { afterEach, describe, expect, it } from 'vitest'
import { elementLocale, i18n, LOCALE_STORAGE_KEY, loadLocale, setLocale, storedLocale } from '.'

afterEach(async () => {
  await setLocale('zh-CN')
  localStorage.removeItem(LOCALE_STORAGE_KEY)
})

describe('UI language', () => {
  it('starts in zh-CN with only its texts', () => {
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(i18n.global.t('common.search')).toBe('查询')
    expect(elementLocale.value.name).toBe('zh-cn')
  })

  it('loads English with Element Plus English, and remembers the choice', async () => {
    await setLocale('en')
    expect(i18n.global.availableLocales).toContain('en')
    expect(i18n.global.t('common.search')).toBe('Search')
    expect(elementLocale.value.name).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(storedLocale()).toBe('en')
  })

  it('shows a language without remembering it (start-up)', async () => {
    await loadLocale('en')
    expect(i18n.global.locale.value).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull()
    await loadLocale('zh-CN')
    expect(elementLocale.value.name).toBe('zh-cn')
    expect(document.documentElement.lang).toBe('zh-CN')
  })
})
