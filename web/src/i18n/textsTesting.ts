// Helpers of the per-feature text tests (i18n/*.test.ts): message keys as dotted paths, a text
// by its key, its placeholders, the app's source files (to find the keys the pages name), and
// the locale put back after each test. Test code only: nothing in the app imports it.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { LOCALE_STORAGE_KEY, setLocale } from '.'

/** Every leaf key of a message tree, as "a.b.c". */
export function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
/** The value at a dotted key, or undefined. */
export const lookup = (o: object, key: string) => key.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown> | undefined)?.[p], o)
/** The `{name}` placeholders of a text, sorted. */
export const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()

/** Every source file of the app (tests and declarations left out). */
export function sources(dir = 'src'): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') ? [p] : []
  })
}

/** Back to Chinese with nothing remembered (for afterEach). */
export async function resetLocale(): Promise<void> {
  await setLocale('zh-CN')
  localStorage.removeItem(LOCALE_STORAGE_KEY)
}
