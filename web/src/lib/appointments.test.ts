import { describe, expect, it } from 'vitest'
import type { Certificate, Institute, UnverifiableMark } from './api/types'
import { appointmentActions, canMarkUnverifiable, canRecord, certificateNoOf, isSamplingTask, mostFrequent, recordOf, suggestedFirst, unverifiableOf } from './appointments'

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

describe('sampling tasks and 不具备检定条件', () => {
  const mark: UnverifiableMark = { instrument_id: 8, reason: '充电桩已拆除', rectification_id: 3, marked_at: '2027-03-01T02:00:00Z' }
  const appt = (status: 'accepted' | 'scheduled' | 'submitted' | 'completed') => ({
    status,
    unverifiable: [mark],
    verifications: [{ id: 4, instrument_id: 9 }],
  })

  it('tells a sampling task by its plan', () => {
    expect(isSamplingTask({ sampling_plan_id: 3 })).toBe(true)
    expect(isSamplingTask({ sampling_plan_id: null })).toBe(false)
  })

  it('finds the mark of an instrument', () => {
    expect(unverifiableOf(appt('accepted'), 8)).toBe(mark)
    expect(unverifiableOf(appt('accepted'), 7)).toBeUndefined()
  })

  it('lets the institute mark an accepted or scheduled instrument without a mark or a record', () => {
    expect(canMarkUnverifiable(appt('accepted'), 'institute', 7)).toBe(true)
    expect(canMarkUnverifiable(appt('scheduled'), 'institute', 7)).toBe(true)
    expect(canMarkUnverifiable(appt('accepted'), 'institute', 8)).toBe(false) // marked already
    expect(canMarkUnverifiable(appt('accepted'), 'institute', 9)).toBe(false) // has a record
    expect(canMarkUnverifiable(appt('submitted'), 'institute', 7)).toBe(false)
    expect(canMarkUnverifiable(appt('completed'), 'institute', 7)).toBe(false)
    expect(canMarkUnverifiable(appt('accepted'), 'enterprise', 7)).toBe(false)
    expect(canMarkUnverifiable(appt('accepted'), 'city_regulator', 7)).toBe(false)
  })
})
