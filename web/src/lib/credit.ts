// Enterprise credit-risk classes (信用风险分类) as the UI shows them: the tag colour of each class,
// the published thresholds and the figures of the indicators table. Pure: the server computes the
// score and the class authoritatively.
import type { CreditClass } from './api/types'
import type { TagType } from './filing'

/** A 低风险 green, B 一般风险 blue, C 较高风险 orange, D 高风险 red. */
export const CREDIT_CLASS_TAGS: Record<CreditClass, TagType> = { A: 'success', B: 'primary', C: 'warning', D: 'danger' }

/** The score from which each class starts (the score is the sum of the indicators' points, 0–100). */
export const CREDIT_THRESHOLDS: Record<CreditClass, number> = { A: 0, B: 10, C: 25, D: 50 }

/** The longest reason of an adjustment the server takes (`reason_too_long`). */
export const CREDIT_REASON_MAX = 500

/** A score or an indicator's points with one decimal: 12.25 → "12.3", 0 → "0.0". */
export function formatPoints(points: number): string {
  if (!Number.isFinite(points)) return '—'
  // The nudge keeps halves that binary floats store just below .x5 (0.15) rounding up.
  return (Math.round(points * 10 + 1e-9) / 10).toFixed(1)
}

/** A share in [0, 1] as a percent with at most one decimal: 0.125 → "12.5%", 1/3 → "33.3%", 0 → "0%". */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return '—'
  const tenths = Math.round(share * 1000 + 1e-9) / 10
  return `${tenths.toFixed(1).replace(/\.0$/, '')}%`
}

/** What an indicator counted: "1/8" (numerator of denominator). */
export function countText(numerator: number, denominator: number): string {
  return `${numerator}/${denominator}`
}
