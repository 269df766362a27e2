// Rules of 双随机一公开 (random inspections) as the UI needs them: status and class colours, who
// may do what on an item, plan, task or drawn object, the ratio ranges per credit class, the task
// form ↔ request, rates as percents, statistics totals, the work calendar's hints and what the
// public page shows per kind. The on-site record form is in inspectionRecord.ts. Pure: the
// server validates, draws, replays and decides.
import {
  CREDIT_CLASSES,
  type CreditClass,
  type InspectionAssignment,
  type InspectionClassRange,
  type InspectionItemInput,
  type InspectionObject,
  type InspectionObjectStatus,
  type InspectionPlan,
  type InspectionPlanRequest,
  type InspectionPlanStatus,
  type InspectionProgress,
  type InspectionResult,
  type InspectionTask,
  type InspectionTaskInput,
  type InspectionTaskStatus,
  type PublicAnnouncementKind,
  type Role,
  type StatRow,
  type WorkCalendarKind,
} from './api/types'
import type { TagType } from './filing'
import { PERCENT_DECIMALS, percentToRatio } from './sampling'
import { ratePercent } from './format'

// ---------------------------------------------------------------- colours

/** 草稿 info, 已报送 warning, 已通过 success, 已退回 danger. */
export const PLAN_STATUS_TAGS: Record<InspectionPlanStatus, TagType> = { draft: 'info', submitted: 'warning', accepted: 'success', returned: 'danger' }
/** 待抽取 info, 检查中 primary, 检查完成 (to publish) warning, 已公示 success. */
export const TASK_STATUS_TAGS: Record<InspectionTaskStatus, TagType> = { draft: 'info', drawn: 'primary', completed: 'warning', published: 'success' }
/** 待检查 info, 已录入 warning, 已签名 success. */
export const OBJECT_STATUS_TAGS: Record<InspectionObjectStatus, TagType> = { pending: 'info', recorded: 'warning', signed: 'success' }
/** A 低风险 success, B 一般风险 primary, C 较高风险 warning, D 高风险 danger. */
export const CREDIT_CLASS_TAGS: Record<CreditClass, TagType> = { A: 'success', B: 'primary', C: 'warning', D: 'danger' }
/** Problems found in red or orange, nothing found in green, the other situations grey. */
export const RESULT_TAGS: Record<InspectionResult, TagType> = {
  no_problem: 'success',
  corrected: 'warning',
  no_activity: 'info',
  closed: 'info',
  uncooperative: 'danger',
  other_situation: 'info',
  pending_followup: 'warning',
}
/** 法定节假日 danger (a day off), 调休上班 warning (a weekend day worked). */
export const CALENDAR_KIND_TAGS: Record<WorkCalendarKind, TagType> = { holiday: 'danger', workday: 'warning' }

// ---------------------------------------------------------------- who does what

const isRegulator = (role: Role | null) => role === 'district_regulator' || role === 'city_regulator'

/** The city bureau keeps the list of inspection items and the work calendar. */
export function editsItems(role: Role | null): boolean {
  return role === 'city_regulator'
}

/** A district bureau drafts its annual plan. */
export function draftsPlans(role: Role | null): boolean {
  return role === 'district_regulator'
}

export type PlanAction = 'edit' | 'submit' | 'accept' | 'return'

/** The district bureau edits and submits (报送) a draft or returned plan; the city bureau accepts (通过) or returns (退回) a submitted one. */
export function planActions(plan: Pick<InspectionPlan, 'status'>, role: Role | null): PlanAction[] {
  if (draftsPlans(role)) return plan.status === 'draft' || plan.status === 'returned' ? ['edit', 'submit'] : []
  if (role === 'city_regulator') return plan.status === 'submitted' ? ['accept', 'return'] : []
  return []
}

export type TaskAction = 'draw' | 'replay' | 'publish'

/** 抽取 before the draw, 复核抽取 after it, 公示结果 once every object is signed (completed). */
export function taskActions(task: Pick<InspectionTask, 'status'>, role: Role | null): TaskAction[] {
  if (!isRegulator(role)) return []
  switch (task.status) {
    case 'draft':
      return ['draw']
    case 'completed':
      return ['replay', 'publish']
    default:
      return ['replay']
  }
}

/** The active (not replaced) inspectors of an object. */
export function activeInspectors(o: Pick<InspectionObject, 'inspectors'>): InspectionAssignment[] {
  return o.inspectors.filter((a) => a.active)
}

/** The signed-in officer's active assignment to the object, if drawn for it. */
export function myAssignment(o: Pick<InspectionObject, 'inspectors'>, userId: number | null | undefined): InspectionAssignment | null {
  if (userId === null || userId === undefined) return null
  return o.inspectors.find((a) => a.active && a.user_id === userId) ?? null
}

/** What the signed-in officer may do on the object's record page. */
export interface RecordRights {
  /** 保存记录: drawn for it, not signed by him, the object not signed by all */
  edit: boolean
  /** 签名确认: as edit, once a record is saved */
  sign: boolean
  /** 回避: as edit */
  recuse: boolean
}

export function recordRights(o: Pick<InspectionObject, 'inspectors' | 'status'>, userId: number | null | undefined): RecordRights {
  const mine = myAssignment(o, userId)
  const open = mine !== null && mine.signed_at === null && o.status !== 'signed'
  return { edit: open, sign: open && o.status === 'recorded', recuse: open }
}

/** 调换: the task's bureau, while the task is being inspected and the object is not signed. */
export function canSwap(task: Pick<InspectionTask, 'status'>, o: Pick<InspectionObject, 'status'>, role: Role | null): boolean {
  return isRegulator(role) && task.status === 'drawn' && o.status !== 'signed'
}

/** The tags beside an inspector's name: 调换 or 回避 (how he came), 已替换 (no longer active). */
export function assignmentTags(a: Pick<InspectionAssignment, 'kind' | 'active'>): ('swap' | 'recusal' | 'replaced')[] {
  const out: ('swap' | 'recusal' | 'replaced')[] = []
  if (a.kind === 'swap' || a.kind === 'recusal') out.push(a.kind)
  if (!a.active) out.push('replaced')
  return out
}

// ---------------------------------------------------------------- ratios per credit class

export type ClassRanges = Record<CreditClass, { min: number; max: number }>

/** The usual inspection ratios by credit class: A ≤ 5 %, B 5–20 %, C 21–60 %, D 61–100 %. */
export const DEFAULT_CLASS_RANGES: ClassRanges = {
  A: { min: 0, max: 0.05 },
  B: { min: 0.05, max: 0.2 },
  C: { min: 0.21, max: 0.6 },
  D: { min: 0.61, max: 1 },
}

/** The item's ranges, each class it leaves out at its default. */
export function classRanges(ranges: readonly InspectionClassRange[] | null | undefined): ClassRanges {
  const out: ClassRanges = { ...DEFAULT_CLASS_RANGES }
  for (const r of ranges ?? []) out[r.class] = { min: r.min, max: r.max }
  return out
}

/** Rates as percents (format.ts; shared with the statistics dashboards). */
export { ratePercent }

/** A range as the form's hint shows it: "≤ 5%" when it starts at 0, else "5%–20%". */
export function rangeText(range: { min: number; max: number }): string {
  return range.min <= 0 ? `≤ ${ratePercent(range.max)}` : `${ratePercent(range.min)}–${ratePercent(range.max)}`
}

export type ClassRatioProblem = 'required' | 'decimals' | 'outOfRange'

/** What is wrong with a class's percent against its range (the server answers `ratio_out_of_range`). */
export function classRatioProblem(percent: number | null | undefined, range: { min: number; max: number }): ClassRatioProblem | null {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return 'required'
  const scaled = percent * 10 ** PERCENT_DECIMALS
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return 'decimals'
  const ratio = percentToRatio(percent)
  return ratio < range.min - 1e-9 || ratio > range.max + 1e-9 ? 'outOfRange' : null
}

// ---------------------------------------------------------------- the item form (city bureau)

/** What the item dialog holds: sub-items one per line, the class ranges as percents. */
export interface ItemForm {
  code: string
  name: string
  sub_items_text: string
  legal_basis: string
  authority: string
  object_scope: string
  ratio_note: string
  frequency: string
  method: string
  inspector_requirements: string
  checks: { code: string; name: string }[]
  ranges_percent: Record<CreditClass, { min: number | null; max: number | null }>
}

const toPercent = (ratio: number) => Math.round(ratio * 10_000) / 100

export function itemFormFrom(item: InspectionItemInput | null): ItemForm {
  const ranges = classRanges(item?.class_ranges)
  const ranges_percent = Object.fromEntries(CREDIT_CLASSES.map((c) => [c, { min: toPercent(ranges[c].min), max: toPercent(ranges[c].max) }])) as ItemForm['ranges_percent']
  return {
    code: item?.code ?? '',
    name: item?.name ?? '',
    sub_items_text: (item?.sub_items ?? []).join('\n'),
    legal_basis: item?.legal_basis ?? '',
    authority: item?.authority ?? '',
    object_scope: item?.object_scope ?? '',
    ratio_note: item?.ratio_note ?? '',
    frequency: item?.frequency ?? '',
    method: item?.method ?? '',
    inspector_requirements: item?.inspector_requirements ?? '',
    checks: item ? item.checks.map((c) => ({ ...c })) : [{ code: '', name: '' }],
    ranges_percent,
  }
}

/** What is wrong with the check list: none, a row half filled, or a code used twice. */
export function checksProblem(checks: readonly { code: string; name: string }[]): 'empty' | 'incomplete' | 'duplicate' | null {
  const filled = checks.filter((c) => c.code.trim() !== '' || c.name.trim() !== '')
  if (filled.length === 0) return 'empty'
  if (filled.some((c) => c.code.trim() === '' || c.name.trim() === '')) return 'incomplete'
  const codes = filled.map((c) => c.code.trim())
  return new Set(codes).size === codes.length ? null : 'duplicate'
}

/** The class whose range is not 0 ≤ min ≤ max ≤ 100 %, or null. */
export function rangesProblem(ranges: ItemForm['ranges_percent']): CreditClass | null {
  for (const c of CREDIT_CLASSES) {
    const { min, max } = ranges[c]
    if (min === null || max === null || min < 0 || max > 100 || min > max) return c
  }
  return null
}

/** The form as `POST/PUT /inspection-items` takes it: texts trimmed, blank lines and rows left out. */
export function itemRequest(f: ItemForm): InspectionItemInput {
  return {
    code: f.code.trim(),
    name: f.name.trim(),
    sub_items: f.sub_items_text.split('\n').map((s) => s.trim()).filter((s) => s !== ''),
    legal_basis: f.legal_basis.trim(),
    authority: f.authority.trim(),
    object_scope: f.object_scope.trim(),
    ratio_note: f.ratio_note.trim(),
    frequency: f.frequency.trim(),
    method: f.method.trim(),
    inspector_requirements: f.inspector_requirements.trim(),
    checks: f.checks.filter((c) => c.code.trim() !== '' || c.name.trim() !== '').map((c) => ({ code: c.code.trim(), name: c.name.trim() })),
    class_ranges: CREDIT_CLASSES.map((c) => ({ class: c, min: percentToRatio(f.ranges_percent[c].min ?? 0), max: percentToRatio(f.ranges_percent[c].max ?? 0) })),
  }
}

// ---------------------------------------------------------------- the task form

/** What the 新建抽查任务 form holds: ratios as percents per class. */
export interface TaskForm {
  name: string
  item_id: number | null
  plan_id: number | null
  region_code: string
  task_date: string
  directed: boolean
  scope_region_codes: string[]
  scope_type_codes: string[]
  scope_credit_classes: CreditClass[]
  ratio_percent: Record<CreditClass, number | null>
}

/** Typical ratios inside the default ranges. */
export const DEFAULT_RATIO_PERCENT: Record<CreditClass, number> = { A: 5, B: 10, C: 30, D: 70 }

export function blankTaskForm(regionCode: string, taskDate: string): TaskForm {
  return {
    name: '',
    item_id: null,
    plan_id: null,
    region_code: regionCode,
    task_date: taskDate,
    directed: false,
    scope_region_codes: [],
    scope_type_codes: [],
    scope_credit_classes: [],
    ratio_percent: { ...DEFAULT_RATIO_PERCENT },
  }
}

/** The form as `POST /inspection-tasks` takes it: name trimmed, ratios as decimals, no scope when 不定向. */
export function taskRequest(f: TaskForm): InspectionTaskInput {
  const ratio = (c: CreditClass) => {
    const p = f.ratio_percent[c]
    return p === null ? 0 : percentToRatio(p)
  }
  return {
    name: f.name.trim(),
    item_id: f.item_id ?? 0,
    plan_id: f.plan_id,
    region_code: f.region_code,
    task_date: f.task_date,
    directed: f.directed,
    scope_region_codes: f.directed ? [...f.scope_region_codes] : [],
    scope_type_codes: f.directed ? [...f.scope_type_codes] : [],
    scope_credit_classes: f.directed ? CREDIT_CLASSES.filter((c) => f.scope_credit_classes.includes(c)) : [],
    ratios: { A: ratio('A'), B: ratio('B'), C: ratio('C'), D: ratio('D') },
  }
}

/** What the 发起核查 dialog asks (线索核查: the enterprise and district come with the finding). */
export interface TargetedTaskForm {
  item_id: number | null
  task_date: string
  name: string
}

/** The enterprise, district and grounds of a 线索核查 task made from a finding. */
export interface TaskTarget {
  org_id: number
  region_code: string
  basis: string
}

/**
 * `POST /inspection-tasks` for a 线索核查 task: 不定向 without plan or scope, with the target and
 * its grounds; the ratios are those the new-task form starts with (a targeted task draws no
 * enterprises, only inspectors, but the request carries them).
 */
export function targetedTaskRequest(target: TaskTarget, f: TargetedTaskForm): InspectionTaskInput {
  const base = taskRequest({ ...blankTaskForm(target.region_code, f.task_date), name: f.name, item_id: f.item_id })
  return { ...base, target_org_id: target.org_id, basis: target.basis.trim() }
}

/** A 线索核查 task: aimed at one enterprise on a finding. */
export const isTargeted = (task: Pick<InspectionTask, 'target_org_id'>): boolean => task.target_org_id !== null && task.target_org_id !== undefined

// ---------------------------------------------------------------- the draw and its progress

/** A row of the draw summary: a class's frame N, sample n and their ratio, then the total. */
export interface ClassSummaryRow {
  cls: CreditClass | 'total'
  frame: number
  sample: number
  ratio: number | null
}

export function classSummary(task: Pick<InspectionTask, 'frame_sizes' | 'sample_sizes'>): ClassSummaryRow[] {
  const rows: ClassSummaryRow[] = CREDIT_CLASSES.map((c) => {
    const frame = task.frame_sizes[c]
    const sample = task.sample_sizes[c]
    return { cls: c, frame, sample, ratio: frame > 0 ? sample / frame : null }
  })
  const frame = rows.reduce((s, r) => s + r.frame, 0)
  const sample = rows.reduce((s, r) => s + r.sample, 0)
  rows.push({ cls: 'total', frame, sample, ratio: frame > 0 ? sample / frame : null })
  return rows
}

/** Signed objects as a whole percent of those drawn, for the progress bar (100 only when all are). */
export function progressPercent(p: Pick<InspectionProgress, 'objects' | 'signed'>): number {
  if (!(p.objects > 0) || !(p.signed > 0)) return 0
  return Math.min(100, Math.floor((p.signed * 100) / p.objects))
}

// ---------------------------------------------------------------- annual plans

/** What the plan dialog holds. */
export interface PlanForm {
  year: number | null
  region_code: string
  title: string
  scope: string
  batches: number | null
  timing: string
}

export function planFormFrom(p: Pick<InspectionPlan, 'year' | 'region_code' | 'title' | 'scope' | 'batches' | 'timing'> | null, regionCode: string, year: number): PlanForm {
  if (!p) return { year, region_code: regionCode, title: '', scope: '', batches: 1, timing: '' }
  return { year: p.year, region_code: p.region_code, title: p.title, scope: p.scope, batches: p.batches, timing: p.timing }
}

export function planRequest(f: PlanForm): InspectionPlanRequest {
  return { year: f.year ?? 0, region_code: f.region_code, title: f.title.trim(), scope: f.scope.trim(), batches: f.batches ?? 0, timing: f.timing.trim() }
}

// ---------------------------------------------------------------- statistics

/** The 合计 row of a statistics table: counts summed, the rates computed again from the sums. */
export function statTotals(rows: readonly StatRow[]): Pick<StatRow, 'tasks' | 'frame' | 'objects' | 'ratio' | 'published' | 'unpublished' | 'completion_rate' | 'closed' | 'closure_rate'> {
  const sum = (k: 'tasks' | 'frame' | 'objects' | 'published' | 'unpublished' | 'closed') => rows.reduce((s, r) => s + r[k], 0)
  const frame = sum('frame')
  const objects = sum('objects')
  const published = sum('published')
  const closed = sum('closed')
  return {
    tasks: sum('tasks'),
    frame,
    objects,
    ratio: frame > 0 ? objects / frame : 0,
    published,
    unpublished: sum('unpublished'),
    completion_rate: objects > 0 ? published / objects : 0,
    closed,
    closure_rate: published > 0 ? closed / published : 0,
  }
}

/** The year filter's options (dates.ts; shared with the statistics dashboards). */
export { yearOptions } from './dates'

// ---------------------------------------------------------------- work calendar

/** Day of the week of a YYYY-MM-DD date, 0 = Sunday; null when not a date. */
export function weekday(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return Number.isNaN(d.getTime()) ? null : d.getUTCDay()
}

/** A day that changes nothing: a holiday on a weekend, or a workday on a weekday (a warning, not an error). */
export function calendarHint(date: string, kind: WorkCalendarKind): 'holidayOnWeekend' | 'workdayOnWeekday' | null {
  const w = weekday(date)
  if (w === null) return null
  const weekend = w === 0 || w === 6
  if (kind === 'holiday' && weekend) return 'holidayOnWeekend'
  if (kind === 'workday' && !weekend) return 'workdayOnWeekday'
  return null
}

// ---------------------------------------------------------------- 信息公示

/** The fields the public page shows per kind, in column order (`published_at` last where it applies). */
export const PUBLIC_COLUMNS: Record<PublicAnnouncementKind, readonly string[]> = {
  item_list: ['title', 'body', 'published_at'],
  plan: ['title', 'region_name', 'year', 'body', 'published_at'],
  task: ['title', 'region_name', 'item_name', 'task_date', 'objects', 'published_at'],
  result: ['enterprise_name', 'credit_code', 'item_name', 'inspection_date', 'result_name', 'region_name'],
}

/** The kind a `?tab=` asks for; the item list when it names none. */
export function publicKindOf(tab: unknown): PublicAnnouncementKind {
  return tab === 'plan' || tab === 'task' || tab === 'result' ? tab : 'item_list'
}
