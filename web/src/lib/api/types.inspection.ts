// Shapes of the 双随机一公开 API (random inspections by the district bureaus: items, the inspector
// and object libraries, annual plans, tasks with their drawn objects and on-site records,
// statistics, the work calendar and the public announcements). Generated from
// src/http/openapi.json like types.ts; the constant lists and list filters are UI-only (the
// lists are checked against the document by types.test.ts). Times `*_at` are Unix seconds.
import type { components } from './schema'
import type { PageQuery } from './types'

type Schemas = components['schemas']

/** 待报送 draft → 已报送 submitted → 已通过 accepted | 已退回 returned → submitted … */
export const INSPECTION_PLAN_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const satisfies readonly Schemas['InspectionPlanStatus'][]
export type InspectionPlanStatus = Schemas['InspectionPlanStatus']
/** 待抽取 draft → 检查中 drawn → 检查完成 completed → 已公示 published. */
export const INSPECTION_TASK_STATUSES = ['draft', 'drawn', 'completed', 'published'] as const satisfies readonly Schemas['InspectionTaskStatus'][]
export type InspectionTaskStatus = Schemas['InspectionTaskStatus']
/** 待检查 pending → 已录入 recorded → 已签名 signed. */
export const INSPECTION_OBJECT_STATUSES = ['pending', 'recorded', 'signed'] as const satisfies readonly Schemas['InspectionObjectStatus'][]
export type InspectionObjectStatus = Schemas['InspectionObjectStatus']
/** The seven official result categories (检查结果). */
export const INSPECTION_RESULTS = [
  'no_problem',
  'corrected',
  'no_activity',
  'closed',
  'uncooperative',
  'other_situation',
  'pending_followup',
] as const satisfies readonly Schemas['InspectionResult'][]
export type InspectionResult = Schemas['InspectionResult']
/** 后续处置. */
export const INSPECTION_FOLLOW_UPS = ['none', 'order_correction', 'transfer_case', 'notify_department', 'other'] as const satisfies readonly Schemas['InspectionFollowUp'][]
export type InspectionFollowUp = Schemas['InspectionFollowUp']
/** How an inspector came to an object: 随机抽取, 调换, 回避后补抽. */
export const ASSIGNMENT_KINDS = ['draw', 'swap', 'recusal'] as const satisfies readonly Schemas['InspectionAssignment']['kind'][]
export type AssignmentKind = Schemas['InspectionAssignment']['kind']
/** 法定节假日 / 调休上班. */
export const WORK_CALENDAR_KINDS = ['holiday', 'workday'] as const satisfies readonly Schemas['WorkCalendarKind'][]
export type WorkCalendarKind = Schemas['WorkCalendarKind']
/** The tabs of 信息公示: 抽查事项清单, 抽查计划, 抽查任务, 抽查结果. */
export const PUBLIC_ANNOUNCEMENT_KINDS = ['item_list', 'plan', 'task', 'result'] as const satisfies readonly Schemas['PublicAnnouncementKind'][]
export type PublicAnnouncementKind = Schemas['PublicAnnouncementKind']
/** The image types a photo may have. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const satisfies readonly Schemas['InspectionPhoto']['mime'][]

export type InspectionCheck = Schemas['InspectionCheck']
export type InspectionClassRange = Schemas['InspectionClassRange']
/** An item of 随机抽查事项清单. */
export type InspectionItem = Schemas['InspectionItem']
export type InspectionItemInput = Schemas['InspectionItemInput']
export type InspectionItemPage = Schemas['InspectionItemPage']

/** An entry of 执法检查人员名录库. */
export type Inspector = Schemas['Inspector']
export type InspectorConflict = Schemas['InspectorConflict']
export type InspectorPage = Schemas['InspectorPage']
/** A regulator user not yet in the library. */
export type InspectorCandidate = Schemas['InspectorCandidate']
export type InspectorCreateRequest = Schemas['InspectorCreateRequest']
export type InspectorUpdateRequest = Schemas['InspectorUpdateRequest']

/** An entry of 检查对象名录库. */
export type ObjectLibraryEntry = Schemas['ObjectLibraryEntry']
export type ObjectLibraryPage = Schemas['ObjectLibraryPage']

/** One step of a plan's or task's timeline. */
export type ObjectEvent = Schemas['ObjectEvent']

/** 年度抽查工作计划; `events` only in `GET /inspection-plans/{id}`. */
export type InspectionPlan = Schemas['InspectionPlan']
export type InspectionPlanPage = Schemas['InspectionPlanPage']
export type InspectionPlanRequest = Schemas['InspectionPlanRequest']

/** A number per credit class A–D (ratios, frame and sample sizes). */
export type InspectionRatios = Schemas['InspectionRatios']
export type InspectionClassCounts = Schemas['InspectionClassCounts']
/**
 * 线索核查 (issue 13): a task aimed at one enterprise on a finding (a 计量作弊线索 alert, a
 * 在用未备案核查 finding) instead of drawn from the object library; only its inspectors are drawn.
 * HAND-WRITTEN until openapi.json documents the fields: then drop these and the intersections below.
 */
export interface TaskTargetInput {
  /** the enterprise inspected */
  target_org_id: number
  /** 核查依据: what the finding was, in words */
  basis: string
}
/** What a task view says of its target: `target_org_id` null for an ordinary random task. */
export interface TaskTargetView {
  target_org_id: number | null
  target_org_name: string
  basis: string
}

/** 双随机抽查任务; `objects`, `events` and `checks` only in `GET /inspection-tasks/{id}`. */
export type InspectionTask = Schemas['InspectionTask'] & Partial<TaskTargetView>
export type InspectionTaskPage = Omit<Schemas['InspectionTaskPage'], 'items'> & { items: InspectionTask[] }
/** `POST /inspection-tasks`; with a target (and `directed` false) it makes a 线索核查 task. */
export type InspectionTaskInput = Schemas['InspectionTaskInput'] & Partial<TaskTargetInput>
export type InspectionProgress = Schemas['InspectionProgress']
export type InspectionExcluded = Schemas['InspectionExcluded']
/** An enterprise drawn for a task (检查对象) with its inspectors and on-site record. */
export type InspectionObject = Schemas['InspectionObject']
export type InspectionAssignment = Schemas['InspectionAssignment']
export type InspectionObjectCheck = Schemas['InspectionObjectCheck']
export type InspectionPhoto = Schemas['InspectionPhoto']
export type InspectionRecordInput = Schemas['InspectionRecordInput']
export type InspectionSwapRequest = Schemas['InspectionSwapRequest']
/** A row of 我的检查. */
export type MyInspection = Schemas['MyInspection']

/** A row of 抽查统计 (a district, or a task). */
export type StatRow = Schemas['StatRow']
export type InspectionStatistics = Schemas['InspectionStatistics']

export type WorkCalendarDay = Schemas['WorkCalendarDay']
export type WorkCalendarRequest = Schemas['WorkCalendarRequest']

/** A published item, plan, task or result (一公开). */
export type PublicAnnouncement = Schemas['PublicAnnouncement']
export type PublicAnnouncementPage = Schemas['PublicAnnouncementPage']

/** Filters of `GET /inspectors`. */
export interface InspectorQuery extends PageQuery {
  q?: string
  /** '' = both */
  active?: boolean | ''
}

/** Filters of `GET /inspection-objects`. */
export interface ObjectLibraryQuery extends PageQuery {
  region_code?: string
  credit_class?: string
  q?: string
}

/** Filters of `GET /inspection-plans`. */
export interface InspectionPlanQuery extends PageQuery {
  year?: number | null
  status?: InspectionPlanStatus | ''
}

/** Filters of `GET /inspection-tasks`. */
export interface InspectionTaskQuery extends PageQuery {
  status?: InspectionTaskStatus | ''
  year?: number | null
  q?: string
}
