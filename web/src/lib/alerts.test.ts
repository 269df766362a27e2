import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadExchangeTexts } from '@/i18n/exchange'
import { resetLocale } from '@/i18n/textsTesting'
import { setLocale } from '@/i18n'
import type { AlertEvent } from './api/types.alerts'
import {
  ALERT_RULES,
  EVIDENCE_LABEL_IDS,
  RULES_BY_FAMILY,
  RULE_FAMILIES,
  alertAddress,
  alertFiltersOf,
  alertTimeline,
  evidenceLabel,
  evidenceRows,
  familyLabel,
  orderField,
  orderPeriods,
  orderRows,
  ruleFamily,
  ruleName,
  ruleTag,
  ruleText,
  statusLabel,
  statusTag,
  targetedTaskName,
} from './alerts'

beforeAll(loadExchangeTexts)
afterEach(resetLocale)

const HAN = /[\u4e00-\u9fff]/

/** The label the spec gives each evidence name (units in full-width brackets). */
const EVIDENCE_ZH: Record<string, string> = {
  TotalPower: '总电量（kWh）',
  TotalElecMoney: '总电费（元）',
  TotalServiceMoney: '总服务费（元）',
  TotalMoney: '总金额（元）',
  computation: '计算过程',
  SumPeriod: '申报时段数',
  periods: '实际时段数',
  period: '时段',
  energy_kwh: '时段电量（kWh）',
  elec: '电费核算',
  service: '服务费核算',
  'Σ DetailPower': '分时电量之和（kWh）',
  'Σ DetailElecMoney': '分时电费之和（元）',
  'Σ DetailServiceMoney': '分时服务费之和（元）',
  expected_start: '应起始时间',
  DetailStartTime: '时段开始',
  DetailEndTime: '时段结束',
  'last DetailEndTime': '末时段结束',
  EndTime: '结束时间',
  StartTime: '开始时间',
  rated_power_kw: '额定功率（kW）',
  hours: '充电时长（h）',
  ConnectorID: '充电接口编码',
  StartChargeSeq: '充电订单号',
  'overlapping StartChargeSeq': '重叠订单号',
  'overlapping period': '重叠订单时段',
  EquipmentID: '充电设备编码',
  verification_state: '检定状态',
  valid_until: '检定有效期至',
  ElecPrice: '申报电价（元/kWh）',
  tariff_price: '分时电价表电价（元/kWh）',
  tariff: '电价表',
  orders: '订单数',
  same_energy_orders: '相同电量订单',
  energy_per_minute: '每分钟电量（kWh）',
  peer_median: '同型号中位数',
  ratio: '倍数',
  StationID: '充电站编码',
  day: '日期',
  'Σ TotalPower': '订单电量之和（kWh）',
  StationElectricity: '场站计量电量（kWh）',
}

describe('rules', () => {
  it('know the seventeen rules, each in one family, in the order of the families', () => {
    expect(ALERT_RULES).toHaveLength(17)
    expect(new Set(ALERT_RULES).size).toBe(17)
    expect(RULE_FAMILIES.map(familyLabel)).toEqual(['计算一致性', '分时电价', '物理合理性', '备案检定', '统计异常', '场站平衡'])
    expect(ruleFamily('energy_over_rated')).toBe('physical')
    expect(ruleFamily('charger_expired')).toBe('registry')
    expect(ruleFamily('tariff_mismatch')).toBe('tariff')
    expect(ruleFamily('rate_outlier')).toBe('statistics')
    expect(ruleFamily('money_split')).toBe('arithmetic')
    expect(ruleFamily('station_balance')).toBe('station')
    expect(RULES_BY_FAMILY.station).toEqual(['station_balance'])
    // one colour per family of the first five (a tag has five); 场站平衡 shares 物理合理性's
    expect(new Set(RULE_FAMILIES.filter((f) => f !== 'station').map((f) => ruleTag(RULES_BY_FAMILY[f][0]))).size).toBe(5)
    expect(ruleTag('station_balance')).toBe(ruleTag('energy_over_rated'))
  })

  it('lists rule 6 under 场站平衡 in the filter and reads it from the address', () => {
    expect(ALERT_RULES.at(-1)).toBe('station_balance')
    expect(alertFiltersOf({ rule: 'station_balance' }, false).rule).toBe('station_balance')
    expect(alertAddress({ rule: 'station_balance', status: 'open', region_code: '', q: '' })).toEqual({ rule: 'station_balance' })
  })

  it('name every rule in Chinese, short for the tag and in a sentence for the detail', () => {
    for (const r of ALERT_RULES) {
      expect(ruleName(r), r).toMatch(HAN)
      expect(ruleText(r), r).toMatch(HAN)
      expect(ruleName(r).length, r).toBeLessThan(ruleText(r).length)
    }
    expect(ruleText('energy_over_rated')).toBe('电量超过额定功率×充电时长')
    expect(ruleText('money_split')).toBe('电费与服务费之和不等于总金额')
    expect(ruleText('rate_outlier')).toBe('单位时间电量显著偏离同型号充电桩')
    expect(ruleName('station_balance')).toBe('场站电量不平衡')
    expect(ruleText('station_balance')).toBe('订单电量与场站计量电量不平衡')
  })

  it('never show the code of a rule it does not know', () => {
    for (const r of ['new_rule', 'other', 'toString', '']) {
      expect(ruleName(r)).toBe('其他线索')
      expect(ruleText(r)).toBe('其他异常')
      expect(ruleTag(r)).toBe('info')
      expect(ruleFamily(r)).toBeNull()
    }
    expect(familyLabel(null)).toBe('其他')
  })

  it('label the statuses, an unknown one as 其他', () => {
    expect(['open', 'dismissed', 'inspection'].map(statusLabel)).toEqual(['待处理', '已排除', '已立案核查'])
    expect(statusLabel('closed')).toBe('其他')
    expect(statusTag('open')).toBe('warning')
    expect(statusTag('closed')).toBe('info')
  })
})

describe('evidence', () => {
  it('labels every evidence name of the rules in Chinese', () => {
    expect(Object.keys(EVIDENCE_LABEL_IDS).sort()).toEqual(Object.keys(EVIDENCE_ZH).sort())
    for (const [name, label] of Object.entries(EVIDENCE_ZH)) expect(evidenceLabel(name), name).toBe(label)
  })

  it('reads a name whatever its case, spaces or CEC spelling', () => {
    expect(evidenceLabel('totalpower')).toBe('总电量（kWh）')
    expect(evidenceLabel('TotalSeviceMoney')).toBe('总服务费（元）')
    expect(evidenceLabel('Σ  DetailSeviceMoney')).toBe('分时服务费之和（元）')
    expect(evidenceLabel('OVERLAPPING StartChargeSeq')).toBe('重叠订单号')
  })

  it('shows a name it does not know as 其他, never the name', () => {
    for (const name of ['meter_value', 'Σ Something', '', 'other']) expect(evidenceLabel(name), name).toBe('其他')
  })

  it('gives rows of label and value, the verification state in words', () => {
    const rows = evidenceRows([
      ['TotalPower', '60.0000'],
      ['rated_power_kw', '36.0'],
      ['computation', '36.0 kW × 1.5000 h × 1.10 = 59.4000 kWh < 60.0000 kWh'],
      ['verification_state', 'revoked'],
      ['verification_state', 'weird_state'],
      ['unknown_key', 'x'],
      ['valid_until', ''],
    ])
    expect(rows).toEqual([
      { label: '总电量（kWh）', value: '60.0000' },
      { label: '额定功率（kW）', value: '36.0' },
      { label: '计算过程', value: '36.0 kW × 1.5000 h × 1.10 = 59.4000 kWh < 60.0000 kWh' },
      { label: '检定状态', value: '证书已撤销' },
      { label: '检定状态', value: '其他' },
      { label: '其他', value: 'x' },
      { label: '检定有效期至', value: '—' },
    ])
    expect(evidenceRows([['verification_state', 'never'], ['verification_state', 'failed'], ['verification_state', 'passed']]).map((r) => r.value)).toEqual(['未检定', '不合格', '合格'])
    expect(evidenceRows(null)).toEqual([])
  })

  it("labels rule 6's evidence as the server sends it, Σ TotalPower apart from TotalPower", () => {
    const rows = evidenceRows([
      ['StationID', 'ST-001'],
      ['day', '2026-12-05'],
      ['orders', '42'],
      ['Σ TotalPower', '1250.400'],
      ['StationElectricity', '1100.000'],
      ['ratio', '1.137'],
      ['computation', '1250.400 > 1100.000 × 1.05'],
    ])
    expect(rows).toEqual([
      { label: '充电站编码', value: 'ST-001' },
      { label: '日期', value: '2026-12-05' },
      { label: '订单数', value: '42' },
      { label: '订单电量之和（kWh）', value: '1250.400' },
      { label: '场站计量电量（kWh）', value: '1100.000' },
      { label: '倍数', value: '1.137' },
      { label: '计算过程', value: '1250.400 > 1100.000 × 1.05' },
    ])
    expect(evidenceLabel('ΣTotalPower')).toBe('订单电量之和（kWh）')
    expect(evidenceLabel('stationid')).toBe('充电站编码')
  })

  it('follows a change of language', async () => {
    await setLocale('en')
    expect(evidenceLabel('TotalPower')).toBe('Total energy (kWh)')
    expect(ruleName('energy_over_rated')).toBe('Over rated energy')
    expect(ruleText('station_balance')).toMatch(/^Station energy imbalance/)
    expect(familyLabel('station')).toBe('Station balance')
    expect(evidenceLabel('StationElectricity')).toBe('Station metered energy (kWh)')
  })
})

describe('the order as reported', () => {
  const order = {
    startChargeSeq: 'MA4K12345202612010001',
    CONNECTORID: 'EQ-1-01',
    StartTime: '2026-12-01 10:00:00',
    EndTime: '2026-12-01 11:30:00',
    TotalPower: 60,
    TotalElecMoney: 36,
    TotalSeviceMoney: 24,
    TotalMoney: 60,
    SubPeriod: 1,
    chargeDetails: [
      { DetailStartTime: '2026-12-01 10:00:00', DetailEndTime: '2026-12-01 11:30:00', ElecPrice: 0.6, SevicePrice: 0.4, DetailPower: 60, DetailElecMoney: 36, DetailSeviceMoney: 24 },
      'not an object',
    ],
  }

  it('reads a field whatever its case or CEC spelling', () => {
    expect(orderField(order, 'StartChargeSeq')).toBe('MA4K12345202612010001')
    expect(orderField(order, 'ConnectorID')).toBe('EQ-1-01')
    expect(orderField(order, 'TotalServiceMoney')).toBe(24)
    expect(orderField(order, 'SumPeriod')).toBe(1)
    expect(orderField(order, 'Nothing')).toBeUndefined()
    expect(orderField(null, 'TotalPower')).toBeUndefined()
  })

  it('lists the header fields with Chinese labels and the periods by column', () => {
    expect(orderRows(order)).toEqual([
      { label: '充电订单号', value: 'MA4K12345202612010001' },
      { label: '充电接口编码', value: 'EQ-1-01' },
      { label: '开始时间', value: '2026-12-01 10:00:00' },
      { label: '结束时间', value: '2026-12-01 11:30:00' },
      { label: '总电量（kWh）', value: '60' },
      { label: '总电费（元）', value: '36' },
      { label: '总服务费（元）', value: '24' },
      { label: '总金额（元）', value: '60' },
      { label: '申报时段数', value: '1' },
    ])
    expect(orderPeriods(order)).toEqual([
      { DetailStartTime: '2026-12-01 10:00:00', DetailEndTime: '2026-12-01 11:30:00', DetailPower: '60', ElecPrice: '0.6', DetailElecMoney: '36', ServicePrice: '0.4', DetailServiceMoney: '24' },
    ])
    expect(orderRows({}).every((r) => r.value === '—')).toBe(true)
    expect(orderPeriods({ ChargeDetails: 'x' })).toEqual([])
    expect(orderPeriods(null)).toEqual([])
  })
})

describe('the list in the address', () => {
  it('reads 待处理 by default, every status with status=all, and leaves out what it does not know', () => {
    expect(alertFiltersOf({}, true)).toEqual({ rule: '', status: 'open', region_code: '', q: '' })
    expect(alertFiltersOf({ rule: 'energy_sum', status: 'dismissed', region_code: '420102', q: ' EQ-1 ' }, true)).toEqual({ rule: 'energy_sum', status: 'dismissed', region_code: '420102', q: 'EQ-1' })
    expect(alertFiltersOf({ status: 'all' }, true).status).toBe('')
    expect(alertFiltersOf({ rule: 'made_up', status: 'closed' }, true)).toMatchObject({ rule: '', status: 'open' })
    // a district bureau has no district to choose
    expect(alertFiltersOf({ region_code: '420103' }, false).region_code).toBe('')
    expect(alertFiltersOf({ q: ['EQ-2', 'EQ-3'] }, true).q).toBe('EQ-2')
  })

  it('writes the filters, leaving out the defaults', () => {
    expect(alertAddress({ rule: '', status: 'open', region_code: '', q: '  ' })).toEqual({})
    expect(alertAddress({ rule: 'money_sum', status: '', region_code: '420102', q: 'EQ-1' })).toEqual({ rule: 'money_sum', status: 'all', region_code: '420102', q: 'EQ-1' })
    const f = { rule: 'charger_failed', status: 'inspection' as const, region_code: '420103', q: 'SEQ' }
    expect(alertFiltersOf(alertAddress(f), true)).toEqual(f)
  })
})

describe('timeline and task name', () => {
  const ev = (action: string, from: string | null, to: string): AlertEvent => ({ id: 1, at: '2026-12-01T02:00:00Z', username: 'jiangan', display_name: '', org_name: '江岸区局', action, from_status: from, to_status: to, reason: '' })

  it('shows an action or status it does not know as 处理 or none', () => {
    expect(alertTimeline([ev('dismiss', 'open', 'dismissed'), ev('reopen', 'dismissed', 'reviewing')])).toEqual([
      ev('dismiss', 'open', 'dismissed'),
      ev('other', 'dismissed', ''),
    ])
    expect(alertTimeline(undefined)).toEqual([])
  })

  it('names the task after the enterprise and the charger', () => {
    expect(targetedTaskName('武汉新能源充电科技有限公司', 'EQ-1')).toBe('线索核查：武汉新能源充电科技有限公司 EQ-1')
    expect(targetedTaskName('', 'EQ-1')).toBe('线索核查：EQ-1')
  })
})
