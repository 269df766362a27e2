// Shapes of the DRC acceptance checks (发改委验收核查, `GET/POST /acceptance-checks…`) and the
// public lookup (公众查询, `GET /public/lookup`). Generated from src/http/openapi.json like
// types.ts; the constant lists and the list filters are UI-only (the lists are checked against
// the document by types.test.ts). Not re-exported by types.ts: only the lazily loaded acceptance
// and lookup pages import them. Dates are `YYYY-MM-DD`, `created_at` an ISO-8601 string.
import type { components } from './schema'
import type { PageQuery } from './types'

type Schemas = components['schemas']

/** 全部合格 passed | 存在问题 gaps. */
export const ACCEPTANCE_VERDICTS = ['passed', 'gaps'] as const satisfies readonly Schemas['AcceptanceVerdict'][]
export type AcceptanceVerdict = Schemas['AcceptanceVerdict']
/** A charger's state on the day of the check: ok first, then the gaps from the worst. */
export const ACCEPTANCE_ITEM_STATUSES = ['ok', 'unfiled', 'never_verified', 'failed', 'expired', 'revoked'] as const satisfies readonly Schemas['AcceptanceItemStatus'][]
export type AcceptanceItemStatus = Schemas['AcceptanceItemStatus']

/** A charger named by 生产厂家 + 出厂编号. */
export type AcceptanceIdentifier = Schemas['AcceptanceIdentifier']
/** `POST /acceptance-checks`. */
export type AcceptanceCheckRequest = Schemas['AcceptanceCheckRequest']
/** A check with its chargers (`GET /acceptance-checks/{id}`, and the answer of the POST). */
export type AcceptanceCheck = Schemas['AcceptanceCheck']
export type AcceptanceCheckItem = Schemas['AcceptanceCheckItem']
export type AcceptanceCheckCounts = Schemas['AcceptanceCheckCounts']
/** A row of `GET /acceptance-checks`. */
export type AcceptanceCheckSummary = Schemas['AcceptanceCheckSummary']
export type AcceptanceCheckPage = Schemas['AcceptanceCheckPage']
/** `POST /acceptance-checks/parse`: the chargers of an uploaded .xlsx and the rows not read. */
export type AcceptanceParseResult = Schemas['AcceptanceParseResult']
export type AcceptanceParseError = AcceptanceParseResult['errors'][number]
/** A station of `GET /acceptance-checks/stations` with its chargers' EquipmentIDs. */
export type AcceptanceStation = Schemas['AcceptanceStation']

/** Filters of `GET /acceptance-checks`. */
export interface AcceptanceCheckQuery extends PageQuery {
  /** project name or 建设单位 */
  q?: string
  /** '' = both */
  verdict?: AcceptanceVerdict | ''
}

/** What a pass label's QR code shows (`GET /public/verify/{token}`); also the lookup's answer for a certificate. */
export type PublicCheck = Schemas['PublicCheck']
/** `GET /public/lookup`: a PublicCheck, or `{status: 'no_certificate'}` for a filed charger without one. */
export type PublicLookup = Schemas['PublicLookup']
/** `GET /public/lookup` for a charger whose last verification failed (a result notice has no label). */
export type PublicLookupFailed = Schemas['PublicLookupFailed']
/** The certificate statuses of a PublicCheck. */
export const PUBLIC_CHECK_STATUSES = ['valid', 'expired', 'revoked', 'superseded', 'failed'] as const satisfies readonly PublicCheck['status'][]
export type PublicCheckStatus = PublicCheck['status']

/** `GET /public/lookup`: an EquipmentID, or 生产厂家 + 出厂编号 (exact). */
export type PublicLookupQuery = { equipment_id: string } | { manufacturer: string; serial_no: string }
