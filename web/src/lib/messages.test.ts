import { describe, expect, it } from 'vitest'
import { messageLink } from './messages'

describe('messageLink', () => {
  it('leads to the object a message is about', () => {
    expect(messageLink({ object_type: 'instrument', object_id: '12' })).toBe('/instruments/12')
    expect(messageLink({ object_type: 'appointment', object_id: '3' })).toBe('/appointments/3')
    expect(messageLink({ object_type: 'verification', object_id: '7' })).toBe('/verifications/7')
    expect(messageLink({ object_type: 'certificate', object_id: 'WHJL-2026-000001' })).toBe('/certificates/WHJL-2026-000001')
    expect(messageLink({ object_type: 'instruments', object_id: 'returned' })).toEqual({ path: '/instruments', query: { status: 'returned' } })
    expect(messageLink({ object_type: 'review', object_id: '' })).toBe('/review')
    expect(messageLink({ object_type: 'charge_alert', object_id: '' })).toBe('/supervision/alerts')
    expect(messageLink({ object_type: 'charge_alert', object_id: '7' })).toBe('/supervision/alerts/7')
  })
  it('leads nowhere for messages about nothing to open', () => {
    expect(messageLink({ object_type: '', object_id: '' })).toBeNull()
    expect(messageLink({ object_type: 'instrument', object_id: '' })).toBeNull()
    expect(messageLink({})).toBeNull()
  })
})
