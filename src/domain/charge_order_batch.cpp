// The charge-order rules over a period: see charge_order_batch.hpp.
#include "domain/charge_order_batch.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace mvis::domain {

namespace {

// Facts: "1;TotalElecMoney;TotalServiceMoney;SumPeriod;period|period…", a period being
// "start,end,ElecPrice,ServicePrice,DetailPower,DetailElecMoney,DetailServiceMoney". Numbers
// are written shortest-exact (std::to_chars), so they read back to the same double.
constexpr char kVersion[] = "1";

void Put(std::string& out, double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

bool Read(std::string_view text, double& v) {
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

// `text` split at `sep` (an empty text is one empty field).
std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  for (size_t at = 0;;) {
    const size_t next = text.find(sep, at);
    out.push_back(text.substr(at, next == std::string_view::npos ? next : next - at));
    if (next == std::string_view::npos) return out;
    at = next + 1;
  }
}

std::string Num(double v, int decimals = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

std::optional<std::string> EncodeOrderFacts(const ChargeOrder& o) {
  std::string out = kVersion;
  out += ';';
  Put(out, o.elec_money);
  out += ';';
  Put(out, o.service_money);
  out += ';';
  out += std::to_string(o.sum_period);
  out += ';';
  for (size_t i = 0; i < o.periods.size(); ++i) {
    const auto& d = o.periods[i];
    if (d.start.find_first_of(";|,") != std::string::npos ||
        d.end.find_first_of(";|,") != std::string::npos)
      return std::nullopt;
    if (i > 0) out += '|';
    out += d.start;
    out += ',';
    out += d.end;
    for (double v : {d.elec_price, d.service_price, d.energy_kwh, d.elec_money, d.service_money}) {
      out += ',';
      Put(out, v);
    }
  }
  return out;
}

bool DecodeOrderFacts(std::string_view facts, ChargeOrder& o) {
  const auto parts = Split(facts, ';');
  if (parts.size() != 5 || parts[0] != kVersion) return false;
  int sum = 0;
  const auto n = std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), sum);
  if (!Read(parts[1], o.elec_money) || !Read(parts[2], o.service_money) || n.ec != std::errc() ||
      n.ptr != parts[3].data() + parts[3].size())
    return false;
  o.sum_period = sum;
  o.periods.clear();
  if (parts[4].empty()) return true;
  for (auto period : Split(parts[4], '|')) {
    const auto f = Split(period, ',');
    if (f.size() != 7) return false;
    OrderPeriod d{std::string(f[0]), std::string(f[1])};
    if (!Read(f[2], d.elec_price) || !Read(f[3], d.service_price) || !Read(f[4], d.energy_kwh) ||
        !Read(f[5], d.elec_money) || !Read(f[6], d.service_money))
      return false;
    o.periods.push_back(std::move(d));
  }
  return true;
}

int32_t NameTable::Id(std::string_view name) {
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  const auto id = static_cast<int32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  return id;
}

// ---- rule 3: overlaps

RuleFinding OverlapFinding(const std::string& connector_id, const std::string& seq,
                           const std::string& period, const std::string& other_seq,
                           const std::string& other_period) {
  return {"connector_overlap",
          {{"ConnectorID", connector_id},
           {"StartChargeSeq", seq},
           {"period", period},
           {"overlapping StartChargeSeq", other_seq},
           {"overlapping period", other_period}}};
}

void ConnectorSpans::Add(int64_t order_ref, std::string_view connector, const std::string& start,
                         const std::string& end) {
  const auto s = OrderSeconds(start), e = OrderSeconds(end);
  if (!s || !e || *e <= *s || *e - *s > INT32_MAX) return;
  spans_.push_back({order_ref, *s, static_cast<int32_t>(*e - *s), connectors_.Id(connector)});
}

std::vector<std::pair<int64_t, RuleFinding>> ConnectorSpans::Findings(const SeqLookup& seqs) {
  std::sort(spans_.begin(), spans_.end(), [](const Span& a, const Span& b) {
    if (a.connector != b.connector) return a.connector < b.connector;
    if (a.start != b.start) return a.start < b.start;
    return a.seconds < b.seconds;
  });
  std::vector<std::pair<const Span*, const Span*>> pairs;
  for (size_t i = 0; i < spans_.size(); ++i) {
    const auto& a = spans_[i];
    for (size_t j = i + 1; j < spans_.size() && spans_[j].connector == a.connector &&
                           spans_[j].start < a.start + a.seconds;
         ++j)
      pairs.emplace_back(&a, &spans_[j]);
  }
  std::vector<std::pair<int64_t, RuleFinding>> out;
  if (pairs.empty()) return out;
  std::vector<int64_t> refs;
  for (const auto& [a, b] : pairs) refs.insert(refs.end(), {a->ref, b->ref});
  const auto seq = seqs(refs);
  auto seq_of = [&](int64_t ref) {
    auto it = seq.find(ref);
    return it == seq.end() ? std::string() : it->second;
  };
  auto period = [](const Span& s) {
    return OrderTimeText(s.start) + " — " + OrderTimeText(s.start + s.seconds);
  };
  for (const auto& [a, b] : pairs) {
    const std::string& name = connectors_.Name(a->connector);
    const auto cut = name.find('\x1f');
    out.emplace_back(b->ref,
                     OverlapFinding(cut == std::string::npos ? name : name.substr(cut + 1),
                                    seq_of(a->ref), period(*a), seq_of(b->ref), period(*b)));
  }
  return out;
}

// ---- rule 5: statistics

void OrderStatistics::Add(int64_t order_ref, std::string_view equipment_id,
                          std::string_view peer_group, double energy_kwh, double minutes) {
  entries_.push_back({order_ref, energy_kwh, minutes,
                      equipment_id.empty() ? -1 : equipment_.Id(equipment_id),
                      peer_group.empty() ? -1 : groups_.Id(peer_group)});
}

std::vector<std::pair<int64_t, RuleFinding>> OrderStatistics::Findings(
    const RuleParams& p, const SeqLookup& seqs) const {
  std::vector<std::pair<int64_t, RuleFinding>> out;
  // repeated_energy: the orders of one charger with one energy in Wh, side by side.
  struct Same {
    int32_t equipment;
    int64_t wh, ref;
  };
  std::vector<Same> same;
  for (const auto& e : entries_)
    if (e.energy >= p.min_repeat_energy_kwh && e.equipment >= 0)
      same.push_back({e.equipment, std::llround(e.energy * 1000), e.ref});
  std::sort(same.begin(), same.end(), [](const Same& a, const Same& b) {
    if (a.equipment != b.equipment) return a.equipment < b.equipment;
    return a.wh != b.wh ? a.wh < b.wh : a.ref < b.ref;
  });
  std::vector<std::pair<size_t, size_t>> groups;  // [first, last) in `same`
  for (size_t i = 0; i < same.size();) {
    size_t j = i;
    while (j < same.size() && same[j].equipment == same[i].equipment && same[j].wh == same[i].wh)
      ++j;
    if (static_cast<int>(j - i) >= p.repeat_count) groups.emplace_back(i, j);
    i = j;
  }
  if (!groups.empty()) {
    std::vector<int64_t> refs;
    for (const auto& [first, last] : groups)
      for (size_t k = first; k < last; ++k) refs.push_back(same[k].ref);
    const auto seq = seqs(refs);
    for (const auto& [first, last] : groups) {
      std::string list;
      for (size_t k = first; k < last; ++k) {
        auto it = seq.find(same[k].ref);
        list += (list.empty() ? "" : "、") + (it == seq.end() ? std::string() : it->second);
      }
      out.push_back({same[last - 1].ref,
                     {"repeated_energy",
                      {{"EquipmentID", equipment_.Name(same[first].equipment)},
                       {"TotalPower", Num(static_cast<double>(same[first].wh) / 1000.0, 3)},
                       {"orders", std::to_string(last - first)},
                       {"same_energy_orders", list}}}});
    }
  }
  // rate_outlier: energy per minute against the median of the peer group.
  std::map<int32_t, std::vector<double>> rates;
  for (const auto& e : entries_)
    if (e.minutes >= 10 && e.group >= 0) rates[e.group].push_back(e.energy / e.minutes);
  std::map<int32_t, double> medians;
  for (auto& [group, list] : rates) {
    if (static_cast<int>(list.size()) < p.min_peer_orders) continue;
    auto mid = list.begin() + static_cast<std::ptrdiff_t>(list.size() / 2);
    std::nth_element(list.begin(), mid, list.end());
    if (*mid > 0) medians[group] = *mid;
  }
  for (const auto& e : entries_) {
    if (e.minutes < 10 || e.group < 0) continue;
    auto m = medians.find(e.group);
    if (m == medians.end()) continue;
    const double median = m->second, rate = e.energy / e.minutes;
    if (rate <= p.outlier_ratio * median) continue;
    out.push_back(
        {e.ref,
         {"rate_outlier",
          {{"EquipmentID", e.equipment >= 0 ? equipment_.Name(e.equipment) : std::string()},
           {"energy_per_minute", Num(rate)},
           {"peer_median", Num(median) + "（" + groups_.Name(e.group) + "，" +
                               std::to_string(rates.at(e.group).size()) + " 笔）"},
           {"ratio", Num(rate / median, 2)},
           {"computation", Num(rate) + " > " + Num(p.outlier_ratio, 2) + " × " + Num(median)}}}});
  }
  return out;
}

// ---- rule 6: station balance

void StationTotals::Add(int64_t order_ref, std::string_view station, std::string_view day,
                        double energy_kwh) {
  key_.assign(station);
  key_ += '\x1f';
  key_ += day;
  auto it = days_.find(std::string_view(key_));
  if (it == days_.end()) it = days_.emplace(key_, Day{}).first;
  Day& d = it->second;
  d.sum += energy_kwh;
  ++d.count;
  if (energy_kwh > d.largest) d.largest = energy_kwh, d.largest_ref = order_ref;
}

std::vector<std::pair<int64_t, RuleFinding>> StationTotals::Findings(
    const std::vector<StationEnergy>& metered, const RuleParams& p) const {
  std::vector<std::pair<int64_t, RuleFinding>> out;
  for (const auto& m : metered) {
    if (m.energy_kwh < p.min_station_energy_kwh) continue;
    auto it = days_.find(m.station + '\x1f' + m.day);
    if (it == days_.end()) continue;
    const Day& d = it->second;
    const double high = m.energy_kwh * (1 + p.balance_tolerance);
    const double low = m.energy_kwh * (1 - p.max_station_loss);
    if (d.sum <= high + 1e-9 && d.sum >= low - 1e-9) continue;
    const bool over = d.sum > high;
    out.push_back({d.largest_ref,
                   {"station_balance",
                    {{"StationID", m.station_id},
                     {"day", m.day},
                     {"orders", std::to_string(d.count)},
                     {"Σ TotalPower", Num(d.sum, 3)},
                     {"StationElectricity", Num(m.energy_kwh, 3)},
                     {"ratio", Num(d.sum / m.energy_kwh, 3)},
                     {"computation", over ? Num(d.sum, 3) + " > " + Num(m.energy_kwh, 3) + " × " +
                                                Num(1 + p.balance_tolerance, 2)
                                          : Num(d.sum, 3) + " < " + Num(m.energy_kwh, 3) + " × " +
                                                Num(1 - p.max_station_loss, 2)}}}});
  }
  return out;
}

}  // namespace mvis::domain
