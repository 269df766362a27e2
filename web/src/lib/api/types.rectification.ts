// Shapes of the rectification API (整改通知, `GET/POST /rectifications…`): an order to an
// enterprise with items and a deadline, routed to its district bureau, which accepts or returns
// the enterprise's answer. Generated from src/http/openapi.json like types.ts; the constant lists
// and the list filters are UI-only (the lists are checked by types.test.ts).
import type { components } from './schema'
import type { PageQuery } from './types'

type Schemas = components['schemas']

/** issued 待整改 → answered 待验收 → closed 已完结; answered → returned 已退回 → answered … */
export const RECTIFICATION_STATUSES = ['issued', 'answered', 'returned', 'closed'] as const satisfies readonly Schemas['RectificationStatus'][]
export type RectificationStatus = Schemas['RectificationStatus']
/** sampling_failure 抽样检定不合格, unverifiable 不具备检定条件, sampling_followup 举一反三, inspection 双随机抽查. */
export const RECTIFICATION_SOURCES = ['sampling_failure', 'unverifiable', 'sampling_followup', 'inspection'] as const satisfies readonly Schemas['RectificationSource'][]
export type RectificationSource = Schemas['RectificationSource']

/** An order; `events` is empty in lists and holds the timeline in `GET /rectifications/{id}`. */
export type Rectification = Schemas['Rectification']
/** One step of the timeline: `action` create, answer, accept, return, or open_case / decide_case / close_case (status unchanged); `from` / `to` statuses. */
export type RectificationEvent = Schemas['RectificationEvent']
/** 立案 on an overdue order: opened 已立案 → decided 已作出处理决定 → closed 已结案. */
export type EnforcementCase = Schemas['EnforcementCase']
export const CASE_STATUSES = ['opened', 'decided', 'closed'] as const satisfies readonly EnforcementCase['status'][]
export type CaseStatus = EnforcementCase['status']
/** `POST /rectifications/{id}/case`, `…/case/decide`, `…/case/close`. */
export type CaseOpenRequest = Schemas['CaseOpenRequest']
export type CaseDecideRequest = Schemas['CaseDecideRequest']
export type CaseCloseRequest = Schemas['CaseCloseRequest']
/** A photo the enterprise attached to its answer (stored without metadata, with its SHA-256). */
export type EvidencePhoto = Schemas['EvidencePhoto']
/** `GET /rectifications`: one page, plus the overdue orders of the caller's whole scope. */
export type RectificationPage = Schemas['RectificationPage']

/** Filters of `GET /rectifications`. */
export interface RectificationQuery extends PageQuery {
  /** '' = every status */
  status?: RectificationStatus | ''
  /** '' = every source */
  source?: RectificationSource | ''
  /** only the overdue ones (false is left out of the query) */
  overdue?: boolean
  /** enterprise name or 出厂编号 */
  q?: string
}
