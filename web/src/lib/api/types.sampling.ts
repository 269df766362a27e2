// Shapes of the sampling verification API (抽样检定计划, `GET/POST /sampling-plans…`): the city
// bureau plans a sampling of the filed instruments and draws the sample with a published,
// replayable algorithm. Generated from src/http/openapi.json like types.ts; the constant list is
// UI-only.
import type { components } from './schema'

type Schemas = components['schemas']

/** 待抽取 (`draft`, no draw yet), 已抽取 (`drawn`) or 已下发 (`dispatched`: tasks created, no redraw). */
export const SAMPLING_PLAN_STATUSES = ['draft', 'drawn', 'dispatched'] as const satisfies readonly Schemas['SamplingPlan']['status'][]
export type SamplingPlanStatus = Schemas['SamplingPlan']['status']

/** A plan; `draws` is empty in lists and holds every draw, first first, in `GET /sampling-plans/{id}`. */
export type SamplingPlan = Schemas['SamplingPlan']
export type SamplingPlanPage = Schemas['SamplingPlanPage']
/** `POST /sampling-plans`: `ratio` as a decimal (0.05 = 5 %), `region_codes` empty = the whole city. */
export type SamplingPlanRequest = Schemas['SamplingPlanRequest']
/** One draw: its seed, the frame's size and strata, and the picks in pick order. */
export type SamplingDraw = Schemas['SamplingDraw']
/** `POST /sampling-plans/{id}/draw`: `seed` empty = generated; `reason` required for a redraw. */
export type SamplingDrawRequest = Schemas['SamplingDrawRequest']
/** An instrument of the frame or the sample with its stratum (normalised `brand|model`). */
export type SamplingUnit = Schemas['SamplingUnit']
/** A unit of the current sample with 出厂编号, enterprise and place, to find it on site. */
export type SampledInstrument = Schemas['SampledInstrument']
/** `GET /sampling-plans/{id}/frame`: the current draw's frame in frame order, and what was left out. */
export type SamplingFrame = Schemas['SamplingFrame']
export type SamplingExcluded = SamplingFrame['excluded'][number]
/** `GET /sampling-plans/{id}/replay`: the current draw recomputed from its frame and seed. */
export type SamplingReplay = Schemas['SamplingReplay']
