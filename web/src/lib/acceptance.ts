// Rules of the DRC acceptance checks (发改委验收核查) and the public lookup (公众查询) as the UI
// needs them: typed charger lines → EquipmentIDs and 厂家 + 出厂编号, the chargers of the three
// sources (typed, stations, .xlsx) merged without repeats, status and verdict colours, the gaps
// of a check, links, and the lookup form ↔ query and its failures. Pure: the server looks the
// chargers up and decides the verdict.
import type { Role } from './api/types'
import { ApiError } from './api/http'
import type {
  AcceptanceCheckCounts,
  AcceptanceCheckItem,
  AcceptanceIdentifier,
  AcceptanceItemStatus,
  AcceptanceParseResult,
  AcceptanceVerdict,
  PublicCheckStatus,
  PublicCheck,
  PublicLookup,
  PublicLookupFailed,
  PublicLookupQuery,
} from './api/types.acceptance'
import { ACCEPTANCE_ITEM_STATUSES } from './api/types.acceptance'
import type { TagType } from './filing'

// ---------------------------------------------------------------- who

/** Only the development and reform departments start checks; the city bureau and enterprises read. */
export function createsAcceptanceChecks(role: Role | null | undefined): boolean {
  return role === 'drc'
}

// ---------------------------------------------------------------- chargers entered

/** The chargers of a project: by EquipmentID and by 生产厂家 + 出厂编号. */
export interface ChargerSet {
  equipment_ids: string[]
  identifiers: AcceptanceIdentifier[]
}

/**
 * Why a typed line was not taken: `parts` more than two fields, `emptyPart` 厂家 or 出厂编号
 * missing, `space` a blank inside a single value (an EquipmentID has none; 厂家 and 出厂编号 are
 * separated by a comma or a tab).
 */
export type LineProblem = 'parts' | 'emptyPart' | 'space'

export interface LineError {
  /** 1-based line number in the text box */
  line: number
  text: string
  problem: LineProblem
}

export interface TypedChargers extends ChargerSet {
  errors: LineError[]
  /** lines naming a charger already named above */
  duplicates: number
}

/** Header cells a line pasted from a spreadsheet may carry (skipped). */
const ID_HEADERS = /^(equipment\s*_?id|设备编码|充电设备编码|设备编号)$/i
const MAKER_HEADERS = /^(生产厂家|制造单位|厂家|生产企业|manufacturer)$/i
const SERIAL_HEADERS = /^(出厂编号|serial\s*_?no|serial\s*number)$/i

/** 厂家 + 出厂编号 as one key (both exact). */
export function identifierKey(i: AcceptanceIdentifier): string {
  return `${i.manufacturer}\u0000${i.serial_no}`
}

/** The fields of a line: split at tabs when it has any (pasted cells), else at commas (, or ，). */
function fieldsOf(line: string): string[] {
  const parts = line.includes('\t') ? line.split('\t') : line.split(/[,，]/)
  // Cells pasted from a row with empty columns after the two leave empty fields at the end; an
  // empty second field stays (厂家 without 出厂编号).
  while (parts.length > 2 && parts[parts.length - 1].trim() === '') parts.pop()
  return parts.map((p) => p.trim())
}

/**
 * The chargers typed in the text box, one a line: an EquipmentID, or 生产厂家 and 出厂编号
 * separated by a comma or a tab (as pasted from two spreadsheet columns). Blank lines and header
 * lines are skipped, repeats counted once; lines that cannot be read are returned with their
 * numbers.
 */
export function parseChargerLines(text: string): TypedChargers {
  const out: TypedChargers = { equipment_ids: [], identifiers: [], errors: [], duplicates: 0 }
  const ids = new Set<string>()
  const keys = new Set<string>()
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    const parts = fieldsOf(raw)
    const fail = (problem: LineProblem) => out.errors.push({ line: index + 1, text: line, problem })
    if (parts.length === 1) {
      const id = parts[0]
      if (ID_HEADERS.test(id)) return
      if (/\s/.test(id)) return fail('space')
      if (ids.has(id)) out.duplicates++
      else {
        ids.add(id)
        out.equipment_ids.push(id)
      }
      return
    }
    if (parts.length > 2) return fail('parts')
    const [manufacturer, serial_no] = parts
    if (MAKER_HEADERS.test(manufacturer) && SERIAL_HEADERS.test(serial_no)) return
    if (manufacturer === '' || serial_no === '') return fail('emptyPart')
    const identifier = { manufacturer, serial_no }
    const key = identifierKey(identifier)
    if (keys.has(key)) out.duplicates++
    else {
      keys.add(key)
      out.identifiers.push(identifier)
    }
  })
  return out
}

/** The chargers of several sources, each named once, in the order first named. */
export function mergeChargers(sources: readonly ChargerSet[]): ChargerSet & { duplicates: number } {
  const ids = new Set<string>()
  const keys = new Map<string, AcceptanceIdentifier>()
  let named = 0
  for (const s of sources) {
    named += s.equipment_ids.length + s.identifiers.length
    for (const id of s.equipment_ids) ids.add(id)
    for (const i of s.identifiers) if (!keys.has(identifierKey(i))) keys.set(identifierKey(i), i)
  }
  const merged = { equipment_ids: [...ids], identifiers: [...keys.values()] }
  return { ...merged, duplicates: named - chargerCount(merged) }
}

export function chargerCount(s: ChargerSet): number {
  return s.equipment_ids.length + s.identifiers.length
}

/** The EquipmentIDs of the stations ticked, and their names. */
export function stationChargers(stations: readonly { station_name: string; equipment_ids: string[] }[]): ChargerSet & { station_names: string[] } {
  return {
    equipment_ids: [...new Set(stations.flatMap((s) => s.equipment_ids))],
    identifiers: [],
    station_names: [...new Set(stations.map((s) => s.station_name))],
  }
}

/** An .xlsx read by `POST /acceptance-checks/parse`. */
export interface ParsedFile {
  filename: string
  result: AcceptanceParseResult
}

/** Files the parse endpoint reads. */
export const ACCEPTANCE_UPLOAD_ACCEPT = '.xlsx'
export const MAX_ACCEPTANCE_UPLOAD_MB = 20

/** `type` not an .xlsx, `size` over the limit, `empty` a file of 0 bytes. */
export function checkAcceptanceFile(file: { name: string; size: number }): 'type' | 'size' | 'empty' | null {
  if (!file.name.toLowerCase().endsWith('.xlsx')) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > MAX_ACCEPTANCE_UPLOAD_MB * 1024 * 1024) return 'size'
  return null
}

// ---------------------------------------------------------------- a check

/** 合格有效 green; 未备案, 检定不合格, 证书已注销 red; 未检定, 已过有效期 orange. */
export const ITEM_STATUS_TAGS: Record<AcceptanceItemStatus, TagType> = {
  ok: 'success',
  unfiled: 'danger',
  never_verified: 'warning',
  failed: 'danger',
  expired: 'warning',
  revoked: 'danger',
}

/** 全部合格 green, 存在问题 red. */
export const VERDICT_TAGS: Record<AcceptanceVerdict, TagType> = { passed: 'success', gaps: 'danger' }

/** The colour of a charger's status; grey for a status this UI does not know. */
export function itemStatusTag(status: string): TagType {
  return ITEM_STATUS_TAGS[status as AcceptanceItemStatus] ?? 'info'
}

export interface Gap {
  status: Exclude<AcceptanceItemStatus, 'ok'>
  count: number
}

/** The kinds of gaps of a check with their counts, in the order of ACCEPTANCE_ITEM_STATUSES. */
export function gapsOf(counts: Partial<AcceptanceCheckCounts> | null | undefined): Gap[] {
  const out: Gap[] = []
  for (const s of ACCEPTANCE_ITEM_STATUSES) {
    if (s === 'ok') continue
    const n = counts?.[s] ?? 0
    if (n > 0) out.push({ status: s, count: n })
  }
  return out
}

/** Only the chargers with a gap (仅看问题), or all. */
export function itemsShown(items: readonly AcceptanceCheckItem[], gapsOnly: boolean): AcceptanceCheckItem[] {
  return gapsOnly ? items.filter((i) => i.status !== 'ok') : [...items]
}

/** A path of the server (`/ac/<token>`, `/V/<token>`) as a whole address; an address is kept. */
export function absoluteUrl(path: string | null | undefined, origin: string): string {
  if (!path) return ''
  if (/^https?:\/\//i.test(path)) return path
  return origin.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`)
}

// ---------------------------------------------------------------- public lookup

/** 按设备编码 | 按生产厂家和出厂编号. */
export type LookupMode = 'equipment' | 'serial'

export interface LookupForm {
  mode: LookupMode
  equipment_id: string
  manufacturer: string
  serial_no: string
}

export function blankLookupForm(): LookupForm {
  return { mode: 'equipment', equipment_id: '', manufacturer: '', serial_no: '' }
}

/** The query of the form, trimmed; null when the mode's fields are not all filled. */
export function lookupQuery(f: LookupForm): PublicLookupQuery | null {
  if (f.mode === 'equipment') {
    const id = f.equipment_id.trim()
    return id ? { equipment_id: id } : null
  }
  const manufacturer = f.manufacturer.trim()
  const serial_no = f.serial_no.trim()
  return manufacturer && serial_no ? { manufacturer, serial_no } : null
}

/** The form of an address (`?equipment_id=…` or `?manufacturer=…&serial_no=…`), so a lookup can be linked. */
export function lookupFormFromQuery(q: Record<string, unknown>): LookupForm {
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')
  const f = blankLookupForm()
  f.equipment_id = str(q.equipment_id)
  f.manufacturer = str(q.manufacturer)
  f.serial_no = str(q.serial_no)
  if (!f.equipment_id && (f.manufacturer || f.serial_no)) f.mode = 'serial'
  return f
}

/** The address query of a lookup (the inverse of lookupFormFromQuery). */
export function lookupRouteQuery(q: PublicLookupQuery): Record<string, string> {
  return 'equipment_id' in q ? { equipment_id: q.equipment_id } : { manufacturer: q.manufacturer, serial_no: q.serial_no }
}

/** Why a lookup found nothing to show: 未找到, 请求过于频繁, 输入不完整, or another failure. */
export type LookupFailure = 'not_found' | 'rate_limited' | 'identifier_required' | 'other'

export function lookupFailure(err: unknown): LookupFailure {
  if (!(err instanceof ApiError)) return 'other'
  if (err.status === 404) return 'not_found'
  if (err.status === 429 || err.code === 'rate_limited') return 'rate_limited'
  if (err.status === 400) return 'identifier_required'
  return 'other'
}

/** What the lookup page shows for an answer: the certificate, or 已备案，尚无有效检定证书. */
export function lookupHasCertificate(r: PublicLookup): r is PublicCheck {
  return 'history' in r
}

/** The answer for a charger whose last verification failed: its result notice, no label. */
export function lookupFailedNotice(r: PublicLookup): r is PublicLookupFailed {
  return r.status === 'failed' && !('history' in r)
}

/** 检定合格 · 有效 green; 已过有效期 orange; 证书已注销, 检定不合格 red; 标识已失效 grey. */
export const PUBLIC_STATUS_TAGS: Record<PublicCheckStatus | 'no_certificate', TagType> = {
  valid: 'success',
  expired: 'warning',
  revoked: 'danger',
  superseded: 'info',
  failed: 'danger',
  no_certificate: 'warning',
}

export function publicStatusTag(status: string): TagType {
  return PUBLIC_STATUS_TAGS[status as PublicCheckStatus] ?? 'info'
}
