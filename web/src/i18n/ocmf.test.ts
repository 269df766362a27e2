// The 计量数据验签 texts are loaded with their page, not with the first screen: they must still
// match in both languages, not collide with the built-in or other features' messages, cover every
// key the page names, put every reason, reading kind and clock state in Chinese, and follow a
// change of language.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { keys, lookup, placeholders, resetLocale, sources } from './textsTesting'
import zhCN from './zh-CN'
import enBuiltIn from './en'
import inspZh from './inspection.zh-CN'
import dashZh from './statistics.zh-CN'
import accZh from './acceptance.zh-CN'
import rptZh from './reporting.zh-CN'
import ocmfZh from './ocmf.zh-CN'
import ocmfEn from './ocmf.en'
import { i18n, setLocale } from '.'
import { loadOcmfTexts } from './ocmf'
import { METER_KEY_STATUSES, OCMF_REASONS } from '@/lib/api/types.ocmf'
import { CLOCK_STATES, ERROR_FLAGS, READING_TYPES, END_TYPES, REGISTERED_STATES } from '@/lib/ocmf'

afterEach(resetLocale)

describe('计量数据验签 texts', () => {
  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(keys(ocmfEn).sort()).toEqual(keys(ocmfZh).sort())
    for (const k of keys(ocmfZh)) {
      expect((lookup(ocmfZh, k) as string).trim(), k).not.toBe('')
      expect((lookup(ocmfEn, k) as string).trim(), k).not.toBe('')
      expect(placeholders(lookup(ocmfEn, k) as string), k).toEqual(placeholders(lookup(ocmfZh, k) as string))
    }
  })

  it('hold none of the characters vue-i18n reads as syntax but their placeholders', () => {
    for (const texts of [ocmfZh, ocmfEn]) {
      for (const k of keys(texts)) expect((lookup(texts, k) as string).replace(/\{\w+\}/g, ''), k).not.toMatch(/[{}|@$]/)
    }
  })

  it("do not redefine a top-level key of the built-in or other features' messages", () => {
    for (const k of Object.keys(ocmfZh)) {
      for (const other of [zhCN, inspZh, dashZh, accZh, rptZh]) expect(Object.keys(other), k).not.toContain(k)
    }
  })

  it('cover every key the page names', () => {
    const missing: string[] = []
    for (const file of sources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](ocmf[A-Z]\w*(?:\.\w+)+)['"`]/g)) {
        if (lookup(ocmfZh, m[1]) === undefined) missing.push(`${m[1]} in ${file}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('give every reason, reading kind, flag and clock state in Chinese', () => {
    expect(Object.keys(ocmfZh.ocmfReason).sort()).toEqual([...OCMF_REASONS, 'unknown'].sort())
    for (const r of OCMF_REASONS) expect(ocmfZh.ocmfReason[r], r).toMatch(/[\u4e00-\u9fff]/)
    expect(ocmfZh.ocmfReason.signature_invalid).toBe('签名与数据不符（数据可能被篡改或公钥不匹配）')
    expect(ocmfZh.ocmfReason.key_unsupported).toBe('公钥类型不受支持（仅支持 secp256r1 / secp384r1 / brainpoolP256r1）')
    expect(ocmfZh.ocmfReason.readings_decreasing).toMatch(/^读数出现回退/)
    expect(Object.keys(ocmfZh.ocmfKeyStatus).sort()).toEqual([...METER_KEY_STATUSES].sort())
    expect(Object.keys(ocmfZh.ocmfRegState).sort()).toEqual([...REGISTERED_STATES, 'unknown'].sort())
    for (const st of REGISTERED_STATES) expect(ocmfZh.ocmfRegState[st], st).toMatch(/[\u4e00-\u9fff]/)
    expect(Object.keys(ocmfZh.ocmfType).sort()).toEqual([...READING_TYPES, 'unknown'].sort())
    expect([ocmfZh.ocmfType.B, ocmfZh.ocmfType.C, ocmfZh.ocmfType.X, ocmfZh.ocmfType.T]).toEqual(['开始', '充电中', '异常', '费率切换'])
    for (const e of END_TYPES) expect(ocmfZh.ocmfType[e], e).toMatch(/^结束/)
    // the end letters read apart (E is the plain end, the others say how it ended)
    expect(new Set(END_TYPES.map((e) => ocmfZh.ocmfType[e])).size).toBe(END_TYPES.length)
    expect(Object.keys(ocmfZh.ocmfTypeDesc).sort()).toEqual([...READING_TYPES].sort())
    expect(ocmfZh.ocmfStatus).toEqual({ good: '正常', bad: '异常' })
    expect(Object.keys(ocmfZh.ocmfFlag).sort()).toEqual([...ERROR_FLAGS].sort())
    expect(Object.keys(ocmfZh.ocmfClock).sort()).toEqual([...CLOCK_STATES].sort())
    expect([ocmfZh.ocmfPage.valid, ocmfZh.ocmfPage.invalid, ocmfZh.ocmfPage.untrusted]).toEqual(['验签通过，计量数据未被篡改', '验签未通过', '未通过验签的数据仅供参考，不能作为结算依据。'])
    // no Latin letters in the Chinese texts but the names of the formats, the algorithm, the curves and OBIS
    const latin = keys(ocmfZh).filter((k) => /[A-Za-z]/.test((lookup(ocmfZh, k) as string).replace(/\{\w+\}|OCMF|ECDSA|OBIS|DER|secp256r1|secp384r1|brainpoolP256r1|3059301306072A8648CE3D0201/g, '')))
    expect(latin).toEqual([])
  })

  it('keep the menu title built in', () => {
    expect(zhCN.menu.publicOcmf).toBe('计量数据验签')
    expect(enBuiltIn.menu.publicOcmf).toBeTypeOf('string')
  })

  it('load on demand and follow a change of language', async () => {
    await loadOcmfTexts()
    const { t } = i18n.global
    expect(t('ocmfReason.signature_invalid')).toBe('签名与数据不符（数据可能被篡改或公钥不匹配）')
    expect(t('ocmfPage.offset', { offset: '+08:00' })).toBe('时区 +08:00')
    expect(t('common.search')).toBe('查询')
    await setLocale('en')
    expect(t('ocmfPage.invalid')).toBe('Signature check failed')
    expect(t('ocmfType.R')).toBe('End (stopped remotely)')
    await setLocale('zh-CN')
    expect(t('ocmfPage.valid')).toBe('验签通过，计量数据未被篡改')
  })
})
