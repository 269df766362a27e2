// API methods of enterprise credit-risk classes (信用风险分类), merged into `api` by client.ts.
// Regulators only: 404 `not_found` for an enterprise outside the caller's districts (enterprises,
// institutes and the DRC never see a class).
import { get, post, put } from './http'
import type { CreditOverrideRequest, EnterpriseCredit } from './types.credit'

export const creditApi = {
  /** The class with every indicator's contribution (the server computes it the first time). */
  enterpriseCredit: (orgId: number) => get<EnterpriseCredit>(`/enterprises/${orgId}/credit`),
  /** Computed again now (audited); an adjustment stays in force. */
  recomputeEnterpriseCredit: (orgId: number) => post<EnterpriseCredit>(`/enterprises/${orgId}/credit/recompute`),
  /**
   * Adjust the class in force (`class` A–D) or clear the adjustment (`class` ''), with a reason
   * (audited). 400 `credit_class_invalid`, `reason_required`, `reason_too_long`.
   */
  overrideEnterpriseCredit: (orgId: number, req: CreditOverrideRequest) =>
    put<EnterpriseCredit>(`/enterprises/${orgId}/credit/override`, { class: req.class, reason: req.reason }),
}
