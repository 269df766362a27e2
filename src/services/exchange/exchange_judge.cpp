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
// certificate revoked), failed, or its certificate expired. (The filing's current state: the
// state at StartTime is not kept.)
std::optional<domain::RuleFinding> RegistryFinding(const store::OrderCharger& c,
                                                   const domain::ChargeOrder& o) {
  const std::string day = o.start.substr(0, 10);
  if (!c.filed) return domain::RuleFinding{"charger_unfiled", {{"EquipmentID", c.equipment_id}}};
  if (c.verification_state == "never" || c.verification_state == "revoked")
    return domain::RuleFinding{
        "charger_unverified",
        {{"EquipmentID", c.equipment_id}, {"verification_state", c.verification_state}}};
  if (c.verification_state == "failed")
    return domain::RuleFinding{"charger_failed", {{"EquipmentID", c.equipment_id}}};
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

std::vector<std::optional<int>> exchange_internal::StoreAndJudgeMany(
    store::Tx& tx, const std::vector<ArrivingOrder>& orders, int64_t now) {
  // Their chargers in one go, then the orders, then each stored order's neighbours on its
  // connector, then the alerts: a few statements whatever the count.
  std::vector<store::ChargerWanted> wanted;
  for (const auto& a : orders)
    wanted.push_back({a.operator_ref, a.order.equipment_id, a.order.connector_id});
  const auto directory = store::LoadChargerDirectory(tx, wanted);
  std::vector<store::OrderCharger> chargers;
  std::vector<std::pair<int64_t, store::StoredOrder>> rows;
  for (const auto& a : orders) {
    const auto& o = a.order;
    chargers.push_back(directory.Find(a.operator_ref, o.equipment_id, o.connector_id));
    const auto& c = chargers.back();
    store::StoredOrder stored{
        o.start_charge_seq, o.connector_id, c.equipment_id,     o.start,      o.end,
        c.region_code,      a.body,         o.total_energy_kwh, o.total_money};
    stored.facts = domain::EncodeOrderFacts(o);
    rows.emplace_back(a.operator_ref, std::move(stored));
  }
  const auto ids = store::InsertChargeOrders(tx, rows, now);  // nullopt: sent before

  // An order is compared with the orders stored before it: those of earlier transactions and
  // those earlier in this batch (as if they had arrived one by one).
  std::unordered_map<int64_t, size_t> position;  // order id → its place in `orders`
  std::vector<store::OverlapProbe> probes;
  std::vector<size_t> probed;
  for (size_t i = 0; i < orders.size(); ++i) {
    if (!ids[i]) continue;
    position[*ids[i]] = i;
    const auto& o = orders[i].order;
    probes.push_back({orders[i].operator_ref, o.connector_id, o.start, o.end});
    probed.push_back(i);
  }
  const auto neighbours = store::OverlappingOrderSpans(tx, probes);

  const domain::RuleParams params;
  std::vector<std::optional<int>> out(orders.size());
  std::vector<store::ChargeAlertRow> alerts;
  for (size_t p = 0; p < probed.size(); ++p) {
    const size_t i = probed[p];
    const auto& a = orders[i];
    const auto& order = a.order;
    auto findings = JudgeOrder(order, chargers[i], *a.tariffs, a.operator_ref, params);
    std::vector<domain::ChargeOrder> same_connector{order};
    for (const auto& n : neighbours[p]) {
      auto at = position.find(n.id);
      if (at != position.end() && at->second >= i) continue;  // itself, or after it
      domain::ChargeOrder other;
      other.start_charge_seq = n.start_charge_seq;
      other.connector_id = order.connector_id;
      other.start = n.start_time;
      other.end = n.end_time;
      same_connector.push_back(std::move(other));
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
  store::InsertChargeAlerts(tx, alerts);
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
