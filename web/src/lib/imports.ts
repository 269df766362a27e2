// Rules of the batch import (从Excel中导入) as the UI needs them: the client-side file check, when
// to stop polling, which step of the flow the page is at, whether it may save, which cells of a
// row are in error, and the edit form of a row. Pure: the server validates for real.
import {
  INSTRUMENT_USES,
  type ImportError,
  type ImportRow,
  type ImportRowState,
  type ImportStatus,
  type ImportSummary,
  type ImportRowData,
} from './api/types'
import { formFieldOf, formFrom, type InstrumentForm, type TagType } from './filing'

/** The server's upload limit (docs/api.md: ≤ 20 MB). */
export const MAX_IMPORT_MB = 20
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024
export const IMPORT_EXTENSIONS = ['.xlsx', '.csv'] as const
/** `accept` of the file input. */
export const IMPORT_ACCEPT = IMPORT_EXTENSIONS.join(',')
/** Polling interval while the server reads the file. */
export const IMPORT_POLL_MS = 500

export type FileProblem = 'type' | 'size' | 'empty'

/** Why a file cannot be uploaded, checked before sending it; null when it may go. */
export function checkImportFile(file: { name: string; size: number }, maxBytes = MAX_IMPORT_BYTES): FileProblem | null {
  const name = file.name.toLowerCase()
  if (!IMPORT_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'type'
  if (file.size > maxBytes) return 'size'
  if (file.size === 0) return 'empty'
  return null
}

/** The server is still reading the file: keep polling. */
export function isParsing(s: Pick<ImportSummary, 'status'> | null | undefined): boolean {
  return s?.status === 'parsing'
}

export interface PollOptions<T> {
  intervalMs?: number
  /** true once the caller no longer wants answers (another file, page left) */
  cancelled?: () => boolean
  /** each answer while polling */
  onUpdate?: (s: T) => void
  sleep?: (ms: number) => Promise<void>
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * Asks `next` every `intervalMs` while the import is parsing. Resolves with the first answer
 * that is not `parsing` (ready, failed, committed), or null when cancelled; errors of `next`
 * propagate.
 */
export async function pollWhileParsing<T extends Pick<ImportSummary, 'status'>>(
  first: T,
  next: () => Promise<T>,
  opts: PollOptions<T> = {},
): Promise<T | null> {
  const { intervalMs = IMPORT_POLL_MS, cancelled = () => false, onUpdate, sleep = wait } = opts
  let cur = first
  while (isParsing(cur)) {
    await sleep(intervalMs)
    if (cancelled()) return null
    cur = await next()
    if (cancelled()) return null
    onUpdate?.(cur)
  }
  return cur
}

/** What the 保存 step can do with the import. */
export type SaveState = 'not_ready' | 'committed' | 'has_errors' | 'ready' | 'all_existing' | 'empty'

export function saveState(s: Pick<ImportSummary, 'status' | 'rows_valid' | 'rows_existing' | 'rows_error'> | null): SaveState {
  if (!s) return 'not_ready'
  if (s.status === 'committed') return 'committed'
  if (s.status !== 'ready') return 'not_ready'
  if (s.rows_error > 0) return 'has_errors'
  if (s.rows_valid > 0) return 'ready'
  if (s.rows_existing > 0) return 'all_existing'
  return 'empty'
}

/** 保存（导入为待申报） is offered only without errors and with something to save. */
export function canCommit(s: Parameters<typeof saveState>[0]): boolean {
  return saveState(s) === 'ready'
}

/**
 * Active step of the bar 下载模板(0) → 上传文件(1) → 校验修正(2) → 保存(3); 4 = all done.
 * A failed file sends the user back to choosing one.
 */
export function activeStep(downloaded: boolean, s: Pick<ImportSummary, 'status' | 'rows_valid' | 'rows_existing' | 'rows_error'> | null): number {
  if (!s) return downloaded ? 1 : 0
  switch (s.status) {
    case 'parsing':
    case 'failed':
      return 1
    case 'committed':
      return 4
  }
  return canCommit(s) ? 3 : 2
}

export const IMPORT_STATE_TAGS: Record<ImportRowState, TagType> = {
  valid: 'success',
  error: 'danger',
  existing: 'info',
}

export function importStateTag(state: string): TagType {
  return IMPORT_STATE_TAGS[state as ImportRowState] ?? 'info'
}

/** Form/cell field an error belongs to: a missing charger group (`charger`) goes on its first item. */
function errorField(e: Pick<ImportError, 'field'>): string {
  return e.field ? formFieldOf(e.field) : ''
}

/** Whether a cell showing `fields` (InstrumentData names, `charger.<field>`) holds an error of the row. */
export function cellHasError(row: Pick<ImportRow, 'errors'>, fields: readonly string[]): boolean {
  return row.errors.some((e) => fields.includes(e.field) || fields.includes(errorField(e)))
}

/** The row's messages per form item (several on one item joined), for `:error` of the items. */
export function formErrorsOf(errors: readonly ImportError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) {
    const f = errorField(e)
    if (!f) continue
    out[f] = out[f] ? `${out[f]}；${e.message}` : e.message
  }
  return out
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d
}

export interface KnownCodes {
  /** codes of the catalogue's types */
  types: readonly string[]
  /** codes of the districts and zones */
  regions: readonly string[]
}

/**
 * The edit form for a row's data. Values the selects and the date picker cannot show (an unknown
 * type or district, a use that is not one of ours, a date that is not a date: the server keeps
 * what it could not read as `?` or the cell's text) are cleared so the user picks them again; the
 * row's error messages still name the original text. Lists not loaded (empty) are not used.
 */
export function importFormFrom(data: ImportRowData, known: KnownCodes): InstrumentForm {
  const form = formFrom(data)
  if (known.types.length > 0 && !known.types.includes(form.type_code)) form.type_code = ''
  if (known.regions.length > 0 && !known.regions.includes(form.install_region_code)) form.install_region_code = ''
  if (form.use && !(INSTRUMENT_USES as readonly string[]).includes(form.use)) form.use = ''
  if (form.in_use_date && !isIsoDate(form.in_use_date)) form.in_use_date = ''
  return form
}

/** Rows the server will not save as they are: for the 下载错误报告 button. */
export function hasErrorReport(s: Pick<ImportSummary, 'rows_error' | 'status'> | null): boolean {
  return !!s && s.status === 'ready' && s.rows_error > 0
}

/** Statuses after which the page shows the preview (rows exist). */
export function hasRows(status: ImportStatus | undefined): boolean {
  return status === 'ready' || status === 'committed'
}
