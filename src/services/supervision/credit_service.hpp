// 企业信用风险分类 (issue 11 E): computes each enterprise's class from the indicators kept as
// data, monthly (a job) and on demand; regulators may override it with a reason. The class is for
// the city bureau and the district bureaus where the enterprise is registered or has chargers —
// never for the enterprise or the public (access policy: the enterprise archive).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/credit.hpp"
#include "services/core/context.hpp"

namespace mvis::services {

struct CreditView {
  int64_t org_id = 0;
  std::string org_name;
  std::string credit_class;  // in force: the override, else the computed class
  std::string computed_class;
  double score = 0;
  std::vector<domain::CreditIndicator> indicators;
  int64_t computed_at = 0;
  std::string override_class;  // "" when none
  std::string override_reason;
  std::string override_by;
  std::optional<int64_t> override_at;
};

struct CreditRunReport {
  int enterprises = 0;
  bool already_done = false;  // this month's run had been made
};

class CreditService {
 public:
  explicit CreditService(const ServiceContext& ctx) : ctx_(ctx) {}

  // The enterprise's class (computed now if it never was).
  Result<CreditView> Get(const Actor& actor, int64_t org_id);
  // Recomputes it now (audited).
  Result<CreditView> Recompute(const Actor& actor, int64_t org_id);
  // Sets the class in force to `credit_class` with a reason, or clears the override ("").
  Result<CreditView> Override(const Actor& actor, int64_t org_id, const std::string& credit_class,
                              const std::string& reason);
  // The monthly job: every active enterprise, once per month across instances.
  Result<CreditRunReport> RunMonthly();

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
