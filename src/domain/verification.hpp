// Verification under JJG 1148-2022 / JJG 1149-2022 as pure rules: the limits and checklist
// come in as data (per regulation edition, from the store), the measured values are assessed
// against them, and the conclusion is computed, never typed (docs/verification.md).
//
// Rounding rule: a measured error is rounded to the rule's rounding interval by GB/T 8170
// (nearest multiple; an exact half goes to the even multiple) before it is compared with the
// limit, and |rounded| ≤ limit passes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace mvis::domain {

enum class VerificationKind { kFirst, kSubsequent, kInService };
std::string_view ToString(VerificationKind k);
std::optional<VerificationKind> ParseVerificationKind(std::string_view s);
std::string_view DisplayName(VerificationKind k);  // 首次检定 / 后续检定 / 使用中检查

// One limit of a regulation edition; `kind` and `accuracy_class` may be "*" (any).
struct LimitRule {
  std::string regulation;
  std::string item;  // working_error (%), clock_error (s), insulation (minimum MΩ)
  std::string kind;
  std::string accuracy_class;
  double limit = 0;
  double rounding = 0;  // 0: no rounding
};

struct CheckItem {  // an appearance / function item of a regulation
  std::string item;
  std::string name;
};

struct LoadPoint {
  double current_a = 0;
  double voltage_v = 0;
  double standard_energy_kwh = 0;
  double charger_energy_kwh = 0;
};

struct ChecklistEntry {
  std::string item;
  bool pass = true;
  std::string note;
};

struct Measurement {
  std::string regulation;
  VerificationKind kind = VerificationKind::kFirst;
  std::string accuracy_class;
  double insulation_mohm = 0;
  std::vector<ChecklistEntry> checklist;
  std::vector<LoadPoint> load_points;
  std::optional<double> clock_error_s;
  bool tou_billing = false;  // the charger bills by time of use: the clock is an item
};

struct LoadPointResult {
  double error_pct = 0;          // unrounded
  double rounded_error_pct = 0;  // after the rounding rule
  double limit_pct = 0;
  bool pass = true;
};

struct FailedItem {
  std::string item;  // working_error, clock_error, or a checklist item code
  std::string name;  // Chinese name
  std::string detail;
};

struct Assessment {
  std::vector<LoadPointResult> load_points;
  std::optional<double> clock_rounded_s;
  std::optional<double> clock_limit_s;
  bool clock_pass = true;
  bool pass = true;
  std::vector<FailedItem> failed_items;
};

// GB/T 8170 rounding of `value` to a multiple of `interval` (> 0); interval 0 returns value.
double RoundToInterval(double value, double interval);

// The limit for `item` under the measurement's regulation, kind and class (an exact kind or
// class wins over "*"), or nullopt.
std::optional<LimitRule> FindLimit(const std::vector<LimitRule>& rules, std::string_view regulation,
                                   std::string_view item, VerificationKind kind,
                                   std::string_view accuracy_class);

// Assesses `m`. Errors (invalid argument, nothing assessed): no load point, a non-positive
// standard energy, a checklist that does not answer every item, a clock error missing where the
// charger bills by time (one given where it does not is ignored), insulation below the precondition
// ("insulation_precondition_failed"), or no limit for the accuracy class ("limit_missing").
Result<Assessment> Assess(const Measurement& m, const std::vector<LimitRule>& rules,
                          const std::vector<CheckItem>& items);

// "WHJL-2026-000123" for a certificate, "WHJL-2026-N000123" for a result notice.
std::string CertificateNumber(std::string_view institute_code, int year, int64_t sequence,
                              bool result_notice);

// Valid-until of a certificate issued on `issue_date` for a type verified every
// `period_months`: issue date + period (clamped to month end).
std::string CertificateValidUntil(std::string_view issue_date, int period_months);

}  // namespace mvis::domain
