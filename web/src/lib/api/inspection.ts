// API methods of 双随机一公开 (random inspections, INSPECTION_API.md / openapi.json paths
// `/inspection-*`, `/inspectors…`, `/work-calendar…`, `/public/announcements`). Unlike the other
// feature modules it is not merged into `api`: only the lazily loaded inspection pages import it,
// so the first screen does not carry it. The server decides every scope (a district bureau sees
// its own bureau's inspectors, plans and tasks; the city bureau all).
import { del, download, get, post, put, upload } from './http'
import type {
  InspectionItem,
  InspectionItemInput,
  InspectionItemPage,
  InspectionObject,
  InspectionPhoto,
  InspectionPlan,
  InspectionPlanPage,
  InspectionPlanQuery,
  InspectionPlanRequest,
  InspectionRecordInput,
  InspectionStatistics,
  InspectionSwapRequest,
  InspectionTask,
  InspectionTaskInput,
  InspectionTaskPage,
  InspectionTaskQuery,
  Inspector,
  InspectorCandidate,
  InspectorCreateRequest,
  InspectorPage,
  InspectorQuery,
  InspectorUpdateRequest,
  MyInspection,
  ObjectLibraryPage,
  ObjectLibraryQuery,
  PublicAnnouncementKind,
  PublicAnnouncementPage,
  WorkCalendarDay,
  WorkCalendarRequest,
} from './types.inspection'
import type { PageQuery } from './types'

const objectPath = (taskId: number, objectId: number) => `/inspection-tasks/${taskId}/objects/${objectId}`

export const inspectionApi = {
  // --- 随机抽查事项清单 (any signed-in user reads; the city bureau edits) ---
  inspectionItems: (q: PageQuery = {}) => get<InspectionItemPage>('/inspection-items', q),
  /** 201 the item; 409 `code_taken`. */
  createInspectionItem: (req: InspectionItemInput) => post<InspectionItem>('/inspection-items', req),
  updateInspectionItem: (id: number, req: InspectionItemInput) => put<InspectionItem>(`/inspection-items/${id}`, req),

  // --- 执法检查人员名录库 (regulators; a district bureau its own bureau's) ---
  inspectors: (q: InspectorQuery = {}) => get<InspectorPage>('/inspectors', q),
  /** Regulator users of the caller's bureau (every bureau for the city) not yet in the library. */
  inspectorCandidates: () => get<{ items: InspectorCandidate[] }>('/inspectors/candidates'),
  /** 201 the inspector; 409 when the user is one already. */
  createInspector: (req: InspectorCreateRequest) => post<Inspector>('/inspectors', req),
  updateInspector: (id: number, req: InspectorUpdateRequest) => put<Inspector>(`/inspectors/${id}`, req),
  /** 利害关系: the inspector is never drawn for the enterprise. */
  declareConflict: (id: number, orgId: number, reason: string) => post<Inspector>(`/inspectors/${id}/conflicts`, { org_id: orgId, reason }),
  removeConflict: (id: number, orgId: number) => del<Inspector>(`/inspectors/${id}/conflicts/${orgId}`),

  // --- 检查对象名录库 (regulators, their districts) ---
  inspectionObjects: (q: ObjectLibraryQuery = {}) => get<ObjectLibraryPage>('/inspection-objects', q),

  // --- 年度抽查工作计划 (a district bureau drafts and submits; the city bureau accepts or returns) ---
  inspectionPlans: (q: InspectionPlanQuery = {}) => get<InspectionPlanPage>('/inspection-plans', q),
  /** With its timeline. */
  inspectionPlan: (id: number) => get<InspectionPlan>(`/inspection-plans/${id}`),
  createInspectionPlan: (req: InspectionPlanRequest) => post<InspectionPlan>('/inspection-plans', req),
  /** Drafts and returned plans only. */
  updateInspectionPlan: (id: number, req: InspectionPlanRequest) => put<InspectionPlan>(`/inspection-plans/${id}`, req),
  /** 报送 (draft or returned → submitted). */
  submitInspectionPlan: (id: number) => post<InspectionPlan>(`/inspection-plans/${id}/submit`),
  /** 通过 (city bureau; submitted → accepted). */
  acceptInspectionPlan: (id: number) => post<InspectionPlan>(`/inspection-plans/${id}/accept`),
  /** 退回 with a reason (city bureau; submitted → returned). */
  returnInspectionPlan: (id: number, reason: string) => post<InspectionPlan>(`/inspection-plans/${id}/return`, { reason }),

  // --- 双随机抽查任务 (regulators of the task's district) ---
  inspectionTasks: (q: InspectionTaskQuery = {}) => get<InspectionTaskPage>('/inspection-tasks', q),
  /** 201 the task (draft); 400 `ratio_out_of_range` with `details.field` `ratios.A` … */
  createInspectionTask: (req: InspectionTaskInput) => post<InspectionTask>('/inspection-tasks', req),
  /** With its objects, timeline and the item's checks. */
  inspectionTask: (id: number) => get<InspectionTask>(`/inspection-tasks/${id}`),
  /** 抽取 with a seed of at least 20 digits: the frame is frozen, the objects and their inspectors drawn. */
  drawInspectionTask: (id: number, seed: string) => post<InspectionTask>(`/inspection-tasks/${id}/draw`, { seed }),
  /** 复核抽取: the server recomputes the draw from its frame and seed. */
  replayInspectionTask: (id: number) => get<{ matches: boolean }>(`/inspection-tasks/${id}/replay`),
  /** 公示结果 (completed → published). */
  publishInspectionTask: (id: number) => post<InspectionTask>(`/inspection-tasks/${id}/publish`),
  /** 我的检查: the objects the calling officer is drawn for and has not signed. */
  myInspections: () => get<{ items: MyInspection[] }>('/inspection-tasks/mine'),

  // --- one object of a task: the on-site record ---
  inspectionObject: (taskId: number, objectId: number) => get<InspectionObject>(objectPath(taskId, objectId)),
  /** 调换: without `replacement_id` the replacement is drawn at random. */
  swapInspector: (taskId: number, objectId: number, req: InspectionSwapRequest) => {
    const body: InspectionSwapRequest = { inspector_id: req.inspector_id, reason: req.reason }
    if (req.replacement_id) body.replacement_id = req.replacement_id
    return post<InspectionObject>(`${objectPath(taskId, objectId)}/swap`, body)
  },
  /** 回避: the calling officer steps down from the object; a replacement is drawn. */
  recuseInspection: (taskId: number, objectId: number, reason: string) => post<InspectionObject>(`${objectPath(taskId, objectId)}/recuse`, { reason }),
  /** 保存记录 (pending or recorded → recorded). */
  saveInspectionRecord: (taskId: number, objectId: number, req: InspectionRecordInput) => put<InspectionObject>(`${objectPath(taskId, objectId)}/record`, req),
  /** A JPEG or PNG of at most 5 MB (multipart `file`, `check_code`); 201 the photo. */
  uploadInspectionPhoto: (taskId: number, objectId: number, file: Blob, filename: string, checkCode: string) => {
    const form = new FormData()
    form.append('file', file, filename)
    form.append('check_code', checkCode)
    return upload<InspectionPhoto>(`${objectPath(taskId, objectId)}/photos`, form)
  },
  /** The picture of a photo (JPEG or PNG), for a thumbnail. */
  inspectionPhoto: (taskId: number, objectId: number, photoId: number) =>
    download(`${objectPath(taskId, objectId)}/photos/${photoId}`, undefined, `photo-${photoId}`),
  /** 签名确认 by the calling officer. */
  signInspection: (taskId: number, objectId: number) => post<InspectionObject>(`${objectPath(taskId, objectId)}/sign`),

  // --- statistics and the work calendar ---
  inspectionStatistics: (year?: number | null) => get<InspectionStatistics>('/inspection-statistics', { year }),
  workCalendar: (year?: number | null) => get<{ items: WorkCalendarDay[] }>('/work-calendar', { year }),
  /** 法定节假日 / 调休上班 (city bureau, sysadmin). */
  putWorkCalendarDay: (date: string, req: WorkCalendarRequest) => put<WorkCalendarDay>(`/work-calendar/${encodeURIComponent(date)}`, req),
  /** 204: an ordinary day again. */
  deleteWorkCalendarDay: (date: string) => del<void>(`/work-calendar/${encodeURIComponent(date)}`),

  // --- 一公开 (no sign-in) ---
  publicAnnouncements: (kind: PublicAnnouncementKind, q: PageQuery = {}) =>
    get<PublicAnnouncementPage>('/public/announcements', { kind, ...q }, true),
}

export type InspectionApi = typeof inspectionApi
