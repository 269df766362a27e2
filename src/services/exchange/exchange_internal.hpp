// Helpers shared by the exchange service's files.
#pragma once

#include <cstddef>
#include <expected>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/charge_order_rules.hpp"
#include "store/exchange_store.hpp"

namespace mvis::services::exchange_internal {

// The audit rows' user for what the server's operator does at the command line (no one signed in).
inline constexpr char kCommandLine[] = "命令行";

// `n` characters of [0-9A-Za-z] from the system's CSPRNG (secrets, tokens).
std::string RandomText(size_t n);
std::string Sha256Hex(std::string_view text);
// ChargeOrderInfo as CEC peers send it (any key case; the "Sevice" spellings too).
domain::ChargeOrder OrderFromJson(const nlohmann::json& order);

// A member under any of `names` (any key case) as text (numbers printed), or as a number (digits
// in a string read too); "" / nullopt when absent or of another type.
std::string TextOf(const nlohmann::json& object, std::initializer_list<std::string_view> names);
std::optional<double> NumberOf(const nlohmann::json& object,
                               std::initializer_list<std::string_view> names);

// A StationInfo (notification_stationInfo, or a page of query_stations_info) with its
// EquipmentInfos; the error (Chinese, as carried in Msg) when StationID or an EquipmentID is
// missing. The district is the caller's to set (AreaCode when it is a known district).
struct StationRecord {
  store::PlatformStation station;
  std::vector<store::PlatformEquipment> equipment;
  void SetRegion(const std::string& region_code);
};
std::expected<StationRecord, std::string> ReadStationInfo(const nlohmann::json& info);

// The rules on one order with its charger: arithmetic (1), time-of-use tariff (2), physical
// plausibility without the overlaps (3), the registry (4). Overlaps need other orders.
std::vector<domain::RuleFinding> JudgeOrder(const domain::ChargeOrder& order,
                                            const store::OrderCharger& charger,
                                            const std::vector<domain::Tariff>& tariffs,
                                            int64_t operator_ref, const domain::RuleParams& params);
// A finding's evidence as kept on the alert: [[name, value], …].
std::string EvidenceJson(const domain::RuleFinding& finding);

// A ChargeOrderInfo fit to be stored: StartChargeSeq, ConnectorID and both times well formed;
// the reason (Chinese, as carried in Msg) otherwise.
std::expected<domain::ChargeOrder, std::string> ValidOrder(const nlohmann::json& data);
// Stores `order` (as received: `data`) once per operator and StartChargeSeq and, the first time,
// judges it by the arrival rules (with `tariffs`) and keeps their alerts: how many; nullopt when
// the order was stored before.
std::optional<int> StoreAndJudge(store::Tx& tx, int64_t operator_ref,
                                 const domain::ChargeOrder& order, const nlohmann::json& data,
                                 const std::vector<domain::Tariff>& tariffs, int64_t now);
// An order arriving with others (the ingest's writer, the bulk path).
struct ArrivingOrder {
  int64_t operator_ref = 0;
  domain::ChargeOrder order;
  std::string body;                            // as received (its JSON)
  const std::vector<domain::Tariff>* tariffs;  // its operator's
  bool wanted = true;  // false: not to be stored after all (its envelope was not kept)
};
// What a batch of arriving orders is judged by (their chargers, the orders already stored on
// their connectors): sent at once (Tx::Send), so that on PostgreSQL the lookups share a round
// trip with the batch's next statement waited for.
struct JudgingLookups {
  store::PendingChargerDirectory directory;
  store::PendingOrderSpans spans;
};
JudgingLookups SendJudgingLookups(store::Tx& tx, const std::vector<ArrivingOrder>& orders);
// StoreAndJudge for many orders in a few statements, as if they had arrived one by one in this
// order (an order's overlaps are looked for among those before it): per order, how many alerts,
// or nullopt when it was stored before (or earlier in `orders`) or is not wanted. `lookups`:
// SendJudgingLookups for the same `orders`, sent earlier in the transaction.
std::vector<std::optional<int>> StoreAndJudgeMany(store::Tx& tx,
                                                  const std::vector<ArrivingOrder>& orders,
                                                  int64_t now, const JudgingLookups& lookups);
std::vector<std::optional<int>> StoreAndJudgeMany(store::Tx& tx,
                                                  const std::vector<ArrivingOrder>& orders,
                                                  int64_t now);

// A T/CEC OperatorID: 9 digits or upper-case letters (the organisation code in a credit code).
bool IsOperatorId(const std::string& s);
// An agreed secret: 16 visible ASCII characters.
bool IsSecret(const std::string& s);

}  // namespace mvis::services::exchange_internal
