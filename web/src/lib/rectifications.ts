// Rules of rectification orders (整改通知) as the UI needs them: status and source colours, who
// answers and who decides, which actions a role is offered on an order of a status, the items in
// one line, the list filters read from the address, the timeline's steps, the enforcement case
// (立案) of an overdue order and the home page's to-dos. Pure: the server decides.
import type { LocationQuery } from 'vue-router'
import {
  type CaseStatus,
  type EnforcementCase,
  RECTIFICATION_SOURCES,
  RECTIFICATION_STATUSES,
  type Rectification,
  type RectificationEvent,
  type RectificationPage,
  type RectificationQuery,
  type RectificationSource,
  type RectificationStatus,
  type Role,
} from './api/types'
import type { TagType } from './filing'

/** The server's limits (RectificationAnswerRequest, ReasonRequest). */
export const ANSWER_MAX = 2000
export const RETURN_REASON_MAX = 500

/** 待整改 warning, 待验收 primary, 已退回 danger, 已完结 success. */
export const RECTIFICATION_STATUS_TAGS: Record<RectificationStatus, TagType> = {
  issued: 'warning',
  answered: 'primary',
  returned: 'danger',
  closed: 'success',
}

export const RECTIFICATION_SOURCE_TAGS: Record<RectificationSource, TagType> = {
  sampling_failure: 'danger',
  unverifiable: 'warning',
  sampling_followup: 'info',
  inspection: 'primary',
}

/** The colour of a status' tag; `info` for a status this UI does not know. */
export function rectificationStatusTag(status: string): TagType {
  return (RECTIFICATION_STATUS_TAGS as Record<string, TagType>)[status] ?? 'info'
}

/** The enterprise answers its own orders. */
export function answersRectifications(role: Role | null): boolean {
  return role === 'enterprise'
}

/** The district bureau the order is routed to, and the city bureau, accept or return answers. */
export function decidesRectifications(role: Role | null): boolean {
  return role === 'district_regulator' || role === 'city_regulator'
}

/** What a role may do on an order: 提交整改情况, 验收通过, 退回整改. */
export type RectificationAction = 'answer' | 'accept' | 'return'

/** The enterprise answers an order to be put right (issued) or returned; a regulator decides an answered one. */
export function rectificationActions(r: Pick<Rectification, 'status'>, role: Role | null): RectificationAction[] {
  if (answersRectifications(role)) return r.status === 'issued' || r.status === 'returned' ? ['answer'] : []
  if (decidesRectifications(role)) return r.status === 'answered' ? ['accept', 'return'] : []
  return []
}

/** The one action a list row offers beside 查看: 提交整改 (answer) or 验收 (accept, decided on the order's page). */
export function rowAction(r: Pick<Rectification, 'status'>, role: Role | null): 'answer' | 'accept' | null {
  const actions = rectificationActions(r, role)
  if (actions.includes('answer')) return 'answer'
  if (actions.includes('accept')) return 'accept'
  return null
}

/** The longest first item the list shows before cutting it with "…". */
export const SUMMARY_ITEM_MAX = 30

/**
 * The items in one line, as the list shows them: the first one (cut at `max` characters) and how
 * many there are, blank ones left out ("更换计量芯片" + 等3项); null for none.
 */
export function itemsBrief(items: readonly string[], max = SUMMARY_ITEM_MAX): { first: string; count: number } | null {
  const list = items.map((s) => s.trim()).filter((s) => s !== '')
  if (list.length === 0) return null
  const chars = [...list[0]]
  return { first: chars.length > max ? `${chars.slice(0, max).join('')}…` : list[0], count: list.length }
}


/** The filters of the list page. */
export interface RectificationFilters {
  status: RectificationStatus | ''
  source: RectificationSource | ''
  overdue: boolean
  q: string
}

export function blankRectificationFilters(): RectificationFilters {
  return { status: '', source: '', overdue: false, q: '' }
}

const one = (v: LocationQuery[string]): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')

/** The filters a link asks for (`?status=answered`, `?overdue=true` from the home page); unknown values are left out. */
export function filtersFromQuery(query: LocationQuery): RectificationFilters {
  const status = one(query.status)
  const source = one(query.source)
  const overdue = one(query.overdue)
  return {
    status: (RECTIFICATION_STATUSES as readonly string[]).includes(status) ? (status as RectificationStatus) : '',
    source: (RECTIFICATION_SOURCES as readonly string[]).includes(source) ? (source as RectificationSource) : '',
    overdue: overdue === 'true' || overdue === '1',
    q: one(query.q).trim(),
  }
}

/** A step as the shared timeline (EventTimeline.vue) shows it. */
export interface TimelineStep {
  at: string
  username: string
  org_name: string
  action: string
  from_status: string | null
  to_status: string
  reason: string
}

/** The order's events as timeline steps, oldest first as the server sends them. */
export function timelineSteps(events: readonly RectificationEvent[]): TimelineStep[] {
  return events.map((e) => ({
    at: e.at,
    username: e.display_name || e.username,
    org_name: e.org_name,
    action: e.action,
    from_status: e.from_status || null,
    to_status: e.to_status,
    reason: e.reason,
  }))
}

/** The reason of the last return, shown while the order is returned or as history after. */
export function lastReturnReason(r: Pick<Rectification, 'decision_reason' | 'events'>): string {
  if (r.decision_reason.trim()) return r.decision_reason
  const returns = r.events.filter((e) => e.action === 'return' && e.reason.trim())
  return returns.length ? returns[returns.length - 1].reason : ''
}

// ---------------------------------------------------------------- enforcement cases (立案)

/** The server's limits (CaseOpenRequest, CaseDecideRequest, CaseCloseRequest). */
export const LEGAL_BASIS_MAX = 200
export const FACTS_MAX = 2000
export const DECISION_MAX = 2000
export const CLOSING_NOTE_MAX = 500
export const PENALTY_MAX = 100_000_000
export const PENALTY_STEP = 100

/** The usual legal bases offered in 立案 (the regulator may type another). */
export const LEGAL_BASIS_OPTIONS = [
  '《中华人民共和国计量法》第二十六条',
  '《中华人民共和国计量法实施细则》第四十六条',
  '《计量违法行为处罚细则》',
] as const

/** 已立案 warning, 已作出处理决定 primary, 已结案 success. */
export const CASE_STATUS_TAGS: Record<CaseStatus, TagType> = {
  opened: 'warning',
  decided: 'primary',
  closed: 'success',
}

/** What a regulator may do about the order's case: 立案, 作出处理决定, 结案. */
export type CaseAction = 'open' | 'decide' | 'close'

/**
 * The district and city bureaus open a case on an overdue order without one, decide an opened
 * case and close a decided one; the enterprise (and everyone else) only sees it.
 */
export function caseActions(r: Pick<Rectification, 'overdue'> & { case?: Pick<EnforcementCase, 'status'> | null }, role: Role | null): CaseAction[] {
  if (!decidesRectifications(role)) return []
  const c = r.case ?? null
  if (!c) return r.overdue ? ['open'] : []
  if (c.status === 'opened') return ['decide']
  if (c.status === 'decided') return ['close']
  return []
}

/** Whole yuan with thousands separators ("2,000"), whatever the locale. */
export function formatYuan(yuan: number): string {
  const sign = yuan < 0 ? '-' : ''
  return sign + String(Math.trunc(Math.abs(yuan))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * The penalty as the case card shows it: null before the decision, 'none' for 不予罚款 (0), else
 * the amount in yuan with separators.
 */
export function casePenalty(c: Pick<EnforcementCase, 'status' | 'penalty_yuan'>): { yuan: string } | 'none' | null {
  if (c.status === 'opened') return null
  return c.penalty_yuan > 0 ? { yuan: formatYuan(c.penalty_yuan) } : 'none'
}

// ---------------------------------------------------------------- home page to-dos

/** A to-do card of the home page made from the list endpoint (the server's `/home` has no rectification counts). */
export interface RectificationTodo {
  key: 'rectifications_issued' | 'rectifications_answered' | 'rectifications_overdue'
  count: number
}

/**
 * The one cheap request behind the cards (a page of one row: its `total` and `overdue`): the
 * enterprise's orders to be put right (issued; returned ones are not in the count, the list
 * takes one status), a regulator's answers to decide. null for roles without orders.
 */
export function todoQuery(role: Role | null): RectificationQuery | null {
  if (answersRectifications(role)) return { status: 'issued', page: 1, page_size: 1 }
  if (decidesRectifications(role)) return { status: 'answered', page: 1, page_size: 1 }
  return null
}

/** The cards of that answer, only those with something to do. */
export function rectificationTodos(role: Role | null, page: Pick<RectificationPage, 'total' | 'overdue'>): RectificationTodo[] {
  const out: RectificationTodo[] = []
  if (answersRectifications(role) && page.total > 0) out.push({ key: 'rectifications_issued', count: page.total })
  if (decidesRectifications(role) && page.total > 0) out.push({ key: 'rectifications_answered', count: page.total })
  if ((answersRectifications(role) || decidesRectifications(role)) && page.overdue > 0) out.push({ key: 'rectifications_overdue', count: page.overdue })
  return out
}
