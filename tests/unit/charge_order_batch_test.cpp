// The batch forms of the charge-order rules: the facts kept beside an order read back to the
// same order, and the period-wide collectors find what the rules over whole lists find.
#include "domain/charge_order_batch.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

ChargeOrder TwoPeriods() {
  ChargeOrder o;
  o.start = "2026-12-01 10:00:00";
  o.end = "2026-12-01 11:30:00";
  o.periods = {{"2026-12-01 10:00:00", "2026-12-01 11:00:00", 0.4, 0.6, 40.0, 16.0, 24.0},
               {"2026-12-01 11:00:00", "2026-12-01 11:30:00", 1.0 / 3.0, 0.6, 20.125, 0.1, 12.0}};
  o.elec_money = 16.1;
  o.service_money = 36.0000001;
  o.sum_period = 2;
  return o;
}

TEST(ChargeOrderBatch, FactsReadBackToTheSameOrderExactly) {
  const auto o = TwoPeriods();
  const auto facts = EncodeOrderFacts(o);
  ASSERT_TRUE(facts);
  ChargeOrder back;
  ASSERT_TRUE(DecodeOrderFacts(*facts, back));
  EXPECT_EQ(back.elec_money, o.elec_money);
  EXPECT_EQ(back.service_money, o.service_money);
  EXPECT_EQ(back.sum_period, 2);
  ASSERT_EQ(back.periods.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back.periods[i].start, o.periods[i].start);
    EXPECT_EQ(back.periods[i].end, o.periods[i].end);
    EXPECT_EQ(back.periods[i].elec_price, o.periods[i].elec_price);  // 1/3 to the last bit
    EXPECT_EQ(back.periods[i].service_price, o.periods[i].service_price);
    EXPECT_EQ(back.periods[i].energy_kwh, o.periods[i].energy_kwh);
    EXPECT_EQ(back.periods[i].elec_money, o.periods[i].elec_money);
    EXPECT_EQ(back.periods[i].service_money, o.periods[i].service_money);
  }
  // The rules judge the read-back order as the original.
  auto judged = [](const ChargeOrder& order) {
    std::vector<std::string> rules;
    for (const auto& f : CheckArithmetic(order, RuleParams{})) rules.push_back(f.rule);
    return rules;
  };
  back.start = o.start;
  back.end = o.end;
  EXPECT_EQ(judged(back), judged(o));
  EXPECT_FALSE(judged(o).empty());  // the order is not clean: the comparison means something
}

TEST(ChargeOrderBatch, OrderWithoutPeriodsAndMalformedTimesKeepTheirText) {
  ChargeOrder o;
  o.sum_period = 3;
  auto facts = EncodeOrderFacts(o);
  ASSERT_TRUE(facts);
  ChargeOrder back;
  back.periods.push_back({});
  ASSERT_TRUE(DecodeOrderFacts(*facts, back));
  EXPECT_TRUE(back.periods.empty());
  EXPECT_EQ(back.sum_period, 3);
  o.periods = {{"2026-12-01 10:00", "", 0, 0, 0, 0, 0}};  // malformed: kept as sent
  ASSERT_TRUE(DecodeOrderFacts(*EncodeOrderFacts(o), back));
  EXPECT_EQ(back.periods.at(0).start, "2026-12-01 10:00");
  EXPECT_EQ(back.periods.at(0).end, "");
}

TEST(ChargeOrderBatch, SeparatorsInATimeLeaveTheOrderToItsBody) {
  for (const char* bad : {"2026-12-01 10:00:00;", "a|b", "1,2"}) {
    auto o = TwoPeriods();
    o.periods[1].end = bad;
    EXPECT_FALSE(EncodeOrderFacts(o)) << bad;
  }
}

TEST(ChargeOrderBatch, ForeignFactsAreRefused) {
  ChargeOrder o;
  for (const char* bad : {"", "2;1;1;1;", "1;1;1;1", "1;x;1;1;", "1;1;1;1.5;", "1;1;1;1;a,b",
                          "1;1;1;1;a,b,1,1,1,1,z", "1;1;1;1;a,b,1,1,1,1,1|"})
    EXPECT_FALSE(DecodeOrderFacts(bad, o)) << bad;
}

TEST(ChargeOrderBatch, SpansFindEveryOverlapOnAConnectorAndNoneAcross) {
  ConnectorSpans spans;
  spans.Add(1,
            "7\x1f"
            "EQ1-1",
            "2026-12-01 10:00:00", "2026-12-01 11:30:00");
  spans.Add(2,
            "7\x1f"
            "EQ1-1",
            "2026-12-01 11:29:59", "2026-12-01 12:00:00");  // overlaps 1
  spans.Add(3,
            "7\x1f"
            "EQ1-1",
            "2026-12-01 12:00:00", "2026-12-01 12:30:00");  // touches 2
  spans.Add(4,
            "8\x1f"
            "EQ1-1",
            "2026-12-01 10:00:00", "2026-12-01 11:00:00");  // other operator
  spans.Add(5,
            "7\x1f"
            "EQ1-2",
            "2026-12-01 10:30:00", "2026-12-01 11:00:00");  // other connector
  spans.Add(6,
            "7\x1f"
            "EQ1-1",
            "2026-12-01 10:10:00", "2026-12-01 10:10:00");  // no duration
  std::vector<int64_t> asked;
  auto found = spans.Findings([&](const std::vector<int64_t>& refs) {
    asked = refs;
    return std::unordered_map<int64_t, std::string>{{1, "S1"}, {2, "S2"}};
  });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first, 2);  // on the later order
  const auto& e = found[0].second.evidence;
  EXPECT_EQ(found[0].second.rule, "connector_overlap");
  EXPECT_EQ(e[0].second, "EQ1-1");
  EXPECT_EQ(e[1].second, "S1");
  EXPECT_EQ(e[2].second, "2026-12-01 10:00:00 — 2026-12-01 11:30:00");
  EXPECT_EQ(e[3].second, "S2");
  EXPECT_EQ(asked, (std::vector<int64_t>{1, 2}));
}

TEST(ChargeOrderBatch, NoSeqsAreAskedForWithoutFindings) {
  ConnectorSpans spans;
  OrderStatistics stats;
  for (int i = 0; i < 5; ++i) {
    spans.Add(i, "c", OrderTimeText(i * 3600), OrderTimeText(i * 3600 + 1800));
    stats.Add(i, "EQ1", "M", 10.0 + i, 30);
  }
  auto never = [](const std::vector<int64_t>&) -> std::unordered_map<int64_t, std::string> {
    ADD_FAILURE() << "asked for seqs";
    return {};
  };
  EXPECT_TRUE(spans.Findings(never).empty());
  EXPECT_TRUE(stats.Findings(RuleParams{}, never).empty());
}

TEST(ChargeOrderBatch, StatisticsNameTheRepeatedOrdersInOrder) {
  OrderStatistics stats;
  stats.Add(9, "EQ1", "", 12.3451, 30);
  stats.Add(3, "EQ1", "", 12.345, 30);
  stats.Add(5, "EQ2", "", 12.345, 30);  // another charger
  stats.Add(4, "EQ1", "", 12.3449, 30);
  auto found = stats.Findings(RuleParams{}, [](const std::vector<int64_t>& refs) {
    std::unordered_map<int64_t, std::string> out;
    for (auto r : refs) out[r] = "S" + std::to_string(r);
    return out;
  });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first, 9);  // on the last order
  EXPECT_EQ(found[0].second.evidence[3].second, "S3、S4、S9");
}

}  // namespace
}  // namespace mvis::domain
