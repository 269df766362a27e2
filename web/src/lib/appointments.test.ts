import { describe, expect, it } from 'vitest'
import type { Certificate, Institute } from './api/types'
import { appointmentActions, canRecord, certificateNoOf, mostFrequent, recordOf, suggestedFirst } from './appointments'

describe('appointment actions', () => {
  it('lets the enterprise edit, submit and cancel before acceptance', () => {
    expect(appointmentActions({ status: 'draft' }, 'enterprise')).toEqual(['edit', 'submit', 'cancel'])
    expect(appointmentActions({ status: 'submitted' }, 'enterprise')).toEqual(['cancel'])
    expect(appointmentActions({ status: 'accepted' }, 'enterprise')).toEqual([])
    expect(appointmentActions({ status: 'rejected' }, 'enterprise')).toEqual([])
  })

  it('lets the institute accept, reject and schedule', () => {
    expect(appointmentActions({ status: 'submitted' }, 'institute')).toEqual(['accept', 'reject'])
    expect(appointmentActions({ status: 'accepted' }, 'institute')).toEqual(['schedule'])
    expect(appointmentActions({ status: 'scheduled' }, 'institute')).toEqual(['schedule'])
    expect(appointmentActions({ status: 'completed' }, 'institute')).toEqual([])
    expect(appointmentActions({ status: 'submitted' }, 'district_regulator')).toEqual([])
  })

  it('records only accepted or scheduled appointments, as the institute', () => {
    expect(canRecord({ status: 'accepted' }, 'institute')).toBe(true)
    expect(canRecord({ status: 'scheduled' }, 'institute')).toBe(true)
    expect(canRecord({ status: 'submitted' }, 'institute')).toBe(false)
    expect(canRecord({ status: 'scheduled' }, 'enterprise')).toBe(false)
  })
})

describe('appointment helpers', () => {
  it('finds the latest record of an instrument and its certificate number', () => {
    const certificate = { number: 'JD-2' } as Certificate
    const a = {
      verifications: [
        { id: 3, instrument_id: 9, certificate: null },
        { id: 5, instrument_id: 9, certificate },
        { id: 4, instrument_id: 8, certificate: null },
      ],
    }
    expect(recordOf(a, 9)?.id).toBe(5)
    expect(recordOf(a, 7)).toBeUndefined()
    expect(certificateNoOf(a.verifications[1])).toBe('JD-2')
    expect(certificateNoOf(a.verifications[0])).toBe('')
  })

  it('picks the most frequent value, the first on a tie', () => {
    expect(mostFrequent(['a', 'b', 'b'])).toBe('b')
    expect(mostFrequent(['a', 'b'])).toBe('a')
    expect(mostFrequent(['', ''])).toBe('')
    expect(mostFrequent([])).toBe('')
  })

  it('puts suggested institutes first, keeping the order', () => {
    const i = (org_id: number, suggested: boolean) => ({ org_id, suggested }) as Institute
    expect(suggestedFirst([i(1, false), i(2, true), i(3, false), i(4, true)]).map((x) => x.org_id)).toEqual([2, 4, 1, 3])
  })
})
