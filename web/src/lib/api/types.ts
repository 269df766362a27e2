// Response and request shapes of the mvis HTTP API v1 (docs/api.md). Field names are snake_case
// as on the wire. Times are ISO-8601 UTC strings.

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
