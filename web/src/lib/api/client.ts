// The only module that talks HTTP to the mvis server. Views and stores call the exported `api`
// methods; nothing else uses fetch. Contract: docs/api.md (registry) and docs/verification.md
// (the verification business, whose methods live in verification.ts and are merged in here;
// sampling verification plans likewise from sampling.ts, enterprise credit-risk classes from
// credit.ts, rectification orders from rectification.ts). The random inspections' methods
// (inspection.ts, `inspectionApi`) stay out of `api` so that the first screen does not load them.
import type {
  AdminUser,
  Agreement,
  Announcement,
  AnnouncementPage,
  AnnouncementQuery,
  AnnouncementRequest,
  ArchiveEnterprise,
  AuditRow,
  DeregisterRequest,
  FilingStats,
  ImportDetail,
  ImportRow,
  ImportRowsQuery,
  ImportSummary,
  Instrument,
  InstrumentDraft,
  InstrumentQuery,
  InstrumentType,
  InstrumentTypeRequest,
  CreateOrgRequest,
  CreateUserRequest,
  Home,
  InboxPage,
  Me,
  Notification,
  Org,
  OrgKind,
  Page,
  PageQuery,
  PasswordResetRequest,
  RegisterRequest,
  ReviewDecision,
  Role,
  Schemas,
  SiteInfo,
  SmsCodeSent,
  SmsPurpose,
  User,
} from './types'
import { del, download, get, post, put, upload } from './http'
import { verificationApi } from './verification'
import { samplingApi } from './sampling'
import { creditApi } from './credit'
import { rectificationApi } from './rectification'

export { certificatePdfUrl, labelPdfUrl, labelsPdfUrl } from './verification'

export {
  API_BASE,
  ApiError,
  configureClient,
  dispositionFilename,
  download,
  parseError,
  request,
  type Download,
  type ErrorDetails,
  type FieldErrorDetail,
  type RequestOptions,
} from './http'

/** The answer to a login CAPTCHA, sent with the login once the account needs it. */
export interface CaptchaAnswer {
  captcha_id: string
  captcha_answer: string
}

export const api = {
  // --- public ---
  /** 主办单位, 技术支持, 备案号 for the footer; 404 from a server without the endpoint. */
  site: () => get<SiteInfo>('/site', undefined, true),
  /** `{"items":[Region]}`; without parent: the whole tree, flat. */
  regions: (parent?: string) => get<Schemas['RegionList']>('/regions', { parent }),
  /** 202 `{"expires_in","resend_after"}`; 429 sms_rate_limited. */
  sendSmsCode: (phone: string, purpose: SmsPurpose) =>
    post<SmsCodeSent>('/auth/sms-codes', { phone, purpose }),
  /** 201 `{"user","org"}`. */
  register: (req: RegisterRequest) => post<Schemas['RegisterResult']>('/auth/register', req),
  /** The 用户协议 and 隐私政策 with their current versions. */
  agreements: () => get<{ items: Agreement[] }>('/site/agreements'),
  /** 204; 400 reset_failed (unknown user, other phone or wrong code) or password_too_weak. */
  resetForgottenPassword: (req: PasswordResetRequest) => post<void>('/auth/password-reset', req),
  /** 200 Me + session cookie; 401 login_failed, captcha_required, captcha_invalid; 429 account_locked. */
  login: (username: string, password: string, captcha?: CaptchaAnswer) =>
    post<Me>('/auth/login', { username, password, ...captcha }, true),
  /** A single-use CAPTCHA picture (asked for after `captcha_required`). */
  captcha: () => post<Schemas['Captcha']>('/auth/captcha', {}, true),

  // --- signed in ---
  /** 204. */
  logout: () => post<void>('/auth/logout', undefined, true),
  /** Me; 401 when there is no session (quiet: used to probe the session). */
  me: () => get<Me>('/me', undefined, true),
  /** 204; the user's other sessions end. */
  changePassword: (current_password: string, new_password: string) =>
    post<void>('/me/password', { current_password, new_password }),
  home: () => get<Home>('/home'),
  inbox: (q: PageQuery & { unread?: boolean }) => get<InboxPage>('/inbox', { ...q, unread: q.unread || undefined }),
  /** 204. */
  markRead: (id: number) => post<void>(`/inbox/${id}/read`),
  /** 204. */
  markAllRead: () => post<void>('/inbox/read-all'),
  org: (id: number) => get<Org>(`/orgs/${id}`),

  // --- announcements (通知公告; GET and read: signed in; writes: city_regulator) ---
  /** Readers: published ones addressed to them; the city bureau also drafts and withdrawn ones. Pinned first, newest first. */
  announcements: (q: AnnouncementQuery) =>
    get<AnnouncementPage>('/announcements', { ...q, unread: q.unread || undefined }),
  /** 404 when it is not addressed to the caller. */
  announcement: (id: number) => get<Announcement>(`/announcements/${id}`),
  /** 201 the draft. */
  createAnnouncement: (req: AnnouncementRequest) => post<Announcement>('/announcements', req),
  /** Drafts only (409 announcement_not_draft). */
  updateAnnouncement: (id: number, req: AnnouncementRequest) => put<Announcement>(`/announcements/${id}`, req),
  /** 204; drafts only. */
  deleteAnnouncement: (id: number) => del<void>(`/announcements/${id}`),
  /** A draft appears on the home page of everyone addressed. */
  publishAnnouncement: (id: number) => post<Announcement>(`/announcements/${id}/publish`),
  /** Published ones only; readers no longer see it, the reason is kept. */
  withdrawAnnouncement: (id: number, reason: string) =>
    post<Announcement>(`/announcements/${id}/withdraw`, { reason }),
  /** 204 (idempotent): the caller opened it. */
  markAnnouncementRead: (id: number) => post<void>(`/announcements/${id}/read`),

  // --- instrument catalogue (GET: signed in; writes: city_regulator) ---
  /** `{"items":[InstrumentType]}`, inactive types included. */
  instrumentTypes: () => get<Schemas['InstrumentTypeList']>('/instrument-types'),
  /** 201 InstrumentType; 409 type_code_taken. */
  createInstrumentType: (req: InstrumentTypeRequest) => post<InstrumentType>('/instrument-types', req),
  updateInstrumentType: (code: string, req: Omit<InstrumentTypeRequest, 'code'>) =>
    put<InstrumentType>(`/instrument-types/${encodeURIComponent(code)}`, req),
  /** `{"items":[InstrumentField]}`: required fields and limits as the server checks them, in template column order. */
  instrumentFields: () => get<Schemas['InstrumentFieldList']>('/instrument-fields'),

  // --- instruments and filing (scope decided by the server) ---
  instruments: (q: InstrumentQuery) => get<Page<Instrument>>('/instruments', q),
  /** The `.xlsx` list (器具清单) with the same filters as `instruments`. */
  exportInstruments: (q: InstrumentQuery) => download('/instruments/export', { ...q, page: undefined, page_size: undefined }, '器具清单.xlsx'),
  instrumentStats: () => get<FilingStats>('/instruments/stats'),
  /** 404 outside the caller's scope. */
  instrument: (id: number) => get<Instrument>(`/instruments/${id}`),
  /** 201 Instrument; 400 field errors; 409 instrument_duplicate / not_mandatory. `submit`: save and apply. */
  createInstrument: (data: InstrumentDraft, submit = false) =>
    post<Instrument>('/instruments', submit ? { ...data, submit: true } : data),
  /** draft/returned: edited (re-applied with `submit`); approved: becomes a change request. */
  updateInstrument: (id: number, data: InstrumentDraft, submit = false) =>
    put<Instrument>(`/instruments/${id}`, submit ? { ...data, submit: true } : data),
  /** 204; drafts only (409 filing_illegal_transition). */
  deleteInstrument: (id: number) => del<void>(`/instruments/${id}`),
  /** Apply for filing (申请备案), all or nothing: `{"applied":N}`. */
  applyFiling: (ids: number[]) => post<Schemas['ApplyResult']>('/instruments/apply', { ids }),
  /** District regulator's decision on filings and change requests, all or nothing; reason required to return. */
  reviewFiling: (ids: number[], decision: ReviewDecision, reason = '') =>
    post<Schemas['ReviewResult']>('/instruments/review', reason ? { ids, decision, reason } : { ids, decision }),
  /** Oldest first. */
  instrumentHistory: (id: number) => get<Schemas['InstrumentEventList']>(`/instruments/${id}/history`),
  /** Approved instruments only. */
  deregisterInstrument: (id: number, req: DeregisterRequest) =>
    post<Instrument>(`/instruments/${id}/deregister`, req),
  /** 企业档案 of the regulator's scope (not paged). */
  archiveEnterprises: (region_code?: string) =>
    get<Page<ArchiveEnterprise>>('/archive/enterprises', { region_code }),

  // --- batch import (从Excel中导入; enterprise, own imports only) ---
  /** The `.xlsx` template (sheet 器具清单 with an example row, sheet 填写说明). */
  importTemplate: () => download('/instruments/import-template', undefined, '强检器具导入模板.xlsx'),
  /**
   * Upload an .xlsx or CSV (multipart field `file`). `async`: 202 at once with status `parsing`
   * (poll `importDetail`); else 201 once parsed. 400 with the file's problem, 413 when too large.
   */
  uploadImport: (file: Blob, filename: string, async = true) => {
    const form = new FormData()
    form.append('file', file, filename)
    return upload<ImportSummary>('/instruments/imports', form, { async: async || undefined })
  },
  /** The summary and one page of rows, optionally of one state. */
  importDetail: (id: number, q: ImportRowsQuery = {}) => get<ImportDetail>(`/instruments/imports/${id}`, q),
  /** Save corrected values of a row: the row re-validated (duplicates re-checked across the file). */
  updateImportRow: (id: number, row: number, data: InstrumentDraft) =>
    put<ImportRow>(`/instruments/imports/${id}/rows/${row}`, data),
  /** 204; the row leaves the import. */
  deleteImportRow: (id: number, row: number) => del<void>(`/instruments/imports/${id}/rows/${row}`),
  /** Every valid row becomes a draft (待申报) in one transaction; 409 import_has_errors / import_already_committed. */
  commitImport: (id: number) => post<Schemas['ImportCommitResult']>(`/instruments/imports/${id}/commit`),
  /** `.xlsx` of the rows with errors plus a 错误说明 column. */
  importErrorReport: (id: number) => download(`/instruments/imports/${id}/error-report`, undefined, '导入错误行.xlsx'),

  // --- sysadmin ---
  adminOrgs: (q: PageQuery & { kind?: OrgKind | ''; q?: string }) => get<Page<Org>>('/admin/orgs', q),
  /** 201 Org. */
  createOrg: (req: CreateOrgRequest) => post<Org>('/admin/orgs', req),
  /** Kind and credit code stay; without `phone` the contact mobile stays. */
  updateOrg: (id: number, req: Schemas['UpdateOrgRequest']) => put<Org>(`/admin/orgs/${id}`, req),
  adminUsers: (q: PageQuery & { role?: Role | ''; org_id?: number; q?: string }) =>
    get<Page<AdminUser>>('/admin/users', q),
  /** 201 User (with the generated password when none was given). */
  createUser: (req: CreateUserRequest) => post<Schemas['CreatedUser']>('/admin/users', req),
  /** Name, mobile (kept when absent) and duties. */
  updateUser: (id: number, req: Schemas['UpdateUserRequest']) => put<Schemas['User']>(`/admin/users/${id}`, req),
  disableUser: (id: number) => post<User>(`/admin/users/${id}/disable`),
  enableUser: (id: number) => post<User>(`/admin/users/${id}/enable`),
  /** `{"password"}`: the new password, generated by the server when none is given. */
  resetPassword: (id: number, password?: string) =>
    post<Schemas['ResetPasswordResult']>(`/admin/users/${id}/reset-password`, password ? { password } : {}),
  notifications: (q: PageQuery & { phone?: string }) => get<Page<Notification>>('/admin/notifications', q),
  audit: (q: PageQuery & { action?: string; user_id?: number; q?: string; date_from?: string; date_to?: string }) => get<Page<AuditRow>>('/admin/audit', q),

  // --- verification business (verification.ts) ---
  ...verificationApi,

  // --- sampling verification plans (sampling.ts) ---
  ...samplingApi,

  // --- enterprise credit-risk classes (credit.ts; regulators) ---
  ...creditApi,

  // --- rectification orders (rectification.ts; enterprise and regulators) ---
  ...rectificationApi,
}

export type Api = typeof api
