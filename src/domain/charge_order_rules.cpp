// Anti-cheating rules over one charge order: see charge_order_rules.hpp.
#include "domain/charge_order_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "domain/charge_order_batch.hpp"

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

std::string OrderTimeText(int64_t seconds) {
  // Civil from days (H. Hinnant's algorithm), the inverse of DaysFromCivil.
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const int64_t rest = seconds - days * 86400;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(rest / 3600), static_cast<long long>(rest % 3600 / 60),
                static_cast<long long>(rest % 60));
  return buf;
}

std::optional<int64_t> OrderSeconds(const std::string& text) {
  // Exactly "yyyy-MM-dd HH:mm:ss", digits where digits belong (read by hand: a batch run reads
  // several per order).
  if (text.size() != 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      text[16] != ':')
    return std::nullopt;
  auto field = [&](size_t at, size_t width) -> int {
    int v = 0;
    for (size_t i = at; i < at + width; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const int y = field(0, 4), mo = field(5, 2), d = field(8, 2), h = field(11, 2), mi = field(14, 2),
            s = field(17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      s < 0 || s > 59)
    return std::nullopt;
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
      out.push_back(OverlapFinding(spans[i].order->connector_id, spans[i].order->start_charge_seq,
                                   spans[i].order->start + " — " + spans[i].order->end,
                                   spans[j].order->start_charge_seq,
                                   spans[j].order->start + " — " + spans[j].order->end));
  return out;
}

// ---- rule 2: time-of-use tariffs

namespace {

std::string Clock(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

}  // namespace

bool TariffBandsValid(const std::vector<TariffBand>& bands) {
  int at = 0;
  for (const auto& b : bands) {
    if (b.start_minute != at || b.end_minute <= b.start_minute || b.end_minute > 1440 ||
        !(b.elec_price >= 0 && b.elec_price <= 10))
      return false;
    at = b.end_minute;
  }
  return at == 1440;
}

const Tariff* GoverningTariff(const std::vector<Tariff>& tariffs, int64_t operator_ref,
                              const std::string& station_id, const std::string& day) {
  const Tariff* best = nullptr;
  int best_rank = -1;
  for (const auto& t : tariffs) {
    if (t.effective_from > day || (!t.effective_to.empty() && t.effective_to < day)) continue;
    int rank = -1;
    if (t.operator_ref == 0 && t.station_id.empty())
      rank = 0;
    else if (t.operator_ref == operator_ref && t.station_id.empty())
      rank = 1;
    else if (t.operator_ref == operator_ref && !station_id.empty() && t.station_id == station_id)
      rank = 2;
    if (rank < 0) continue;
    if (rank > best_rank || (rank == best_rank && t.effective_from > best->effective_from)) {
      best = &t;
      best_rank = rank;
    }
  }
  return best;
}

std::vector<RuleFinding> CheckTariff(const ChargeOrder& o, const std::vector<Tariff>& tariffs,
                                     int64_t operator_ref, const std::string& station_id,
                                     const RuleParams& p) {
  std::vector<RuleFinding> out;
  for (size_t i = 0; i < o.periods.size(); ++i) {
    const auto& d = o.periods[i];
    const auto start = OrderSeconds(d.start), end = OrderSeconds(d.end);
    if (!start || !end || *end <= *start) continue;  // period_tiling's concern
    const Tariff* t = GoverningTariff(tariffs, operator_ref, station_id, d.start.substr(0, 10));
    if (!t) continue;
    const int minute = static_cast<int>((*start % 86400) / 60);
    const TariffBand* band = nullptr;
    for (const auto& b : t->bands)
      if (b.start_minute <= minute && minute < b.end_minute) band = &b;
    if (!band) continue;
    const std::string label = "#" + std::to_string(t->id) + "（" + t->effective_from + " 起）" +
                              Clock(band->start_minute) + "—" + Clock(band->end_minute);
    const std::string period = std::to_string(i + 1) + "（" + d.start + " — " + d.end + "）";
    // The period must end within its band (at the band's end at the latest, on the same day).
    const int64_t band_end = (*start / 86400) * 86400 + int64_t{band->end_minute} * 60;
    if (*end > band_end)
      out.push_back({"tariff_mismatch",
                     {{"period", period},
                      {"tariff", label},
                      {"computation",
                       "时段跨越分时电价时段，应在 " + Clock(band->end_minute % 1440) + " 拆分"}}});
    else if (Differs(d.elec_price, band->elec_price, p.tariff_tolerance_yuan))
      out.push_back({"tariff_mismatch",
                     {{"period", period},
                      {"ElecPrice", Num(d.elec_price)},
                      {"tariff_price", Num(band->elec_price)},
                      {"tariff", label}}});
  }
  return out;
}

// ---- rule 5: statistics

std::vector<std::pair<int64_t, RuleFinding>> CheckStatistics(const std::vector<OrderStat>& orders,
                                                             const RuleParams& p) {
  OrderStatistics stats;
  std::unordered_map<int64_t, std::string> seqs;
  for (const auto& o : orders) {
    stats.Add(o.order_ref, o.equipment_id, o.peer_group, o.energy_kwh, o.minutes);
    seqs[o.order_ref] = o.start_charge_seq;
  }
  return stats.Findings(p, [&](const std::vector<int64_t>&) { return seqs; });
}

std::vector<std::pair<int64_t, RuleFinding>> CheckStationBalance(
    const std::vector<StationOrder>& orders, const std::vector<StationEnergy>& metered,
    const RuleParams& p) {
  StationTotals totals;
  for (const auto& o : orders) totals.Add(o.order_ref, o.station, o.day, o.energy_kwh);
  return totals.Findings(metered, p);
}

// ---- names

std::string_view RuleNameZh(std::string_view rule) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"money_split", "电费与服务费之和不等于总金额"},
      {"period_count", "分时段数不符"},
      {"period_money", "分时金额不等于单价×电量"},
      {"energy_sum", "分时电量之和不等于总电量"},
      {"money_sum", "分时金额之和不等于总额"},
      {"period_tiling", "分时段不连续"},
      {"energy_without_time", "零时长产生电量"},
      {"energy_over_rated", "电量超过额定功率×充电时长"},
      {"connector_overlap", "同一充电接口订单时间重叠"},
      {"charger_unfiled", "交易时充电桩未备案"},
      {"charger_unverified", "交易时充电桩未经检定或证书已注销"},
      {"charger_failed", "交易时充电桩检定不合格（停用）"},
      {"charger_expired", "交易时充电桩已超过检定有效期"},
      {"tariff_mismatch", "电价与分时电价表不符"},
      {"repeated_energy", "重复出现相同电量"},
      {"rate_outlier", "单位时间电量显著偏离同型号充电桩"},
      {"station_balance", "订单电量与场站计量电量不平衡"}};
  for (const auto& [code, name] : kNames)
    if (code == rule) return name;
  return "其他异常";
}

std::string_view EvidenceLabelZh(std::string_view key) {
  static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
      {"TotalPower", "总电量（kWh）"},
      {"TotalElecMoney", "总电费（元）"},
      {"TotalServiceMoney", "总服务费（元）"},
      {"TotalMoney", "总金额（元）"},
      {"computation", "计算过程"},
      {"SumPeriod", "申报时段数"},
      {"periods", "实际时段数"},
      {"period", "时段"},
      {"energy_kwh", "时段电量（kWh）"},
      {"elec", "电费核算"},
      {"service", "服务费核算"},
      {"Σ DetailPower", "分时电量之和（kWh）"},
      {"Σ DetailElecMoney", "分时电费之和（元）"},
      {"Σ DetailServiceMoney", "分时服务费之和（元）"},
      {"expected_start", "应起始时间"},
      {"DetailStartTime", "时段开始"},
      {"DetailEndTime", "时段结束"},
      {"last DetailEndTime", "末时段结束"},
      {"EndTime", "结束时间"},
      {"StartTime", "开始时间"},
      {"rated_power_kw", "额定功率（kW）"},
      {"hours", "充电时长（h）"},
      {"ConnectorID", "充电接口编码"},
      {"StartChargeSeq", "充电订单号"},
      {"overlapping StartChargeSeq", "重叠订单号"},
      {"overlapping period", "重叠订单时段"},
      {"EquipmentID", "充电设备编码"},
      {"verification_state", "检定状态"},
      {"valid_until", "检定有效期至"},
      {"ElecPrice", "申报电价（元/kWh）"},
      {"tariff_price", "分时电价表电价（元/kWh）"},
      {"tariff", "电价表"},
      {"orders", "订单数"},
      {"same_energy_orders", "相同电量订单"},
      {"energy_per_minute", "每分钟电量（kWh）"},
      {"peer_median", "同型号中位数"},
      {"ratio", "倍数"},
      {"StationID", "充电站编码"},
      {"day", "日期"},
      {"Σ TotalPower", "订单电量之和（kWh）"},
      {"StationElectricity", "场站计量电量（kWh）"}};
  for (const auto& [code, label] : kLabels)
    if (code == key) return label;
  return "其他";
}

}  // namespace mvis::domain
