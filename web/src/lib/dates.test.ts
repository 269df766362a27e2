import { describe, expect, it } from 'vitest'
import { daysUntil, isBeforeToday, isoDate, isPastDate, todayIso } from './dates'

const now = new Date(2025, 2, 15, 23, 59) // 2025-03-15 late evening, local time

describe('dates', () => {
  it('writes local dates as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2025, 0, 5))).toBe('2025-01-05')
    expect(todayIso(now)).toBe('2025-03-15')
  })

  it('disables only the days before today', () => {
    expect(isBeforeToday(new Date(2025, 2, 14, 23, 59), now)).toBe(true)
    expect(isBeforeToday(new Date(2025, 2, 15, 0, 0), now)).toBe(false)
    expect(isBeforeToday(new Date(2025, 2, 16), now)).toBe(false)
    expect(isBeforeToday(new Date(2024, 11, 31), now)).toBe(true)
  })

  it('tells a date in the past (the not-in-past validator)', () => {
    expect(isPastDate('2025-03-14', now)).toBe(true)
    expect(isPastDate('2025-03-15', now)).toBe(false)
    expect(isPastDate('2025-03-16', now)).toBe(false)
    expect(isPastDate('2024-12-31', now)).toBe(true)
    expect(isPastDate('', now)).toBe(false)
  })

  it('counts whole days to a date', () => {
    expect(daysUntil('2025-03-15', now)).toBe(0)
    expect(daysUntil('2025-03-16', now)).toBe(1)
    expect(daysUntil('2025-03-01', now)).toBe(-14)
    expect(daysUntil('2026-03-15', now)).toBe(365)
    expect(daysUntil('', now)).toBeNull()
    expect(daysUntil(null, now)).toBeNull()
    expect(daysUntil('15.03.2025', now)).toBeNull()
  })
})
