// API methods of 计量作弊线索 (the bureaus' triage of the charge-order rules' alerts). Like
// exchange.ts it is not merged into `api`: only the lazily loaded alert pages import it.
import { get, post } from './http'
import type { AlertDetail, AlertInspectionInput, AlertInspectionResult, AlertPage, AlertQuery, AlertRun, AlertRunList, AlertRunRequest, AlertsDismissed, ChargeAlert } from './types.alerts'

export const alertsApi = {
  /**
   * One page of alerts in the caller's districts (regulators only), newest first; `q` matches an
   * EquipmentID or StartChargeSeq by prefix. 403 `permission_denied` for a district not the caller's.
   */
  alerts: (q: AlertQuery) => get<AlertPage>('/alerts', q),
  /** The alert with the order as reported and its timeline. */
  alert: (id: number) => get<AlertDetail>(`/alerts/${id}`),
  /** 排除 one alert. 400 `reason_required`; 409 `state_changed` when it is no longer open. */
  dismissAlert: (id: number, reason: string) => post<ChargeAlert>(`/alerts/${id}/dismiss`, { reason }),
  /** 排除 several, all or none. 409 `state_changed` when one is no longer open. */
  dismissAlerts: (ids: number[], reason: string) => post<AlertsDismissed>('/alerts/dismiss', { ids, reason }),
  /**
   * 发起核查: a draft 线索核查 task of the alert's enterprise in its district; a blank name is left
   * out (the server names it). 400 `item_invalid` / `date_invalid` (details.field), 409
   * `state_changed`, 422 or 400 `org_unknown` when the alert has no enterprise.
   */
  startInspection: (id: number, req: AlertInspectionInput) => {
    const body: AlertInspectionInput = { item_id: req.item_id, task_date: req.task_date }
    const name = req.name?.trim()
    if (name) body.name = name
    return post<AlertInspectionResult>(`/alerts/${id}/inspection`, body)
  },
  /** The latest 50 batch runs, newest first. */
  alertRuns: () => get<AlertRunList>('/alert-runs'),
  /** 批量分析: 202 with the run, in the background. 400 `date_invalid`; 409 `run_in_progress`. */
  startAlertRun: (req: AlertRunRequest) => post<AlertRun>('/alert-runs', { from: req.from, to: req.to }),
}
