// Anti-cheating rules over one charge order (计量作弊线索; T/CEC 102 ChargeOrderInfo): the
// order's own arithmetic and its physical plausibility against the charger's rated power. Each
// rule is named, its tolerances are data (RuleParams), and a finding carries the evidence — the
// values it compared and the computation — so a regulator can check it by hand. A rule with
// nothing to judge by (no details, no rated power) finds nothing. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
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
  double energy_tolerance_kwh = 0.01;  // Σ period energy vs TotalPower
  double money_tolerance_yuan = 0.01;  // sums of money, and money vs price × energy per period
  double rated_power_margin = 1.10;    // energy may exceed rated power × duration by 10 %
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

// "yyyy-MM-dd HH:mm:ss" as seconds since 1970 (the time zone does not matter for differences);
// nullopt when malformed.
std::optional<int64_t> OrderSeconds(const std::string& text);

}  // namespace mvis::domain
