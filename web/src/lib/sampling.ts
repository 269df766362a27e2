// Rules of sampling verification plans (抽样检定计划) as the UI needs them: the ratio between the
// percent the form shows and the decimal the API takes, the seed's form and a browser-made seed,
// and the figures of a draw (coverage of the strata, actual ratio, the size the published rule
// gives). Pure: the server validates, draws and replays authoritatively.
import type { SamplingDraw, SamplingPlan, SamplingPlanRequest, SamplingPlanStatus, SamplingUnit } from './api/types'
import type { TagType } from './filing'

export const PLAN_STATUS_TAGS: Record<SamplingPlanStatus, TagType> = { draft: 'info', drawn: 'success', dispatched: 'primary' }

/** The lowest sampling ratio, in percent (抽样比例不得低于5%). */
export const MIN_RATIO_PERCENT = 5
export const MAX_RATIO_PERCENT = 100
/** Step of the percent input's arrows. */
export const RATIO_STEP_PERCENT = 0.5
/** The API takes at most 4 decimals of the ratio: 2 of the percent. */
export const PERCENT_DECIMALS = 2
export const NAME_MAX = 100
export const YEAR_MIN = 2000
export const YEAR_MAX = 2100
export const EXCLUDE_DAYS_MAX = 3650
export const SEED_MIN_DIGITS = 20
export const SEED_MAX_DIGITS = 100
/** Digits of a seed made by 生成. */
export const GENERATED_SEED_DIGITS = 24

const DECIMAL = /^(\d+)(?:\.(\d+))?$/

/** A decimal ratio as a percent without float noise: "0.05" → "5%", "0.055" → "5.5%", "1" → "100%". */
export function ratioPercent(ratio: string | number): string {
  const m = DECIMAL.exec(String(ratio).trim())
  if (!m) return String(ratio)
  const frac = (m[2] ?? '').padEnd(2, '0')
  const int = (m[1] + frac.slice(0, 2)).replace(/^0+(?=\d)/, '')
  const rest = frac.slice(2).replace(/0+$/, '')
  return `${int}${rest ? `.${rest}` : ''}%`
}

/** Percent → the decimal the API takes, rounded to 4 places: 5 → 0.05, 5.5 → 0.055. */
export function percentToRatio(percent: number): number {
  return Math.round(percent * 10 ** PERCENT_DECIMALS) / 10 ** (PERCENT_DECIMALS + 2)
}

export type RatioProblem = 'required' | 'tooLow' | 'tooHigh' | 'decimals'

/** What is wrong with a percent as the server would see its ratio (ratio_too_low, ratio_invalid). */
export function ratioProblem(percent: number | null | undefined): RatioProblem | null {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return 'required'
  const scaled = percent * 10 ** PERCENT_DECIMALS
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return 'decimals'
  if (percentToRatio(percent) < MIN_RATIO_PERCENT / 100) return 'tooLow'
  if (percentToRatio(percent) > MAX_RATIO_PERCENT / 100) return 'tooHigh'
  return null
}

/** 20 to 100 decimal digits. */
export function isValidSeed(seed: string): boolean {
  return new RegExp(`^\\d{${SEED_MIN_DIGITS},${SEED_MAX_DIGITS}}$`).test(seed)
}

/** Fills an array with random bytes (crypto.getRandomValues). */
export type RandomBytes = (buf: Uint8Array) => Uint8Array

const cryptoBytes: RandomBytes = (buf) => globalThis.crypto.getRandomValues(buf)

/**
 * A seed of `digits` random decimal digits from the browser's cryptographic generator, the first
 * not 0 (so the seed reads the same as a number). Bytes ≥ 250 are skipped: each digit is uniform.
 */
export function randomSeed(digits = GENERATED_SEED_DIGITS, random: RandomBytes = cryptoBytes): string {
  let out = ''
  while (out.length < digits) {
    for (const b of random(new Uint8Array(digits * 2))) {
      if (b >= 250 || (out === '' && b % 10 === 0)) continue
      out += String(b % 10)
      if (out.length === digits) break
    }
  }
  return out
}

/** The current draw: the latest (highest `seq`); null before the first. */
export function currentDraw(plan: Pick<SamplingPlan, 'draws'> | null | undefined): SamplingDraw | null {
  const draws = plan?.draws ?? []
  return draws.reduce<SamplingDraw | null>((a, d) => (a === null || d.seq > a.seq ? d : a), null)
}

/** Strata that have at least one unit among `items`. */
export function coveredStrata(items: SamplingUnit[]): number {
  return new Set(items.map((u) => u.stratum)).size
}

/** n / N as a percent with at most 2 decimals ("6.25%"); "—" for an empty frame. */
export function actualPercent(n: number, frame: number): string {
  if (!(frame > 0)) return '—'
  const hundredths = Math.round((n / frame) * 10_000)
  return `${(hundredths / 100).toFixed(2).replace(/\.?0+$/, '')}%`
}

/**
 * The sample size of the published rule, in exact decimal arithmetic: ⌈ratio × N⌉ raised to the
 * number of strata. `byRatio` is ⌈ratio × N⌉ alone; null when the ratio is not a decimal.
 */
export function expectedSampleSize(ratio: string | number, frame: number, strata: number): { byRatio: number; size: number } | null {
  const m = DECIMAL.exec(String(ratio).trim())
  if (!m || !Number.isSafeInteger(frame) || frame < 0) return null
  const frac = m[2] ?? ''
  const num = BigInt(m[1] + frac) * BigInt(frame)
  const den = 10n ** BigInt(frac.length)
  const byRatio = Number((num + den - 1n) / den)
  return { byRatio, size: Math.min(frame, Math.max(byRatio, strata)) }
}

/** The year after `now`'s: the default year of a new plan. */
export function nextYear(now: Date = new Date()): number {
  return now.getFullYear() + 1
}

/** What the 新建计划 form holds: the ratio as a percent, the deadline '' when not chosen. */
export interface PlanForm {
  name: string
  year: number | null
  region_codes: string[]
  type_codes: string[]
  ratio_percent: number | null
  institute_org_id: number | null
  exclude_verified_within_days: number | null
  deadline: string
}

/** The form as `POST /sampling-plans` takes it (name trimmed, ratio as a decimal, no empty deadline). */
export function planRequest(f: PlanForm): SamplingPlanRequest {
  const req: SamplingPlanRequest = {
    name: f.name.trim(),
    year: f.year ?? 0,
    region_codes: [...f.region_codes],
    type_codes: [...f.type_codes],
    ratio: f.ratio_percent === null ? 0 : percentToRatio(f.ratio_percent),
    institute_org_id: f.institute_org_id ?? 0,
    exclude_verified_within_days: f.exclude_verified_within_days ?? 0,
  }
  if (f.deadline) req.deadline = f.deadline
  return req
}
