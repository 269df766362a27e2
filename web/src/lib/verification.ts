// Rules of verification records (检定记录) as the UI needs them: the working-error preview
// (docs/verification.md "Conclusion rules"), who may sign or send back, and form <-> request
// mapping. Pure: the server computes the authoritative values and enforces the sign-off.
import type {
  Duty,
  Instrument,
  LoadPoint,
  StaffMember,
  Standard,
  Verification,
  VerificationInput,
  VerificationKind,
  VerificationLimit,
  VerificationStatus,
} from './api/types'
import type { TagType } from './filing'
import { daysUntil } from './dates'

/** `item` of the limits as the rules name them (assumed; see docs/verification.md). */
export const WORKING_ERROR_ITEM = 'working_error'
export const CLOCK_ERROR_ITEM = 'clock_error'

export const VERIFICATION_TAGS: Record<VerificationStatus, TagType> = {
  draft: 'info',
  awaiting_check: 'warning',
  awaiting_approval: 'warning',
  approved: 'success',
}
export const CONCLUSION_TAGS: Record<string, TagType> = { pass: 'success', fail: 'danger' }

/** error % = (E_charger − E_standard) / E_standard × 100; null when either is missing or E_standard ≤ 0. */
export function errorPct(standardKwh: number | null | undefined, chargerKwh: number | null | undefined): number | null {
  if (standardKwh == null || chargerKwh == null || !(standardKwh > 0)) return null
  return ((chargerKwh - standardKwh) / standardKwh) * 100
}

/** Decimal places of a rounding interval (0.1 → 1, 0.05 → 2, 1 → 0). */
export function decimalsOf(interval: number): number {
  const s = String(interval)
  const dot = s.indexOf('.')
  return dot < 0 ? 0 : s.length - dot - 1
}

/**
 * `value` rounded to a multiple of `interval` by GB/T 8170: to the nearest multiple, a tie to the
 * even multiple, negative values as their magnitude. Float noise below 1e-9 intervals is ignored.
 */
export function roundToInterval(value: number, interval: number): number {
  if (!(interval > 0)) return value
  const q = Number((Math.abs(value) / interval).toFixed(9))
  const n = Math.floor(q)
  const frac = q - n
  const k = frac > 0.5 ? n + 1 : frac < 0.5 ? n : n % 2 === 0 ? n : n + 1
  return Number((Math.sign(value) * k * interval).toFixed(decimalsOf(interval))) || 0
}

export interface Limit {
  limit: number
  rounding: number
}

const wildcard = (v: string) => v === '' || v === '*'

/**
 * The limit of `item` for the verification kind and accuracy class: the rule matching most
 * specifically (an empty or `*` kind or class matches any); the regulation's defaults when the
 * rules have none (±1.0 %/0.1 for class 1, ±2.0 %/0.2 for class 2; clock 5 s at first
 * verification, else 180 s).
 */
export function findLimit(limits: VerificationLimit[], item: string, kind: string, accuracyClass: string): Limit | null {
  let best: VerificationLimit | null = null
  let bestScore = -1
  for (const l of limits) {
    if (l.item !== item) continue
    if (!wildcard(l.kind ?? '') && l.kind !== kind) continue
    if (!wildcard(l.accuracy_class ?? '') && l.accuracy_class !== accuracyClass) continue
    const score = (wildcard(l.kind ?? '') ? 0 : 1) + (wildcard(l.accuracy_class ?? '') ? 0 : 1)
    if (score > bestScore) {
      best = l
      bestScore = score
    }
  }
  if (best) return { limit: best.limit, rounding: best.rounding }
  if (item === CLOCK_ERROR_ITEM) return { limit: kind === 'first' ? 5 : 180, rounding: 1 }
  if (item === WORKING_ERROR_ITEM) {
    const cls = Number.parseFloat(accuracyClass)
    if (cls === 1) return { limit: 1, rounding: 0.1 }
    if (cls === 2) return { limit: 2, rounding: 0.2 }
  }
  return null
}

export interface ErrorPreview {
  error: number
  rounded: number
  /** null when no limit is known */
  pass: boolean | null
}

/** Client-side preview of one load point; null until both energies are entered. */
export function previewLoadPoint(lp: Partial<LoadPointRow>, limit: Limit | null): ErrorPreview | null {
  const e = errorPct(lp.standard_energy_kwh, lp.charger_energy_kwh)
  if (e === null) return null
  const rounded = limit ? roundToInterval(e, limit.rounding) : e
  return { error: e, rounded, pass: limit ? Math.abs(rounded) <= limit.limit + 1e-9 : null }
}

/** Preview of the clock time error in seconds; null until entered. */
export function previewClock(errorS: number | null | undefined, limit: Limit | null): ErrorPreview | null {
  if (errorS == null || Number.isNaN(errorS)) return null
  const rounded = roundToInterval(errorS, limit?.rounding || 1)
  return { error: errorS, rounded, pass: limit ? Math.abs(rounded) <= limit.limit + 1e-9 : null }
}

/**
 * Validity of a standard's certificate: expired (the server says so, or the date has passed),
 * due soon (within `dueDays`), or valid; `days` left when known.
 */
export function standardValidity(s: Pick<Standard, 'valid_until'> & Partial<Pick<Standard, 'expired'>>, dueDays = 30, now: Date = new Date()): { state: 'expired' | 'due_soon' | 'valid'; days: number | null } {
  const days = daysUntil(s.valid_until, now)
  if (s.expired || (days !== null && days < 0)) return { state: 'expired', days }
  return { state: days !== null && days <= dueDays ? 'due_soon' : 'valid', days }
}

/**
 * The one status a standard shows: 已过期 (danger) once its certificate has expired, whatever
 * else it is; otherwise 在用 or 停用. `key` is the i18n key.
 */
export function standardStatus(s: Pick<Standard, 'valid_until' | 'active'> & Partial<Pick<Standard, 'expired'>>, now: Date = new Date()): { key: string; type: 'danger' | 'success' | 'info' } {
  if (standardValidity(s, 0, now).state === 'expired') return { key: 'standards.expired', type: 'danger' }
  return s.active ? { key: 'standards.activeOn', type: 'success' } : { key: 'standards.activeOff', type: 'info' }
}

// ---------------------------------------------------------------- sign-off (三级签核)

export const SIGN_ORDER: readonly Duty[] = ['verifier', 'checker', 'approver']
const SIGNS_IN: Record<Duty, VerificationStatus> = { verifier: 'draft', checker: 'awaiting_check', approver: 'awaiting_approval' }

type SignState = Pick<Verification, 'status' | 'signatures'>
type Signer = Pick<StaffMember, 'id' | 'duties'>

/** The record waits for `duty`, the user holds it and has not signed the record in another role. */
export function canSign(v: SignState, duty: Duty, user: Signer | null): boolean {
  if (!user || v.status !== SIGNS_IN[duty] || !user.duties.includes(duty)) return false
  return !SIGN_ORDER.some((d) => v.signatures?.[d]?.user_id === user.id)
}

/** The duty that may send the record back now, or null (drafts and approved records). */
export function sendBackDuty(status: VerificationStatus): Duty | null {
  return status === 'awaiting_check' ? 'checker' : status === 'awaiting_approval' ? 'approver' : null
}

export function canSendBack(v: Pick<Verification, 'status'>, user: Signer | null): boolean {
  const duty = sendBackDuty(v.status)
  return !!user && duty !== null && user.duties.includes(duty)
}

// ---------------------------------------------------------------- the record form

/** A load point as edited: empty inputs are null. */
export type LoadPointRow = { [K in keyof LoadPoint]: number | null }
/** A checklist answer with the item's name, as a record lists it. */
export type ChecklistRow = Verification['checklist'][number]

export interface VerificationForm {
  kind: VerificationKind
  verified_on: string
  standard_ids: number[]
  temperature_c: number | null
  humidity_pct: number | null
  insulation_mohm: number | null
  checklist: ChecklistRow[]
  load_points: LoadPointRow[]
  clock_error_s: number | null
}

export function blankLoadPoint(): LoadPointRow {
  return { current_a: null, voltage_v: null, standard_energy_kwh: null, charger_energy_kwh: null }
}

/** 首次检定 for an instrument never verified, else 后续检定. */
export function defaultKind(inst: Pick<Instrument, 'verification_state'> | null): VerificationKind {
  return !inst?.verification_state || inst.verification_state === 'never' ? 'first' : 'subsequent'
}

/** A 抽样检定 task (its appointment has a sampling plan) is always recorded as 使用中检查. */
export const SAMPLING_KIND: VerificationKind = 'in_service'

/** The kind a new record starts with: 使用中检查 on a sampling task, else `defaultKind`. */
export function initialKind(inst: Pick<Instrument, 'verification_state'> | null, samplingPlanId: number | null | undefined): VerificationKind {
  return samplingPlanId !== null && samplingPlanId !== undefined ? SAMPLING_KIND : defaultKind(inst)
}

export function blankVerificationForm(kind: VerificationKind, today: string): VerificationForm {
  return {
    kind,
    verified_on: today,
    standard_ids: [],
    temperature_c: null,
    humidity_pct: null,
    insulation_mohm: null,
    checklist: [],
    load_points: [blankLoadPoint()],
    clock_error_s: null,
  }
}

/** The regulation's checklist with a saved record's answers; new items default to 合格, saved items the rules no longer list are kept. */
export function checklistFrom(rules: { item: string; name: string }[], saved: ChecklistRow[] = []): ChecklistRow[] {
  const byItem = new Map(saved.map((c) => [c.item, c]))
  const out = rules.map((r) => ({ item: r.item, name: r.name, pass: byItem.get(r.item)?.pass ?? true, note: byItem.get(r.item)?.note ?? '' }))
  for (const c of saved) if (!rules.some((r) => r.item === c.item)) out.push({ ...c })
  return out
}

export function formFromVerification(v: Verification): VerificationForm {
  return {
    kind: v.kind,
    verified_on: v.verified_on,
    standard_ids: [...v.standard_ids],
    temperature_c: v.temperature_c,
    humidity_pct: v.humidity_pct,
    insulation_mohm: v.insulation_mohm,
    checklist: v.checklist.map((c) => ({ ...c })),
    load_points: v.load_points.map(({ current_a, voltage_v, standard_energy_kwh, charger_energy_kwh }) => ({ current_a, voltage_v, standard_energy_kwh, charger_energy_kwh })),
    clock_error_s: v.clock_error_s,
  }
}

/** Indexes (0-based) of load points with an empty value. */
export function incompleteLoadPoints(rows: LoadPointRow[]): number[] {
  return rows.flatMap((r, i) => (Object.values(r).some((v) => v === null || v === undefined) ? [i] : []))
}

/** The row was saved as is (so the server's computed error applies to it). */
export function sameLoadPoint(row: LoadPointRow, saved: LoadPoint | undefined): boolean {
  return !!saved && (Object.keys(row) as (keyof LoadPoint)[]).every((k) => row[k] === saved[k])
}

/** The request body; the clock error only for chargers with time-of-use billing. */
export function toVerificationInput(form: VerificationForm, appointmentId: number, instrumentId: number, touBilling: boolean): VerificationInput {
  return {
    appointment_id: appointmentId,
    instrument_id: instrumentId,
    kind: form.kind,
    verified_on: form.verified_on,
    standard_ids: [...form.standard_ids],
    temperature_c: form.temperature_c,
    humidity_pct: form.humidity_pct,
    insulation_mohm: form.insulation_mohm,
    checklist: form.checklist.map(({ item, pass, note }) => ({ item, pass, note: note.trim() })),
    load_points: form.load_points.map((r) => ({
      current_a: r.current_a ?? 0,
      voltage_v: r.voltage_v ?? 0,
      standard_energy_kwh: r.standard_energy_kwh ?? 0,
      charger_energy_kwh: r.charger_energy_kwh ?? 0,
    })),
    clock_error_s: touBilling ? form.clock_error_s : null,
  }
}
