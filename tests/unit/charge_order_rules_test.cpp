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

}  // namespace
}  // namespace mvis::domain
