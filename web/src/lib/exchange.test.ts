import { beforeAll, describe, expect, it } from 'vitest'
import { loadExchangeTexts } from '@/i18n/exchange'
import { ApiError } from './api/http'
import type { Region } from './api/types'
import type { ReconciliationItem, TcecOperatorIssued } from './api/types.exchange'
import {
  PULL_STATUS_TAGS,
  TCEC_STATUS_TAGS,
  baseUrlOk,
  canDisable,
  canEnable,
  currentLabel,
  differenceLabel,
  findingBasis,
  hasFiling,
  inspectable,
  hasPlatform,
  issuedText,
  kindLabel,
  kindOf,
  operatorIdOk,
  powerText,
  pullSince,
  reconQuery,
  regionName,
  secretOk,
  specParts,
  tcecBase,
  tcecErrorField,
  unknownOperatorsText,
  yesterday,
} from './exchange'

beforeAll(loadExchangeTexts)

describe('在用未备案核查', () => {
  it('reads the tab from the address, 在用未备案 by default', () => {
    expect(kindOf('not_on_platform')).toBe('not_on_platform')
    expect(kindOf('mismatch')).toBe('mismatch')
    expect(kindOf(undefined)).toBe('unfiled')
    expect(kindOf('other')).toBe('unfiled')
    expect(kindOf(['mismatch'])).toBe('unfiled')
  })

  it('puts the tab and district in the address, leaving out the defaults', () => {
    expect(reconQuery('unfiled', '')).toEqual({})
    expect(reconQuery('mismatch', '')).toEqual({ kind: 'mismatch' })
    expect(reconQuery('unfiled', '420102')).toEqual({ region_code: '420102' })
    expect(reconQuery('not_on_platform', '420103')).toEqual({ kind: 'not_on_platform', region_code: '420103' })
  })

  it('shows the platform for the kinds it lists and the filing for the kinds that have one', () => {
    expect([hasPlatform('unfiled'), hasPlatform('not_on_platform'), hasPlatform('mismatch')]).toEqual([true, false, true])
    expect([hasFiling('unfiled'), hasFiling('not_on_platform'), hasFiling('mismatch')]).toEqual([false, true, true])
  })

  it('labels the kinds and differences in Chinese, unknown ones without their code', () => {
    expect(['unfiled', 'not_on_platform', 'mismatch'].map(kindLabel)).toEqual(['在用未备案', '已备案未上平台', '信息不一致'])
    expect(kindLabel('something_new')).toBe('核查结果')
    expect(['power', 'model', 'current', 'district'].map(differenceLabel)).toEqual(['额定功率', '型号', '交直流', '所在辖区'])
    expect(differenceLabel('voltage')).toBe('其他')
  })

  it('names the current, the power without float noise and the charger line', () => {
    expect([currentLabel('AC'), currentLabel('DC'), currentLabel(''), currentLabel(null)]).toEqual(['交流', '直流', '—', '—'])
    expect([powerText(7), powerText(120.5), powerText(7.456), powerText(0.1 + 0.2), powerText(null), powerText(NaN)]).toEqual(['7 kW', '120.5 kW', '7.46 kW', '0.3 kW', '—', '—'])
    expect(specParts({ model: ' EVD-120 ', current: 'DC', power_kw: 120 })).toEqual([
      { key: 'model', text: 'EVD-120' },
      { key: 'current', text: '直流' },
      { key: 'power', text: '120 kW' },
    ])
    expect(specParts({ model: '', current: '', power_kw: null }).map((p) => p.text)).toEqual(['—', '—', '—'])
  })

  it('names districts from the regions list', () => {
    const regions = [
      { code: '420100', name: '武汉市', level: 'city', parent_code: '420000' },
      { code: '420102', name: '江岸区', level: 'district', parent_code: '420100' },
    ] as Region[]
    expect(regionName('420102', regions)).toBe('江岸区')
    expect(regionName('420100', regions)).toBe('武汉市')
    expect(regionName('', regions)).toBe('—')
    expect(regionName('420199', [])).toBe('420199')
  })
})

describe('线索核查 of a finding', () => {
  const regions = [
    { code: '420102', name: '江岸区', level: 'district', parent_code: '420100' },
    { code: '420103', name: '江汉区', level: 'district', parent_code: '420100' },
  ] as Region[]
  const base = { station_id: 'ST001', station_name: '江岸区二七充电站', address: '', org_id: 5, org_name: '武汉充电科技有限公司', operator_id: 'MA4K12345' }
  const unfiled: ReconciliationItem = { ...base, kind: 'unfiled', equipment_id: 'EQ-1', region_code: '420102', platform: { model: 'EVD-120', current: 'DC', power_kw: 120 }, filed: null, differences: [] }
  const mismatch: ReconciliationItem = {
    ...base,
    kind: 'mismatch',
    equipment_id: 'EQ-3',
    region_code: '420102',
    platform: { model: 'EVD-60', current: 'DC', power_kw: 60 },
    filed: { instrument_id: 43, model: 'EVD-60A', current: 'AC', region_code: '420103', power_kw: 120 },
    differences: ['power', 'model', 'current', 'district'],
  }

  it('may be made of a charger in use but not filed, or one whose details differ', () => {
    expect([inspectable('unfiled'), inspectable('not_on_platform'), inspectable('mismatch')]).toEqual([true, false, true])
  })

  it('gives the grounds in Chinese: the charger and its station, and each difference with both sides', () => {
    expect(findingBasis(unfiled, regions)).toBe('在用未备案：EQ-1（江岸区二七充电站）')
    expect(findingBasis({ ...unfiled, station_name: ' ' }, regions)).toBe('在用未备案：EQ-1')
    expect(findingBasis(mismatch, regions)).toBe(
      '信息不一致：EQ-3（江岸区二七充电站）：额定功率（平台 60 kW，备案 120 kW）、型号（平台 EVD-60，备案 EVD-60A）、交直流（平台 直流，备案 交流）、所在辖区（平台 江岸区，备案 江汉区）',
    )
    expect(findingBasis({ ...mismatch, differences: ['voltage' as never] }, regions)).toBe('信息不一致：EQ-3（江岸区二七充电站）：其他')
  })
})

describe('平台对接', () => {
  it('accepts a blank or 9-character OperatorID and blank or 16-character secrets', () => {
    expect(['', '  ', 'MA4K12345', 'ma4k12345', ' 123456789 '].map(operatorIdOk)).toEqual([true, true, true, true, true])
    expect(['MA4K1234', 'MA4K123456', 'MA4K-2345', '中文中文中文中文中'].map(operatorIdOk)).toEqual([false, false, false, false])
    expect(['', '1234567890abcdef', '!@#$%^&*()_+-=[]'].map(secretOk)).toEqual([true, true, true])
    expect(['1234567890abcde', '1234567890abcdefg', '1234567 90abcdef', '1234567890abcde中'].map(secretOk)).toEqual([false, false, false, false])
  })

  it("puts a server error under its field, a taken OperatorID under the OperatorID, others under none", () => {
    expect(tcecErrorField(new ApiError(400, 'org_invalid', '请选择充电运营企业', { field: 'org_id' }))).toBe('org_id')
    expect(tcecErrorField(new ApiError(400, 'secret_invalid', '密钥应为16位可见字符', { field: 'sig_secret' }))).toBe('sig_secret')
    expect(tcecErrorField(new ApiError(409, 'operator_exists', '该运营商标识已开通对接'))).toBe('operator_id')
    expect(tcecErrorField(new ApiError(400, 'invalid_json', 'x', { field: 'body' }))).toBeNull()
    expect(tcecErrorField(new ApiError(403, 'permission_denied', '无权操作'))).toBeNull()
    expect(tcecErrorField(new Error('x'))).toBeNull()
  })

  it('gives the endpoint base and the text of 复制全部', () => {
    expect(tcecBase('https://mvis.example.gov.cn')).toBe('https://mvis.example.gov.cn/tcec/v1/')
    expect(tcecBase('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/tcec/v1/')
    const issued: TcecOperatorIssued = {
      id: 1,
      org_id: 7,
      org_name: '湖北快充科技有限公司',
      operator_id: 'MA4K12345',
      operator_secret: 'aaaaaaaaaaaaaaaa',
      data_secret: 'bbbbbbbbbbbbbbbb',
      data_secret_iv: 'cccccccccccccccc',
      sig_secret: 'dddddddddddddddd',
    }
    expect(issuedText(issued, 'https://x.cn/tcec/v1/').split('\n')).toEqual([
      '运营企业：湖北快充科技有限公司',
      '接入地址：https://x.cn/tcec/v1/',
      '运营商标识（OperatorID）：MA4K12345',
      '运营商密钥（OperatorSecret）：aaaaaaaaaaaaaaaa',
      '消息密钥（DataSecret）：bbbbbbbbbbbbbbbb',
      '消息密钥初始化向量（DataSecretIV）：cccccccccccccccc',
      '签名密钥（SigSecret）：dddddddddddddddd',
    ])
  })

  it('offers 停用 and 启用 by status, both for a record of the platform sync, shown as info', () => {
    expect(['active', 'disabled', 'platform'].map(canDisable)).toEqual([true, false, true])
    expect(['active', 'disabled', 'platform'].map(canEnable)).toEqual([false, true, false])
    expect(TCEC_STATUS_TAGS).toEqual({ active: 'success', disabled: 'info', platform: 'info' })
  })
})

describe('监管平台数据同步', () => {
  it('accepts an http or https address with a host', () => {
    expect(['https://evcs.example.gov.cn/evcs/v1', ' http://10.0.0.8:8080/evcs/v1/ ', 'HTTPS://x.cn'].map(baseUrlOk)).toEqual([true, true, true])
    expect(['', 'evcs.example.gov.cn/evcs/v1', 'ftp://x.cn', 'https://', 'https:///evcs', 'https://x.cn/a b', null].map(baseUrlOk)).toEqual([false, false, false, false, false, false, false])
  })

  it('takes yesterday in local time, across a month and a year', () => {
    expect(yesterday(new Date(2026, 11, 6, 0, 5))).toBe('2026-12-05')
    expect(yesterday(new Date(2026, 11, 1, 23, 59))).toBe('2026-11-30')
    expect(yesterday(new Date(2027, 0, 1, 8))).toBe('2026-12-31')
    expect(yesterday(new Date(2028, 2, 1))).toBe('2028-02-29')
  })

  it('names the start of a run and the unknown operators in Chinese', () => {
    expect(pullSince({ last_query_time: '2026-12-05 01:00:00' })).toBe('2026-12-05 01:00:00')
    expect(pullSince({ last_query_time: '' })).toBe('全量')
    expect(unknownOperatorsText(['MA4X00001', ' MA4X00002 ', ''])).toBe('未注册企业的运营商标识：MA4X00001、MA4X00002')
    expect(unknownOperatorsText([])).toBe('')
    expect(unknownOperatorsText(undefined)).toBe('')
    expect(PULL_STATUS_TAGS).toEqual({ running: 'warning', done: 'success', failed: 'danger' })
  })
})
