import { afterEach, describe, expect, it } from 'vitest'
import type { FormItemRule, FormRules } from 'element-plus'
import { i18n } from '@/i18n'
import en from '@/i18n/en'
import type { InstrumentField, InstrumentType } from './api/types'
import { blankForm } from './filing'
import {
  derivedFields,
  fieldLabel,
  formRuleContext,
  instrumentRules,
  isFieldRequired,
  maxLengths,
  numberProblem,
  type InstrumentRuleContext,
} from './instrumentFields'
import { INSTRUMENT_FIELDS_FIXTURE as FIELDS } from './instrumentFields.fixture'

const byKey = (key: string) => FIELDS.find((f) => f.key === key) as InstrumentField
const NOT_CHARGER: InstrumentRuleContext = { charger: false }
const CHARGER: InstrumentRuleContext = { charger: true }

/** The rules of `key`, empty when it has none. */
const rulesOf = (rules: FormRules, key: string) => (rules[key] ?? []) as FormItemRule[]
const isMarked = (rules: FormRules, key: string) => rulesOf(rules, key).some((r) => r.required)

/** The first message `value` gets from the rules of `key`; undefined when it passes. */
function check(rules: FormRules, key: string, value: unknown): string | undefined {
  for (const r of rulesOf(rules, key)) {
    let out: string | undefined
    ;(r.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void)(r, value, (e) => {
      out = e?.message
    })
    if (out) return out
  }
  return undefined
}

const markedKeys = (rules: FormRules) => FIELDS.map((f) => f.key).filter((k) => isMarked(rules, k))

const ALWAYS = ['type_code', 'name', 'model', 'serial_no', 'manufacturer', 'brand', 'accuracy_class', 'install_address', 'install_region_code', 'use', 'in_use_date']
const FOR_CHARGERS = [
  'charger.current_type',
  'charger.rated_power_kw',
  'charger.rated_voltage_v',
  'charger.max_current_a',
  'charger.min_current_a',
  'charger.connector_count',
  'charger.station_name',
  'charger.tou_billing',
]

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('required marks', () => {
  it('marks exactly the fields the server requires of any instrument', () => {
    expect(markedKeys(instrumentRules(FIELDS, NOT_CHARGER))).toEqual(ALWAYS)
  })

  it('adds the charger fields for a charger type', () => {
    expect(markedKeys(instrumentRules(FIELDS, CHARGER))).toEqual([...ALWAYS, ...FOR_CHARGERS])
  })

  it('isFieldRequired follows required always / charger / optional', () => {
    expect(isFieldRequired({ required: 'always' }, false)).toBe(true)
    expect(isFieldRequired({ required: 'charger' }, false)).toBe(false)
    expect(isFieldRequired({ required: 'charger' }, true)).toBe(true)
    expect(isFieldRequired({ required: 'optional' }, true)).toBe(false)
  })

  it('asks to fill in texts and to choose codes, dates and flags', () => {
    const rules = instrumentRules(FIELDS, CHARGER)
    expect(check(rules, 'name', '  ')).toBe('请填写器具名称')
    expect(check(rules, 'type_code', '')).toBe('请选择器具类型')
    expect(check(rules, 'in_use_date', null)).toBe('请选择投入使用日期')
    expect(check(rules, 'charger.tou_billing', null)).toBe('请选择分时计费')
    expect(check(rules, 'charger.tou_billing', false)).toBeUndefined()
    expect(check(rules, 'charger.rated_power_kw', null)).toBe('请填写额定功率（kW）')
    expect(check(rules, 'measuring_range', '')).toBeUndefined()
  })

  it('asks to choose the accuracy class when the type offers a list', () => {
    expect(check(instrumentRules(FIELDS, { charger: false, selects: ['accuracy_class'] }), 'accuracy_class', '')).toBe('请选择准确度等级')
    expect(check(instrumentRules(FIELDS, NOT_CHARGER), 'accuracy_class', '')).toBe('请填写准确度等级')
  })

  it('leaves out what the server derives', () => {
    const rules = instrumentRules(FIELDS, { charger: true, derived: ['charger.max_current_a', 'charger.min_current_a'] })
    expect(isMarked(rules, 'charger.max_current_a')).toBe(false)
    expect(check(rules, 'charger.min_current_a', null)).toBeUndefined()
    // still range-checked when given
    expect(check(rules, 'charger.max_current_a', -1)).toBe('最大电流（A）应大于 0 且不超过 1000 A')
  })
})

describe('limits', () => {
  const rules = instrumentRules(FIELDS, CHARGER)

  it('limits texts to the table’s length, counting characters after trimming', () => {
    expect(check(rules, 'serial_no', 'x'.repeat(64))).toBeUndefined()
    expect(check(rules, 'serial_no', 'x'.repeat(65))).toBe('出厂编号不能超过 64 个字符')
    expect(check(rules, 'charger.station_name', `${'站'.repeat(100)}  `)).toBeUndefined()
    expect(check(rules, 'charger.station_name', '站'.repeat(101))).toBe('充电站名称不能超过 100 个字符')
    expect(maxLengths(FIELDS)).toMatchObject({ name: 100, serial_no: 64, accuracy_class: 20, notes: 500, 'charger.station_name': 100 })
    expect(maxLengths(FIELDS)).not.toHaveProperty('type_code')
  })

  it('refuses a negative power instead of turning it into 0', () => {
    expect(check(rules, 'charger.rated_power_kw', -5)).toBe('额定功率（kW）应大于 0 且不超过 1000 kW')
  })

  it('excludes the lower limit of decimals and includes the upper one', () => {
    expect(check(rules, 'charger.rated_voltage_v', 0)).toBe('额定电压（V）应大于 0 且不超过 1500 V')
    expect(check(rules, 'charger.rated_voltage_v', 0.1)).toBeUndefined()
    expect(check(rules, 'charger.rated_voltage_v', 1500)).toBeUndefined()
    expect(check(rules, 'charger.rated_voltage_v', 1500.5)).toBe('额定电压（V）应大于 0 且不超过 1500 V')
  })

  it('includes both limits of integers and refuses fractions', () => {
    expect(check(rules, 'charger.connector_count', 1)).toBeUndefined()
    expect(check(rules, 'charger.connector_count', 16)).toBeUndefined()
    expect(check(rules, 'charger.connector_count', 0)).toBe('充电接口数量应在 1 到 16 之间')
    expect(check(rules, 'charger.connector_count', 17)).toBe('充电接口数量应在 1 到 16 之间')
    expect(check(rules, 'charger.connector_count', 2.5)).toBe('充电接口数量应为整数')
  })

  it('leaves numbers without limits to the server, but refuses what is not a number', () => {
    expect(check(rules, 'charger.longitude', -200)).toBeUndefined()
    expect(check(rules, 'charger.longitude', 'abc')).toBe('经度应为数字')
    expect(check(rules, 'charger.longitude', null)).toBeUndefined()
  })

  it('words one-sided limits', () => {
    const f = (over: Partial<InstrumentField>): InstrumentField => ({ ...byKey('charger.rated_power_kw'), ...over })
    expect(numberProblem(f({ max: null }), 0)).toBe('额定功率（kW）应大于 0 kW')
    expect(numberProblem(f({ max: null, min_exclusive: false }), -1)).toBe('额定功率（kW）不能小于 0 kW')
    expect(numberProblem(f({ min: null }), 1001)).toBe('额定功率（kW）不能超过 1000 kW')
    expect(numberProblem(f({ min: null }), -1e9)).toBeNull()
  })

  it('shows the messages in the chosen language', () => {
    i18n.global.setLocaleMessage('en', en)
    i18n.global.locale.value = 'en'
    expect(check(rules, 'charger.rated_power_kw', -5)).toBe('Rated power (kW) must be greater than 0 and at most 1000 kW')
    expect(check(rules, 'name', '')).toBe('Name is required')
  })
})

describe('labels', () => {
  it('uses the form’s label, else the table’s', () => {
    expect(fieldLabel(byKey('install_region_code'))).toBe('安装所在区')
    expect(fieldLabel({ key: 'charger.new_field', label: '新字段' })).toBe('新字段')
  })
})

describe('formRuleContext', () => {
  const type = (over: Partial<InstrumentType>) => ({ is_charger: false, accuracy_classes: [], ...over }) as InstrumentType

  it('follows the chosen type', () => {
    const form = blankForm()
    expect(formRuleContext(form, null)).toEqual({ charger: false, selects: [], derived: [] })
    expect(formRuleContext(form, type({ is_charger: true, accuracy_classes: ['1', '2'] }))).toEqual({ charger: true, selects: ['accuracy_class'], derived: [] })
  })

  it('lets chargers in use before 2023 leave out their currents unless the maximum is given', () => {
    const form = blankForm()
    form.in_use_date = '2022-12-31'
    expect(derivedFields(form)).toEqual(['charger.max_current_a', 'charger.min_current_a'])
    expect(formRuleContext(form, type({})).derived).toEqual([])
    form.charger.max_current_a = 32
    expect(derivedFields(form)).toEqual([])
    form.charger.max_current_a = null
    form.in_use_date = '2023-01-01'
    expect(derivedFields(form)).toEqual([])
  })
})
