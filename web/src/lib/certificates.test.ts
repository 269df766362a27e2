import { describe, expect, it } from 'vitest'
import type { Me } from './api/types'
import { canAmend, certTagType, labelPrintable, printsLabels } from './certificates'

describe('certificates', () => {
  it('colours live statuses', () => {
    expect(certTagType('valid')).toBe('success')
    expect(certTagType('expired')).toBe('warning')
    expect(certTagType('revoked')).toBe('danger')
    expect(certTagType('superseded')).toBe('info')
    expect(certTagType('failed')).toBe('danger')
    expect(certTagType('mystery')).toBe('info')
  })

  it('prints labels of valid certificates only', () => {
    expect(labelPrintable({ kind: 'certificate', live_status: 'valid' })).toBe(true)
    expect(labelPrintable({ kind: 'certificate', live_status: 'expired' })).toBe(false)
    expect(labelPrintable({ kind: 'certificate', live_status: 'revoked' })).toBe(false)
    expect(labelPrintable({ kind: 'result_notice', live_status: 'failed' })).toBe(false)
    expect(printsLabels('institute')).toBe(true)
    expect(printsLabels('enterprise')).toBe(true)
    expect(printsLabels('city_regulator')).toBe(false)
  })

  it('lets an approver of the issuing institute amend the current revision', () => {
    const me = (duties: string[], orgId = 4, role = 'institute') => ({ role, org: { id: orgId }, user: { duties } }) as unknown as Me
    const cert = { institute_org_id: 4, status: 'valid' } as const
    expect(canAmend(cert, me(['approver']))).toBe(true)
    expect(canAmend(cert, me(['verifier', 'checker']))).toBe(false)
    expect(canAmend(cert, me(['approver'], 5))).toBe(false)
    expect(canAmend({ ...cert, status: 'revoked' }, me(['approver']))).toBe(false)
    expect(canAmend(cert, me(['approver'], 4, 'enterprise'))).toBe(false)
    expect(canAmend(cert, null)).toBe(false)
  })
})
