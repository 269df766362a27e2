// Judging one charge order: the rules on one order with its charger (also used by the batch
// runs), and an arriving order stored once and judged in its transaction. See
// exchange_internal.hpp.
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "domain/charge_order_batch.hpp"
#include "exchange/tcec_codec.hpp"
#include "services/exchange/exchange_internal.hpp"

namespace mvis::services {

using json = nlohmann::json;
namespace tcec = exchange::tcec;
using namespace exchange_internal;

namespace {

// Rule 4, the registry at the order's start: the charger not filed, never verified (or its
// certificate revoked), failed, or its certificate expired. `c` says how the registry stood at
// StartTime (store::ChargerDirectory::Find); expiry is judged on the order's day.
std::optional<domain::RuleFinding> RegistryFinding(const store::OrderCharger& c,
                                                   const domain::ChargeOrder& o) {
  const std::string day = o.start.substr(0, 10);
  if (!c.filed)
    return domain::RuleFinding{"charger_unfiled",
                               {{"EquipmentID", c.equipment_id}, {"StartTime", o.start}}};
  if (c.verification_state == "never" || c.verification_state == "revoked")
    return domain::RuleFinding{"charger_unverified",
                               {{"EquipmentID", c.equipment_id},
                                {"verification_state", c.verification_state},
                                {"StartTime", o.start}}};
  if (c.verification_state == "failed")
    return domain::RuleFinding{"charger_failed",
                               {{"EquipmentID", c.equipment_id}, {"StartTime", o.start}}};
  if (c.verification_state == "passed" && !c.valid_until.empty() && c.valid_until < day)
    return domain::RuleFinding{
        "charger_expired",
        {{"EquipmentID", c.equipment_id}, {"valid_until", c.valid_until}, {"StartTime", o.start}}};
  return std::nullopt;
}

}  // namespace

std::vector<domain::RuleFinding> exchange_internal::JudgeOrder(
    const domain::ChargeOrder& order, const store::OrderCharger& charger,
    const std::vector<domain::Tariff>& tariffs, int64_t operator_ref,
    const domain::RuleParams& params) {
  auto findings = domain::CheckArithmetic(order, params);
  for (auto& f : domain::CheckPhysical(order, charger.rated_power_kw, params))
    findings.push_back(std::move(f));
  if (auto f = RegistryFinding(charger, order)) findings.push_back(std::move(*f));
  for (auto& f : domain::CheckTariff(order, tariffs, operator_ref, charger.station_id, params))
    findings.push_back(std::move(f));
  return findings;
}

std::string exchange_internal::EvidenceJson(const domain::RuleFinding& finding) {
  json evidence = json::array();
  for (const auto& [name, value] : finding.evidence) evidence.push_back({name, value});
  return evidence.dump();
}

exchange_internal::JudgingLookups exchange_internal::SendJudgingLookups(
    store::Tx& tx, const std::vector<ArrivingOrder>& orders) {
  std::vector<store::ChargerWanted> wanted;
  std::vector<store::OverlapProbe> probes;
  for (const auto& a : orders) {
    wanted.push_back({a.operator_ref, a.order.equipment_id, a.order.connector_id, a.order.start});
    probes.push_back({a.operator_ref, a.order.connector_id, a.order.start, a.order.end});
  }
  return {store::SendChargerDirectory(tx, wanted), store::SendOverlappingOrderSpans(tx, probes)};
}

std::vector<std::optional<int>> exchange_internal::StoreAndJudgeMany(
    store::Tx& tx, const std::vector<ArrivingOrder>& orders, int64_t now) {
  const auto lookups = SendJudgingLookups(tx, orders);
  return StoreAndJudgeMany(tx, orders, now, lookups);
}

std::vector<std::optional<int>> exchange_internal::StoreAndJudgeMany(
    store::Tx& tx, const std::vector<ArrivingOrder>& orders, int64_t now,
    const JudgingLookups& lookups) {
  // The chargers and the orders stored before on the same connectors (looked up before this
  // batch's orders are stored), then the orders, then the alerts: a few statements whatever the
  // count, in three round trips on PostgreSQL (lookups, orders, alerts with the commit).
  const auto directory = store::TakeChargerDirectory(tx, lookups.directory);
  const auto stored_before = store::TakeOverlappingOrderSpans(tx, lookups.spans);
  std::vector<store::OrderCharger> chargers;
  std::vector<size_t> inserted;  // positions in `orders` of the orders offered for storing
  std::vector<std::pair<int64_t, store::StoredOrder>> rows;
  for (size_t i = 0; i < orders.size(); ++i) {
    const auto& a = orders[i];
    const auto& o = a.order;
    chargers.push_back(directory.Find(a.operator_ref, o.equipment_id, o.connector_id, o.start));
    if (!a.wanted) continue;
    const auto& c = chargers.back();
    store::StoredOrder stored{
        o.start_charge_seq, o.connector_id, c.equipment_id,     o.start,      o.end,
        c.region_code,      a.body,         o.total_energy_kwh, o.total_money};
    stored.facts = domain::EncodeOrderFacts(o);
    rows.emplace_back(a.operator_ref, std::move(stored));
    inserted.push_back(i);
  }
  const auto new_ids = store::InsertChargeOrders(tx, rows, now);  // nullopt: sent before
  std::vector<std::optional<int64_t>> ids(orders.size());
  for (size_t r = 0; r < inserted.size(); ++r) ids[inserted[r]] = new_ids[r];

  const domain::RuleParams params;
  std::vector<std::optional<int>> out(orders.size());
  std::vector<store::ChargeAlertRow> alerts;
  for (size_t i = 0; i < orders.size(); ++i) {
    if (!ids[i]) continue;
    const auto& a = orders[i];
    const auto& order = a.order;
    auto findings = JudgeOrder(order, chargers[i], *a.tariffs, a.operator_ref, params);
    // Its connector's orders: those stored before the batch, and those stored earlier in it
    // (as if they had arrived one by one), as the lookup would have found them.
    std::vector<domain::ChargeOrder> same_connector{order};
    for (const auto& n : stored_before[i]) {
      domain::ChargeOrder other;
      other.start_charge_seq = n.start_charge_seq;
      other.connector_id = order.connector_id;
      other.start = n.start_time;
      other.end = n.end_time;
      same_connector.push_back(std::move(other));
    }
    const auto from = domain::OrderSeconds(order.start);
    const std::string earliest =
        from ? domain::OrderTimeText(*from - store::kMaxOrderHours * 3600) : order.start;
    for (size_t j = 0; j < i; ++j) {
      const auto& b = orders[j];
      if (!ids[j] || b.operator_ref != a.operator_ref ||
          b.order.connector_id != order.connector_id || b.order.start < earliest ||
          b.order.start >= order.end || b.order.end <= order.start)
        continue;
      same_connector.push_back(b.order);
    }
    for (auto& f : domain::CheckOverlaps(same_connector))
      if (f.evidence.size() > 1 && (f.evidence[1].second == order.start_charge_seq ||
                                    f.evidence[3].second == order.start_charge_seq))
        findings.push_back(std::move(f));
    for (const auto& f : findings) {
      store::ChargeAlertRow alert;
      alert.order_ref = *ids[i];
      alert.rule = f.rule;
      alert.equipment_id = chargers[i].equipment_id;
      alert.start_charge_seq = order.start_charge_seq;
      alert.region_code = chargers[i].region_code;
      alert.evidence = EvidenceJson(f);
      alert.status = "open";
      alert.created_at = now;
      alerts.push_back(std::move(alert));
    }
    out[i] = static_cast<int>(findings.size());
  }
  store::InsertChargeAlerts(tx, alerts);  // sent with the commit
  return out;
}

std::optional<int> exchange_internal::StoreAndJudge(store::Tx& tx, int64_t operator_ref,
                                                    const domain::ChargeOrder& order,
                                                    const json& data,
                                                    const std::vector<domain::Tariff>& tariffs,
                                                    int64_t now) {
  return StoreAndJudgeMany(tx, {{operator_ref, order, data.dump(), &tariffs}}, now)[0];
}

std::expected<domain::ChargeOrder, std::string> exchange_internal::ValidOrder(const json& data) {
  if (tcec::Member(data, {"StartChargeSeq"}) == nullptr)
    return std::unexpected("缺少 StartChargeSeq");
  domain::ChargeOrder order = OrderFromJson(data);
  if (order.start_charge_seq.empty() || order.connector_id.empty() ||
      !domain::OrderSeconds(order.start) || !domain::OrderSeconds(order.end))
    return std::unexpected("订单缺少 StartChargeSeq、ConnectorID 或起止时间");
  return order;
}

}  // namespace mvis::services
