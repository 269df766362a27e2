import { describe, expect, it } from 'vitest'
import type { FormItemRule } from 'element-plus'
import { numberRange, phoneRule, required } from './rules'

function run(rule: FormItemRule, value: unknown): string | undefined {
  let out: string | undefined
  ;(rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void)({}, value, (e) => {
    out = e?.message
  })
  return out
}

describe('phoneRule', () => {
  const rule = phoneRule()
  it('reports a 14-digit number instead of cutting it to 11', () => {
    expect(run(rule, '13800001234567')).toBe('请输入正确的11位手机号码')
  })
  it('accepts a mobile number and leaves empty to required', () => {
    expect(run(rule, '13800001234')).toBeUndefined()
    expect(run(rule, '')).toBeUndefined()
    expect(required('register.phone').required).toBe(true)
  })
})

describe('numberRange', () => {
  const rule = numberRange('samplingForm.excludeDays', 0, 3650)
  it('refuses a value outside the limits and leaves empty to required', () => {
    expect(run(rule, -5)).toMatch(/0 到 3650/)
    expect(run(rule, 0)).toBeUndefined()
    expect(run(rule, 3650)).toBeUndefined()
    expect(run(rule, null)).toBeUndefined()
  })
})
