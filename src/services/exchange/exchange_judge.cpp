// Judging one charge order: the rules on one order with its charger (also used by the batch
// runs), and an arriving order stored once and judged in its transaction. See
// exchange_internal.hpp.
#include <nlohmann/json.hpp>

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

std::optional<int> exchange_internal::StoreAndJudge(store::Tx& tx, int64_t operator_ref,
                                                    const domain::ChargeOrder& order,
                                                    const json& data,
                                                    const std::vector<domain::Tariff>& tariffs,
                                                    int64_t now) {
  const auto charger =
      store::FindOrderCharger(tx, operator_ref, order.equipment_id, order.connector_id);
  store::StoredOrder stored{order.start_charge_seq,
                            order.connector_id,
                            charger.equipment_id,
                            order.start,
                            order.end,
                            charger.region_code,
                            data.dump(),
                            order.total_energy_kwh,
                            order.total_money};
  stored.facts = domain::EncodeOrderFacts(order);
  auto id = store::InsertChargeOrder(tx, operator_ref, stored, now);
  if (!id) return std::nullopt;  // sent before: stored once, judged once
  const domain::RuleParams params;
  auto findings = JudgeOrder(order, charger, tariffs, operator_ref, params);
  std::vector<domain::ChargeOrder> same_connector{order};
  for (const auto& body :
       store::OverlappingOrders(tx, operator_ref, order.connector_id, order.start, order.end, *id))
    same_connector.push_back(OrderFromJson(json::parse(body, nullptr, false)));
  for (auto& f : domain::CheckOverlaps(same_connector))
    if (f.evidence.size() > 1 && (f.evidence[1].second == order.start_charge_seq ||
                                  f.evidence[3].second == order.start_charge_seq))
      findings.push_back(std::move(f));
  for (const auto& f : findings) {
    store::ChargeAlertRow alert;
    alert.order_ref = *id;
    alert.rule = f.rule;
    alert.equipment_id = charger.equipment_id;
    alert.start_charge_seq = order.start_charge_seq;
    alert.region_code = charger.region_code;
    alert.evidence = EvidenceJson(f);
    alert.status = "open";
    alert.created_at = now;
    store::InsertChargeAlert(tx, alert);
  }
  return static_cast<int>(findings.size());
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
