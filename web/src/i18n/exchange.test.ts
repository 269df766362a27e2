// The exchange texts (在用未备案核查, 平台对接) are loaded with their pages, not with the first
// screen: they must still match in both languages, not collide with the built-in or other
// features' messages, cover every key the pages name, label every kind, difference and status in
// Chinese, and follow a change of language.
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
import exchZh from './exchange.zh-CN'
import exchEn from './exchange.en'
import { i18n, setLocale } from '.'
import { loadExchangeTexts } from './exchange'
import { PULL_STATUSES, PULL_TRIGGERS, RECONCILIATION_DIFFERENCES, RECONCILIATION_KINDS, TCEC_OPERATOR_STATUSES } from '@/lib/api/types.exchange'
import { TCEC_ISSUED_FIELDS } from '@/lib/exchange'

afterEach(resetLocale)

describe('exchange texts', () => {
  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(keys(exchEn).sort()).toEqual(keys(exchZh).sort())
    for (const k of keys(exchZh)) {
      expect((lookup(exchZh, k) as string).trim(), k).not.toBe('')
      expect((lookup(exchEn, k) as string).trim(), k).not.toBe('')
      expect(placeholders(lookup(exchEn, k) as string), k).toEqual(placeholders(lookup(exchZh, k) as string))
    }
  })

  it('hold none of the characters vue-i18n reads as syntax but their placeholders', () => {
    for (const texts of [exchZh, exchEn]) {
      for (const k of keys(texts)) expect((lookup(texts, k) as string).replace(/\{\w+\}/g, ''), k).not.toMatch(/[{}|@$]/)
    }
  })

  it("do not redefine a top-level key of the built-in or other features' messages", () => {
    for (const k of Object.keys(exchZh)) {
      for (const other of [zhCN, inspZh, dashZh, accZh, rptZh, ocmfZh]) expect(Object.keys(other), k).not.toContain(k)
    }
  })

  it('cover every key the pages name', () => {
    const missing: string[] = []
    for (const file of sources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](exch[A-Z]\w*(?:\.\w+)+)['"`]/g)) {
        if (lookup(exchZh, m[1]) === undefined) missing.push(`${m[1]} in ${file}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('give every kind, difference, status and secret a Chinese label, and every kind its hint and empty list', () => {
    expect([exchZh.exchKind.unfiled, exchZh.exchKind.not_on_platform, exchZh.exchKind.mismatch]).toEqual(['在用未备案', '已备案未上平台', '信息不一致'])
    for (const k of RECONCILIATION_KINDS) {
      expect(exchZh.exchRecon.hint[k], k).toMatch(/[\u4e00-\u9fff]/)
      expect(exchZh.exchRecon.empty[k], k).toMatch(/^暂无/)
    }
    expect(exchZh.exchRecon.empty.unfiled).toBe('暂无在用未备案的充电桩')
    expect(Object.keys(exchZh.exchRecon.short).sort()).toEqual([...RECONCILIATION_KINDS].sort())
    expect(Object.keys(exchZh.exchDiff).sort()).toEqual([...RECONCILIATION_DIFFERENCES, 'other'].sort())
    expect(RECONCILIATION_DIFFERENCES.map((d) => exchZh.exchDiff[d])).toEqual(['额定功率', '型号', '交直流', '所在辖区'])
    expect(Object.keys(exchZh.exchTcecStatus).sort()).toEqual([...TCEC_OPERATOR_STATUSES].sort())
    expect(exchZh.exchTcecStatus).toEqual({ active: '启用中', disabled: '已停用', platform: '仅平台同步' })
    expect([exchZh.exchTcec.tabOperators, exchZh.exchTcec.tabPlatform]).toEqual(['运营商对接账号', '监管平台数据同步'])
    expect(Object.keys(exchZh.exchPullTrigger).sort()).toEqual([...PULL_TRIGGERS].sort())
    expect(exchZh.exchPullTrigger).toEqual({ manual: '手动', schedule: '定时' })
    expect(Object.keys(exchZh.exchPullStatus).sort()).toEqual([...PULL_STATUSES].sort())
    expect(exchZh.exchPullStatus).toEqual({ running: '运行中', done: '完成', failed: '失败' })
    expect(exchZh.exchPull.secretKept).toBe('已保存，留空则不变')
    expect(exchZh.exchPull.empty).toBe('暂无同步记录')
    expect(exchZh.exchTcec.rotateConfirm).toContain('轮换后原密钥立即失效，需将新密钥交给对方平台')
    expect(Object.keys(exchZh.exchSecret).sort()).toEqual([...TCEC_ISSUED_FIELDS].sort())
    expect(exchZh.exchTcec.issuedWarning).toBe('密钥仅显示这一次，请立即通过安全渠道交给运营商')
    expect(exchZh.exchTcec.operatorIdPh).toBe('默认取统一社会信用代码中的组织机构代码')
    expect(exchZh.exchTcec.agreed).toBe('使用已约定的密钥')
    expect(exchZh.exchRecon.intro).toContain('运营商向充电设施监管平台报送的充电站与设备信息')
    // no Latin letters in the Chinese texts but the standard's name, the unit and addresses (https://…/evcs/v1)
    const latin = keys(exchZh).filter((k) => /[A-Za-z]/.test((lookup(exchZh, k) as string).replace(/\{\w+\}|T\/CEC 102|kWh|kW|https?:\/\/[^\s，。）]*/g, '')))
    expect(latin).toEqual([])
  })

  it('keep the menu titles built in', () => {
    expect(zhCN.menu.reconciliation).toBe('在用未备案核查')
    expect(zhCN.menu.adminTcecOperators).toBe('平台对接')
    expect(zhCN.menu.adminTouTariffs).toBe('分时电价表')
    expect(enBuiltIn.menu.reconciliation).toBeTypeOf('string')
    expect(enBuiltIn.menu.adminTcecOperators).toBeTypeOf('string')
    expect(enBuiltIn.menu.adminTouTariffs).toBeTypeOf('string')
  })

  it('load on demand and follow a change of language', async () => {
    await loadExchangeTexts()
    const { t } = i18n.global
    expect(t('exchKind.not_on_platform')).toBe('已备案未上平台')
    expect(t('exchRecon.filedRegion', { name: '江汉区' })).toBe('备案辖区：江汉区')
    expect(t('common.refresh')).toBe('刷新')
    await setLocale('en')
    expect(t('exchKind.mismatch')).toBe('Details differ')
    await setLocale('zh-CN')
    expect(t('exchDiff.power')).toBe('额定功率')
  })
})
