import { describe, expect, it } from 'vitest'
import type { FormItemRule } from 'element-plus'
import { instrumentRules, numberRange } from './rules'

function run(rule: FormItemRule, value: unknown): string | undefined {
  let out: string | undefined
  ;(rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void)({}, value, (e) => {
    out = e?.message
  })
  return out
}

describe('numberRange', () => {
  const rule = numberRange('fields.charger.rated_power_kw', 0, 1000)
  it('refuses a negative power instead of turning it into 0', () => {
    expect(run(rule, -5)).toBe('额定功率（kW）应在 0 到 1000 之间')
  })
  it('accepts the limits and leaves empty to required', () => {
    expect(run(rule, 0)).toBeUndefined()
    expect(run(rule, 1000)).toBeUndefined()
    expect(run(rule, null)).toBeUndefined()
  })
})

describe('instrumentRules', () => {
  it('requires what the server requires of a charger', () => {
    const rules = instrumentRules()
    for (const f of ['rated_power_kw', 'connector_count', 'station_name']) {
      const list = rules[`charger.${f}`] as FormItemRule[]
      expect(list?.some((r) => r.required), f).toBe(true)
    }
    expect(run((rules['charger.connector_count'] as FormItemRule[])[1], 17)).toContain('1 到 16')
  })
})
