// Shapes of 计量作弊线索 (issue 13): the alerts the charge-order rules raise on the orders operators
// report (T/CEC 102 ChargeOrderInfo), their triage by the bureaus (排除, 发起核查) and the
// targeted inspection task an alert leads to. HAND-WRITTEN: openapi.json documents only the first
// `GET /alerts` (ChargeAlert with status `open`); when the backend documents the routes below,
// replace these by aliases of `components['schemas']` like types.exchange.ts and check the lists in
// types.test.ts. Not re-exported by types.ts: only the lazily loaded exchange pages import them.
import type { Page, PageQuery } from './types'

/** 待处理 open → 已排除 dismissed | 已立案核查 inspection. */
export const ALERT_STATUSES = ['open', 'dismissed', 'inspection'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

/** One alert: a rule's finding on one order, with its evidence as `[name, value]` pairs in order. */
export interface ChargeAlert {
  id: number
  /** the rule's stable name (money_split, energy_over_rated, …); see lib/alerts.ts ALERT_RULES */
  rule: string
  equipment_id: string
  start_charge_seq: string
  region_code: string
  region_name: string
  /** the operator's enterprise; null when the order's charger belongs to none known */
  org_id: number | null
  /** '' when none */
  org_name: string
  status: AlertStatus
  created_at: string | null
  evidence: string[][]
  /** 排除原因 (dismissed) */
  dismiss_reason: string | null
  /** the 线索核查 task (inspection) */
  inspection_task_id: number | null
  /** when it was dismissed or turned into a task */
  handled_at: string | null
}

/** One step of an alert's timeline, as other detail endpoints send them. */
export interface AlertEvent {
  id: number
  at: string
  user_id?: number | null
  username: string
  display_name: string
  org_name: string
  action: string
  from_status: string | null
  to_status: string
  reason: string
}

/**
 * `GET /alerts/{id}`: the alert, the order exactly as the operator reported it (ChargeOrderInfo;
 * key case may vary, CEC's `Sevice` spellings too: read it with lib/alerts.ts orderField) and the
 * timeline.
 */
export interface AlertDetail extends ChargeAlert {
  order: Record<string, unknown> | null
  events: AlertEvent[]
}

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
export interface AlertInspectionInput {
  item_id: number
  task_date: string
  name?: string
}

/** The alert (now `inspection`) and the draft 线索核查 task made of it. */
export interface AlertInspectionResult {
  alert: ChargeAlert
  task_id: number
}

/** `POST /alerts/dismiss`: how many were dismissed (all or none). */
export interface AlertsDismissed {
  dismissed: number
}
