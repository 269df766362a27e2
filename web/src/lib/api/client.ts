// The only module that talks HTTP to the mvis server. Views and stores call the exported `api`
// methods; nothing else uses fetch. Contract: docs/api.md.
import type {
  AdminUser,
  ArchiveEnterprise,
  AuditRow,
  DeregisterRequest,
  FilingStats,
  HistoryEntry,
  ImportDetail,
  ImportRow,
  ImportRowsQuery,
  ImportSummary,
  Instrument,
  InstrumentData,
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
  Region,
  RegisterRequest,
  ReviewDecision,
  Role,
  SmsCodeSent,
  SmsPurpose,
  User,
} from './types'

export const API_BASE = '/api/v1'

export interface FieldErrorDetail {
  field: string
  code: string
  message: string
}

/** `details` of the error envelope: `field` for one bad field, `fields` for several. */
export interface ErrorDetails {
  field?: string
  fields?: FieldErrorDetail[]
  [key: string]: unknown
}

/** A failed call: the server's `{"error":{"code","message","details"}}` plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetails

  constructor(status: number, code: string, message: string, details: ErrorDetails = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

interface ClientHooks {
  /** Current CSRF token (kept in the auth store). */
  csrfToken: () => string | null
  /** Called on a 401 from any call except login (the session is gone). */
  onUnauthorized: () => void
}

const hooks: ClientHooks = {
  csrfToken: () => null,
  onUnauthorized: () => {},
}

export function configureClient(h: Partial<ClientHooks>): void {
  Object.assign(hooks, h)
}

/** Query parameters; undefined, null and '' are left out. */
type Query = object

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** multipart body (file upload); the browser sets its Content-Type with the boundary */
  form?: FormData
  /** Do not call onUnauthorized on 401 (login, initial session probe). */
  quiet401?: boolean
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function buildUrl(path: string, query?: Query): string {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {}) as [string, unknown][]) {
    if (v !== undefined && v !== null && v !== '') qs.append(k, String(v))
  }
  const s = qs.toString()
  return API_BASE + path + (s ? `?${s}` : '')
}

/** Turns a non-2xx response into an ApiError, tolerating bodies that are not the envelope. */
export async function parseError(res: Response): Promise<ApiError> {
  let text = ''
  try {
    text = await res.text()
  } catch {
    // body unreadable: fall through with defaults
  }
  try {
    const env = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } }
    const e = env?.error
    if (e && typeof e.code === 'string') {
      const details = e.details && typeof e.details === 'object' ? (e.details as ErrorDetails) : {}
      const message = typeof e.message === 'string' ? e.message : res.statusText
      return new ApiError(res.status, e.code, message, details)
    }
  } catch {
    // not JSON
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`)
}

/** Core request: JSON in and out, cookies, CSRF header on mutating methods, error envelope. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const init: RequestInit = { method, headers, credentials: 'same-origin' }
  if (opts.form !== undefined) {
    init.body = opts.form
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(opts.body)
  }
  if (MUTATING.has(method)) {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }
  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), init)
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e))
  }
  if (!res.ok) {
    const err = await parseError(res)
    if (res.status === 401 && !opts.quiet401) hooks.onUnauthorized()
    throw err
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** A downloaded file: its body and the name the server suggests (Content-Disposition). */
export interface Download {
  blob: Blob
  filename: string
}

/** `filename*=UTF-8''…` wins over `filename="…"`; `fallback` when the header names none. */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // malformed escape: try the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : fallback
}

/** GET a file with the session cookie; errors as in `request`. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<Download> {
  let res: Response
  try {
    res = await fetch(buildUrl(path, query), { method: 'GET', credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e))
  }
  if (!res.ok) {
    const err = await parseError(res)
    if (res.status === 401) hooks.onUnauthorized()
    throw err
  }
  return { blob: await res.blob(), filename: dispositionFilename(res.headers.get('Content-Disposition'), fallbackName) }
}

const get = <T>(path: string, query?: Query, quiet401 = false) =>
  request<T>('GET', path, { query, quiet401 })
const post = <T>(path: string, body?: unknown, quiet401 = false) =>
  request<T>('POST', path, { body, quiet401 })
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body })
const del = <T>(path: string) => request<T>('DELETE', path)
/** POST multipart/form-data (CSRF header, error envelope and 401 handling as for JSON calls). */
const upload = <T>(path: string, form: FormData, query?: Query) => request<T>('POST', path, { form, query })

export const api = {
  // --- public ---
  /** `{"items":[Region]}`; without parent: the whole tree, flat. */
  regions: (parent?: string) => get<{ items: Region[] }>('/regions', { parent }),
  /** 202 `{"expires_in","resend_after"}`; 429 sms_rate_limited. */
  sendSmsCode: (phone: string, purpose: SmsPurpose) =>
    post<SmsCodeSent>('/auth/sms-codes', { phone, purpose }),
  /** 201 `{"user","org"}`. */
  register: (req: RegisterRequest) => post<{ user: User; org: Org }>('/auth/register', req),
  /** 204; 400 reset_failed (unknown user, other phone or wrong code) or password_too_weak. */
  resetForgottenPassword: (req: PasswordResetRequest) => post<void>('/auth/password-reset', req),
  /** 200 Me + session cookie; 401 login_failed; 429 account_locked. */
  login: (username: string, password: string) =>
    post<Me>('/auth/login', { username, password }, true),

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

  // --- instrument catalogue (GET: signed in; writes: city_regulator) ---
  /** `{"items":[InstrumentType]}`, inactive types included. */
  instrumentTypes: () => get<{ items: InstrumentType[] }>('/instrument-types'),
  /** 201 InstrumentType; 409 type_code_taken. */
  createInstrumentType: (req: InstrumentTypeRequest) => post<InstrumentType>('/instrument-types', req),
  updateInstrumentType: (code: string, req: Omit<InstrumentTypeRequest, 'code'>) =>
    put<InstrumentType>(`/instrument-types/${encodeURIComponent(code)}`, req),

  // --- instruments and filing (scope decided by the server) ---
  instruments: (q: InstrumentQuery) => get<Page<Instrument>>('/instruments', q),
  /** The `.xlsx` list (器具清单) with the same filters as `instruments`. */
  exportInstruments: (q: InstrumentQuery) => download('/instruments/export', { ...q, page: undefined, page_size: undefined }, '器具清单.xlsx'),
  instrumentStats: () => get<FilingStats>('/instruments/stats'),
  /** 404 outside the caller's scope. */
  instrument: (id: number) => get<Instrument>(`/instruments/${id}`),
  /** 201 Instrument; 400 field errors; 409 instrument_duplicate / not_mandatory. `submit`: save and apply. */
  createInstrument: (data: InstrumentData, submit = false) =>
    post<Instrument>('/instruments', submit ? { ...data, submit: true } : data),
  /** draft/returned: edited (re-applied with `submit`); approved: becomes a change request. */
  updateInstrument: (id: number, data: InstrumentData, submit = false) =>
    put<Instrument>(`/instruments/${id}`, submit ? { ...data, submit: true } : data),
  /** 204; drafts only (409 filing_illegal_transition). */
  deleteInstrument: (id: number) => del<void>(`/instruments/${id}`),
  /** Apply for filing (申请备案), all or nothing: `{"applied":N}`. */
  applyFiling: (ids: number[]) => post<{ applied: number }>('/instruments/apply', { ids }),
  /** District regulator's decision on filings and change requests, all or nothing; reason required to return. */
  reviewFiling: (ids: number[], decision: ReviewDecision, reason = '') =>
    post<{ reviewed: number }>('/instruments/review', reason ? { ids, decision, reason } : { ids, decision }),
  /** Oldest first. */
  instrumentHistory: (id: number) => get<{ items: HistoryEntry[] }>(`/instruments/${id}/history`),
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
  updateImportRow: (id: number, row: number, data: InstrumentData) =>
    put<ImportRow>(`/instruments/imports/${id}/rows/${row}`, data),
  /** 204; the row leaves the import. */
  deleteImportRow: (id: number, row: number) => del<void>(`/instruments/imports/${id}/rows/${row}`),
  /** Every valid row becomes a draft (待申报) in one transaction; 409 import_has_errors / import_already_committed. */
  commitImport: (id: number) => post<{ created: number }>(`/instruments/imports/${id}/commit`),
  /** `.xlsx` of the rows with errors plus a 错误说明 column. */
  importErrorReport: (id: number) => download(`/instruments/imports/${id}/error-report`, undefined, '导入错误行.xlsx'),

  // --- sysadmin ---
  adminOrgs: (q: PageQuery & { kind?: OrgKind | ''; q?: string }) => get<Page<Org>>('/admin/orgs', q),
  /** 201 Org. */
  createOrg: (req: CreateOrgRequest) => post<Org>('/admin/orgs', req),
  adminUsers: (q: PageQuery & { role?: Role | ''; org_id?: number; q?: string }) =>
    get<Page<AdminUser>>('/admin/users', q),
  /** 201 User. */
  createUser: (req: CreateUserRequest) => post<User>('/admin/users', req),
  disableUser: (id: number) => post<User>(`/admin/users/${id}/disable`),
  enableUser: (id: number) => post<User>(`/admin/users/${id}/enable`),
  /** `{"password"}`: the new password, generated by the server when none is given. */
  resetPassword: (id: number, password?: string) =>
    post<{ password: string }>(`/admin/users/${id}/reset-password`, password ? { password } : {}),
  notifications: (q: PageQuery & { phone?: string }) => get<Page<Notification>>('/admin/notifications', q),
  audit: (q: PageQuery & { action?: string; user_id?: number }) => get<Page<AuditRow>>('/admin/audit', q),
}

export type Api = typeof api
