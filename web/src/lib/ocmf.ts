// The rules of 计量数据验签 (OCMF signed meter values): what the form sends, how a failure is shown,
// and how the verdict's codes and readings read for a driver — the reason, the kind of each
// reading (TX), its status (ST, EF), the meter's clock (TM) and the energy charged.
import { ApiError } from './api/http'
import { OCMF_REASONS, type OcmfReading, type OcmfVerifyRequest } from './api/types.ocmf'

/** The form of the page: both fields as typed or pasted. */
export interface OcmfForm {
  ocmf: string
  public_key: string
}

export function blankOcmfForm(): OcmfForm {
  return { ocmf: '', public_key: '' }
}

/**
 * The request for what was pasted: the OCMF string without the blanks around it (the signature
 * covers the payload's exact bytes, so nothing inside is touched), the key's hex without the
 * spaces and line breaks it is often printed with; no key when none was given (optional since
 * meters can have their key registered).
 */
export function ocmfRequest(form: OcmfForm): OcmfVerifyRequest {
  const key = form.public_key.replace(/\s+/g, '')
  // no key: the server looks up the key registered for the record's meter serial
  return key ? { ocmf: form.ocmf.trim(), public_key: key } : { ocmf: form.ocmf.trim() }
}

/** The verification states of a registered meter's charger, named in ocmfRegState. */
export const REGISTERED_STATES = ['never', 'passed', 'failed', 'revoked'] as const

/** The fields the server names in `details.field` of a 400. */
export const OCMF_FIELDS = ['ocmf', 'public_key'] as const
export type OcmfField = (typeof OCMF_FIELDS)[number]

/** 请求过于频繁 (429), or anything else (shown with its text when not placed under a field). */
export type OcmfFailure = 'rate_limited' | 'other'

export function ocmfFailure(err: unknown): OcmfFailure {
  return err instanceof ApiError && (err.status === 429 || err.code === 'rate_limited') ? 'rate_limited' : 'other'
}

/** The i18n key of why a record is not valid; an unknown code reads as 未通过核验. */
export function ocmfReasonKey(reason: string | null | undefined): string {
  return reason && (OCMF_REASONS as readonly string[]).includes(reason) ? `ocmfReason.${reason}` : 'ocmfReason.unknown'
}

/** TX letters: B begin, C charging, X exception, T tariff change, and the ends E, L, R, A, P. */
export const READING_TYPES = ['B', 'C', 'X', 'T', 'E', 'L', 'R', 'A', 'P'] as const
export const END_TYPES = ['E', 'L', 'R', 'A', 'P'] as const

/** The i18n key of a reading's kind (`ocmfType.<letter>`), or null for a letter OCMF does not define. */
export function readingTypeKey(type: string): string | null {
  return (READING_TYPES as readonly string[]).includes(type) ? `ocmfType.${type}` : null
}

/** ST = G: the meter reports the reading as good. */
export function readingGood(r: Pick<OcmfReading, 'status'>): boolean {
  return r.status === 'G'
}

/** EF letters: E energy error, t time error. */
export const ERROR_FLAGS = ['E', 't'] as const

/** The known error flags of a reading (EF), in the order given, once each. */
export function readingErrorFlags(r: Pick<OcmfReading, 'error_flags'>): string[] {
  return [...new Set([...(r.error_flags ?? '')].filter((c) => (ERROR_FLAGS as readonly string[]).includes(c)))]
}

/** TM read for display: the meter's own date and time and UTC offset, and its clock's state. */
export interface MeterTime {
  /** `YYYY-MM-DD HH:mm:ss`, as the meter wrote it (not moved to another time zone) */
  text: string
  /** `+08:00`; '' when the meter gave none */
  offset: string
  /** U unknown, I informative (not synchronised), S synchronised, R relative; '' when absent */
  clock: string
}

const TM = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[,.]\d+)?(Z|[+-]\d{2}:?\d{2})?(?:\s+([A-Za-z]))?$/

/** Reads `2019-08-13T10:03:15,000+0000 I`; null when the text is not such a time. */
export function meterTime(tm: string): MeterTime | null {
  const m = TM.exec(tm.trim())
  if (!m) return null
  const zone = m[3] ?? ''
  const offset = zone === 'Z' ? '+00:00' : zone && `${zone.slice(0, 3)}:${zone.slice(-2)}`
  return { text: `${m[1]} ${m[2]}`, offset, clock: (m[4] ?? '').toUpperCase() }
}

/** The clock states TM may end with. */
export const CLOCK_STATES = ['U', 'I', 'S', 'R'] as const

/** Decimal places of a number as written (0.2596 → 4, 1e-7 → 7). */
function decimals(n: number): number {
  const [mantissa, exp] = String(n).toLowerCase().split('e')
  const places = (mantissa.split('.')[1] ?? '').length - Number(exp ?? 0)
  return Math.min(Math.max(places, 0), 20)
}

/**
 * The energy charged: the last reading less the first, to the places the meter gave (no float
 * noise: 0.2597 − 0.2596 is 0.0001), with their unit. Null with fewer than two readings, when the
 * two units differ or are missing, or when the difference is negative.
 */
export function ocmfEnergy(readings: readonly Pick<OcmfReading, 'value' | 'unit'>[]): { value: string; unit: string } | null {
  if (readings.length < 2) return null
  const first = readings[0]
  const last = readings[readings.length - 1]
  if (!first.unit || first.unit !== last.unit) return null
  if (!Number.isFinite(first.value) || !Number.isFinite(last.value)) return null
  const places = Math.max(decimals(first.value), decimals(last.value))
  const diff = last.value - first.value
  if (diff < 0) return null
  return { value: diff.toFixed(places), unit: last.unit }
}

/** A reading's value as the meter gave it, with its unit. */
export function readingValue(r: Pick<OcmfReading, 'value' | 'unit'>): string {
  return r.unit ? `${r.value} ${r.unit}` : String(r.value)
}

/** The placeholder of the OCMF field: the shape of the string, the same in every language. */
export const OCMF_PLACEHOLDER = 'OCMF|{"FV":"1.0",…}|{"SD":"3045…"}'
