// Transport of the API client: JSON requests with the session cookie and CSRF header, the
// error envelope as ApiError, file downloads, and URLs of files the browser opens itself.
// Only the API modules (client.ts, verification.ts) use it.
import type { components } from './schema'

export const API_BASE = '/api/v1'

export type FieldErrorDetail = components['schemas']['FieldError']
/** `details` of the error envelope: `field` for one bad field, `fields` for several. */
export type ErrorDetails = components['schemas']['ErrorDetails']

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
export type Query = object

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** multipart body (file upload); the browser sets its Content-Type with the boundary */
  form?: FormData
  /** Do not call onUnauthorized on 401 (login, initial session probe). */
  quiet401?: boolean
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function buildUrl(path: string, query?: Query): string {
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

export const get = <T>(path: string, query?: Query, quiet401 = false) =>
  request<T>('GET', path, { query, quiet401 })
export const post = <T>(path: string, body?: unknown, quiet401 = false) =>
  request<T>('POST', path, { body, quiet401 })
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body })
export const del = <T>(path: string) => request<T>('DELETE', path)
/** POST multipart/form-data (CSRF header, error envelope and 401 handling as for JSON calls). */
export const upload = <T>(path: string, form: FormData, query?: Query) => request<T>('POST', path, { form, query })
