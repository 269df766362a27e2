// Anti-cheating rules over one charge order, each at and around its threshold: a clean order
// finds nothing; every planted anomaly is found by its rule and only by it.
#include "domain/charge_order_rules.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

// A clean two-period order: 10:00–11:00 valley 0.4 + 0.6 yuan/kWh, 11:00–11:30 peak 1.0 + 0.6.
ChargeOrder Clean() {
  ChargeOrder o;
  o.start_charge_seq = "MA4K1234520261201100000001";
  o.connector_id = "EQ1-1";
  o.equipment_id = "EQ1";
  o.start = "2026-12-01 10:00:00";
  o.end = "2026-12-01 11:30:00";
  o.periods = {{"2026-12-01 10:00:00", "2026-12-01 11:00:00", 0.4, 0.6, 40.0, 16.0, 24.0},
               {"2026-12-01 11:00:00", "2026-12-01 11:30:00", 1.0, 0.6, 20.0, 20.0, 12.0}};
  o.total_energy_kwh = 60.0;
  o.elec_money = 36.0;
  o.service_money = 36.0;
  o.total_money = 72.0;
  o.sum_period = 2;
  return o;
}

std::vector<std::string> Rules(const std::vector<RuleFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule);
  return out;
}

const RuleParams kParams;

TEST(ChargeOrderRules, CleanOrderFindsNothing) {
  EXPECT_TRUE(CheckArithmetic(Clean(), kParams).empty());
  EXPECT_TRUE(CheckPhysical(Clean(), 60.0, kParams).empty());
}

TEST(ChargeOrderRules, EnergySumAtItsTolerance) {
  auto o = Clean();
  o.total_energy_kwh = 60.01;  // at the tolerance: accepted
  EXPECT_TRUE(CheckArithmetic(o, kParams).empty());
  o.total_energy_kwh = 60.02;
  EXPECT_EQ(Rules(CheckArithmetic(o, kParams)), std::vector<std::string>{"energy_sum"});
}

TEST(ChargeOrderRules, MoneySplitAndSums) {
  auto o = Clean();
  o.total_money = 72.01;
  EXPECT_TRUE(CheckArithmetic(o, kParams).empty());
  o.total_money = 72.02;
  EXPECT_EQ(Rules(CheckArithmetic(o, kParams)), std::vector<std::string>{"money_split"});
  o = Clean();
  o.service_money = 40.0;  // billed more service than the periods add up to
  o.total_money = 76.0;
  EXPECT_EQ(Rules(CheckArithmetic(o, kParams)), std::vector<std::string>{"money_sum"});
}

TEST(ChargeOrderRules, PeriodMoneyIsPriceTimesEnergy) {
  auto o = Clean();
  o.periods[1].elec_money = 20.01;  // at the tolerance
  o.elec_money = 36.01;
  o.total_money = 72.01;
  EXPECT_TRUE(CheckArithmetic(o, kParams).empty());
  o.periods[1].elec_money = 21.0;  // 1.0 × 20 = 20, billed 21
  o.elec_money = 37.0;
  o.total_money = 73.0;
  auto findings = CheckArithmetic(o, kParams);
  ASSERT_EQ(Rules(findings), std::vector<std::string>{"period_money"});
  EXPECT_EQ(findings[0].evidence[0].second, "2（2026-12-01 11:00:00 — 2026-12-01 11:30:00）");
}

TEST(ChargeOrderRules, PeriodsMustTileTheOrder) {
  auto o = Clean();
  o.periods[1].start = "2026-12-01 11:00:01";  // a one-second gap
  EXPECT_EQ(Rules(CheckArithmetic(o, kParams)), std::vector<std::string>{"period_tiling"});
  o = Clean();
  o.periods[1].start = "2026-12-01 10:59:59";  // overlap
  EXPECT_EQ(Rules(CheckArithmetic(o, kParams)), std::vector<std::string>{"period_tiling"});
  o = Clean();
  o.end = "2026-12-01 11:31:00";  // the last period stops before the order does
  EXPECT_EQ(Rules(CheckArithmetic(o, kParams)), std::vector<std::string>{"period_tiling"});
  o = Clean();
  o.periods[0].start = "2026-12-01 10:00";  // malformed
  EXPECT_EQ(Rules(CheckArithmetic(o, kParams)), std::vector<std::string>{"period_tiling"});
}

TEST(ChargeOrderRules, SumPeriodCountsThePeriods) {
  auto o = Clean();
  o.sum_period = 3;
  EXPECT_EQ(Rules(CheckArithmetic(o, kParams)), std::vector<std::string>{"period_count"});
}

TEST(ChargeOrderRules, WithoutPeriodsOnlyTheTotalsAreJudged) {
  auto o = Clean();
  o.periods.clear();
  o.sum_period = 0;
  EXPECT_TRUE(CheckArithmetic(o, kParams).empty());
}

TEST(ChargeOrderRules, EnergyAgainstRatedPowerAndTime) {
  auto o = Clean();  // 60 kWh in 1.5 h
  // 40 kW × 1.5 h × 1.10 = 66 kWh ≥ 60: plausible; 36 kW gives 59.4 < 60: not.
  EXPECT_TRUE(CheckPhysical(o, 40.0, kParams).empty());
  auto findings = CheckPhysical(o, 36.0, kParams);
  ASSERT_EQ(Rules(findings), std::vector<std::string>{"energy_over_rated"});
  EXPECT_EQ(findings[0].evidence.back().second,
            "36.0 kW × 1.5000 h × 1.10 = 59.4000 kWh < 60.0000 kWh");
  // Exactly at the limit: accepted.
  EXPECT_TRUE(CheckPhysical(o, 60.0 / 1.5 / 1.10, kParams).empty());
  // No rated power known: nothing to judge by.
  EXPECT_TRUE(CheckPhysical(o, std::nullopt, kParams).empty());
}

TEST(ChargeOrderRules, EnergyNeedsTime) {
  auto o = Clean();
  o.end = o.start;
  EXPECT_EQ(Rules(CheckPhysical(o, 60.0, kParams)),
            std::vector<std::string>{"energy_without_time"});
  o.total_energy_kwh = 0;
  EXPECT_TRUE(CheckPhysical(o, 60.0, kParams).empty());
}

TEST(ChargeOrderRules, OverlappingOrdersOnOneConnector) {
  auto a = Clean(), b = Clean(), c = Clean();
  b.start_charge_seq = "B";
  b.start = "2026-12-01 11:29:59";  // one second before a ends
  b.end = "2026-12-01 12:00:00";
  c.start_charge_seq = "C";
  c.start = "2026-12-01 12:00:00";  // starts when b ends: no overlap
  c.end = "2026-12-01 12:30:00";
  auto findings = CheckOverlaps({c, b, a});
  ASSERT_EQ(Rules(findings), std::vector<std::string>{"connector_overlap"});
  EXPECT_EQ(findings[0].evidence[1].second, a.start_charge_seq);
  EXPECT_EQ(findings[0].evidence[3].second, "B");
}

TEST(ChargeOrderRules, OrderTimesAreStrict) {
  EXPECT_EQ(*OrderSeconds("1970-01-02 00:00:01"), 86401);
  EXPECT_FALSE(OrderSeconds("2026-13-01 00:00:00"));
  EXPECT_FALSE(OrderSeconds("2026-12-01T00:00:00"));
  EXPECT_FALSE(OrderSeconds("2026-12-01 00:00:00 "));
}

TEST(ChargeOrderRules, OrderTimesRoundTrip) {
  for (const char* t :
       {"2026-12-01 10:00:00", "2024-02-29 23:59:59", "1999-12-31 00:00:00", "2100-03-01 12:34:56"})
    EXPECT_EQ(OrderTimeText(*OrderSeconds(t)), t);
  EXPECT_EQ(OrderTimeText(*OrderSeconds("2026-03-01 01:00:00") - 2 * 3600), "2026-02-28 23:00:00");
}

// The clean order's tariff: valley 0.4 until 11:00, peak 1.0 until 15:00, flat 0.7 after.
Tariff Tou(int64_t id = 1, int64_t operator_ref = 0, const std::string& station = "",
           const std::string& from = "2026-01-01", double peak = 1.0) {
  return {id, operator_ref, station, from, "", {{0, 660, 0.4}, {660, 900, peak}, {900, 1440, 0.7}}};
}

TEST(ChargeOrderRules, TariffBandsMustTileTheDay) {
  EXPECT_TRUE(TariffBandsValid(Tou().bands));
  EXPECT_FALSE(TariffBandsValid({{0, 600, 0.4}, {660, 1440, 1.0}}));  // a gap
  EXPECT_FALSE(TariffBandsValid({{0, 700, 0.4}, {660, 1440, 1.0}}));  // an overlap
  EXPECT_FALSE(TariffBandsValid({{0, 1380, 0.4}}));                   // short of 24:00
  EXPECT_FALSE(TariffBandsValid({{0, 1440, -0.1}}));
  EXPECT_FALSE(TariffBandsValid({}));
}

TEST(ChargeOrderRules, TariffPriceAtItsTolerance) {
  const std::vector<Tariff> tariffs{Tou()};
  EXPECT_TRUE(CheckTariff(Clean(), tariffs, 7, "ST1", kParams).empty());
  auto o = Clean();
  o.periods[1].elec_price = 1.0001;  // at the tolerance
  EXPECT_TRUE(CheckTariff(o, tariffs, 7, "ST1", kParams).empty());
  o.periods[1].elec_price = 1.2;  // peak billed above the published price
  auto f = CheckTariff(o, tariffs, 7, "ST1", kParams);
  ASSERT_EQ(Rules(f), std::vector<std::string>{"tariff_mismatch"});
  EXPECT_EQ(f[0].evidence[1], (std::pair<std::string, std::string>{"ElecPrice", "1.2000"}));
  EXPECT_EQ(f[0].evidence[2], (std::pair<std::string, std::string>{"tariff_price", "1.0000"}));
  // No governing tariff (not yet effective): nothing to judge by.
  EXPECT_TRUE(CheckTariff(o, {Tou(1, 0, "", "2026-12-02")}, 7, "ST1", kParams).empty());
}

TEST(ChargeOrderRules, TariffPeriodSpanningTwoBands) {
  auto o = Clean();
  o.periods[0].end = "2026-12-01 11:05:00";  // the valley period runs into the peak band
  o.periods[1].start = "2026-12-01 11:05:00";
  auto f = CheckTariff(o, {Tou()}, 7, "ST1", kParams);
  ASSERT_EQ(Rules(f), std::vector<std::string>{"tariff_mismatch"});
  EXPECT_EQ(f[0].evidence.back().first, "computation");
}

TEST(ChargeOrderRules, TheMostSpecificEffectiveTariffGoverns) {
  const std::vector<Tariff> tariffs{Tou(1), Tou(2, 7, "", "2026-01-01", 1.1),
                                    Tou(3, 7, "ST1", "2026-06-01", 1.2),
                                    Tou(4, 7, "ST1", "2027-01-01", 1.3), Tou(5, 8)};
  EXPECT_EQ(GoverningTariff(tariffs, 7, "ST1", "2026-12-01")->id, 3);
  EXPECT_EQ(GoverningTariff(tariffs, 7, "ST2", "2026-12-01")->id, 2);
  EXPECT_EQ(GoverningTariff(tariffs, 9, "ST1", "2026-12-01")->id, 1);
  EXPECT_EQ(GoverningTariff(tariffs, 7, "ST1", "2027-02-01")->id, 4);
  EXPECT_EQ(GoverningTariff(tariffs, 7, "ST1", "2025-12-31"), nullptr);
}

std::vector<OrderStat> Peers(int n, const std::string& group = "X/AC7") {
  std::vector<OrderStat> out;
  for (int i = 0; i < n; ++i)  // 0.10 kWh per minute, energies all different
    out.push_back({i + 1, "S" + std::to_string(i), "EQ" + std::to_string(i % 5), group,
                   6.0 + i * 0.01, 60.0 + i * 0.1});
  return out;
}

TEST(ChargeOrderRules, RepeatedEnergyFromItsCount) {
  auto orders = Peers(10);
  for (int64_t ref : {101, 102})
    orders.push_back({ref, "R" + std::to_string(ref), "EQ9", "", 12.345, 60});
  EXPECT_TRUE(CheckStatistics(orders, kParams).empty()) << "twice is not yet a pattern";
  orders.push_back({103, "R103", "EQ9", "", 12.345, 61});
  orders.push_back({104, "R104", "EQ8", "", 12.345, 61});  // another charger
  auto f = CheckStatistics(orders, kParams);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first, 103);
  EXPECT_EQ(f[0].second.rule, "repeated_energy");
  EXPECT_EQ(f[0].second.evidence[2].second, "3");
  EXPECT_EQ(f[0].second.evidence[3].second, "R101、R102、R103");
  // Below the minimum energy, repeats are ordinary (short top-ups).
  std::vector<OrderStat> small;
  for (int64_t ref = 1; ref <= 5; ++ref) small.push_back({ref, "T", "EQ1", "", 0.5, 10});
  EXPECT_TRUE(CheckStatistics(small, kParams).empty());
}

TEST(ChargeOrderRules, RateOutlierAgainstThePeerMedian) {
  auto orders = Peers(20);
  EXPECT_TRUE(CheckStatistics(orders, kParams).empty());
  orders[0].energy_kwh = 0.1 * 1.5 * orders[0].minutes;  // just at 1.5 × median: accepted
  EXPECT_TRUE(CheckStatistics(orders, kParams).empty());
  orders[0].energy_kwh = 0.2 * orders[0].minutes;  // twice the median
  auto f = CheckStatistics(orders, kParams);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first, 1);
  EXPECT_EQ(f[0].second.rule, "rate_outlier");
  // Too few peers: no median to judge by.
  auto few = Peers(19);
  few[0].energy_kwh = 0.3 * few[0].minutes;
  EXPECT_TRUE(CheckStatistics(few, kParams).empty());
}

// Rule 6: a station's day of 100 kWh metered; orders may bill up to 101 kWh and must account
// for at least 90 kWh.
TEST(ChargeOrderRules, StationBalanceAtBothBounds) {
  const std::vector<StationEnergy> metered = {{"1/S1", "S1", "2026-12-01", 100.0}};
  auto orders = [](double first, double second) {
    return std::vector<StationOrder>{{1, "1/S1", "2026-12-01", first},
                                     {2, "1/S1", "2026-12-01", second},
                                     {3, "1/S1", "2026-12-02", 500.0},   // another day
                                     {4, "2/S1", "2026-12-01", 500.0}};  // another operator's S1
  };
  EXPECT_TRUE(CheckStationBalance(orders(60, 41), metered, kParams).empty()) << "101: at the bound";
  EXPECT_TRUE(CheckStationBalance(orders(60, 30), metered, kParams).empty()) << "90: at the bound";
  auto over = CheckStationBalance(orders(60, 41.5), metered, kParams);
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(over[0].first, 1) << "on the order with the most energy";
  EXPECT_EQ(over[0].second.rule, "station_balance");
  EXPECT_EQ(over[0].second.evidence[3].second, "101.500");
  EXPECT_EQ(over[0].second.evidence[4].second, "100.000");
  auto under = CheckStationBalance(orders(20, 69.5), metered, kParams);
  ASSERT_EQ(under.size(), 1u);
  EXPECT_EQ(under[0].first, 2);
  EXPECT_NE(under[0].second.evidence.back().second.find(" < "), std::string::npos);
  // Nothing to judge by: no meter reading for the day, a small day, or no orders at all.
  EXPECT_TRUE(CheckStationBalance(orders(1, 1), {}, kParams).empty());
  EXPECT_TRUE(
      CheckStationBalance(orders(1, 1), {{"1/S1", "S1", "2026-12-01", 9.0}}, kParams).empty());
  EXPECT_TRUE(CheckStationBalance({}, metered, kParams).empty());
}

}  // namespace
}  // namespace mvis::domain
