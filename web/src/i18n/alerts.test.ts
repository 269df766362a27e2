// The 计量作弊线索 texts are loaded with the exchange pages, not with the first screen: they must
// still match in both languages, not collide with the built-in or other features' messages, cover
// every key the pages name, name every rule, family, status, action, evidence and order column in
// Chinese, and follow a change of language.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { keys, lookup, placeholders, resetLocale, sources } from './textsTesting'
import zhCN from './zh-CN'
import inspZh from './inspection.zh-CN'
import dashZh from './statistics.zh-CN'
import accZh from './acceptance.zh-CN'
import rptZh from './reporting.zh-CN'
import ocmfZh from './ocmf.zh-CN'
import exchZh from './exchange.zh-CN'
import alertZh from './alerts.zh-CN'
import alertEn from './alerts.en'
import { i18n, setLocale } from '.'
import { loadExchangeTexts } from './exchange'
import { ALERT_RUN_STATUSES, ALERT_RUN_TRIGGERS, ALERT_STATUSES } from '@/lib/api/types.alerts'
import { ALERT_ACTIONS, ALERT_RULES, DETAIL_COLUMNS, EVIDENCE_LABEL_IDS, RULE_FAMILIES } from '@/lib/alerts'

afterEach(resetLocale)

describe('alert texts', () => {
  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(keys(alertEn).sort()).toEqual(keys(alertZh).sort())
    for (const k of keys(alertZh)) {
      expect((lookup(alertZh, k) as string).trim(), k).not.toBe('')
      expect((lookup(alertEn, k) as string).trim(), k).not.toBe('')
      expect(placeholders(lookup(alertEn, k) as string), k).toEqual(placeholders(lookup(alertZh, k) as string))
    }
  })

  it('hold none of the characters vue-i18n reads as syntax but their placeholders', () => {
    for (const texts of [alertZh, alertEn]) {
      for (const k of keys(texts)) expect((lookup(texts, k) as string).replace(/\{\w+\}/g, ''), k).not.toMatch(/[{}|@$]/)
    }
  })

  it("do not redefine a top-level key of the built-in or other features' messages", () => {
    for (const k of Object.keys(alertZh)) {
      for (const other of [zhCN, inspZh, dashZh, accZh, rptZh, ocmfZh, exchZh]) expect(Object.keys(other), k).not.toContain(k)
    }
  })

  it('cover every key the pages name', () => {
    const missing: string[] = []
    for (const file of sources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](alert[A-Z]\w*(?:\.\w+)+)['"`]/g)) {
        if (lookup(alertZh, m[1]) === undefined) missing.push(`${m[1]} in ${file}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('name every rule, family, status, action, evidence and order column, with 其他 for the unknown', () => {
    expect(Object.keys(alertZh.alertRule).sort()).toEqual([...ALERT_RULES, 'other'].sort())
    expect(Object.keys(alertZh.alertRuleText).sort()).toEqual([...ALERT_RULES, 'other'].sort())
    expect(Object.keys(alertZh.alertFamily).sort()).toEqual([...RULE_FAMILIES, 'other'].sort())
    expect(Object.keys(alertZh.alertStatus).sort()).toEqual([...ALERT_STATUSES, 'other'].sort())
    expect(alertZh.alertRunTrigger).toEqual({ manual: '手动', schedule: '定时' })
    expect(Object.keys(alertZh.alertRunTrigger).sort()).toEqual([...ALERT_RUN_TRIGGERS].sort())
    expect(alertZh.alertRunStatus).toEqual({ running: '运行中', done: '已完成', failed: '失败' })
    expect(Object.keys(alertZh.alertRunStatus).sort()).toEqual([...ALERT_RUN_STATUSES].sort())
    expect(Object.keys(alertZh.alertAction).sort()).toEqual([...ALERT_ACTIONS, 'other'].sort())
    expect(Object.keys(alertZh.alertEvidence).sort()).toEqual([...new Set(Object.values(EVIDENCE_LABEL_IDS)), 'other'].sort())
    expect(Object.keys(alertZh.alertOrder).sort()).toEqual(DETAIL_COLUMNS.map((c) => c.label).sort())
    expect(alertZh.alertStatus).toMatchObject({ open: '待处理', dismissed: '已排除', inspection: '已立案核查' })
    expect(alertZh.alertEvidence.other).toBe('其他')
    expect(alertZh.alertTask.defaultName).toBe('线索核查：{target}')
    expect(alertZh.alertFamily.station).toBe('场站平衡')
    expect(alertZh.alertRule.station_balance).toBe('场站电量不平衡')
    expect(alertZh.alertRuleText.station_balance).toBe('订单电量与场站计量电量不平衡')
    // no Latin letters in the Chinese texts but units
    const latin = keys(alertZh).filter((k) => /[A-Za-z]/.test((lookup(alertZh, k) as string).replace(/\{\w+\}|kWh|kW|（h）/g, '')))
    expect(latin).toEqual([])
  })

  it('load with the exchange texts and follow a change of language', async () => {
    await loadExchangeTexts()
    const { t } = i18n.global
    expect(t('alertRuleText.connector_overlap')).toBe('同一充电接口订单时间重叠')
    expect(t('exchKind.unfiled')).toBe('在用未备案')
    expect(t('alertList.selected', { n: 3 })).toBe('已选 3 条')
    await setLocale('en')
    expect(t('alertStatus.dismissed')).toBe('Dismissed')
    expect(t('exchKind.mismatch')).toBe('Details differ')
    await setLocale('zh-CN')
    expect(t('alertFamily.registry')).toBe('备案检定')
  })
})
