import { describe, expect, it } from 'vitest'
import type { Instrument, InstrumentDraft, InstrumentType } from './api/types'
import { ApiError } from './api'
import { useFieldErrors } from './errors'
import {
  awaitsReview,
  blankForm,
  canApply,
  canReview,
  diffChange,
  formFieldOf,
  formFrom,
  formMode,
  INSTRUMENT_FORM_FIELDS,
  isMandatoryUse,
  parseClasses,
  rowActions,
  statusTag,
  toRequest,
  valueAt,
} from './filing'

const AC: InstrumentType = {
  code: 'ev_ac_charger',
  name: '电动汽车交流充电桩',
  regulation: 'JJG 1148-2022',
  verification_form: 'periodic',
  period_months: 36,
  mandatory_uses: ['trade_settlement'],
  charger_current: 'AC',
  is_charger: true,
  accuracy_classes: ['1', '2'],
  active: true,
}
const SCALE: InstrumentType = {
  ...AC,
  code: 'non_automatic_scale',
  name: '非自动秤',
  mandatory_uses: ['trade_settlement', 'safety', 'medical'],
  charger_current: null,
  is_charger: false,
}

const state = (status: Instrument['status'], change_pending = false, mandatory = true) => ({ status, change_pending, mandatory })

describe('rowActions', () => {
  it('offers per status what the server allows', () => {
    expect(rowActions(state('draft'))).toEqual(['view', 'edit', 'delete'])
    expect(rowActions(state('returned'))).toEqual(['view', 'edit'])
    expect(rowActions(state('submitted'))).toEqual(['view'])
    expect(rowActions(state('approved'))).toEqual(['view', 'change', 'deregister'])
    expect(rowActions(state('deregistered'))).toEqual(['view'])
  })

  it('offers no change or deregistration while a change request waits', () => {
    expect(rowActions(state('approved', true))).toEqual(['view'])
  })
})

describe('canApply / awaitsReview / canReview', () => {
  it('applies only mandatory drafts and returned filings', () => {
    expect(canApply(state('draft'))).toBe(true)
    expect(canApply(state('returned'))).toBe(true)
    expect(canApply(state('draft', false, false))).toBe(false)
    for (const s of ['submitted', 'approved', 'deregistered'] as const) expect(canApply(state(s))).toBe(false)
  })

  it('reviews submitted filings and change requests, by district regulators only', () => {
    expect(awaitsReview(state('submitted'))).toBe(true)
    expect(awaitsReview(state('approved', true))).toBe(true)
    expect(awaitsReview(state('approved'))).toBe(false)
    expect(awaitsReview(state('returned'))).toBe(false)
    expect(canReview(state('submitted'), 'district_regulator')).toBe(true)
    expect(canReview(state('submitted'), 'city_regulator')).toBe(false)
    expect(canReview(state('submitted'), 'enterprise')).toBe(false)
    expect(canReview(state('draft'), 'district_regulator')).toBe(false)
  })
})

describe('statusTag', () => {
  it('colours each status', () => {
    expect(statusTag('draft').type).toBe('info')
    expect(statusTag('submitted').type).toBe('warning')
    expect(statusTag('approved').type).toBe('success')
    expect(statusTag('returned').type).toBe('danger')
    expect(statusTag('deregistered')).toEqual({ type: 'info', effect: 'plain' })
    expect(statusTag('draft').effect).not.toBe(statusTag('deregistered').effect)
    expect(statusTag('weird')).toEqual({ type: 'info', effect: 'plain' })
  })
})

describe('isMandatoryUse', () => {
  it('follows the type’s mandatory uses', () => {
    expect(isMandatoryUse(AC, 'trade_settlement')).toBe(true)
    expect(isMandatoryUse(AC, 'other')).toBe(false)
    expect(isMandatoryUse(AC, 'safety')).toBe(false)
    expect(isMandatoryUse(SCALE, 'medical')).toBe(true)
    expect(isMandatoryUse(SCALE, 'environment')).toBe(false)
  })

  it('is unknown until type and use are chosen', () => {
    expect(isMandatoryUse(null, 'trade_settlement')).toBeNull()
    expect(isMandatoryUse(AC, '')).toBeNull()
  })
})

describe('formMode', () => {
  it('creates, edits, requests a change or only shows', () => {
    expect(formMode(null)).toBe('create')
    expect(formMode(state('draft'))).toBe('edit')
    expect(formMode(state('returned'))).toBe('edit')
    expect(formMode(state('approved'))).toBe('change')
    expect(formMode(state('approved', true))).toBe('readonly')
    expect(formMode(state('submitted'))).toBe('readonly')
    expect(formMode(state('deregistered'))).toBe('readonly')
  })
})

describe('field errors of the instrument form', () => {
  it('puts charger.* errors on the charger items and a missing group on its first item', () => {
    expect(formFieldOf('charger')).toBe('charger.current_type')
    expect(formFieldOf('charger.rated_power_kw')).toBe('charger.rated_power_kw')
    const fe = useFieldErrors<(typeof INSTRUMENT_FORM_FIELDS)[number]>()
    const err = new ApiError(400, 'charger_field_required', '请填写最大电流', {
      field: 'charger.max_current_a',
      fields: [
        { field: 'charger.max_current_a', code: 'charger_field_required', message: '请填写最大电流' },
        { field: 'charger.rated_power_kw', code: 'charger_field_invalid', message: '额定功率应大于0且不超过1000kW' },
        { field: 'serial_no', code: 'serial_no_required', message: '请填写出厂编号' },
        { field: 'charger.unknown', code: 'x', message: 'y' },
      ],
    })
    expect(fe.apply(err, INSTRUMENT_FORM_FIELDS, formFieldOf)).toBe(true)
    expect(fe.errors).toEqual({
      'charger.max_current_a': '请填写最大电流',
      'charger.rated_power_kw': '额定功率应大于0且不超过1000kW',
      serial_no: '请填写出厂编号',
    })
    expect(fe.apply(new ApiError(400, 'charger_required', '充电桩须填写充电设备参数', { field: 'charger' }), INSTRUMENT_FORM_FIELDS, formFieldOf)).toBe(true)
    expect(fe.errors).toEqual({ 'charger.current_type': '充电桩须填写充电设备参数' })
  })
})

describe('toRequest / formFrom', () => {
  const filled = () => {
    const f = blankForm()
    Object.assign(f, { type_code: 'ev_ac_charger', name: ' 交流桩 ', model: 'AC7', serial_no: ' SN1 ', install_region_code: '420103' })
    Object.assign(f.charger, { current_type: 'DC', rated_power_kw: 7, station_name: ' 站 ', tou_billing: true })
    return f
  }

  it('trims text and fixes the current type from a charger type', () => {
    const req = toRequest(filled(), AC)
    expect(req.name).toBe('交流桩')
    expect(req.serial_no).toBe('SN1')
    expect(req.charger).toMatchObject({ current_type: 'AC', rated_power_kw: 7, station_name: '站', tou_billing: true })
  })

  it('sends no charger group for other types', () => {
    expect(toRequest(filled(), SCALE).charger).toBeNull()
    expect(toRequest(filled(), null).charger).toBeNull()
  })

  it('round-trips an instrument’s data', () => {
    const req = toRequest(filled(), AC)
    expect(toRequest(formFrom(req), AC)).toEqual(req)
    expect(formFrom({ ...req, charger: null }).charger.station_name).toBe('')
  })
})

describe('diffChange', () => {
  const base: InstrumentDraft = toRequest(
    Object.assign(blankForm(), { type_code: 'ev_ac_charger', name: '桩', serial_no: 'S1', notes: '' }),
    AC,
  )

  it('lists changed common and charger fields only', () => {
    const proposed = structuredClone(base)
    proposed.name = '新桩'
    proposed.charger!.station_name = '二号站'
    proposed.charger!.rated_power_kw = 7
    expect(diffChange(base, proposed)).toEqual([
      { field: 'name', current: '桩', proposed: '新桩' },
      { field: 'charger.rated_power_kw', current: null, proposed: 7 },
      { field: 'charger.station_name', current: '', proposed: '二号站' },
    ])
  })

  it('treats null and empty text as the same', () => {
    const proposed = structuredClone(base)
    proposed.notes = null as unknown as string
    expect(diffChange(base, proposed)).toEqual([])
  })
})

describe('parseClasses', () => {
  it('splits on commas and spaces, drops blanks and repeats', () => {
    expect(parseClasses('1, 2，2 、 0.5')).toEqual(['1', '2', '0.5'])
    expect(parseClasses('  ')).toEqual([])
  })
})

describe('valueAt', () => {
  it('follows dotted paths', () => {
    const f = blankForm()
    f.charger.rated_power_kw = 60
    f.serial_no = 'S1'
    expect(valueAt(f, 'charger.rated_power_kw')).toBe(60)
    expect(valueAt(f, 'serial_no')).toBe('S1')
    expect(valueAt(f, 'charger.nope')).toBeUndefined()
    expect(valueAt({ charger: null }, 'charger.x')).toBeUndefined()
  })
})
