import { describe, expect, it } from 'vitest'
import { ApiError } from './api/http'
import { OCMF_REASONS } from './api/types.ocmf'
import {
  OCMF_PLACEHOLDER,
  blankOcmfForm,
  meterTime,
  ocmfEnergy,
  ocmfFailure,
  ocmfReasonKey,
  ocmfRequest,
  readingErrorFlags,
  readingGood,
  readingTypeKey,
  readingValue,
} from './ocmf'

describe('the request', () => {
  it('trims the OCMF string but keeps its inside, and drops every blank of the key', () => {
    const ocmf = 'OCMF|{"FV":"1.0", "RD":[]}|{"SD":"30"}'
    expect(ocmfRequest({ ocmf: `  \n${ocmf}\n `, public_key: ' 3059 3013\n0607 2A86\t48 ' })).toEqual({ ocmf, public_key: '3059301306072A8648' })
    expect(ocmfRequest(blankOcmfForm())).toEqual({ ocmf: '' })
    expect(ocmfRequest({ ocmf, public_key: ' \n ' })).toEqual({ ocmf })
  })

  it('shows the shape of the string as the placeholder', () => {
    expect(OCMF_PLACEHOLDER).toBe('OCMF|{"FV":"1.0",…}|{"SD":"3045…"}')
  })
})

describe('failures', () => {
  it('tells 请求过于频繁 from anything else', () => {
    expect(ocmfFailure(new ApiError(429, 'rate_limited', '请求过于频繁，请稍后再试'))).toBe('rate_limited')
    expect(ocmfFailure(new ApiError(400, 'invalid_json', 'x'))).toBe('other')
    expect(ocmfFailure(new ApiError(0, 'network_error', 'x'))).toBe('other')
    expect(ocmfFailure(new Error('x'))).toBe('other')
  })
})

describe('reasons', () => {
  it('name a text key for every reason the server gives, and one for an unknown code', () => {
    for (const r of OCMF_REASONS) expect(ocmfReasonKey(r)).toBe(`ocmfReason.${r}`)
    expect(ocmfReasonKey('meter_changed')).toBe('ocmfReason.unknown')
    expect(ocmfReasonKey(undefined)).toBe('ocmfReason.unknown')
  })
})

describe('readings', () => {
  it('name the kind of each TX letter, none for an unknown one', () => {
    for (const tx of ['B', 'C', 'X', 'T', 'E', 'L', 'R', 'A', 'P']) expect(readingTypeKey(tx)).toBe(`ocmfType.${tx}`)
    expect(readingTypeKey('Q')).toBeNull()
    expect(readingTypeKey('')).toBeNull()
    expect(readingTypeKey('unknown')).toBeNull()
  })

  it('take ST = G as good, anything else as an error, with the known EF flags once each', () => {
    expect(readingGood({ status: 'G' })).toBe(true)
    expect(readingGood({ status: 'E' })).toBe(false)
    expect(readingGood({ status: '' })).toBe(false)
    expect(readingErrorFlags({ error_flags: '' })).toEqual([])
    expect(readingErrorFlags({ error_flags: 'tEtx' })).toEqual(['t', 'E'])
  })

  it('read the meter time as written, with its offset and clock state', () => {
    expect(meterTime('2019-08-13T10:03:15,000+0000 I')).toEqual({ text: '2019-08-13 10:03:15', offset: '+00:00', clock: 'I' })
    expect(meterTime('2024-05-01T08:00:00,123+0800 S')).toEqual({ text: '2024-05-01 08:00:00', offset: '+08:00', clock: 'S' })
    expect(meterTime('2024-05-01T08:00:00.5-05:30')).toEqual({ text: '2024-05-01 08:00:00', offset: '-05:30', clock: '' })
    expect(meterTime('2024-05-01T08:00:00Z R')).toEqual({ text: '2024-05-01 08:00:00', offset: '+00:00', clock: 'R' })
    expect(meterTime('yesterday')).toBeNull()
    expect(meterTime('')).toBeNull()
  })

  it('show a value with its unit', () => {
    expect(readingValue({ value: 0.2596, unit: 'kWh' })).toBe('0.2596 kWh')
    expect(readingValue({ value: 12, unit: '' })).toBe('12')
  })
})

describe('the energy charged', () => {
  const r = (value: number, unit = 'kWh') => ({ value, unit })

  it('is the last reading less the first, to the places the meter gave, without float noise', () => {
    expect(ocmfEnergy([r(0.2596), r(0.2597)])).toEqual({ value: '0.0001', unit: 'kWh' })
    expect(ocmfEnergy([r(1.1), r(5), r(2.35)])).toEqual({ value: '1.25', unit: 'kWh' })
    expect(ocmfEnergy([r(100), r(112)])).toEqual({ value: '12', unit: 'kWh' })
    expect(ocmfEnergy([r(0.1), r(0.3)])).toEqual({ value: '0.2', unit: 'kWh' })
    expect(ocmfEnergy([r(1234, 'Wh'), r(5678.5, 'Wh')])).toEqual({ value: '4444.5', unit: 'Wh' })
    expect(ocmfEnergy([r(7), r(7)])).toEqual({ value: '0', unit: 'kWh' })
    expect(ocmfEnergy([r(1e-7), r(3e-7)])).toEqual({ value: '0.0000002', unit: 'kWh' })
  })

  it('is not given for fewer than two readings, differing or missing units, or readings going back', () => {
    expect(ocmfEnergy([])).toBeNull()
    expect(ocmfEnergy([r(1)])).toBeNull()
    expect(ocmfEnergy([r(1, 'kWh'), r(2000, 'Wh')])).toBeNull()
    expect(ocmfEnergy([r(1, ''), r(2, '')])).toBeNull()
    expect(ocmfEnergy([r(2), r(1)])).toBeNull()
  })
})
