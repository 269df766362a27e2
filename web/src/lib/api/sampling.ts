// API methods of sampling verification plans (抽样检定计划), merged into `api` by client.ts. The
// city bureau plans and draws; district bureaus read the plans covering their district and the
// institute those it carries out (the server decides the scope).
import { download, get, post } from './http'
import type { PageQuery } from './types'
import type {
  SamplingDispatchResult,
  SamplingDraw,
  SamplingDrawRequest,
  SamplingFollowupRequest,
  SamplingFollowupResult,
  SamplingFrame,
  SamplingPlan,
  SamplingPlanPage,
  SamplingPlanRequest,
  SamplingReplay,
} from './types.sampling'

export const samplingApi = {
  /** Newest first, without draws; 403 for roles that see no plans. */
  samplingPlans: (q: PageQuery = {}) => get<SamplingPlanPage>('/sampling-plans', q),
  /** 201 SamplingPlan (status `draft`); 400 with the field's code (`ratio_too_low`, `type_required`, …). */
  createSamplingPlan: (req: SamplingPlanRequest) => post<SamplingPlan>('/sampling-plans', req),
  /** With every draw, first first. */
  samplingPlan: (id: number) => get<SamplingPlan>(`/sampling-plans/${id}`),
  /**
   * Freeze the frame and draw. Without a seed the server generates one; a redraw needs a reason
   * (`reason_required`) and the earlier draws stay. 409 `frame_empty`, `state_changed`.
   */
  drawSamplingPlan: (id: number, req: SamplingDrawRequest = {}) => {
    const body: SamplingDrawRequest = {}
    if (req.seed) body.seed = req.seed
    if (req.reason) body.reason = req.reason
    return post<SamplingDraw>(`/sampling-plans/${id}/draw`, body)
  },
  /** The current draw's frame; 409 `plan_not_drawn` before the first draw. */
  samplingFrame: (id: number) => get<SamplingFrame>(`/sampling-plans/${id}/frame`),
  /** The current draw recomputed by the server: `matches` when the picks equal the stored ones. */
  replaySamplingPlan: (id: number) => get<SamplingReplay>(`/sampling-plans/${id}/replay`),
  /**
   * 下发检定任务 (city bureau; drawn or dispatched): a free on-site in-service task with the
   * institute for every sampled unit without one; `skipped` lists the units left out (already in
   * another open appointment), to dispatch again later. 409 `plan_not_drawn`, `state_changed`.
   */
  dispatchSamplingPlan: (id: number) => post<SamplingDispatchResult>(`/sampling-plans/${id}/dispatch`),
  /**
   * 举一反三 (city bureau; dispatched): a rectification order to every enterprise of the sample not
   * yet asked. An empty note is left out. 400 `deadline_invalid`, `deadline_past`; 409 `plan_not_dispatched`.
   */
  requestSamplingFollowups: (id: number, req: SamplingFollowupRequest) => {
    const body: SamplingFollowupRequest = { deadline: req.deadline }
    const note = req.note?.trim()
    if (note) body.note = note
    return post<SamplingFollowupResult>(`/sampling-plans/${id}/followups`, body)
  },
  /** 抽检分析报告 as PDF; 409 `plan_not_drawn` before a draw. */
  samplingReportPdf: (id: number) => download(`/sampling-plans/${id}/report.pdf`, undefined, '抽检分析报告.pdf'),
  /** 抽检分析报告 as an Excel workbook; 409 `plan_not_drawn` before a draw. */
  samplingReportXlsx: (id: number) => download(`/sampling-plans/${id}/report.xlsx`, undefined, '抽检分析报告.xlsx'),
}
