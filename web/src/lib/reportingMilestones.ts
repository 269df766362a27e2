// Rules of the 工作节点 pages (the city bureau's campaign milestones): the form, the deadline and
// each district's progress (colour, overdue, drill-down). Pure: the server measures.
import type { Role } from './api/types'
import type { Milestone, MilestoneKind, MilestoneProgress, MilestoneProgressRow, MilestoneRequest, MilestoneStatus } from './api/types.reporting'
import type { TagType } from './filing'
import { daysUntil, isoDate } from './dates'
import { registryLink, type DrillLink } from './statistics'

// ---------------------------------------------------------------- 工作节点 (campaign milestones)

/** 进行中 primary, 已撤销 info. */
export const MILESTONE_STATUS_TAGS: Record<MilestoneStatus, TagType> = { active: 'primary', withdrawn: 'info' }

/** The city bureau sets, changes and withdraws milestones. */
export function managesMilestones(role: Role | null): boolean {
  return role === 'city_regulator'
}

/** Only first_verification counts from a date (`since`, chargers put into use on or after it). */
export function needsSince(kind: MilestoneKind | ''): boolean {
  return kind === 'first_verification'
}

/** The server's limits: a title of 100 characters, a note of 2000, a whole target 1–100. */
export const MILESTONE_TITLE_MAX = 100
export const MILESTONE_NOTE_MAX = 2000

export interface MilestoneForm {
  title: string
  kind: MilestoneKind | ''
  deadline: string
  target_pct: number
  since: string
  note: string
}

/** A new milestone: no kind yet, the target 100%, the deadline in 30 days. */
export function blankMilestoneForm(now: Date = new Date()): MilestoneForm {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 30)
  return { title: '', kind: '', deadline: isoDate(d), target_pct: 100, since: '', note: '' }
}

/** The form of an existing milestone (修改). */
export function milestoneForm(m: Pick<Milestone, 'title' | 'kind' | 'deadline' | 'target_pct' | 'since' | 'note'>): MilestoneForm {
  return { title: m.title, kind: m.kind, deadline: m.deadline, target_pct: m.target_pct, since: m.since ?? '', note: m.note }
}

/** The request of a filled-in form; null while the kind is not chosen. */
export function milestoneRequest(f: MilestoneForm): MilestoneRequest | null {
  if (!f.kind) return null
  const req: MilestoneRequest = { title: f.title, kind: f.kind, deadline: f.deadline, target_pct: f.target_pct, note: f.note }
  if (needsSince(f.kind)) req.since = f.since
  return req
}

/** A target the server takes: a whole number 1–100. */
export function targetValid(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 100
}

/** Where a milestone stands against its deadline: days left, due today or days past (`n` ≥ 0). */
export type DeadlineState = { kind: 'left' | 'soon' | 'today' | 'past'; n: number; tag: TagType }

/** Days left until the deadline as a tag: ≤ 7 days amber, today amber, past red. */
export function deadlineState(daysLeft: number): DeadlineState {
  if (daysLeft < 0) return { kind: 'past', n: -daysLeft, tag: 'danger' }
  if (daysLeft === 0) return { kind: 'today', n: 0, tag: 'warning' }
  return { kind: daysLeft <= 7 ? 'soon' : 'left', n: daysLeft, tag: daysLeft <= 7 ? 'warning' : 'info' }
}

/** The days left of a list row's deadline (the progress answer carries its own `days_left`). */
export function daysLeftOf(m: Pick<Milestone, 'deadline'>, now: Date = new Date()): number {
  return daysUntil(m.deadline, now) ?? 0
}

/** A district against the target: met (green), overdue (past the deadline and not met: red), under way, or nothing to count. */
export type ProgressState = 'met' | 'overdue' | 'pending' | 'none'

export function progressState(r: Pick<MilestoneProgressRow, 'met' | 'overdue' | 'pct'>): ProgressState {
  if (r.met) return 'met'
  if (r.overdue) return 'overdue'
  return r.pct === null ? 'none' : 'pending'
}

/** el-progress `status` of a district: success when met, exception when overdue, none (blue) otherwise. */
export function progressStatus(r: Pick<MilestoneProgressRow, 'met' | 'overdue' | 'pct'>): 'success' | 'exception' | undefined {
  const s = progressState(r)
  return s === 'met' ? 'success' : s === 'overdue' ? 'exception' : undefined
}

/** The bar's fill, 0–100 (no figure: empty). */
export function progressPercent(r: Pick<MilestoneProgressRow, 'pct'>): number {
  const p = r.pct
  return p === null || !Number.isFinite(p) ? 0 : Math.min(100, Math.max(0, p))
}

/** The percent as shown beside the bar ("87.5%"); "—" when there is nothing to count. */
export function progressText(r: Pick<MilestoneProgressRow, 'pct'>): string {
  const p = r.pct
  return p === null || !Number.isFinite(p) ? '—' : `${Math.round(p * 10) / 10}%`
}

/** How many districts are in each state (the panel's summary line). */
export function progressCounts(rows: readonly Pick<MilestoneProgressRow, 'met' | 'overdue' | 'pct'>[]): Record<ProgressState, number> {
  const out: Record<ProgressState, number> = { met: 0, overdue: 0, pending: 0, none: 0 }
  for (const r of rows) out[progressState(r)]++
  return out
}

/**
 * The registry list behind a district's bar, where one exists: the instruments counted by
 * filing_review (filed) and periodic_verification (approved, with their verification states).
 * The 合计 row (region_code "") opens the whole scope. Other kinds have no such list: null.
 */
export function milestoneLink(m: Pick<MilestoneProgress, 'kind'>, r: Pick<MilestoneProgressRow, 'region_code'>): DrillLink | null {
  const scope = r.region_code ? { region_code: r.region_code } : {}
  if (m.kind === 'filing_review') return registryLink('filed', scope)
  if (m.kind === 'periodic_verification') return registryLink('approved', scope)
  return null
}
