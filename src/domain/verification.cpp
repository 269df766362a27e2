#include "domain/verification.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "domain/calendar.hpp"

namespace mvis::domain {

std::string_view ToString(VerificationKind k) {
  switch (k) {
    case VerificationKind::kFirst:
      return "first";
    case VerificationKind::kSubsequent:
      return "subsequent";
    case VerificationKind::kInService:
      return "in_service";
  }
  return "first";
}

std::optional<VerificationKind> ParseVerificationKind(std::string_view s) {
  for (auto k :
       {VerificationKind::kFirst, VerificationKind::kSubsequent, VerificationKind::kInService}) {
    if (ToString(k) == s) return k;
  }
  return std::nullopt;
}

std::string_view DisplayName(VerificationKind k) {
  switch (k) {
    case VerificationKind::kFirst:
      return "首次检定";
    case VerificationKind::kSubsequent:
      return "后续检定";
    case VerificationKind::kInService:
      return "使用中检查";
  }
  return "";
}

double RoundToInterval(double value, double interval) {
  if (interval <= 0) return value;
  double q = value / interval;
  double lower = std::floor(q);
  double frac = q - lower;
  // Floating-point noise (0.30000000000000004) must not decide a half: compare with a margin.
  constexpr double kEps = 1e-9;
  double n;
  if (std::fabs(frac - 0.5) <= kEps) {
    n = std::fmod(lower, 2.0) == 0 ? lower : lower + 1;
  } else {
    n = frac < 0.5 ? lower : lower + 1;
  }
  double rounded = n * interval;
  // Keep the value on the interval's decimal grid (0.1 * 3 = 0.30000000000000004).
  return std::round(rounded * 1e9) / 1e9 + 0.0;
}

std::optional<LimitRule> FindLimit(const std::vector<LimitRule>& rules, std::string_view regulation,
                                   std::string_view item, VerificationKind kind,
                                   std::string_view accuracy_class) {
  const LimitRule* best = nullptr;
  int best_score = -1;
  for (const auto& r : rules) {
    if (r.regulation != regulation || r.item != item) continue;
    bool kind_exact = r.kind == ToString(kind);
    bool class_exact = r.accuracy_class == accuracy_class;
    if (!kind_exact && r.kind != "*") continue;
    if (!class_exact && r.accuracy_class != "*") continue;
    int score = (kind_exact ? 2 : 0) + (class_exact ? 1 : 0);
    if (score > best_score) best = &r, best_score = score;
  }
  if (!best) return std::nullopt;
  return *best;
}

namespace {

std::string Num(double v, int decimals) { return fmt::format("{:.{}f}", v, decimals); }

std::unexpected<Error> LimitMissing(std::string_view item, std::string_view accuracy_class) {
  return Fail(ErrorKind::kFailedPrecondition, "limit_missing",
              fmt::format("检定规程中没有准确度等级 {} 的 {} 限值", accuracy_class, item));
}

}  // namespace

Result<Assessment> Assess(const Measurement& m, const std::vector<LimitRule>& rules,
                          const std::vector<CheckItem>& items) {
  if (auto insulation = FindLimit(rules, m.regulation, "insulation", m.kind, m.accuracy_class);
      insulation && !(m.insulation_mohm >= insulation->limit)) {
    return InvalidField("insulation_mohm", "insulation_precondition_failed",
                        fmt::format("绝缘电阻 {} MΩ 低于 {} MΩ，不具备检定条件",
                                    Num(m.insulation_mohm, 1), Num(insulation->limit, 0)));
  }
  if (m.load_points.empty())
    return InvalidField("load_points", "load_points_required", "至少录入一个负载点的工作误差");
  for (const auto& p : m.load_points) {
    if (!(p.standard_energy_kwh > 0) || !(p.charger_energy_kwh >= 0) || !(p.current_a > 0) ||
        !(p.voltage_v > 0)) {
      return InvalidField("load_points", "load_point_invalid",
                          "负载点的电流、电压、标准电能应为正数，被检电能不能为负");
    }
  }
  std::set<std::string> answered;
  for (const auto& c : m.checklist) answered.insert(c.item);
  for (const auto& item : items) {
    if (!answered.contains(item.item))
      return InvalidField("checklist", "checklist_incomplete",
                          "外观及功能检查未完成：" + item.name);
  }
  if (m.tou_billing && !m.clock_error_s)
    return InvalidField("clock_error_s", "clock_error_required",
                        "该充电桩按时段计费，须录入时钟示值误差");

  Assessment a;
  for (const auto& item : items) {
    for (const auto& c : m.checklist) {
      if (c.item == item.item && !c.pass) {
        a.failed_items.push_back({item.item, item.name, c.note});
      }
    }
  }

  auto work = FindLimit(rules, m.regulation, "working_error", m.kind, m.accuracy_class);
  if (!work) return LimitMissing("工作误差", m.accuracy_class);
  int decimals = work->rounding >= 1 ? 0 : work->rounding >= 0.1 ? 1 : 2;
  std::vector<std::string> bad_points;
  for (size_t i = 0; i < m.load_points.size(); ++i) {
    const auto& p = m.load_points[i];
    LoadPointResult r;
    r.error_pct = (p.charger_energy_kwh - p.standard_energy_kwh) / p.standard_energy_kwh * 100.0;
    r.rounded_error_pct = RoundToInterval(r.error_pct, work->rounding);
    r.limit_pct = work->limit;
    r.pass = std::fabs(r.rounded_error_pct) <= work->limit + 1e-9;
    if (!r.pass) {
      bad_points.push_back(fmt::format("负载点{}（{} A）误差 {:+.{}f}%，超出 ±{}%", i + 1,
                                       Num(p.current_a, 1), r.rounded_error_pct, decimals,
                                       Num(work->limit, 1)));
    }
    a.load_points.push_back(r);
  }
  for (const auto& d : bad_points) a.failed_items.push_back({"working_error", "工作误差", d});

  if (m.tou_billing && m.clock_error_s) {
    auto clock = FindLimit(rules, m.regulation, "clock_error", m.kind, m.accuracy_class);
    if (!clock) return LimitMissing("时钟示值误差", m.accuracy_class);
    a.clock_rounded_s = RoundToInterval(*m.clock_error_s, clock->rounding);
    a.clock_limit_s = clock->limit;
    a.clock_pass = std::fabs(*a.clock_rounded_s) <= clock->limit + 1e-9;
    if (!a.clock_pass) {
      a.failed_items.push_back(
          {"clock_error", "时钟示值误差",
           fmt::format("{} s，超出 ±{} s", Num(*a.clock_rounded_s, 0), Num(clock->limit, 0))});
    }
  }
  a.pass = a.failed_items.empty();
  return a;
}

std::string CertificateNumber(std::string_view institute_code, int year, int64_t sequence,
                              bool result_notice) {
  return fmt::format("{}-{}-{}{:06}", institute_code, year, result_notice ? "N" : "", sequence);
}

std::string CertificateValidUntil(std::string_view issue_date, int period_months) {
  return AddMonths(issue_date, period_months);
}

}  // namespace mvis::domain
