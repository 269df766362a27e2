// 企业信用风险分类 (issue 11 E, internal to regulators): each enterprise is classed A (低) /
// B (一般) / C (较高) / D (高) from indicators kept as data — each a share in [0, 1] with a weight;
// the score is Σ weight × share (0–100), and the class is the highest whose minimum score it
// reaches. Class A never means exempt from inspection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace mvis::domain {

// One indicator as configured (table credit_indicators).
struct CreditIndicatorDef {
  std::string code;  // overdue_or_unverified, failed_verification, unfiled, …
  std::string name;  // Chinese
  int weight = 0;    // points at a share of 1
};

// A class and the lowest score that reaches it (table credit_class_thresholds).
struct CreditThreshold {
  std::string credit_class;  // A, B, C, D
  double min_score = 0;
};

// An indicator measured for one enterprise.
struct CreditIndicator {
  std::string code, name;
  int weight = 0;
  int64_t numerator = 0, denominator = 0;  // share = numerator / denominator (0 when none)
  double share = 0;
  double points = 0;  // weight × share
  std::string basis;  // what was counted, in Chinese
};

// share and points of `m` from its counts.
CreditIndicator Measure(const CreditIndicatorDef& def, int64_t numerator, int64_t denominator,
                        std::string basis);
double Score(const std::vector<CreditIndicator>& indicators);
// The class `score` reaches (thresholds in any order; A when none is reached).
std::string ClassFor(double score, std::vector<CreditThreshold> thresholds);
// A, B, C or D (`credit_class_invalid` otherwise).
Status CheckCreditClass(std::string_view credit_class);
std::string_view CreditClassName(std::string_view credit_class);  // 低风险 …

}  // namespace mvis::domain
