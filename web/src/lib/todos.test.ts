import { describe, expect, it } from 'vitest'
import { todoLink, withExtraTodos } from './todos'

describe('todoLink', () => {
  it('sends the bureaus to the results due for publication and officers to their checks', () => {
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      expect(todoLink('inspections_to_publish', role)).toEqual({ path: '/supervision/inspection/tasks', query: { status: 'completed' } })
      expect(todoLink('inspections_to_record', role)).toEqual({ path: '/supervision/inspection/mine' })
    }
    expect(todoLink('inspections_to_publish', 'enterprise')).toBeNull()
  })

  it('opens the enterprise’s filtered lists', () => {
    expect(todoLink('filing_draft', 'enterprise')).toEqual({ path: '/instruments/pending', query: { tab: 'draft' } })
    expect(todoLink('filing_returned', 'enterprise')).toEqual({ path: '/instruments/pending', query: { tab: 'returned' } })
    expect(todoLink('filing_submitted', 'enterprise')).toEqual({ path: '/instruments', query: { status: 'submitted' } })
    expect(todoLink('filing_approved', 'enterprise')).toEqual({ path: '/instruments', query: { status: 'approved' } })
    expect(todoLink('filing_change_pending', 'enterprise')).toEqual({ path: '/instruments', query: { status: 'change_pending' } })
  })

  it('opens the review list for regulators, for the same keys too', () => {
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      expect(todoLink('review_pending', role)).toEqual({ path: '/review', query: { status: 'needs_review' } })
      expect(todoLink('filing_approved', role)).toEqual({ path: '/review', query: { status: 'approved' } })
      expect(todoLink('filing_returned', role)).toEqual({ path: '/review', query: { status: 'returned' } })
    }
  })

  it('opens the verification lists', () => {
    expect(todoLink('appointments_open', 'enterprise')).toEqual({ path: '/appointments' })
    expect(todoLink('appointments_to_accept', 'institute')).toEqual({ path: '/institute/appointments', query: { status: 'submitted' } })
    expect(todoLink('verifications_to_sign', 'institute')).toEqual({ path: '/verifications', query: { awaiting: 'me' } })
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      expect(todoLink('instruments_overdue', role)).toEqual({ path: '/review', query: { status: 'approved', verification: 'overdue' } })
    }
    expect(todoLink('appointments_to_accept', 'enterprise')).toBeNull()
    expect(todoLink('verifications_to_sign', 'district_regulator')).toBeNull()
  })

  it('links messages for everyone, failed SMS for the sysadmin, and nothing unknown', () => {
    expect(todoLink('unread_messages', 'drc')).toEqual({ path: '/inbox' })
    expect(todoLink('failed_sms', 'sysadmin')).toEqual({ path: '/admin/notifications' })
    expect(todoLink('failed_sms', 'enterprise')).toBeNull()
    expect(todoLink('review_pending', 'enterprise')).toBeNull()
    expect(todoLink('filing_draft', 'district_regulator')).toBeNull()
    expect(todoLink('mystery', 'enterprise')).toBeNull()
  })

  it('opens the rectification list filtered to what the card counts', () => {
    expect(todoLink('rectifications_issued', 'enterprise')).toEqual({ path: '/supervision/rectifications', query: { status: 'issued' } })
    expect(todoLink('rectifications_overdue', 'enterprise')).toEqual({ path: '/supervision/rectifications', query: { overdue: 'true' } })
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      expect(todoLink('rectifications_answered', role)).toEqual({ path: '/supervision/rectifications', query: { status: 'answered' } })
      expect(todoLink('rectifications_overdue', role)).toEqual({ path: '/supervision/rectifications', query: { overdue: 'true' } })
    }
    expect(todoLink('rectifications_answered', 'enterprise')).toBeNull()
    expect(todoLink('rectifications_issued', 'city_regulator')).toBeNull()
    expect(todoLink('rectifications_overdue', 'institute')).toBeNull()
  })
})

describe('withExtraTodos', () => {
  const extra = [{ key: 'rectifications_overdue', count: 2 }]

  it('puts the extra cards before 未读消息', () => {
    const todos = [
      { key: 'review_pending', count: 1 },
      { key: 'unread_messages', count: 3 },
    ]
    expect(withExtraTodos(todos, extra).map((t) => t.key)).toEqual(['review_pending', 'rectifications_overdue', 'unread_messages'])
    expect(withExtraTodos([{ key: 'unread_messages', count: 0 }], extra).map((t) => t.key)).toEqual(['rectifications_overdue', 'unread_messages'])
  })

  it('adds them at the end without 未读消息, and changes nothing without extras', () => {
    expect(withExtraTodos([{ key: 'review_pending', count: 1 }], extra).map((t) => t.key)).toEqual(['review_pending', 'rectifications_overdue'])
    const todos = [{ key: 'unread_messages', count: 3 }]
    expect(withExtraTodos(todos, [])).toEqual(todos)
  })
})
