#include "domain/credit.hpp"

#include <algorithm>

namespace mvis::domain {

CreditIndicator Measure(const CreditIndicatorDef& def, int64_t numerator, int64_t denominator,
                        std::string basis) {
  CreditIndicator m;
  m.code = def.code;
  m.name = def.name;
  m.weight = def.weight;
  m.numerator = numerator;
  m.denominator = denominator;
  m.share =
      denominator > 0 ? std::clamp(static_cast<double>(numerator) / denominator, 0.0, 1.0) : 0.0;
  m.points = def.weight * m.share;
  m.basis = std::move(basis);
  return m;
}

double Score(const std::vector<CreditIndicator>& indicators) {
  double s = 0;
  for (const auto& i : indicators) s += i.points;
  return s;
}

std::string ClassFor(double score, std::vector<CreditThreshold> thresholds) {
  std::ranges::sort(thresholds,
                    [](const auto& a, const auto& b) { return a.min_score < b.min_score; });
  std::string out = "A";
  // A tiny tolerance so that a score computed as 24.999999 from shares reaches 25.
  for (const auto& t : thresholds)
    if (score + 1e-9 >= t.min_score) out = t.credit_class;
  return out;
}

Status CheckCreditClass(std::string_view c) {
  if (c == "A" || c == "B" || c == "C" || c == "D") return {};
  return InvalidField("class", "credit_class_invalid", "信用风险分类应为 A、B、C 或 D");
}

std::string_view CreditClassName(std::string_view c) {
  if (c == "A") return "低风险";
  if (c == "B") return "一般风险";
  if (c == "C") return "较高风险";
  if (c == "D") return "高风险";
  return "";
}

}  // namespace mvis::domain
