// Anti-cheating rules over one charge order (计量作弊线索; T/CEC 102 ChargeOrderInfo): the
// order's own arithmetic and its physical plausibility against the charger's rated power. Each
// rule is named, its tolerances are data (RuleParams), and a finding carries the evidence — the
// values it compared and the computation — so a regulator can check it by hand. A rule with
// nothing to judge by (no details, no rated power) finds nothing. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mvis::domain {

// One time-of-use period of an order (ChargeDetails).
struct OrderPeriod {
  std::string start, end;                    // "yyyy-MM-dd HH:mm:ss"
  double elec_price = 0, service_price = 0;  // yuan per kWh
  double energy_kwh = 0;                     // DetailPower
  double elec_money = 0, service_money = 0;  // DetailElecMoney, DetailSeviceMoney
};

struct ChargeOrder {
  std::string start_charge_seq, connector_id, equipment_id;
  std::string start, end;                                     // "yyyy-MM-dd HH:mm:ss"
  double total_energy_kwh = 0;                                // TotalPower
  double elec_money = 0, service_money = 0, total_money = 0;  // TotalElecMoney, …
  int sum_period = 0;                                         // SumPeriod
  std::vector<OrderPeriod> periods;
};

// Tolerances of the rules (the defaults are the documented ones; docs/exchange.md).
struct RuleParams {
  double energy_tolerance_kwh = 0.01;     // Σ period energy vs TotalPower
  double money_tolerance_yuan = 0.01;     // sums of money, and money vs price × energy per period
  double rated_power_margin = 1.10;       // energy may exceed rated power × duration by 10 %
  double tariff_tolerance_yuan = 0.0001;  // ElecPrice vs the tariff band's price
  int repeat_count = 3;                   // identical energies on one charger
  double min_repeat_energy_kwh = 1.0;
  double outlier_ratio = 1.5;  // energy per minute vs the peer group's median
  int min_peer_orders = 20;
  // Rule 6: Σ order energy of a station's day against its metered energy. Orders may bill at
  // most `balance_tolerance` more than the station's meter supplied; the station's losses
  // (transformer, cables, the chargers' own use) may take at most `max_station_loss` of it.
  double balance_tolerance = 0.01;
  double max_station_loss = 0.10;
  double min_station_energy_kwh = 10;  // smaller days are not judged
};

struct RuleFinding {
  std::string rule;                                           // stable name, e.g. "energy_sum"
  std::vector<std::pair<std::string, std::string>> evidence;  // name → value, in order
};

// Rule 1, arithmetic:
//   energy_sum     Σ period energy = TotalPower
//   money_sum      Σ period elec / service money = TotalElecMoney / TotalServiceMoney
//   money_split    TotalElecMoney + TotalServiceMoney = TotalMoney
//   period_money   each period's money ≈ its price × its energy
//   period_tiling  the periods follow each other without gap or overlap from StartTime to EndTime
//   period_count   SumPeriod = the number of periods
std::vector<RuleFinding> CheckArithmetic(const ChargeOrder& order, const RuleParams& params);

// Rule 3, physical plausibility:
//   energy_without_time  energy > 0 in no time (EndTime ≤ StartTime)
//   energy_over_rated    energy > rated power × duration × margin (only with a rated power)
std::vector<RuleFinding> CheckPhysical(const ChargeOrder& order,
                                       std::optional<double> rated_power_kw,
                                       const RuleParams& params);

// Rule 3, orders overlapping in time on one connector (the same ConnectorID): the pairs, as
// connector_overlap findings naming both StartChargeSeqs.
std::vector<RuleFinding> CheckOverlaps(const std::vector<ChargeOrder>& orders_of_one_connector);

// Rule 2, a published time-of-use tariff (分时电价表): bands tiling the day, each with its
// electricity price, effective from one date (to another, "" open), for every operator
// (operator_ref 0), one operator, or one of its stations (station_id).
struct TariffBand {
  int start_minute = 0, end_minute = 0;  // [start, end) in minutes of the day, end ≤ 1440
  double elec_price = 0;                 // yuan per kWh
};
struct Tariff {
  int64_t id = 0, operator_ref = 0;
  std::string station_id;                    // "" every station of the operator
  std::string effective_from, effective_to;  // yyyy-MM-dd; to "" open
  std::vector<TariffBand> bands;
};
// Bands must tile 00:00–24:00 in order, without gap or overlap, prices in [0, 10].
bool TariffBandsValid(const std::vector<TariffBand>& bands);
// The tariff that governs `station_id` of `operator_ref` on `day`: the station's own, else the
// operator's, else the one for all operators (the latest effective_from among those effective).
const Tariff* GoverningTariff(const std::vector<Tariff>& tariffs, int64_t operator_ref,
                              const std::string& station_id, const std::string& day);
//   tariff_mismatch  a period's ElecPrice differs from the band of its clock time (beyond the
//                    price tolerance), or the period spans two bands (it should have been split)
// Nothing without a governing tariff for the period's day.
std::vector<RuleFinding> CheckTariff(const ChargeOrder& order, const std::vector<Tariff>& tariffs,
                                     int64_t operator_ref, const std::string& station_id,
                                     const RuleParams& params);

// Rule 5, statistics over many orders (a batch run over a period):
struct OrderStat {
  int64_t order_ref = 0;
  std::string start_charge_seq, equipment_id, peer_group;  // peer_group: manufacturer + model
  double energy_kwh = 0;
  double minutes = 0;
};
//   repeated_energy  one charger's orders with the same energy (to 0.001 kWh, at least
//                    `min_repeat_energy_kwh`) `repeat_count` times or more: one finding naming
//                    them all, on the last order
//   rate_outlier     an order whose energy per minute exceeds `outlier_ratio` × the median of
//                    its peer group (chargers of one manufacturer and model; at least
//                    `min_peer_orders` orders of at least 10 minutes)
// Findings come with the order they belong to.
std::vector<std::pair<int64_t, RuleFinding>> CheckStatistics(const std::vector<OrderStat>& orders,
                                                             const RuleParams& params);

// Rule 6, station balance (where the platform supplies a station's metered energy for a day,
// query_station_stats):
struct StationOrder {
  int64_t order_ref = 0;
  std::string station, day;  // station: any key unique across operators; day: yyyy-MM-dd
  double energy_kwh = 0;
};
struct StationEnergy {
  std::string station, station_id, day;  // station_id as the platform names it (evidence)
  double energy_kwh = 0;
};
//   station_balance  Σ TotalPower of the orders starting that day at the station above its
//                    metered energy × (1 + `balance_tolerance`) (billed more than was supplied),
//                    or below it × (1 − `max_station_loss`) (energy supplied that no order
//                    accounts for: orders withheld, or chargers not reported); days with less
//                    than `min_station_energy_kwh` metered are not judged. One finding per
//                    station and day, on its order with the most energy (none without orders).
std::vector<std::pair<int64_t, RuleFinding>> CheckStationBalance(
    const std::vector<StationOrder>& orders, const std::vector<StationEnergy>& metered,
    const RuleParams& params);

// The rule's name in Chinese (for texts a person reads: an inspection's basis), "其他异常" when
// unknown; an evidence key's label in Chinese, "其他" when unknown.
std::string_view RuleNameZh(std::string_view rule);
std::string_view EvidenceLabelZh(std::string_view key);

// "yyyy-MM-dd HH:mm:ss" as seconds since 1970 (the time zone does not matter for differences);
// nullopt when malformed.
std::optional<int64_t> OrderSeconds(const std::string& text);
// The inverse: seconds since 1970 as "yyyy-MM-dd HH:mm:ss".
std::string OrderTimeText(int64_t seconds);

}  // namespace mvis::domain
