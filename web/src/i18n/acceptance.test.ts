// The acceptance check and public lookup texts are loaded with their pages, not with the first
// screen: they must still match in both languages, not collide with the built-in or inspection
// messages, cover every key the pages name, name every status in Chinese, and follow a change of
// language.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { keys, lookup, placeholders, resetLocale, sources } from './textsTesting'
import zhCN from './zh-CN'
import enBuiltIn from './en'
import inspZh from './inspection.zh-CN'
import accZh from './acceptance.zh-CN'
import accEn from './acceptance.en'
import { i18n, setLocale } from '.'
import { loadAcceptanceTexts } from './acceptance'
import { ACCEPTANCE_ITEM_STATUSES, ACCEPTANCE_VERDICTS, PUBLIC_CHECK_STATUSES } from '@/lib/api/types.acceptance'

afterEach(resetLocale)

describe('acceptance texts', () => {
  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(keys(accEn).sort()).toEqual(keys(accZh).sort())
    for (const k of keys(accZh)) {
      expect((lookup(accZh, k) as string).trim(), k).not.toBe('')
      expect(placeholders(lookup(accEn, k) as string), k).toEqual(placeholders(lookup(accZh, k) as string))
    }
  })

  it('do not redefine a top-level key of the built-in or inspection messages', () => {
    for (const k of Object.keys(accZh)) {
      expect(Object.keys(zhCN), k).not.toContain(k)
      expect(Object.keys(inspZh), k).not.toContain(k)
    }
  })

  it('cover every acceptance key the pages name', () => {
    const missing: string[] = []
    for (const file of sources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](acc[A-Z]\w*(?:\.\w+)+)['"`]/g)) {
        if (lookup(accZh, m[1]) === undefined) missing.push(`${m[1]} in ${file}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('name every status, verdict and certificate status in Chinese', () => {
    expect(accZh.accItemStatus).toEqual({
      ok: '合格有效',
      unfiled: '未备案',
      never_verified: '未检定',
      failed: '检定不合格',
      expired: '已过有效期',
      revoked: '证书已注销',
    })
    for (const s of ACCEPTANCE_ITEM_STATUSES) expect(accZh.accItemStatus, s).toHaveProperty(s)
    for (const v of ACCEPTANCE_VERDICTS) expect(accZh.accVerdict, v).toHaveProperty(v)
    for (const s of PUBLIC_CHECK_STATUSES) {
      expect(accZh.accLookupStatus, s).toHaveProperty(s)
      expect(accZh.accLookupStatusDesc, s).toHaveProperty(s)
    }
    expect(accZh.accVerdict).toEqual({ passed: '全部合格', gaps: '存在问题' })
    expect(accZh.accDetail.passedBanner).toBe('全部检定合格且在有效期内')
    expect(accZh.accLookup.noCertificate).toBe('已备案，尚无有效检定证书')
    expect(accZh.accLookup.notFound).toBe('未找到')
    expect(accZh.accLookup.rateLimited).toBe('请求过于频繁')
    expect(accZh.accLookup.incomplete).toBe('请输入完整的设备编码 / 厂家和出厂编号')
  })

  it('keep the menu titles and the login link built in', () => {
    for (const k of ['acceptanceChecks', 'acceptanceCheckNew', 'acceptanceCheckDetail', 'publicLookup'] as const) {
      expect(zhCN.menu[k], k).toBeTypeOf('string')
      expect(enBuiltIn.menu[k], k).toBeTypeOf('string')
    }
    expect(zhCN.menu.acceptanceChecks).toBe('验收核查')
    expect(zhCN.login.publicLookup).toBe('公众查询')
  })

  it('load on demand and follow a change of language', async () => {
    await loadAcceptanceTexts()
    expect(i18n.global.t('accItemStatus.never_verified')).toBe('未检定')
    expect(i18n.global.t('accNew.lineError', { line: 3, problem: 'x' })).toBe('第 3 行：x')
    expect(i18n.global.t('common.search')).toBe('查询')
    await setLocale('en')
    expect(i18n.global.t('accItemStatus.never_verified')).toBe('Never verified')
    expect(i18n.global.t('accVerdict.gaps')).toBe('Gaps found')
    await setLocale('zh-CN')
    expect(i18n.global.t('accLookupStatus.valid')).toBe('检定合格 · 有效')
  })
})
