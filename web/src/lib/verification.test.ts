import { describe, expect, it } from 'vitest'
import type { Verification, VerificationLimit } from './api/types'
import {
  blankLoadPoint,
  canSendBack,
  canSign,
  checklistFrom,
  CLOCK_ERROR_ITEM,
  decimalsOf,
  defaultKind,
  initialKind,
  errorPct,
  findLimit,
  incompleteLoadPoints,
  previewClock,
  previewLoadPoint,
  roundToInterval,
  sameLoadPoint,
  sendBackDuty,
  standardStatus,
  standardValidity,
  toVerificationInput,
  WORKING_ERROR_ITEM,
  type VerificationForm,
} from './verification'

describe('working error', () => {
  it('is (E_charger − E_standard) / E_standard × 100', () => {
    expect(errorPct(10, 10.05)).toBeCloseTo(0.5, 10)
    expect(errorPct(2, 1.98)).toBeCloseTo(-1, 10)
    expect(errorPct(0, 1)).toBeNull()
    expect(errorPct(null, 1)).toBeNull()
    expect(errorPct(1, undefined)).toBeNull()
  })

  it('rounds to the interval by GB/T 8170 (ties to even)', () => {
    const cases: [number, number, number][] = [
      [0.25, 0.1, 0.2],
      [0.35, 0.1, 0.4],
      [0.251, 0.1, 0.3],
      [-0.25, 0.1, -0.2],
      [-0.35, 0.1, -0.4],
      [1.04, 0.1, 1.0],
      [1.05, 0.1, 1.0],
      [1.15, 0.1, 1.2],
      [0.3, 0.2, 0.4],
      [0.1, 0.2, 0],
      [0.5, 0.2, 0.4],
      [0.7, 0.2, 0.8],
      [2.1, 0.2, 2.0],
      [2.5, 1, 2],
      [3.5, 1, 4],
      [-0.04, 0.1, 0],
    ]
    for (const [v, r, want] of cases) expect(roundToInterval(v, r), `${v} to ${r}`).toBe(want)
  })

  it('knows the decimals of an interval', () => {
    expect(decimalsOf(0.1)).toBe(1)
    expect(decimalsOf(0.05)).toBe(2)
    expect(decimalsOf(1)).toBe(0)
  })

  it('previews a load point against its limit, boundaries included', () => {
    const class1 = { limit: 1, rounding: 0.1 }
    expect(previewLoadPoint({ standard_energy_kwh: 10, charger_energy_kwh: 10.105 }, class1)).toMatchObject({ rounded: 1.0, pass: true })
    expect(previewLoadPoint({ standard_energy_kwh: 10, charger_energy_kwh: 10.106 }, class1)).toMatchObject({ rounded: 1.1, pass: false })
    expect(previewLoadPoint({ standard_energy_kwh: 10, charger_energy_kwh: 9.9 }, class1)).toMatchObject({ rounded: -1.0, pass: true })
    expect(previewLoadPoint({ standard_energy_kwh: 10, charger_energy_kwh: 10.5 }, null)).toMatchObject({ pass: null })
    expect(previewLoadPoint(blankLoadPoint(), class1)).toBeNull()
  })

  it('previews the clock error in whole seconds', () => {
    expect(previewClock(5.4, { limit: 5, rounding: 1 })).toMatchObject({ rounded: 5, pass: true })
    expect(previewClock(5.5, { limit: 5, rounding: 1 })).toMatchObject({ rounded: 6, pass: false })
    expect(previewClock(-180, { limit: 180, rounding: 1 })).toMatchObject({ pass: true })
    expect(previewClock(null, { limit: 5, rounding: 1 })).toBeNull()
  })
})

describe('findLimit', () => {
  const limits: VerificationLimit[] = [
    { item: WORKING_ERROR_ITEM, kind: '', accuracy_class: '1', limit: 1, rounding: 0.1 },
    { item: WORKING_ERROR_ITEM, kind: '', accuracy_class: '2', limit: 2, rounding: 0.2 },
    { item: CLOCK_ERROR_ITEM, kind: '', accuracy_class: '', limit: 180, rounding: 1 },
    { item: CLOCK_ERROR_ITEM, kind: 'first', accuracy_class: '', limit: 5, rounding: 1 },
  ]

  it('picks the most specific matching rule', () => {
    expect(findLimit(limits, WORKING_ERROR_ITEM, 'first', '2')).toEqual({ limit: 2, rounding: 0.2 })
    expect(findLimit(limits, CLOCK_ERROR_ITEM, 'first', '1')).toEqual({ limit: 5, rounding: 1 })
    expect(findLimit(limits, CLOCK_ERROR_ITEM, 'in_service', '1')).toEqual({ limit: 180, rounding: 1 })
  })

  it('falls back to the regulation’s defaults', () => {
    expect(findLimit([], WORKING_ERROR_ITEM, 'first', '1')).toEqual({ limit: 1, rounding: 0.1 })
    expect(findLimit([], WORKING_ERROR_ITEM, 'first', '2.0')).toEqual({ limit: 2, rounding: 0.2 })
    expect(findLimit([], WORKING_ERROR_ITEM, 'first', '0.5')).toBeNull()
    expect(findLimit([], CLOCK_ERROR_ITEM, 'first', '')).toEqual({ limit: 5, rounding: 1 })
    expect(findLimit([], CLOCK_ERROR_ITEM, 'subsequent', '')).toEqual({ limit: 180, rounding: 1 })
  })
})

describe('sign-off', () => {
  const sig = (user_id: number) => ({ user_id, display_name: `u${user_id}`, at: '2025-01-01T00:00:00Z' })
  const none = { verifier: null, checker: null, approver: null }
  const all = { id: 1, duties: ['verifier', 'checker', 'approver'] as const }

  it('lets each duty sign in its own status', () => {
    expect(canSign({ status: 'draft', signatures: none }, 'verifier', { id: 1, duties: ['verifier'] })).toBe(true)
    expect(canSign({ status: 'draft', signatures: none }, 'checker', { id: 1, duties: ['checker'] })).toBe(false)
    expect(canSign({ status: 'awaiting_check', signatures: { ...none, verifier: sig(2) } }, 'checker', { id: 1, duties: ['checker'] })).toBe(true)
    expect(canSign({ status: 'awaiting_approval', signatures: { ...none, verifier: sig(2), checker: sig(3) } }, 'approver', { id: 1, duties: ['approver'] })).toBe(true)
    expect(canSign({ status: 'approved', signatures: none }, 'approver', { id: 1, duties: ['approver'] })).toBe(false)
  })

  it('needs the duty and never two signatures of one person', () => {
    expect(canSign({ status: 'awaiting_check', signatures: none }, 'checker', { id: 1, duties: ['verifier'] })).toBe(false)
    expect(canSign({ status: 'awaiting_check', signatures: { ...none, verifier: sig(1) } }, 'checker', { ...all, duties: [...all.duties] })).toBe(false)
    expect(canSign({ status: 'draft', signatures: none }, 'verifier', null)).toBe(false)
  })

  it('sends back from the checker’s and approver’s stages only', () => {
    expect(sendBackDuty('draft')).toBeNull()
    expect(sendBackDuty('awaiting_check')).toBe('checker')
    expect(sendBackDuty('awaiting_approval')).toBe('approver')
    expect(sendBackDuty('approved')).toBeNull()
    expect(canSendBack({ status: 'awaiting_check' }, { id: 1, duties: ['checker'] })).toBe(true)
    expect(canSendBack({ status: 'awaiting_check' }, { id: 1, duties: ['approver'] })).toBe(false)
    expect(canSendBack({ status: 'awaiting_approval' }, { id: 1, duties: ['approver'] })).toBe(true)
  })
})

describe('record form', () => {
  it('chooses first verification for instruments never verified', () => {
    expect(defaultKind(null)).toBe('first')
    expect(defaultKind({ verification_state: 'never' })).toBe('first')
    expect(defaultKind({ verification_state: 'passed' })).toBe('subsequent')
    // a sampling task is always recorded as 使用中检查
    expect(initialKind({ verification_state: 'never' }, 3)).toBe('in_service')
    expect(initialKind({ verification_state: 'passed' }, 3)).toBe('in_service')
    expect(initialKind({ verification_state: 'never' }, null)).toBe('first')
    expect(initialKind({ verification_state: 'passed' }, undefined)).toBe('subsequent')
  })

  it('merges the checklist with saved answers', () => {
    const rules = [
      { item: 'nameplate', name: '铭牌' },
      { item: 'display', name: '显示' },
    ]
    expect(checklistFrom(rules)).toEqual([
      { item: 'nameplate', name: '铭牌', pass: true, note: '' },
      { item: 'display', name: '显示', pass: true, note: '' },
    ])
    const saved = [
      { item: 'display', name: '显示', pass: false, note: '花屏' },
      { item: 'seal', name: '封印', pass: true, note: '' },
    ]
    expect(checklistFrom(rules, saved).map((c) => [c.item, c.pass, c.note])).toEqual([
      ['nameplate', true, ''],
      ['display', false, '花屏'],
      ['seal', true, ''],
    ])
  })

  it('finds incomplete load points and compares rows with saved ones', () => {
    const full = { current_a: 32, voltage_v: 220, standard_energy_kwh: 1, charger_energy_kwh: 1.002 }
    expect(incompleteLoadPoints([full, blankLoadPoint(), { ...full, voltage_v: null }])).toEqual([1, 2])
    expect(sameLoadPoint(full, { ...full })).toBe(true)
    expect(sameLoadPoint(full, { ...full, charger_energy_kwh: 1.003 })).toBe(false)
    expect(sameLoadPoint(full, undefined)).toBe(false)
  })

  it('builds the request, with the clock error only for time-of-use billing', () => {
    const form: VerificationForm = {
      kind: 'first',
      verified_on: '2025-03-01',
      standard_ids: [3],
      temperature_c: 22.5,
      humidity_pct: 55,
      insulation_mohm: 120,
      checklist: [{ item: 'display', name: '显示', pass: false, note: ' 花屏 ' }],
      load_points: [{ current_a: 32, voltage_v: 220, standard_energy_kwh: 1, charger_energy_kwh: 1.002 }],
      clock_error_s: 2,
    }
    const input = toVerificationInput(form, 7, 9, false)
    expect(input).toMatchObject({ appointment_id: 7, instrument_id: 9, clock_error_s: null, checklist: [{ item: 'display', pass: false, note: '花屏' }] })
    expect(input.checklist[0]).not.toHaveProperty('name')
    expect(toVerificationInput(form, 7, 9, true).clock_error_s).toBe(2)
  })

  it('accepts a full Verification for the sign-off check', () => {
    const v = { status: 'draft', signatures: { verifier: null, checker: null, approver: null } } as Pick<Verification, 'status' | 'signatures'>
    expect(canSign(v, 'verifier', { id: 5, duties: ['verifier'] })).toBe(true)
  })
})

describe('standardStatus', () => {
  const now = new Date(2025, 2, 15)
  it('shows 已过期 alone once the certificate has expired, in use or not', () => {
    expect(standardStatus({ active: true, expired: false, valid_until: '2025-03-14' }, now)).toEqual({ key: 'standards.expired', type: 'danger' })
    expect(standardStatus({ active: false, expired: true, valid_until: '2026-01-01' }, now)).toEqual({ key: 'standards.expired', type: 'danger' })
  })
  it('shows 在用 or 停用 otherwise, the last valid day included', () => {
    expect(standardStatus({ active: true, expired: false, valid_until: '2025-03-15' }, now)).toEqual({ key: 'standards.activeOn', type: 'success' })
    expect(standardStatus({ active: false, expired: false, valid_until: '2025-03-15' }, now)).toEqual({ key: 'standards.activeOff', type: 'info' })
  })
})

describe('standardValidity', () => {
  const now = new Date(2025, 2, 15)
  it('is expired when the server says so or the date has passed', () => {
    expect(standardValidity({ expired: true, valid_until: '2026-01-01' }, 30, now).state).toBe('expired')
    expect(standardValidity({ expired: false, valid_until: '2025-03-14' }, 30, now)).toEqual({ state: 'expired', days: -1 })
  })
  it('is due soon within the warning days, the boundary included', () => {
    expect(standardValidity({ expired: false, valid_until: '2025-03-15' }, 30, now)).toEqual({ state: 'due_soon', days: 0 })
    expect(standardValidity({ expired: false, valid_until: '2025-04-14' }, 30, now)).toEqual({ state: 'due_soon', days: 30 })
    expect(standardValidity({ expired: false, valid_until: '2025-04-15' }, 30, now)).toEqual({ state: 'valid', days: 31 })
  })
})
