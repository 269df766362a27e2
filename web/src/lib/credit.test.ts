import { describe, expect, it } from 'vitest'
import { CREDIT_CLASS_TAGS, CREDIT_THRESHOLDS, countText, formatPoints, formatShare } from './credit'
import { CREDIT_CLASSES } from './api/types'

describe('credit classes', () => {
  it('colours every class, A green to D red', () => {
    expect(Object.keys(CREDIT_CLASS_TAGS).sort()).toEqual([...CREDIT_CLASSES].sort())
    expect(CREDIT_CLASS_TAGS).toEqual({ A: 'success', B: 'primary', C: 'warning', D: 'danger' })
  })

  it('starts the classes at 0, 10, 25 and 50 points, rising', () => {
    expect(CREDIT_THRESHOLDS).toEqual({ A: 0, B: 10, C: 25, D: 50 })
    const from = CREDIT_CLASSES.map((c) => CREDIT_THRESHOLDS[c])
    expect([...from].sort((a, b) => a - b)).toEqual(from)
  })
})

describe('figures', () => {
  it('shows points with one decimal', () => {
    expect(formatPoints(0)).toBe('0.0')
    expect(formatPoints(12.5)).toBe('12.5')
    expect(formatPoints(12.25)).toBe('12.3')
    expect(formatPoints(0.15)).toBe('0.2')
    expect(formatPoints(33.333333)).toBe('33.3')
    expect(formatPoints(100)).toBe('100.0')
    expect(formatPoints(Number.NaN)).toBe('—')
  })

  it('shows a share as a percent with at most one decimal', () => {
    expect(formatShare(0)).toBe('0%')
    expect(formatShare(1)).toBe('100%')
    expect(formatShare(0.125)).toBe('12.5%')
    expect(formatShare(1 / 3)).toBe('33.3%')
    expect(formatShare(0.5)).toBe('50%')
    expect(formatShare(0.0005)).toBe('0.1%')
    expect(formatShare(Number.POSITIVE_INFINITY)).toBe('—')
  })

  it('shows what was counted as numerator/denominator', () => {
    expect(countText(1, 8)).toBe('1/8')
    expect(countText(0, 0)).toBe('0/0')
  })
})
