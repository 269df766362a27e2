// Shapes of the verification business API (docs/verification.md): institutes and standards,
// appointments (预约检定), verification records (检定记录), certificates and labels, and the
// regulators' verification summary. Generated from src/http/openapi.json like types.ts; the
// constant lists and list filters are UI-only.
import type { components } from './schema'
import type { PageQuery } from './types'

type Schemas = components['schemas']

// ---------------------------------------------------------------- institutes and standards

/** A verification institute (计量技术机构) with what it may verify and where. */
export type Institute = Schemas['Institute']
/** `PUT /institutes/{org_id}/profile`. */
export type InstituteProfile = Schemas['InstituteProfileRequest']
/** A user of the caller's institute (`GET /institute/staff`). */
export type StaffMember = Schemas['StaffMember']

/** What the institute enters for a standard instrument (计量标准器). */
export type StandardData = Schemas['StandardRequest']
export type Standard = Schemas['Standard']
/** A standard as a verification record lists it (as at recording time). */
export type RecordStandard = Schemas['Verification']['standards'][number]

/** `GET /verification-rules/{type_code}`: the regulation's checklist and limits (data, per edition). */
export type VerificationRules = Schemas['VerificationRules']
/** One limit: `item` e.g. working_error or clock_error; `kind` and `accuracy_class` empty when any. */
export type VerificationLimit = VerificationRules['limits'][number]

// ---------------------------------------------------------------- appointments (预约检定)

export const APPOINTMENT_STATUSES = ['draft', 'submitted', 'accepted', 'scheduled', 'completed', 'rejected', 'cancelled'] as const satisfies readonly Schemas['AppointmentStatus'][]
export type AppointmentStatus = Schemas['AppointmentStatus']
/** 预约送检 (the enterprise brings it) or 预约上门 (the institute comes). */
export const APPOINTMENT_MODES = ['send_in', 'on_site'] as const satisfies readonly Schemas['AppointmentMode'][]
export type AppointmentMode = Schemas['AppointmentMode']

/** `POST /appointments` and `PUT /appointments/{id}` (plus `submit` to save and submit). */
export type AppointmentData = Schemas['AppointmentRequest']
export type Appointment = Schemas['Appointment']
/** One step of an appointment, oldest first. */
export type AppointmentEvent = Schemas['AppointmentEvent']
/** `GET /appointments/{id}`. */
export type AppointmentDetail = Schemas['AppointmentDetail']
/** An instrument the institute marked 不具备检定条件, with the reason and the rectification order it opened. */
export type UnverifiableMark = Schemas['UnverifiableMark']

export interface AppointmentQuery extends PageQuery {
  status?: AppointmentStatus | ''
  mode?: AppointmentMode | ''
  q?: string
}

export type ScheduleRequest = Schemas['ScheduleRequest']

// ---------------------------------------------------------------- verification records (检定记录)

/** 首次检定, 后续检定, 使用中检查. */
export const VERIFICATION_KINDS = ['first', 'subsequent', 'in_service'] as const satisfies readonly Schemas['VerificationKind'][]
export type VerificationKind = Schemas['VerificationKind']
export const VERIFICATION_STATUSES = ['draft', 'awaiting_check', 'awaiting_approval', 'approved'] as const satisfies readonly Schemas['RecordStatus'][]
export type VerificationStatus = Schemas['RecordStatus']
export type Conclusion = Schemas['Certificate']['conclusion']

export type ChecklistEntry = Schemas['ChecklistAnswer']
/** One working-error load point as measured. */
export type LoadPoint = Schemas['LoadPointInput']
/**
 * `POST /verifications` and `PUT /verifications/{id}` as the record form sends them: a measurement
 * not entered yet goes as null and the server answers with its field's 400 (`temperature_invalid`,
 * `humidity_invalid`, `insulation_required`).
 */
export type VerificationInput = Omit<Schemas['VerificationInput'], 'temperature_c' | 'humidity_pct' | 'insulation_mohm'> & {
  temperature_c: number | null
  humidity_pct: number | null
  insulation_mohm: number | null
}

export type Verification = Schemas['Verification']
/** A load point with the server's computed error; `pass` when |rounded| ≤ limit. */
export type LoadPointResult = Verification['load_points'][number]
export type FailedItem = Verification['failed_items'][number]
export type Signature = Schemas['Signature']
/** The instrument a record is about. */
export type VerificationInstrument = Verification['instrument']
/** A record as listed in an appointment's detail: the full record. */
export type VerificationSummary = Verification

export interface VerificationQuery extends PageQuery {
  status?: VerificationStatus | ''
  appointment_id?: number
  instrument_id?: number
  /** `me`: the records waiting for the caller's signature */
  awaiting?: 'me' | ''
  q?: string
  /** Verification date range, YYYY-MM-DD inclusive */
  date_from?: string
  date_to?: string
}

// ---------------------------------------------------------------- certificates and labels

/** 检定证书 (pass) or 检定结果通知书 (fail). */
export type CertificateKind = Schemas['Certificate']['kind']
/** Status as of today: valid, expired, revoked, superseded (a newer revision exists) or failed (a result notice). */
export const CERTIFICATE_LIVE_STATUSES = ['valid', 'expired', 'revoked', 'superseded', 'failed'] as const satisfies readonly CertificateLiveStatus[]
export type CertificateLiveStatus = NonNullable<Schemas['Certificate']['live_status']>

export type Certificate = Schemas['Certificate']
export type CertificateDetail = Schemas['CertificateDetail']

export interface CertificateQuery extends PageQuery {
  kind?: CertificateKind | ''
  status?: CertificateLiveStatus | ''
  q?: string
  /** Issue date range, YYYY-MM-DD inclusive */
  date_from?: string
  date_to?: string
}

/** Size and layout of pass labels (检定合格标识): 30–100 × 20–80 mm; `sheet` = a grid on A4. */
export interface LabelOptions {
  width_mm: number
  height_mm: number
  layout: 'single' | 'sheet'
}

// ---------------------------------------------------------------- supervision and instruments

/** `verification` filter of `GET /instruments`. */
export const VERIFICATION_FILTERS = ['never', 'valid', 'due_soon', 'overdue', 'failed'] as const satisfies readonly components['parameters']['instrument_verification'][]
export type VerificationFilter = (typeof VERIFICATION_FILTERS)[number]

/** `GET /supervision/verification-summary` and one of its districts (counts of approved instruments). */
export type VerificationSummaryReport = Schemas['VerificationSummary']
export type VerificationSummaryRow = VerificationSummaryReport['items'][number]
