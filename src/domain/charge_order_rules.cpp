// Anti-cheating rules over one charge order: see charge_order_rules.hpp.
#include "domain/charge_order_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mvis::domain {

namespace {

std::string Num(double v, int decimals = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

bool Differs(double a, double b, double tolerance) {
  // A small allowance for the binary representation of decimal amounts.
  return std::fabs(a - b) > tolerance + 1e-9;
}

int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

}  // namespace

std::optional<int64_t> OrderSeconds(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char tail = 0;
  if (text.size() != 19 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail) != 6)
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

std::vector<RuleFinding> CheckArithmetic(const ChargeOrder& o, const RuleParams& p) {
  std::vector<RuleFinding> out;
  if (Differs(o.elec_money + o.service_money, o.total_money, p.money_tolerance_yuan))
    out.push_back({"money_split",
                   {{"TotalElecMoney", Num(o.elec_money, 2)},
                    {"TotalServiceMoney", Num(o.service_money, 2)},
                    {"TotalMoney", Num(o.total_money, 2)},
                    {"computation", Num(o.elec_money, 2) + " + " + Num(o.service_money, 2) + " = " +
                                        Num(o.elec_money + o.service_money, 2) + " ≠ " +
                                        Num(o.total_money, 2)}}});
  if (o.periods.empty()) return out;  // the rest judges the periods
  if (o.sum_period != static_cast<int>(o.periods.size()))
    out.push_back({"period_count",
                   {{"SumPeriod", std::to_string(o.sum_period)},
                    {"periods", std::to_string(o.periods.size())}}});
  double energy = 0, elec = 0, service = 0;
  for (size_t i = 0; i < o.periods.size(); ++i) {
    const auto& d = o.periods[i];
    energy += d.energy_kwh;
    elec += d.elec_money;
    service += d.service_money;
    const double want_elec = d.elec_price * d.energy_kwh,
                 want_service = d.service_price * d.energy_kwh;
    if (Differs(d.elec_money, want_elec, p.money_tolerance_yuan) ||
        Differs(d.service_money, want_service, p.money_tolerance_yuan))
      out.push_back(
          {"period_money",
           {{"period", std::to_string(i + 1) + "（" + d.start + " — " + d.end + "）"},
            {"energy_kwh", Num(d.energy_kwh)},
            {"elec", Num(d.elec_price) + " × " + Num(d.energy_kwh) + " = " + Num(want_elec, 2) +
                         "，报送 " + Num(d.elec_money, 2)},
            {"service", Num(d.service_price) + " × " + Num(d.energy_kwh) + " = " +
                            Num(want_service, 2) + "，报送 " + Num(d.service_money, 2)}}});
  }
  if (Differs(energy, o.total_energy_kwh, p.energy_tolerance_kwh))
    out.push_back(
        {"energy_sum", {{"Σ DetailPower", Num(energy)}, {"TotalPower", Num(o.total_energy_kwh)}}});
  if (Differs(elec, o.elec_money, p.money_tolerance_yuan) ||
      Differs(service, o.service_money, p.money_tolerance_yuan))
    out.push_back({"money_sum",
                   {{"Σ DetailElecMoney", Num(elec, 2)},
                    {"TotalElecMoney", Num(o.elec_money, 2)},
                    {"Σ DetailServiceMoney", Num(service, 2)},
                    {"TotalServiceMoney", Num(o.service_money, 2)}}});
  // Tiling: first begins at StartTime, each begins where the one before ended, last ends at
  // EndTime.
  std::string expected = o.start;
  for (size_t i = 0; i < o.periods.size(); ++i) {
    const auto& d = o.periods[i];
    const auto start = OrderSeconds(d.start), end = OrderSeconds(d.end),
               want = OrderSeconds(expected);
    if (!start || !end || !want || *start != *want || *end < *start) {
      out.push_back({"period_tiling",
                     {{"period", std::to_string(i + 1)},
                      {"expected_start", expected},
                      {"DetailStartTime", d.start},
                      {"DetailEndTime", d.end}}});
      return out;
    }
    expected = d.end;
  }
  if (OrderSeconds(expected) != OrderSeconds(o.end))
    out.push_back({"period_tiling", {{"last DetailEndTime", expected}, {"EndTime", o.end}}});
  return out;
}

std::vector<RuleFinding> CheckPhysical(const ChargeOrder& o, std::optional<double> rated_power_kw,
                                       const RuleParams& p) {
  std::vector<RuleFinding> out;
  const auto start = OrderSeconds(o.start), end = OrderSeconds(o.end);
  if (!start || !end) return out;
  const double hours = static_cast<double>(*end - *start) / 3600.0;
  if (o.total_energy_kwh > 0 && *end <= *start) {
    out.push_back(
        {"energy_without_time",
         {{"TotalPower", Num(o.total_energy_kwh)}, {"StartTime", o.start}, {"EndTime", o.end}}});
    return out;
  }
  if (rated_power_kw && *rated_power_kw > 0) {
    const double most = *rated_power_kw * hours * p.rated_power_margin;
    if (o.total_energy_kwh > most + 1e-9)
      out.push_back({"energy_over_rated",
                     {{"TotalPower", Num(o.total_energy_kwh)},
                      {"rated_power_kw", Num(*rated_power_kw, 1)},
                      {"hours", Num(hours)},
                      {"computation", Num(*rated_power_kw, 1) + " kW × " + Num(hours) + " h × " +
                                          Num(p.rated_power_margin, 2) + " = " + Num(most) +
                                          " kWh < " + Num(o.total_energy_kwh) + " kWh"}}});
  }
  return out;
}

std::vector<RuleFinding> CheckOverlaps(const std::vector<ChargeOrder>& orders) {
  struct Span {
    int64_t start, end;
    const ChargeOrder* order;
  };
  std::vector<Span> spans;
  for (const auto& o : orders) {
    auto s = OrderSeconds(o.start), e = OrderSeconds(o.end);
    if (s && e && *e > *s) spans.push_back({*s, *e, &o});
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  std::vector<RuleFinding> out;
  for (size_t i = 0; i < spans.size(); ++i)
    for (size_t j = i + 1; j < spans.size() && spans[j].start < spans[i].end; ++j)
      out.push_back(
          {"connector_overlap",
           {{"ConnectorID", spans[i].order->connector_id},
            {"StartChargeSeq", spans[i].order->start_charge_seq},
            {"period", spans[i].order->start + " — " + spans[i].order->end},
            {"overlapping StartChargeSeq", spans[j].order->start_charge_seq},
            {"overlapping period", spans[j].order->start + " — " + spans[j].order->end}}});
  return out;
}

}  // namespace mvis::domain
