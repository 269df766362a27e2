// API methods of sampling verification plans (抽样检定计划), merged into `api` by client.ts. The
// city bureau plans and draws; district bureaus read the plans covering their district and the
// institute those it carries out (the server decides the scope).
import { get, post } from './http'
import type { PageQuery } from './types'
import type { SamplingDraw, SamplingDrawRequest, SamplingFrame, SamplingPlan, SamplingPlanPage, SamplingPlanRequest, SamplingReplay } from './types.sampling'

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
}
