import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN'
import en from './en'
import { ROLES, ORG_KINDS, DUTIES } from '@/lib/api/types'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

function leaves(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (typeof v === 'object' && v !== null ? leaves(v) : [v as string]))
}

describe('i18n messages', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('has no empty messages', () => {
    for (const s of [...leaves(zhCN), ...leaves(en)]) expect(s.trim()).not.toBe('')
  })

  it('labels every role, organisation kind and duty', () => {
    for (const r of ROLES) expect(zhCN.roles).toHaveProperty(r)
    for (const k of ORG_KINDS) expect(zhCN.orgKinds).toHaveProperty(k)
    for (const d of DUTIES) expect(zhCN.duties).toHaveProperty(d)
    expect(zhCN.roles.enterprise).toBe('运营企业')
    expect(zhCN.roles.sysadmin).toBe('系统管理员')
    expect(zhCN.orgKinds.city_bureau).toBe('市市场监管局')
  })

  it('uses the same placeholders in both languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    const zhKeys = keys(zhCN)
    const get = (o: object, k: string) => k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o) as string
    for (const k of zhKeys) expect(ph(get(en, k)), k).toEqual(ph(get(zhCN, k)))
  })

  it('defines every top-level key once across the merged message files', () => {
    // zh-CN.ts / en.ts spread their modules into one object: a key defined twice silently
    // replaces the other one's messages (it once turned 检定形式 into raw keys).
    for (const [main, modules] of [
      ['zh-CN', ['filing.zh-CN', 'verification.zh-CN', 'certificates.zh-CN', 'layout.zh-CN', 'announcements.zh-CN', 'sampling.zh-CN', 'credit.zh-CN', 'rectifications.zh-CN']],
      ['en', ['filing.en', 'verification.en', 'certificates.en', 'layout.en', 'announcements.en', 'sampling.en', 'credit.en', 'rectifications.en']],
    ] as const) {
      const seen = new Map<string, string>()
      for (const file of [main, ...modules]) {
        const text = readFileSync(`src/i18n/${file}.ts`, 'utf8')
        for (const m of text.matchAll(/^ {2}([A-Za-z_][\w]*|'[^']+'): /gm)) {
          const key = m[1].replace(/'/g, '')
          expect(seen.get(key), `${key} in ${file}.ts and ${seen.get(key)}.ts`).toBeUndefined()
          seen.set(key, file)
        }
      }
      expect(seen.size).toBeGreaterThan(20)
    }
  })
})
