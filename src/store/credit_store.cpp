#include "store/credit_store.hpp"

#include "domain/calendar.hpp"

namespace mvis::store {

std::vector<domain::CreditIndicatorDef> ListCreditIndicators(Tx& tx) {
  std::vector<domain::CreditIndicatorDef> out;
  for (const auto& r :
       tx.Query("SELECT code, name, weight FROM credit_indicators ORDER BY sort, code"))
    out.push_back({r.Str(0), r.Str(1), static_cast<int>(r.Int(2))});
  return out;
}

std::vector<domain::CreditThreshold> ListCreditThresholds(Tx& tx) {
  std::vector<domain::CreditThreshold> out;
  for (const auto& r :
       tx.Query("SELECT credit_class, min_score FROM credit_class_thresholds ORDER BY min_score"))
    out.push_back({r.Str(0), r.Real(1)});
  return out;
}

CreditFacts CreditFactsOf(Tx& tx, int64_t org_id, const std::string& today,
                          const std::string& since) {
  CreditFacts f;
  auto r = tx.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN verification_state IN ('never', 'revoked') OR "
      "(verification_state = 'passed' AND valid_until < ?) THEN 1 ELSE 0 END), 0) FROM "
      "instruments WHERE org_id = ? AND status = 'approved' AND mandatory = 1",
      {today, org_id});
  f.filed = r->Int(0);
  f.overdue_or_never = r->Int(1);
  auto d = tx.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN kind = 'result_notice' THEN 1 ELSE 0 END), 0) "
      "FROM certificates WHERE org_id = ? AND issue_date >= ? AND revision = 1",
      {org_id, since});
  f.documents_24m = d->Int(0);
  f.failed_24m = d->Int(1);
  auto o = tx.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status IN ('issued', 'returned') AND deadline < ? "
      "THEN 1 ELSE 0 END), 0) FROM rectifications WHERE org_id = ? AND created_at >= ?",
      {today, org_id, domain::DayNumber(since).value_or(0) * 86400 - 8 * 3600});  // China midnight
  f.rectifications_24m = o->Int(0);
  f.rectifications_overdue = o->Int(1);
  f.cases_24m = tx.QueryOne(
                      "SELECT COUNT(*) FROM enforcement_cases c JOIN rectifications r ON r.id = "
                      "c.rectification_id WHERE r.org_id = ? AND c.opened_at >= ?",
                      {org_id, domain::DayNumber(since).value_or(0) * 86400 - 8 * 3600})
                    ->Int(0);
  // The platform's chargers of the enterprise's operator accounts that nobody filed (as
  // ListReconciliation "unfiled").
  f.platform_unfiled =
      tx.QueryOne(
            "SELECT COUNT(*) FROM platform_equipment e JOIN tcec_operators t ON t.id = "
            "e.operator_ref WHERE t.org_id = ? AND NOT EXISTS (SELECT 1 FROM instruments i WHERE "
            "i.equipment_id = e.equipment_id AND i.status IN ('submitted', 'returned', "
            "'approved'))",
            {org_id})
          ->Int(0);
  return f;
}

std::optional<CreditRow> FindCredit(Tx& tx, int64_t org_id) {
  auto r = tx.QueryOne(
      "SELECT c.org_id, c.computed_class, c.score, c.indicators, c.computed_at, c.override_class, "
      "c.override_reason, c.override_by, COALESCE(CASE WHEN u.display_name <> '' THEN "
      "u.display_name ELSE u.username END, ''), c.override_at FROM enterprise_credit c LEFT JOIN "
      "users u ON u.id = c.override_by WHERE c.org_id = ?",
      {org_id});
  if (!r) return std::nullopt;
  return CreditRow{r->Int(0), r->Str(1), r->Real(2),   r->Str(3), r->Int(4),
                   r->Str(5), r->Str(6), r->OptInt(7), r->Str(8), r->OptInt(9)};
}

void SaveComputedCredit(Tx& tx, const CreditRow& c) {
  if (tx.Exec("UPDATE enterprise_credit SET computed_class = ?, score = ?, indicators = ?, "
              "computed_at = ? WHERE org_id = ?",
              {c.computed_class, c.score, c.indicators_json, c.computed_at, c.org_id}) == 0) {
    tx.Exec(
        "INSERT INTO enterprise_credit (org_id, computed_class, score, indicators, computed_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET computed_class = "
        "excluded.computed_class, score = excluded.score, indicators = excluded.indicators, "
        "computed_at = excluded.computed_at",
        {c.org_id, c.computed_class, c.score, c.indicators_json, c.computed_at});
  }
}

void SaveCreditOverride(Tx& tx, int64_t org_id, const std::string& credit_class,
                        const std::string& reason, int64_t by, int64_t at) {
  tx.Exec(
      "UPDATE enterprise_credit SET override_class = ?, override_reason = ?, override_by = ?, "
      "override_at = ? WHERE org_id = ?",
      {credit_class, reason, credit_class.empty() ? Param(nullptr) : Param(by),
       credit_class.empty() ? Param(nullptr) : Param(at), org_id});
}

std::vector<int64_t> EnterpriseIds(Tx& tx) {
  std::vector<int64_t> out;
  for (const auto& r :
       tx.Query("SELECT id FROM orgs WHERE kind = 'enterprise' AND status = 'active' ORDER BY id"))
    out.push_back(r.Int(0));
  return out;
}

}  // namespace mvis::store
