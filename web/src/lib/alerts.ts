// Rules of the 计量作弊线索 pages, pure for the tests: the charge-order rules by family with their
// short and long Chinese names and tag colours, the statuses, the evidence and the reported order
// under Chinese labels (a key this UI does not know shows as 其他, never as its code), the list
// filters in the address, the timeline's steps and the default name of a 线索核查 task. Labels
// come from the alert texts (i18n/alerts.*.ts, loaded with the exchange pages).
import type { LocationQuery } from 'vue-router'
import { i18n } from '@/i18n'
import { ALERT_STATUSES, type AlertEvent, type AlertStatus } from './api/types.alerts'
import type { TagType } from './filing'

const t = (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key))
const te = (key: string) => i18n.global.te(key)

// ---------------------------------------------------------------- rules and statuses

/** The families of rules, in the order the rule filter groups them (docs/exchange.md). */
export const RULE_FAMILIES = ['arithmetic', 'tariff', 'physical', 'registry', 'statistics', 'station'] as const
export type RuleFamily = (typeof RULE_FAMILIES)[number]

/** Every rule the server raises alerts for, by family. */
export const RULES_BY_FAMILY: Record<RuleFamily, readonly string[]> = {
  arithmetic: ['money_split', 'period_count', 'period_money', 'energy_sum', 'money_sum', 'period_tiling'],
  tariff: ['tariff_mismatch'],
  physical: ['energy_without_time', 'energy_over_rated', 'connector_overlap'],
  registry: ['charger_unfiled', 'charger_unverified', 'charger_failed', 'charger_expired'],
  statistics: ['repeated_energy', 'rate_outlier'],
  station: ['station_balance'],
}
export const ALERT_RULES: readonly string[] = RULE_FAMILIES.flatMap((f) => RULES_BY_FAMILY[f])

/**
 * 计算一致性 primary, 分时电价 warning, 物理合理性 danger, 备案检定 success, 统计异常 info; 场站平衡
 * (more energy sold than the station's meter measured, or much less) danger like 物理合理性: a tag
 * has five colours for six families.
 */
export const FAMILY_TAGS: Record<RuleFamily, TagType> = { arithmetic: 'primary', tariff: 'warning', physical: 'danger', registry: 'success', statistics: 'info', station: 'danger' }

/** The family of a rule; null for a rule this UI does not know. */
export function ruleFamily(rule: string): RuleFamily | null {
  return RULE_FAMILIES.find((f) => RULES_BY_FAMILY[f].includes(rule)) ?? null
}

/** The colour of a rule's tag, by its family (`info` when unknown). */
export function ruleTag(rule: string): TagType {
  const f = ruleFamily(rule)
  return f ? FAMILY_TAGS[f] : 'info'
}

/** The rule's short name for a tag (超额定电量); 其他线索 when unknown. */
export function ruleName(rule: string): string {
  return ruleFamily(rule) && te(`alertRule.${rule}`) ? t(`alertRule.${rule}`) : t('alertRule.other')
}

/** What the rule finds, in a sentence (电量超过额定功率×充电时长); 其他异常 when unknown. */
export function ruleText(rule: string): string {
  return ruleFamily(rule) && te(`alertRuleText.${rule}`) ? t(`alertRuleText.${rule}`) : t('alertRuleText.other')
}

/** 计算一致性 / 分时电价 / …; 其他 for none. */
export function familyLabel(family: RuleFamily | null): string {
  return t(`alertFamily.${family ?? 'other'}`)
}

/** 待处理 warning, 已排除 info, 已立案核查 primary. */
export const ALERT_STATUS_TAGS: Record<AlertStatus, TagType> = { open: 'warning', dismissed: 'info', inspection: 'primary' }

const isStatus = (s: unknown): s is AlertStatus => (ALERT_STATUSES as readonly unknown[]).includes(s)

/** 待处理 / 已排除 / 已立案核查; 其他 for a status this UI does not know. */
export function statusLabel(status: string): string {
  return t(`alertStatus.${isStatus(status) ? status : 'other'}`)
}

export function statusTag(status: string): TagType {
  return isStatus(status) ? ALERT_STATUS_TAGS[status] : 'info'
}

// ---------------------------------------------------------------- evidence and the order

/** The evidence names the rules use (docs/exchange.md), each with the id of its label (`alertEvidence.<id>`). */
export const EVIDENCE_LABEL_IDS: Readonly<Record<string, string>> = {
  TotalPower: 'totalPower',
  TotalElecMoney: 'totalElecMoney',
  TotalServiceMoney: 'totalServiceMoney',
  TotalMoney: 'totalMoney',
  computation: 'computation',
  SumPeriod: 'sumPeriod',
  periods: 'periods',
  period: 'period',
  energy_kwh: 'energyKwh',
  elec: 'elec',
  service: 'service',
  'Σ DetailPower': 'sumDetailPower',
  'Σ DetailElecMoney': 'sumDetailElecMoney',
  'Σ DetailServiceMoney': 'sumDetailServiceMoney',
  expected_start: 'expectedStart',
  DetailStartTime: 'detailStartTime',
  DetailEndTime: 'detailEndTime',
  'last DetailEndTime': 'lastDetailEndTime',
  EndTime: 'endTime',
  StartTime: 'startTime',
  rated_power_kw: 'ratedPowerKw',
  hours: 'hours',
  ConnectorID: 'connectorId',
  StartChargeSeq: 'startChargeSeq',
  'overlapping StartChargeSeq': 'overlappingSeq',
  'overlapping period': 'overlappingPeriod',
  EquipmentID: 'equipmentId',
  verification_state: 'verificationState',
  valid_until: 'validUntil',
  ElecPrice: 'elecPrice',
  tariff_price: 'tariffPrice',
  tariff: 'tariff',
  orders: 'orders',
  same_energy_orders: 'sameEnergyOrders',
  energy_per_minute: 'energyPerMinute',
  peer_median: 'peerMedian',
  ratio: 'ratio',
  StationID: 'stationId',
  day: 'day',
  'Σ TotalPower': 'sumTotalPower',
  StationElectricity: 'stationElectricity',
}

/**
 * A key as the operator or the rules may spell it, made comparable: spaces and case ignored,
 * CEC's misspellings (`Sevice`, `SubPeriod`) read as the right ones.
 */
function normKey(key: string): string {
  const k = key.replace(/\s+/g, '').toLowerCase().replace(/sevice/g, 'service')
  return k === 'subperiod' ? 'sumperiod' : k
}

const LABEL_ID_BY_NORM = new Map(Object.entries(EVIDENCE_LABEL_IDS).map(([k, id]) => [normKey(k), id]))

/** The Chinese label of an evidence name; 其他 for a name this UI does not know. */
export function evidenceLabel(name: string): string {
  return t(`alertEvidence.${LABEL_ID_BY_NORM.get(normKey(name)) ?? 'other'}`)
}

/** A value as shown: '' and none as —, numbers and text as they are, anything else as —. */
export function displayValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '—'
  if (typeof v === 'string') return v.trim() === '' ? '—' : v
  if (typeof v === 'boolean') return String(v)
  return '—'
}

/** 未检定 / 证书已撤销 / 不合格 / 合格; 其他 for a state this UI does not know. */
export function verificationStateLabel(state: string): string {
  return te(`alertVerification.${state}`) && state !== 'other' ? t(`alertVerification.${state}`) : t('alertVerification.other')
}

/** One line of a description list. */
export interface LabelledValue {
  label: string
  value: string
}

/** The evidence as label and value, in the rule's order (检定状态 in words). */
export function evidenceRows(evidence: readonly (readonly string[])[] | null | undefined): LabelledValue[] {
  return (evidence ?? []).map(([name = '', value = '']) => ({
    label: evidenceLabel(name),
    value: LABEL_ID_BY_NORM.get(normKey(name)) === 'verificationState' ? verificationStateLabel(value) : displayValue(value),
  }))
}

/** A field of the order as reported, whatever the key's case or CEC spelling; undefined when absent. */
export function orderField(order: Record<string, unknown> | null | undefined, name: string): unknown {
  if (!order) return undefined
  const want = normKey(name)
  const key = Object.keys(order).find((k) => normKey(k) === want)
  return key === undefined ? undefined : order[key]
}

/** The order's own fields shown above its periods (labels of `alertEvidence`). */
export const ORDER_FIELDS = ['StartChargeSeq', 'ConnectorID', 'StartTime', 'EndTime', 'TotalPower', 'TotalElecMoney', 'TotalServiceMoney', 'TotalMoney', 'SumPeriod'] as const

/** The columns of ChargeDetails, with the id of each one's label (`alertOrder.<id>`). */
export const DETAIL_COLUMNS = [
  { key: 'DetailStartTime', label: 'detailStartTime' },
  { key: 'DetailEndTime', label: 'detailEndTime' },
  { key: 'DetailPower', label: 'detailPower' },
  { key: 'ElecPrice', label: 'elecPrice' },
  { key: 'DetailElecMoney', label: 'detailElecMoney' },
  { key: 'ServicePrice', label: 'servicePrice' },
  { key: 'DetailServiceMoney', label: 'detailServiceMoney' },
] as const
export type DetailColumn = (typeof DETAIL_COLUMNS)[number]['key']

/** The order's fields as label and value. */
export function orderRows(order: Record<string, unknown> | null | undefined): LabelledValue[] {
  return ORDER_FIELDS.map((f) => ({ label: evidenceLabel(f), value: displayValue(orderField(order, f)) }))
}

/** The order's periods (ChargeDetails), each as the text of every column. */
export function orderPeriods(order: Record<string, unknown> | null | undefined): Record<DetailColumn, string>[] {
  const details = orderField(order, 'ChargeDetails')
  if (!Array.isArray(details)) return []
  return details
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && !Array.isArray(d))
    .map((d) => Object.fromEntries(DETAIL_COLUMNS.map((c) => [c.key, displayValue(orderField(d, c.key))])) as Record<DetailColumn, string>)
}

// ---------------------------------------------------------------- the list's filters, the timeline

/** The list's filters; '' leaves one out (status '' = every status). */
export interface AlertFilters {
  rule: string
  status: AlertStatus | ''
  region_code: string
  q: string
}

/** 待处理 of every rule, district and charger. */
export const DEFAULT_ALERT_FILTERS: Readonly<AlertFilters> = { rule: '', status: 'open', region_code: '', q: '' }

const one = (v: LocationQuery[string] | undefined): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')

/**
 * The filters the address names (`?rule=&status=&region_code=&q=`): 待处理 unless `status` says
 * another (`all` for every status); a rule this UI does not know is left out, and the district
 * too unless the caller may choose one (the city bureau).
 */
export function alertFiltersOf(query: LocationQuery, withRegion: boolean): AlertFilters {
  const rule = one(query.rule)
  const status = one(query.status)
  return {
    rule: ALERT_RULES.includes(rule) ? rule : '',
    status: status === 'all' ? '' : isStatus(status) ? status : 'open',
    region_code: withRegion ? one(query.region_code) : '',
    q: one(query.q).trim(),
  }
}

/** The address of the filters, the defaults left out. */
export function alertAddress(f: AlertFilters): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.rule) q.rule = f.rule
  if (f.status !== 'open') q.status = f.status || 'all'
  if (f.region_code) q.region_code = f.region_code
  if (f.q.trim()) q.q = f.q.trim()
  return q
}

/** What an alert's timeline says (`alertAction.<action>`). */
export const ALERT_ACTIONS = ['create', 'dismiss', 'inspect'] as const

/** The events as the shared timeline shows them: an action or status this UI does not know as 处理 / none, never its code. */
export function alertTimeline(events: readonly AlertEvent[] | null | undefined): AlertEvent[] {
  const known = (s: string | null) => (s !== null && isStatus(s) ? s : null)
  return (events ?? []).map((e) => ({
    ...e,
    action: (ALERT_ACTIONS as readonly string[]).includes(e.action) ? e.action : 'other',
    from_status: known(e.from_status),
    to_status: known(e.to_status) ?? '',
  }))
}

/** 线索核查：<企业> <设备编码>, the default name of the task an alert or finding leads to. */
export function targetedTaskName(orgName: string, equipmentId: string): string {
  return t('alertTask.defaultName', { target: [orgName.trim(), equipmentId.trim()].filter(Boolean).join(' ') })
}
