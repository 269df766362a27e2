// Rules of the exchange pages (T/CEC 102, issue 13), kept pure for the tests: the tab of
// 在用未备案核查 in the address, the labels of kinds, differences and currents, a charger's
// 型号 / 交直流 / 功率 line, district names, the grounds (核查依据) of a 线索核查 task made from a
// finding; for 平台对接 the checks of the OperatorID and the
// secrets, the form field a server error belongs to, the operator's endpoint base and the text
// of 复制全部; for 监管平台数据同步 the check of the platform's address, the default day of the
// station statistics and the words of the run log. Labels come from the exchange texts
// (i18n/exchange.ts), loaded with the pages.
import { i18n } from '@/i18n'
import { ApiError } from './api/http'
import type { Region } from './api/types'
import {
  RECONCILIATION_KINDS,
  type FiledCharger,
  type PlatformCharger,
  type PullRun,
  type PullStatus,
  type ReconciliationDifference,
  type ReconciliationItem,
  type ReconciliationKind,
  type TcecOperatorInput,
  type TcecOperatorIssued,
  type TcecOperatorStatus,
  type TcecPlatformInput,
} from './api/types.exchange'
import { isoDate } from './dates'
import type { TagType } from './filing'

const t = (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key))
const te = (key: string) => i18n.global.te(key)

// ---------------------------------------------------------------- 在用未备案核查

/** The tab named by the address (`?kind=`), else 在用未备案. */
export function kindOf(v: unknown): ReconciliationKind {
  return (RECONCILIATION_KINDS as readonly unknown[]).includes(v) ? (v as ReconciliationKind) : 'unfiled'
}

/** The address of a tab and district filter (the first tab and all districts stay out of it). */
export function reconQuery(kind: ReconciliationKind, region: string): Record<string, string> {
  const q: Record<string, string> = {}
  if (kind !== 'unfiled') q.kind = kind
  if (region) q.region_code = region
  return q
}

/** The rows of the kind have a filed charger (备案信息, 查看备案). */
export const hasFiling = (kind: ReconciliationKind) => kind !== 'unfiled'
/** The rows of the kind have the platform's data (平台信息): not those the platform does not list. */
export const hasPlatform = (kind: ReconciliationKind) => kind !== 'not_on_platform'

/** 在用未备案 / 已备案未上平台 / 信息不一致; an unknown kind as 核查结果. */
export function kindLabel(kind: string): string {
  return te(`exchKind.${kind}`) ? t(`exchKind.${kind}`) : t('exchKind.other')
}

/** 额定功率 / 型号 / 交直流 / 所在辖区; an unknown difference as 其他. */
export function differenceLabel(d: string): string {
  return te(`exchDiff.${d}`) ? t(`exchDiff.${d}`) : t('exchDiff.other')
}

/** 交流 / 直流; '' (not reported) as —, anything else as given. */
export function currentLabel(c: string | null | undefined): string {
  if (!c) return '—'
  return te(`exchCurrent.${c}`) ? t(`exchCurrent.${c}`) : c
}

/** kW without float noise, at most 2 decimals: 7 → "7 kW", 7.456 → "7.46 kW"; none → —. */
export function powerText(kw: number | null | undefined): string {
  if (kw === null || kw === undefined || !Number.isFinite(kw)) return '—'
  return `${Number(kw.toFixed(2))} kW`
}

/** One part of a charger's line and the difference it shows. */
export interface SpecPart {
  key: Extract<ReconciliationDifference, 'model' | 'current' | 'power'>
  text: string
}

/** 型号 / 交直流 / 功率 of the platform's or the filed charger, blanks as —. */
export function specParts(c: PlatformCharger | FiledCharger): SpecPart[] {
  return [
    { key: 'model', text: c.model.trim() || '—' },
    { key: 'current', text: currentLabel(c.current) },
    { key: 'power', text: powerText(c.power_kw) },
  ]
}

/** A district's name from the regions list; — when none, the code while the list is not there. */
export function regionName(code: string | null | undefined, regions: readonly Region[]): string {
  if (!code) return '—'
  return regions.find((r) => r.code === code)?.name ?? code
}

/** A finding a 线索核查 task may be made of: a charger in use but not filed, or one whose details differ. */
export const inspectable = (kind: ReconciliationKind) => kind === 'unfiled' || kind === 'mismatch'

/** One difference of a mismatch with both sides: 额定功率（平台 60 kW，备案 120 kW）. */
function differenceText(d: string, row: ReconciliationItem, regions: readonly Region[]): string {
  const filed = row.filed
  const sides: Record<string, [string, string]> = {
    power: [powerText(row.platform.power_kw), powerText(filed?.power_kw)],
    model: [row.platform.model.trim() || '—', filed?.model.trim() || '—'],
    current: [currentLabel(row.platform.current), currentLabel(filed?.current)],
    district: [regionName(row.region_code, regions), regionName(filed?.region_code, regions)],
  }
  const pair = sides[d]
  return pair ? t('exchBasis.difference', { name: differenceLabel(d), platform: pair[0], filed: pair[1] }) : differenceLabel(d)
}

/**
 * 核查依据 of a 线索核查 task made from a finding, in words: 在用未备案：EQ-1（二七充电站）, or
 * 信息不一致：EQ-3（二七充电站）：额定功率（平台 60 kW，备案 120 kW）、所在辖区（…）.
 */
export function findingBasis(row: ReconciliationItem, regions: readonly Region[]): string {
  const charger = row.station_name.trim() ? t('exchBasis.charger', { id: row.equipment_id, station: row.station_name.trim() }) : row.equipment_id
  if (row.kind !== 'mismatch') return t('exchBasis.unfiled', { charger })
  const diffs = row.differences.map((d) => differenceText(d, row, regions)).join(t('exchBasis.separator'))
  return t('exchBasis.mismatch', { charger, differences: diffs })
}

// ---------------------------------------------------------------- 平台对接

/** The optional secrets of an account, in the order T/CEC 102 names them. */
export const TCEC_SECRET_FIELDS = ['operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret'] as const
export type TcecSecretField = (typeof TCEC_SECRET_FIELDS)[number]
/** The five values the operator is given. */
export const TCEC_ISSUED_FIELDS = ['operator_id', ...TCEC_SECRET_FIELDS] as const
export type TcecIssuedField = (typeof TCEC_ISSUED_FIELDS)[number]
/** The fields of 开通对接. */
export type TcecFormField = keyof TcecOperatorInput
export const TCEC_FORM_FIELDS: readonly TcecFormField[] = ['org_id', ...TCEC_ISSUED_FIELDS]
/** Their names in T/CEC 102 (in the copied text, for the operator's engineers). */
export const TCEC_PROTOCOL_NAMES: Record<TcecIssuedField, string> = {
  operator_id: 'OperatorID',
  operator_secret: 'OperatorSecret',
  data_secret: 'DataSecret',
  data_secret_iv: 'DataSecretIV',
  sig_secret: 'SigSecret',
}
/** Status tag colours (仅平台同步 is no exchange with mvis yet). */
export const TCEC_STATUS_TAGS: Record<TcecOperatorStatus, TagType> = { active: 'success', disabled: 'info', platform: 'info' }

/** 停用 for an account in use or one the pull made (仅平台同步). */
export const canDisable = (status: string) => status !== 'disabled'
/** 启用 for a disabled account or one the pull made, once its secrets are rotated. */
export const canEnable = (status: string) => status === 'disabled'

/** An OperatorID as typed is fine: blank (derived by the server) or 9 digits / upper-case letters (case is fixed on sending). */
export function operatorIdOk(v: string | null | undefined): boolean {
  const s = (v ?? '').trim()
  return s === '' || /^[0-9A-Z]{9}$/.test(s.toUpperCase())
}

/** A secret as typed is fine: blank (generated) or 16 printable characters without spaces. */
export function secretOk(v: string | null | undefined): boolean {
  const s = (v ?? '').trim()
  return s === '' || /^[\x21-\x7e]{16}$/.test(s)
}

/**
 * The field of 开通对接 a failed request belongs to: the server's `details.field`, or the
 * OperatorID when it is taken (409 operator_exists); null when it belongs to none.
 */
export function tcecErrorField(err: unknown): TcecFormField | null {
  if (!(err instanceof ApiError)) return null
  const f = err.details.field
  if (f && (TCEC_FORM_FIELDS as readonly string[]).includes(f)) return f as TcecFormField
  return err.code === 'operator_exists' ? 'operator_id' : null
}

/** Where the operator's platform calls mvis: `<origin>/tcec/v1/`. */
export function tcecBase(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/tcec/v1/`
}

/** The interfaces the operator calls under the base. */
export const TCEC_INTERFACES = ['query_token', 'notification_stationInfo'] as const

/** 复制全部: the enterprise, the address and the five values, one a line, with their T/CEC 102 names. */
export function issuedText(issued: TcecOperatorIssued, base: string): string {
  return [
    `${t('exchTcec.org')}：${issued.org_name}`,
    `${t('exchTcec.endpoint')}：${base}`,
    ...TCEC_ISSUED_FIELDS.map((f) => `${t(`exchSecret.${f}`)}（${TCEC_PROTOCOL_NAMES[f]}）：${issued[f]}`),
  ].join('\n')
}

// ---------------------------------------------------------------- 监管平台数据同步

/** The fields of the platform's configuration, as the server names them in `details.field`. */
export type PlatformField = keyof TcecPlatformInput
export const PLATFORM_FIELDS: readonly PlatformField[] = ['base_url', 'operator_id', ...TCEC_SECRET_FIELDS, 'page_size', 'enabled']

/** The platform's address as typed is fine: http:// or https:// and a host, no spaces. */
export function baseUrlOk(v: string | null | undefined): boolean {
  return /^https?:\/\/[^\s/?#]+\S*$/i.test((v ?? '').trim())
}

/** The day before `now` as YYYY-MM-DD (local time): the default day of the station statistics. */
export function yesterday(now: Date = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)
  return isoDate(d)
}

/** 运行中 warning, 完成 success, 失败 danger. */
export const PULL_STATUS_TAGS: Record<PullStatus, TagType> = { running: 'warning', done: 'success', failed: 'danger' }

/** 增量起点: the time the run asked from, or 全量 for the whole inventory. */
export function pullSince(run: Pick<PullRun, 'last_query_time'>): string {
  return run.last_query_time.trim() || t('exchPull.full')
}

/** 未注册企业的运营商标识：A、B — '' when every operator was known. */
export function unknownOperatorsText(ids: readonly string[] | null | undefined): string {
  const list = (ids ?? []).map((s) => s.trim()).filter(Boolean)
  return list.length ? t('exchPull.unknownOperators', { ids: list.join(t('exchPull.idSeparator')) }) : ''
}
