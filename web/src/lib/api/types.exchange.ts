// Shapes of the data exchange with the charging supervision platform (T/CEC 102, issue 13): the
// bureaus' 在用未备案核查 (`GET /reconciliation`) and the sysadmin's operator accounts (平台对接,
// `GET/POST /admin/tcec-operators`). Generated from src/http/openapi.json like types.ts; the
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

/** A T/CEC operator account (secrets are never listed). */
export type TcecOperator = Schemas['TcecOperator']
export type TcecOperatorStatus = TcecOperator['status']
export const TCEC_OPERATOR_STATUSES = ['active', 'disabled'] as const satisfies readonly TcecOperatorStatus[]
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
