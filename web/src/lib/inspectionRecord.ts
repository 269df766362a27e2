// The on-site record (现场检查) of a drawn object as the phone form holds it: the item's checks
// answered 符合/不符合 with findings, the optional 现场误差核查, the result and follow-up, and for
// 责令改正 the rectification items and deadline; what keeps it from being saved; the request; the
// photos' client-side check. Pure: the server validates again.
import type { InspectionFollowUp, InspectionObject, InspectionRecordInput, InspectionResult } from './api/types'
import { isoDate } from './dates'

export { PHOTO_ACCEPT, PHOTO_MAX_BYTES, photoProblem } from './photos'
/** Days from today to the default deadline of 责令改正. */
export const RECTIFICATION_DAYS = 30
/** The limits of the texts (as the form counts them). */
export const FINDING_MAX = 500
export const NOTE_MAX = 1000
export const ITEM_MAX = 200

export interface RecordCheck {
  code: string
  name: string
  /** 符合 true, 不符合 false, not answered null */
  ok: boolean | null
  finding: string
}

export interface RecordForm {
  checks: RecordCheck[]
  /** 现场误差核查 done */
  error_checked: boolean
  error_pct: number | null
  error_note: string
  result: InspectionResult | ''
  follow_up: InspectionFollowUp | ''
  note: string
  rectification_items: string[]
  rectification_deadline: string
}

/** `now` + `days` as YYYY-MM-DD (local). */
export function daysFrom(now: Date, days: number): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days)
  return isoDate(d)
}

/** The form for an object: its saved record, or blank answers to the item's checks. */
export function recordFormFrom(
  o: Pick<InspectionObject, 'checks' | 'error_pct' | 'error_note' | 'result' | 'follow_up' | 'note'> & Partial<Pick<InspectionObject, 'rectification_items' | 'rectification_deadline'>>,
  now: Date = new Date(),
): RecordForm {
  return {
    checks: o.checks.map((c) => ({ code: c.code, name: c.name, ok: c.ok, finding: c.finding })),
    error_checked: o.error_pct !== null,
    error_pct: o.error_pct,
    error_note: o.error_note,
    result: o.result,
    follow_up: o.follow_up,
    note: o.note,
    rectification_items: [...(o.rectification_items ?? [])],
    rectification_deadline: o.rectification_deadline || daysFrom(now, RECTIFICATION_DAYS),
  }
}

/** 责令改正 asks for rectification items and a deadline. */
export function needsRectification(followUp: InspectionFollowUp | ''): boolean {
  return followUp === 'order_correction'
}

/** The follow-up a result usually leads to, offered when none is chosen yet. */
export function defaultFollowUp(result: InspectionResult | ''): InspectionFollowUp | '' {
  switch (result) {
    case 'no_problem':
    case 'no_activity':
    case 'closed':
    case 'other_situation':
      return 'none'
    case 'corrected':
      return 'order_correction'
    case 'uncooperative':
      return 'transfer_case'
    default:
      return ''
  }
}

/** The rectification items a record suggests: the finding (else the name) of every 不符合 check. */
export function suggestedItems(checks: readonly RecordCheck[]): string[] {
  return checks.filter((c) => c.ok === false).map((c) => c.finding.trim() || c.name)
}

export type RecordProblem =
  | 'checksIncomplete'
  | 'findingRequired'
  | 'errorPctRequired'
  | 'resultRequired'
  | 'followUpRequired'
  | 'itemsRequired'
  | 'deadlineRequired'

/** Why the record cannot be saved yet, in form order; empty when it can. */
export function recordProblems(f: RecordForm): RecordProblem[] {
  const out: RecordProblem[] = []
  if (f.checks.some((c) => c.ok === null)) out.push('checksIncomplete')
  if (f.checks.some((c) => c.ok === false && c.finding.trim() === '')) out.push('findingRequired')
  if (f.error_checked && (f.error_pct === null || !Number.isFinite(f.error_pct))) out.push('errorPctRequired')
  if (!f.result) out.push('resultRequired')
  if (!f.follow_up) out.push('followUpRequired')
  if (needsRectification(f.follow_up)) {
    if (!f.rectification_items.some((s) => s.trim() !== '')) out.push('itemsRequired')
    if (!f.rectification_deadline) out.push('deadlineRequired')
  }
  return out
}

/** The form as `PUT …/record` takes it (call once recordProblems is empty): texts trimmed, blank items left out. */
export function recordRequest(f: RecordForm): InspectionRecordInput {
  const req: InspectionRecordInput = {
    checks: f.checks.map((c) => ({ code: c.code, ok: c.ok === true, finding: c.finding.trim() })),
    error_pct: f.error_checked ? f.error_pct : null,
    error_note: f.error_checked ? f.error_note.trim() : '',
    result: f.result as InspectionResult,
    follow_up: f.follow_up as InspectionFollowUp,
    note: f.note.trim(),
  }
  if (needsRectification(f.follow_up)) {
    req.rectification_items = f.rectification_items.map((s) => s.trim()).filter((s) => s !== '')
    req.rectification_deadline = f.rectification_deadline
  }
  return req
}

