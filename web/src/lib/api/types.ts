// Shapes of the mvis HTTP API v1, named for the web code. The bodies are generated from the one
// contract, src/http/openapi.json (`npm run gen:api` writes schema.d.ts; the build, typecheck and
// test scripts run it): change the document, not these aliases. What stays hand-written here is
// UI-only: constant lists for selects (checked against the document by types.test.ts) and the
// query/filter shapes of list pages. The verification business: types.verification.ts; sampling
// verification plans: types.sampling.ts; enterprise credit-risk classes: types.credit.ts;
// rectification orders: types.rectification.ts; 双随机一公开 random inspections:
// types.inspection.ts; the statistics dashboards: types.statistics.ts.
import type { components } from './schema'
import type { VerificationFilter } from './types.verification'

export * from './types.verification'
export * from './types.sampling'
export * from './types.credit'
export * from './types.rectification'
export * from './types.inspection'
export * from './types.statistics'

/** Every named schema of openapi.json (`components.schemas`). */
export type Schemas = components['schemas']

export const ROLES = [
  'enterprise',
  'district_regulator',
  'city_regulator',
  'drc',
  'institute',
  'sysadmin',
] as const satisfies readonly Schemas['Role'][]
export type Role = Schemas['Role']

export const ORG_KINDS = ['enterprise', 'district_bureau', 'city_bureau', 'drc', 'institute'] as const satisfies readonly Schemas['OrgKind'][]
export type OrgKind = Schemas['OrgKind']

export const DUTIES = ['verifier', 'checker', 'approver'] as const satisfies readonly Schemas['Duty'][]
export type Duty = Schemas['Duty']

/** Status of an account or organisation. */
export type Status = Schemas['User']['status']

/** Paged list answer: `{"items": [...], "total": N}`. */
export interface Page<T> {
  items: T[]
  total: number
}

export interface PageQuery {
  page?: number
  page_size?: number
}

export type User = Schemas['User']
/** A user row of `GET /admin/users` (every User carries its organisation's name). */
export type AdminUser = User
export type Org = Schemas['Org']
export type ScopeKind = Schemas['Scope']['kind']
/** `GET /me` and `POST /auth/login`. */
export type Me = Schemas['Me']
export type Region = Schemas['Region']

export type SmsPurpose = Schemas['SmsCodeRequest']['purpose']
export type SmsCodeSent = Schemas['SmsCodeSent']
export type RegisterRequest = Schemas['RegisterRequest']
export type PasswordResetRequest = Schemas['PasswordResetRequest']

/** `GET /site` (public): who runs the platform, for the page footer; "" for what is not configured. */
export type SiteInfo = Schemas['Site']

export type Home = Schemas['Home']
export type Message = Schemas['Message']
export type InboxPage = Schemas['InboxPage']

export type CreateOrgRequest = Schemas['CreateOrgRequest']
export type Agreement = Schemas['Agreement']
export type CreateUserRequest = Schemas['CreateUserRequest']
/** A row of `GET /admin/notifications`: an SMS of the outbox or an in-app message. */
export type Notification = Schemas['OutboxItem']
export type AuditRow = Schemas['AuditRow']

// ---------------------------------------------------------------- announcements (通知公告)

/** 草稿 / 已发布 / 已撤回. */
export const ANNOUNCEMENT_STATUSES = ['draft', 'published', 'withdrawn'] as const satisfies readonly Schemas['AnnouncementStatus'][]
export type AnnouncementStatus = Schemas['AnnouncementStatus']
/** The roles an announcement can be addressed to (发送对象); none chosen = every user. */
export const AUDIENCE_ROLES = ['enterprise', 'district_regulator', 'city_regulator', 'drc', 'institute'] as const satisfies readonly Role[]
export type Announcement = Schemas['Announcement']
export type AnnouncementAudience = Schemas['AnnouncementAudience']
/** `GET /announcements`: one page plus the caller's unread count. */
export type AnnouncementPage = Schemas['AnnouncementPage']
/** `POST /announcements` and `PUT /announcements/{id}`. */
export type AnnouncementRequest = Schemas['AnnouncementRequest']

/** Filters of `GET /announcements`. */
export interface AnnouncementQuery extends PageQuery {
  /** words in the title or text */
  q?: string
  /** '' = every status the caller may see */
  status?: AnnouncementStatus | ''
  /** only the ones the caller has not opened */
  unread?: boolean
}

// ---------------------------------------------------------------- instruments and filing (强检备案)

/** Uses of an instrument; the first four can make a type mandatory (强检用途). */
export const INSTRUMENT_USES = ['trade_settlement', 'safety', 'medical', 'environment', 'other'] as const satisfies readonly Schemas['InstrumentUse'][]
export type InstrumentUse = Schemas['InstrumentUse']
export const MANDATORY_USES = ['trade_settlement', 'safety', 'medical', 'environment'] as const satisfies readonly Schemas['InstrumentType']['mandatory_uses'][number][]

/** Filing status of an instrument: 待申报, 待审核, 已备案, 退回, 已注销. */
export const FILING_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'deregistered'] as const satisfies readonly Schemas['FilingStatus'][]
export type FilingStatus = Schemas['FilingStatus']
/** `status` filter of the instrument list: a status, or `needs_review` (submitted + change requests) or `change_pending`. */
export type StatusFilter = FilingStatus | 'needs_review' | 'change_pending'

export type VerificationForm = Schemas['InstrumentType']['verification_form']
export type CurrentType = Schemas['ChargerSpec']['current_type']

/** An entry of the catalogue of mandatory instruments (`GET /instrument-types`). */
export type InstrumentType = Schemas['InstrumentType']
/** `POST /instrument-types` (with code) and `PUT /instrument-types/{code}` (without). */
export type InstrumentTypeRequest = Schemas['InstrumentTypeCreateRequest']
/**
 * One row of the server's instrument field table (`GET /instrument-fields`): which fields are
 * required (always, or for charger types) and the limits the server checks.
 */
export type InstrumentField = Schemas['InstrumentField']

/** Parameters of an EV charger (充电设备参数) as stored. */
export type ChargerData = Schemas['ChargerSpec']
/** What the owner entered for an instrument, as stored (an instrument's fields, a pending change). */
export type InstrumentData = Schemas['InstrumentData']
/**
 * InstrumentData as the forms send it (`POST/PUT /instruments`, an import row's correction; the
 * contract's InstrumentDataInput): a use not chosen yet goes as '' and an unknown charger current
 * type as null, and the server answers each with its field's 400 (`use_invalid`,
 * `current_type_invalid`) like any other invalid value.
 */
export type InstrumentDraft = Omit<InstrumentData, 'use' | 'charger'> & { use: InstrumentUse | ''; charger: ChargerDraft | null }
export type ChargerDraft = Omit<ChargerData, 'current_type'> & { current_type: CurrentType | null }

export type DeregisterKind = Schemas['DeregisterRequest']['kind']
export type Instrument = Schemas['Instrument']

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
  /** with verification `due_soon`: the warning window in days (1–366) instead of the server's */
  due_days?: number
  /** 用途 */
  use?: InstrumentUse | ''
  sort?: 'id' | 'updated_at' | 'submitted_at' | 'serial_no' | 'name' | 'status'
  order?: 'asc' | 'desc'
}

/** One step of an instrument's history (`GET /instruments/{id}/history`), oldest first. */
export type HistoryEntry = Schemas['InstrumentEvent']
export type HistoryAction = HistoryEntry['action']

export type ReviewDecision = Schemas['ReviewRequest']['decision']
export type DeregisterRequest = Schemas['DeregisterRequest']

/** A row of `GET /archive/enterprises` (企业档案). */
export type ArchiveEnterprise = Schemas['ArchiveEntry']

/** `GET /instruments/stats`: counts per status. */
export type FilingStats = Schemas['InstrumentStats']

// ---------------------------------------------------------------- batch import (从Excel中导入)

export type ImportStatus = Schemas['ImportSummary']['status']
/** A row is saved (`valid`), skipped as already registered (`existing`) or must be fixed (`error`). */
export const IMPORT_ROW_STATES = ['valid', 'error', 'existing'] as const satisfies readonly Schemas['ImportRow']['state'][]
export type ImportRowState = Schemas['ImportRow']['state']

export type ImportError = Schemas['ImportError']
export type ImportSummary = Schemas['ImportSummary']
/** A row's values as read: InstrumentData's keys, unchecked in rows with errors. */
export type ImportRowData = Schemas['ImportRowData']
export type ImportRow = Schemas['ImportRow']
/** `GET /instruments/imports/{id}`: the summary and one page of rows. */
export type ImportDetail = Schemas['ImportDetail']

export interface ImportRowsQuery extends PageQuery {
  /** '' = every row */
  state?: ImportRowState | ''
}
