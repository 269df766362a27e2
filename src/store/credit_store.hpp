// 企业信用风险分类 rows: the indicator and threshold tables, each enterprise's stored class, and
// the registry counts the indicators are measured from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/credit.hpp"
#include "store/database.hpp"

namespace mvis::store {

std::vector<domain::CreditIndicatorDef> ListCreditIndicators(Tx& tx);
std::vector<domain::CreditThreshold> ListCreditThresholds(Tx& tx);

// What the indicators count for one enterprise.
struct CreditFacts {
  int64_t filed = 0;                   // approved chargers under mandatory verification
  int64_t overdue_or_never = 0;        // of those: never verified (or revoked), or past valid_until
  int64_t documents_24m = 0;           // certificates and result notices issued since `since`
  int64_t failed_24m = 0;              // of those: result notices (不合格)
  int64_t rectifications_24m = 0;      // rectification orders opened since `since`
  int64_t rectifications_overdue = 0;  // of those: waiting for the enterprise past the deadline
  int64_t cases_24m = 0;               // enforcement cases opened since `since`
  int64_t platform_unfiled = 0;  // chargers the charging platform lists, not filed (在用未备案)
};
CreditFacts CreditFactsOf(Tx& tx, int64_t org_id, const std::string& today,
                          const std::string& since);

struct CreditRow {
  int64_t org_id = 0;
  std::string computed_class;
  double score = 0;
  std::string indicators_json;
  int64_t computed_at = 0;
  std::string override_class;
  std::string override_reason;
  std::optional<int64_t> override_by;
  std::string override_by_name;
  std::optional<int64_t> override_at;
};
std::optional<CreditRow> FindCredit(Tx& tx, int64_t org_id);
// Stores a computation (the override stays).
void SaveComputedCredit(Tx& tx, const CreditRow& row);
// Sets or (empty class) clears the override of a stored row.
void SaveCreditOverride(Tx& tx, int64_t org_id, const std::string& credit_class,
                        const std::string& reason, int64_t by, int64_t at);

// Active enterprises, by id.
std::vector<int64_t> EnterpriseIds(Tx& tx);

}  // namespace mvis::store
