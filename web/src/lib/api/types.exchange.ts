// Shapes of the data exchange with the charging supervision platform (T/CEC 102, issue 13): the
// bureaus' 在用未备案核查 (`GET /reconciliation`), the sysadmin's operator accounts (平台对接,
// `GET/POST /admin/tcec-operators`) and mvis's own access to the city's platform (监管平台数据同步,
// `/admin/tcec-platform`, hand-written below). Generated from src/http/openapi.json like types.ts; the
// constant lists are checked against the document by types.test.ts. Not re-exported by types.ts:
// only the lazily loaded exchange pages import them.
import type { components } from './schema'
import type { PageQuery } from './types'

type Schemas = components['schemas']

/** A finding: a charger of the platform's inventory against the filed ones. */
export type ReconciliationItem = Schemas['ReconciliationItem']
export type ReconciliationPage = Schemas['ReconciliationPage']
/** unfiled 在用未备案 | not_on_platform 已备案未上平台 | mismatch 信息不一致. */
export type ReconciliationKind = ReconciliationItem['kind']
/** What differs between the platform and the filing (mismatch). */
export type ReconciliationDifference = ReconciliationItem['differences'][number]
/** What the platform reports of a charger. */
export type PlatformCharger = ReconciliationItem['platform']
/** The filed charger (not_on_platform, mismatch). */
export type FiledCharger = NonNullable<ReconciliationItem['filed']>

/** The three lists, in the order of the page's tabs. */
export const RECONCILIATION_KINDS = ['unfiled', 'not_on_platform', 'mismatch'] as const satisfies readonly ReconciliationKind[]
/** In the order the server lists them. */
export const RECONCILIATION_DIFFERENCES = ['power', 'model', 'current', 'district'] as const satisfies readonly ReconciliationDifference[]

/** `GET /reconciliation`. */
export interface ReconciliationQuery extends PageQuery {
  kind: ReconciliationKind
  /** one district of the caller's; '' = all of them */
  region_code?: string
}

/**
 * 启用中 active | 已停用 disabled | 仅平台同步 platform: made by the pull from the city's platform
 * for an enterprise that reports there only, with no usable secrets until 轮换密钥 (`platform`
 * hand-written until openapi.json documents it).
 */
export type TcecOperatorStatus = Schemas['TcecOperator']['status'] | 'platform'
/** A T/CEC operator account (secrets are never listed). */
export type TcecOperator = Omit<Schemas['TcecOperator'], 'status'> & { status: TcecOperatorStatus }
export const TCEC_OPERATOR_STATUSES = ['active', 'disabled', 'platform'] as const satisfies readonly TcecOperatorStatus[]
/** `POST /admin/tcec-operators`: the enterprise, and the OperatorID and secrets when agreed beforehand. */
export type TcecOperatorInput = Schemas['TcecOperatorInput']
/** The new account with its five values, shown this once. */
export type TcecOperatorIssued = Schemas['TcecOperatorIssued']

/** A time-of-use tariff (分时电价表): for every operator, one operator, or one of its stations. */
export type TouTariff = Schemas['TouTariff']
/** One band of a day: HH:MM to HH:MM (24:00 ends the day) at a price per kWh. */
export type TariffBand = Schemas['TariffBand']
/** `POST /tou-tariffs`. */
export type TouTariffInput = Schemas['TouTariffInput']

// Hand-written until openapi.json documents `POST /reconciliation/notify` (issue 13).
/** `POST /reconciliation/notify`: the enterprise, and one district of the caller's ('' / absent = all of them). */
export interface UnfiledNotice {
  org_id: number
  region_code?: string
}
/** How many chargers the notice listed. */
export interface UnfiledNoticeSent {
  notified: number
}

// Hand-written until openapi.json documents mvis as a client of the city's platform (监管平台数据同步).
/** `GET /admin/tcec-platform`: where mvis pulls from and as whom (the secrets are never returned). */
export interface TcecPlatform {
  /** false until the first save */
  configured: boolean
  base_url: string
  /** mvis's OperatorID, issued by the platform */
  operator_id: string
  /** pulled daily by the scheduler */
  enabled: boolean
  /** 1–1000 */
  page_size: number
  /** where the next pull starts ('yyyy-MM-dd HH:mm:ss'); '' = never pulled (the next one takes the whole inventory) */
  last_query_time: string
  updated_at: string | null
}
/**
 * `PUT /admin/tcec-platform`: all four secrets on the first save (400 `secret_required`), after
 * that a blank one keeps the saved value. 400 `base_url_invalid` / `operator_id_invalid` /
 * `secret_invalid` / `page_size_invalid` (details.field).
 */
export interface TcecPlatformInput {
  base_url: string
  operator_id: string
  operator_secret?: string
  data_secret?: string
  data_secret_iv?: string
  sig_secret?: string
  enabled: boolean
  page_size: number
}
export const PULL_TRIGGERS = ['manual', 'schedule'] as const
export type PullTrigger = (typeof PULL_TRIGGERS)[number]
export const PULL_STATUSES = ['running', 'done', 'failed'] as const
export type PullStatus = (typeof PULL_STATUSES)[number]
/** One pull from the platform (同步记录): what it asked and what it got. */
export interface PullRun {
  id: number
  trigger: PullTrigger
  status: PullStatus
  /** the increment's start; '' = the whole inventory */
  last_query_time: string
  /** the day of the station statistics pulled; '' = none */
  stats_day: string
  pages: number
  stations: number
  equipment: number
  /** station statistics stored */
  stats: number
  /** stations skipped (their operator is no enterprise here, among others) */
  skipped: number
  /** the OperatorIDs of no registered enterprise */
  unknown_operators: string[]
  requests: number
  retries: number
  /** why it failed, in Chinese from the server ('' when it did not) */
  error: string
  started_at: string | null
  finished_at: string | null
}
/** `GET /admin/tcec-platform/pulls`: the latest 50, newest first. */
export interface PullRunList {
  items: PullRun[]
}
/** `POST /admin/tcec-platform/pulls`: the day of the station statistics ('' none; left out: yesterday). */
export interface PullRequest {
  stats_day?: string
}
