// Response and request shapes of the mvis HTTP API v1 (docs/api.md). Field names are snake_case
// as on the wire. Times are ISO-8601 UTC strings. The verification business: types.verification.ts.
import type { InstrumentVerification, VerificationFilter } from './types.verification'

export * from './types.verification'

export const ROLES = [
  'enterprise',
  'district_regulator',
  'city_regulator',
  'drc',
  'institute',
  'sysadmin',
] as const
export type Role = (typeof ROLES)[number]

export const ORG_KINDS = ['enterprise', 'district_bureau', 'city_bureau', 'drc', 'institute'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

export const DUTIES = ['verifier', 'checker', 'approver'] as const
export type Duty = (typeof DUTIES)[number]

export type Status = 'active' | 'disabled'

/** Paged list answer: `{"items": [...], "total": N}`. */
export interface Page<T> {
  items: T[]
  total: number
}

export interface PageQuery {
  page?: number
  page_size?: number
}

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  org_id: number | null
  phone_masked: string
  duties: Duty[]
  status: Status
  /** true while locked after repeated failed logins (reset-password clears it) */
  locked?: boolean
  created_at: string
}

/** A user row of `GET /admin/users` carries its organisation's name. */
export interface AdminUser extends User {
  org_name?: string | null
}

export interface Org {
  id: number
  kind: OrgKind
  name: string
  credit_code: string | null
  region_code: string
  region_name: string
  address: string
  contact_name: string
  phone_masked: string
  status: Status
  created_at: string
}

export type ScopeKind = 'org' | 'district' | 'city' | 'institute' | 'platform'

/** `GET /me` and `POST /auth/login`. */
export interface Me {
  user: User
  role: Role
  org: Org | null
  scope: { kind: ScopeKind; region_codes: string[] }
  csrf_token: string
}

export interface Region {
  code: string
  name: string
  parent_code: string | null
  level: 'province' | 'city' | 'district' | 'zone'
  /** false for local codes of functional zones (not GB/T 2260) */
  standard: boolean
}

export type SmsPurpose = 'register' | 'reset_password'

/** `POST /auth/sms-codes` → 202. Seconds. */
export interface SmsCodeSent {
  expires_in: number
  resend_after: number
}

export interface RegisterRequest {
  credit_code: string
  org_name: string
  region_code: string
  address: string
  contact_name: string
  phone: string
  sms_code: string
  username: string
  password: string
}

/** `POST /auth/password-reset` (code sent with purpose reset_password to the account's phone). */
export interface PasswordResetRequest {
  username: string
  phone: string
  sms_code: string
  new_password: string
}

export interface Home {
  todos: { key: string; count: number }[]
  unread_messages: number
}

export interface Message {
  id: number
  title: string
  body: string
  created_at: string
  read_at: string | null
}

export interface InboxPage extends Page<Message> {
  unread: number
}

export interface CreateOrgRequest {
  kind: OrgKind
  name: string
  region_code: string
  credit_code?: string
  address?: string
  contact_name?: string
  phone?: string
}

export interface CreateUserRequest {
  username: string
  password: string
  role: Role
  org_id: number | null
  phone?: string
  display_name?: string
  duties?: Duty[]
}

export interface Notification {
  id: number
  /** sms (outbox) or inbox (in-app) */
  channel: string
  phone_masked: string
  template: string
  body: string
  /** sms: pending, sent, logged, failed; inbox: delivered */
  status: string
  attempts: number
  /** why the last delivery attempt failed, if it did */
  last_error?: string
  created_at: string
  sent_at: string | null
}

export interface AuditRow {
  id: number
  at: string
  user_id: number | null
  username: string
  role: string
  org_id: number | null
  action: string
  object_type: string
  object_id: string
  summary: string
  ip: string
  /** "ok", or "denied" / "failed" */
  result: string
}

// ---------------------------------------------------------------- instruments and filing (强检备案)

/** Uses of an instrument; the first four can make a type mandatory (强检用途). */
export const INSTRUMENT_USES = ['trade_settlement', 'safety', 'medical', 'environment', 'other'] as const
export type InstrumentUse = (typeof INSTRUMENT_USES)[number]
export const MANDATORY_USES = ['trade_settlement', 'safety', 'medical', 'environment'] as const

/** Filing status of an instrument: 待申报, 待审核, 已备案, 退回, 已注销. */
export const FILING_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'deregistered'] as const
export type FilingStatus = (typeof FILING_STATUSES)[number]
/** `status` filter of the instrument list: a status, or `needs_review` (submitted + change requests) or `change_pending`. */
export type StatusFilter = FilingStatus | 'needs_review' | 'change_pending'

export type VerificationForm = 'periodic' | 'first_only'
export type CurrentType = 'AC' | 'DC'

/** An entry of the catalogue of mandatory instruments (`GET /instrument-types`). */
export interface InstrumentType {
  code: string
  name: string
  /** verification regulation and edition, e.g. "JJG 1148-2022" */
  regulation: string
  verification_form: VerificationForm
  period_months: number
  mandatory_uses: InstrumentUse[]
  /** AC / DC for EV chargers, else null */
  charger_current: CurrentType | null
  is_charger: boolean
  /** allowed accuracy classes; empty = free text */
  accuracy_classes: string[]
  active: boolean
}

/** `POST /instrument-types` (with code) and `PUT /instrument-types/{code}` (without). */
export type InstrumentTypeRequest = Omit<InstrumentType, 'charger_current' | 'is_charger'>

/** Parameters of an EV charger (充电设备参数). */
export interface ChargerData {
  current_type: CurrentType | null
  rated_power_kw: number | null
  rated_voltage_v: number | null
  /** may be left out for chargers in use before 2023-01-01: derived Imax = P/U */
  max_current_a: number | null
  /** derived Imin = max(Imax/10, 6 A) when left out before 2023-01-01 */
  min_current_a: number | null
  connector_count: number | null
  station_name: string
  /** T/CEC 102 equipment code */
  equipment_id: string
  /** time-of-use billing (分时计费) */
  tou_billing: boolean | null
  longitude: number | null
  latitude: number | null
}

/** What the owner enters for an instrument (`POST/PUT /instruments`). */
export interface InstrumentData {
  type_code: string
  name: string
  model: string
  serial_no: string
  manufacturer: string
  brand: string
  accuracy_class: string
  measuring_range: string
  install_address: string
  /** district where the instrument is used: decides the reviewing bureau */
  install_region_code: string
  use: InstrumentUse | ''
  /** YYYY-MM-DD */
  in_use_date: string
  asset_no: string
  notes: string
  /** chargers only, else null */
  charger: ChargerData | null
}

export type DeregisterKind = 'suspended' | 'scrapped' | 'moved_out'

export interface Instrument extends InstrumentData, InstrumentVerification {
  id: number
  org_id: number
  org_name: string
  type_name: string
  install_region_name: string
  use_name: string
  /** false when the use does not make the type mandatory: cannot be filed */
  mandatory: boolean
  status: FilingStatus
  status_name: string
  /** an approved instrument with a change request under review */
  change_pending: boolean
  pending_change: InstrumentData | null
  /** reason of the last return (or rejected change) */
  last_reason: string
  deregister_kind: DeregisterKind | null
  deregister_date: string | null
  submitted_at: string | null
  approved_at: string | null
  created_at: string
  updated_at: string
}

/** Filters of `GET /instruments` and `/instruments/export`. */
export interface InstrumentQuery extends PageQuery {
  status?: StatusFilter | ''
  type_code?: string
  brand?: string
  /** keyword: name, model, serial no.; enterprise name for regulators */
  q?: string
  org_id?: number
  region_code?: string
  /** submitted date range, YYYY-MM-DD */
  date_from?: string
  date_to?: string
  mandatory?: boolean
  /** verification state of approved instruments (regulators' supervision) */
  verification?: VerificationFilter | ''
  sort?: 'id' | 'updated_at' | 'submitted_at' | 'serial_no' | 'name' | 'status'
  order?: 'asc' | 'desc'
}

export type HistoryAction =
  | 'edit'
  | 'submit'
  | 'approve'
  | 'return'
  | 'request_change'
  | 'approve_change'
  | 'reject_change'
  | 'deregister'

/** One step of an instrument's history (`GET /instruments/{id}/history`), oldest first. */
export interface HistoryEntry {
  id: number
  at: string
  username: string
  org_name: string
  action: HistoryAction | string
  from_status: FilingStatus | null
  to_status: FilingStatus | null
  reason: string
}

export type ReviewDecision = 'approve' | 'return'

/** `POST /instruments/{id}/deregister`. */
export interface DeregisterRequest {
  kind: DeregisterKind
  reason: string
  /** YYYY-MM-DD */
  date: string
}

/** A row of `GET /archive/enterprises` (企业档案). */
export interface ArchiveEnterprise {
  org: Org
  contact_name: string
  /** full only for the regulator of the enterprise's own district, else masked */
  phone: string
  counts: { submitted: number; approved: number; returned: number; deregistered: number }
}

/** `GET /instruments/stats`: counts per status. */
export type FilingStats = Record<FilingStatus | 'change_pending', number>

// ---------------------------------------------------------------- batch import (从Excel中导入)

/** `parsing` while the server reads the file (async upload), then `ready`, `committed` or `failed`. */
export type ImportStatus = 'parsing' | 'ready' | 'committed' | 'failed'
/** A row is saved (`valid`), skipped as already registered (`existing`) or must be fixed (`error`). */
export const IMPORT_ROW_STATES = ['valid', 'error', 'existing'] as const
export type ImportRowState = (typeof IMPORT_ROW_STATES)[number]

/** One problem of a row: `row` is the sheet's row number, `column` its Chinese header, `field` as in InstrumentData (`charger.<field>` for charger fields). */
export interface ImportError {
  row: number
  column: string
  field: string
  code: string
  message: string
}

export interface ImportSummary {
  id: number
  filename: string
  status: ImportStatus
  rows_total: number
  rows_valid: number
  rows_existing: number
  rows_error: number
  /** rows read so far while parsing */
  progress: number
  /** instruments created by the commit */
  created: number
  /** why the whole file was refused (status failed) */
  error: { code: string; message: string } | null
  /** at most 1000 */
  errors: ImportError[]
  errors_truncated: boolean
}

export interface ImportRow {
  row: number
  state: ImportRowState
  data: InstrumentData
  errors: ImportError[]
}

/** `GET /instruments/imports/{id}`: the summary and one page of rows. */
export interface ImportDetail extends ImportSummary {
  rows: Page<ImportRow>
}

export interface ImportRowsQuery extends PageQuery {
  /** '' = every row */
  state?: ImportRowState | ''
}
