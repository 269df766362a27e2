// Shapes of the verification business API (docs/verification.md): institutes and standards,
// appointments (预约检定), verification records (检定记录), certificates and labels, and the
// regulators' verification summary. snake_case as on the wire; dates YYYY-MM-DD, times ISO-8601.
import type { Duty, Instrument, PageQuery } from './types'

// ---------------------------------------------------------------- institutes and standards

/** A verification institute (计量技术机构) with what it may verify and where. */
export interface Institute {
  org_id: number
  name: string
  code: string
  type_codes: string[]
  region_codes: string[]
  contact_name: string
  contact_phone: string
  address: string
  /** its capability covers the asked type and region (shown first, tagged 推荐) */
  suggested: boolean
}

/** `PUT /institutes/{org_id}/profile`. */
export type InstituteProfile = Pick<Institute, 'code' | 'type_codes' | 'region_codes' | 'contact_name' | 'contact_phone' | 'address'>

/** A user of the caller's institute (`GET /institute/staff`). */
export interface StaffMember {
  id: number
  display_name: string
  duties: Duty[]
}

/** What the institute enters for a standard instrument (计量标准器). */
export interface StandardData {
  name: string
  model: string
  serial_no: string
  certificate_no: string
  /** end of its own calibration certificate, YYYY-MM-DD */
  valid_until: string
  accuracy: string
  active: boolean
}

export interface Standard extends StandardData {
  id: number
  /** the certificate has run out (today) */
  expired: boolean
}

/** `GET /verification-rules/{type_code}`: the regulation's checklist and limits (data, per edition). */
export interface VerificationRules {
  type_code: string
  regulation: string
  period_months: number
  checklist: { item: string; name: string }[]
  limits: VerificationLimit[]
}

/** One limit: `item` e.g. working_error or clock_error; `kind` and `accuracy_class` empty when any. */
export interface VerificationLimit {
  item: string
  kind: string
  accuracy_class: string
  limit: number
  rounding: number
}

// ---------------------------------------------------------------- appointments (预约检定)

export const APPOINTMENT_STATUSES = ['draft', 'submitted', 'accepted', 'scheduled', 'completed', 'rejected', 'cancelled'] as const
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number]
/** 预约送检 (the enterprise brings it) or 预约上门 (the institute comes). */
export const APPOINTMENT_MODES = ['send_in', 'on_site'] as const
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number]

/** `POST /appointments` and `PUT /appointments/{id}` (plus `submit` to save and submit). */
export interface AppointmentData {
  mode: AppointmentMode
  institute_org_id: number
  instrument_ids: number[]
  preferred_date: string
  contact_name: string
  contact_phone: string
  notes: string
}

export interface Appointment extends AppointmentData {
  id: number
  org_id: number
  org_name: string
  institute_name: string
  institute_contact_name: string
  institute_contact_phone: string
  status: AppointmentStatus
  scheduled_date: string | null
  /** reason of a rejection or cancellation */
  reason: string
  verifiers: { id: number; display_name: string }[]
  instrument_count: number
  /** instruments with an approved verification record */
  verified_count: number
  submitted_at: string | null
  accepted_at: string | null
  created_at: string
  updated_at: string
}

/** One step of an appointment, oldest first. */
export interface AppointmentEvent {
  at: string
  username: string
  org_name: string
  action: string
  from_status: AppointmentStatus | null
  to_status: AppointmentStatus | null
  reason: string
}

/** `GET /appointments/{id}`. */
export interface AppointmentDetail extends Appointment {
  instruments: Instrument[]
  events: AppointmentEvent[]
  verifications: VerificationSummary[]
}

export interface AppointmentQuery extends PageQuery {
  status?: AppointmentStatus | ''
  mode?: AppointmentMode | ''
  q?: string
}

export interface ScheduleRequest {
  date: string
  verifier_user_ids: number[]
}

// ---------------------------------------------------------------- verification records (检定记录)

export const VERIFICATION_KINDS = ['first', 'subsequent', 'in_service'] as const
/** 首次检定, 后续检定, 使用中检查. */
export type VerificationKind = (typeof VERIFICATION_KINDS)[number]
export const VERIFICATION_STATUSES = ['draft', 'awaiting_check', 'awaiting_approval', 'approved'] as const
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number]
export type Conclusion = 'pass' | 'fail'

export interface ChecklistEntry {
  item: string
  pass: boolean
  note: string
}

/** One working-error load point as measured. */
export interface LoadPoint {
  current_a: number
  voltage_v: number
  standard_energy_kwh: number
  charger_energy_kwh: number
}

/** `POST /verifications` and `PUT /verifications/{id}`. */
export interface VerificationInput {
  appointment_id: number
  instrument_id: number
  kind: VerificationKind
  verified_on: string
  standard_ids: number[]
  temperature_c: number | null
  humidity_pct: number | null
  insulation_mohm: number | null
  checklist: ChecklistEntry[]
  load_points: LoadPoint[]
  /** chargers with time-of-use billing only, else null */
  clock_error_s: number | null
}

/** A load point with the server's computed error; `pass` when |rounded| ≤ limit. */
export interface LoadPointResult extends LoadPoint {
  error_pct: number
  rounded_error_pct: number
  limit_pct: number
  pass: boolean
}

export interface FailedItem {
  item: string
  name: string
  detail: string
}

export interface Signature {
  user_id: number
  display_name: string
  at: string
}

/** The instrument a record is about. */
export interface VerificationInstrument {
  id: number
  type_code: string
  type_name: string
  name: string
  model: string
  serial_no: string
  manufacturer: string
  accuracy_class: string
  tou_billing: boolean | null
}

export interface Verification extends Omit<VerificationInput, 'checklist' | 'load_points'> {
  id: number
  status: VerificationStatus
  institute_org_id: number
  institute_name: string
  org_id: number
  org_name: string
  instrument: VerificationInstrument
  regulation: string
  accuracy_class: string
  standards: Standard[]
  checklist: (ChecklistEntry & { name: string })[]
  load_points: LoadPointResult[]
  clock_limit_s: number | null
  clock_pass: boolean | null
  conclusion: Conclusion | null
  failed_items: FailedItem[]
  signatures: Record<Duty, Signature | null>
  /** reason of the last send-back */
  last_reason: string
  certificate: Certificate | null
  created_at: string
  updated_at: string
}

/**
 * A record as listed in an appointment's detail. The contract only says "Verification summary":
 * the UI relies on the fields below and reads the certificate number from `certificate` or
 * `certificate_no`, whichever the server sends.
 */
export type VerificationSummary = Pick<Verification, 'id' | 'instrument_id' | 'kind' | 'verified_on' | 'status' | 'conclusion'> &
  Partial<Pick<Verification, 'instrument' | 'certificate' | 'failed_items'>> & { certificate_no?: string | null }

export interface VerificationQuery extends PageQuery {
  status?: VerificationStatus | ''
  appointment_id?: number
  instrument_id?: number
  /** `me`: the records waiting for the caller's signature */
  awaiting?: 'me' | ''
  q?: string
}

// ---------------------------------------------------------------- certificates and labels

/** 检定证书 (pass) or 检定结果通知书 (fail). */
export type CertificateKind = 'certificate' | 'result_notice'
export const CERTIFICATE_LIVE_STATUSES = ['valid', 'expired', 'revoked', 'superseded', 'failed'] as const
/** Status as of today: valid, expired, revoked, superseded (a newer revision exists) or failed (a result notice). */
export type CertificateLiveStatus = (typeof CERTIFICATE_LIVE_STATUSES)[number]

export interface Certificate {
  number: string
  revision: number
  kind: CertificateKind
  /** of this revision */
  status: 'valid' | 'superseded' | 'revoked'
  live_status: CertificateLiveStatus
  conclusion: Conclusion
  issue_date: string
  /** empty or null on a result notice */
  valid_until: string | null
  verified_on: string
  /** reason of the revision or revocation */
  reason: string
  verification_id: number
  instrument_id: number
  /** "型号 / 出厂编号" */
  instrument_summary: string
  type_name: string
  org_id: number
  org_name: string
  institute_org_id: number
  institute_name: string
  /** public check page of the label (二维码查询) */
  qr_url: string
  created_at: string
}

export interface CertificateDetail extends Certificate {
  revisions: Certificate[]
}

export interface CertificateQuery extends PageQuery {
  kind?: CertificateKind | ''
  status?: CertificateLiveStatus | ''
  q?: string
}

/** Size and layout of pass labels (检定合格标识): 30–100 × 20–80 mm; `sheet` = a grid on A4. */
export interface LabelOptions {
  width_mm: number
  height_mm: number
  layout: 'single' | 'sheet'
}

// ---------------------------------------------------------------- supervision and instruments

/** `verification` filter of `GET /instruments`. */
export const VERIFICATION_FILTERS = ['never', 'valid', 'due_soon', 'overdue', 'failed'] as const
export type VerificationFilter = (typeof VERIFICATION_FILTERS)[number]

/** Verification fields of the registry's Instrument JSON (optional: older servers leave them out). */
export interface InstrumentVerification {
  verification_state?: 'never' | 'passed' | 'failed'
  last_verified_on?: string | null
  valid_until?: string | null
  last_certificate_no?: string | null
  /** failed verification: the charger must stop trading */
  stop_use?: boolean
}

/** One district of `GET /supervision/verification-summary`: counts of approved instruments. */
export interface VerificationSummaryRow {
  region_code: string
  region_name: string
  approved: number
  never_verified: number
  valid: number
  due_soon: number
  overdue: number
  failed: number
}

export interface VerificationSummaryReport {
  items: VerificationSummaryRow[]
  /** "due soon" means within this many days */
  due_days: number
}
