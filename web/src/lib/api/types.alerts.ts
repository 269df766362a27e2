// Shapes of 计量作弊线索 (issue 13): the alerts the charge-order rules raise on the orders operators
// report (T/CEC 102 ChargeOrderInfo), their triage by the bureaus (排除, 发起核查) and the
// targeted inspection task an alert leads to. Generated from src/http/openapi.json like
// types.exchange.ts. Not re-exported by types.ts: only the lazily loaded exchange pages import
// them.
import type { components } from './schema'
import type { Page, PageQuery } from './types'

type Schemas = components['schemas']

/** 待处理 open → 已排除 dismissed | 已立案核查 inspection. */
export const ALERT_STATUSES = ['open', 'dismissed', 'inspection'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

/** One alert: a rule's finding on one order, with its evidence as `[name, value]` pairs in order. */
export type ChargeAlert = Schemas['ChargeAlert']

/** One step of an alert's timeline, as other detail endpoints send them. */
export type AlertEvent = Schemas['ObjectEvent']

/**
 * `GET /alerts/{id}`: the alert, the order exactly as the operator reported it (ChargeOrderInfo;
 * key case may vary, CEC's `Sevice` spellings too: read it with lib/alerts.ts orderField) and the
 * timeline.
 */
export type AlertDetail = Schemas['ChargeAlertDetail']

export type AlertPage = Page<ChargeAlert>

/** Filters of `GET /alerts`; '' leaves one out. */
export interface AlertQuery extends PageQuery {
  rule?: string
  status?: AlertStatus | ''
  /** one district of the caller's */
  region_code?: string
  /** EquipmentID or StartChargeSeq, by prefix */
  q?: string
}

/** `POST /alerts/{id}/inspection`: the task's item and date; the server names it when `name` is left out. */
export type AlertInspectionInput = Schemas['AlertInspectionRequest']

/** The alert (now `inspection`) and the draft 线索核查 task made of it. */
export type AlertInspectionResult = Schemas['AlertInspection']

/** `POST /alerts/dismiss`: how many were dismissed (all or none). */
export type AlertsDismissed = Schemas['AlertBatchDismissed']

/** A batch run of the charge-order rules over a period's orders (批量分析, or the daily schedule). */
export type AlertRun = Schemas['AlertRun']
export type AlertRunList = Schemas['AlertRunList']
/** `POST /alert-runs`: the period, at most 31 days. */
export type AlertRunRequest = Schemas['AlertRunRequest']
export const ALERT_RUN_TRIGGERS = ['manual', 'schedule'] as const satisfies readonly AlertRun['trigger'][]
export const ALERT_RUN_STATUSES = ['running', 'done', 'failed'] as const satisfies readonly AlertRun['status'][]
