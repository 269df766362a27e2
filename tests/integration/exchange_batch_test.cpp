// A batch run of the charge-order rules judges every order of its period again with what is
// known now (the registry, the platform's inventory), reads an order stored without its facts
// from its body, keeps each alert once per order and rule, and runs from the command line too.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "exchange_fixture.hpp"
#include "services/exchange/exchange_service.hpp"

namespace mvis::testing {
namespace {

TEST_F(ExchangeTest, BatchRunJudgesEveryOrderWithWhatIsKnownNow) {
  Peer p = Open();
  const std::string token = Token(p);
  auto order = [&](const json& o) {
    ASSERT_EQ(Send(p, "notification_charge_order_info", o, token).first["Ret"], 0);
  };
  // Orders that arrive before the charger is filed and before the platform reports it.
  order(Order("A", "EQVT1-1-1", "10:00", "11:00", 7.0));       // clean
  order(Order("B", "EQVT1-1-1", "11:00", "12:00", 5.0, 0.5));  // TotalMoney off by 0.5
  order(Order("C", "EQVT1-1-1", "12:00", "13:00", 9.0));       // 9 kWh in an hour
  Client jiangan = SignIn("jiangan");
  auto seqs = [&](const std::string& rule) {
    std::vector<std::string> out;
    const json page = jiangan.Get("/api/v1/alerts?page_size=100&rule=" + rule).json();
    for (const auto& a : page["items"]) out.push_back(a["start_charge_seq"]);
    std::ranges::sort(out);
    return out;
  };
  EXPECT_TRUE(seqs("money_split").empty()) << "no district known yet: not in 江岸区's queue";
  EXPECT_EQ(Count("charge_alerts"), 4);  // unfiled × 3 (no district) and B's money_split

  Filed(1);  // EQVT1-1 in 江岸区, 7 kW, approved, never verified
  ASSERT_EQ(Send(p, "notification_stationInfo", Station({Equipment("EQVT1-1", 2, 7)}), token)
                .first["Ret"],
            0);
  auto started = jiangan.Post("/api/v1/alert-runs", {{"from", "2026-12-01"}, {"to", "2026-12-01"}});
  ASSERT_EQ(started.status, 202) << started.body;
  json run;
  for (int i = 0; i < 200 && run.is_null(); ++i) {
    const json runs = jiangan.Get("/api/v1/alert-runs").json();
    for (const auto& r : runs["items"])
      if (r["id"] == started.json()["id"] && r["status"] != "running") run = r;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(run.is_null());
  EXPECT_EQ(run["status"], "done") << run.dump();
  EXPECT_EQ(run["orders"], 3);
  EXPECT_EQ(run["alerts"], 4) << "unverified × 3 and C over the rated power, now both known";
  EXPECT_EQ(seqs("charger_unverified"), (std::vector<std::string>{"A", "B", "C"}));
  // The orders and their arrival alerts get the district now known: in 江岸区's queue.
  EXPECT_EQ(seqs("money_split"), std::vector<std::string>{"B"});
  EXPECT_EQ(seqs("charger_unfiled"), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_orders WHERE region_code = "
                   "'420102' AND equipment_id = 'EQVT1-1'"),
            3);
  EXPECT_EQ(seqs("energy_over_rated"), std::vector<std::string>{"C"});
  const json over = jiangan.Get("/api/v1/alerts?rule=energy_over_rated").json();
  EXPECT_EQ(over["items"][0]["equipment_id"], "EQVT1-1");
  EXPECT_EQ(over["items"][0]["evidence"].back()[1],
            "7.0 kW × 1.0000 h × 1.10 = 7.7000 kWh < 9.0000 kWh");

  // Orders stored before their facts were kept are read from their bodies: B's money split and
  // C's energy are found again once their alerts are gone.
  ASSERT_TRUE(runtime_->db().Write([&](store::Tx& tx) -> Status {
    tx.Exec("UPDATE charge_orders SET facts = NULL");
    tx.Exec("DELETE FROM charge_alerts WHERE rule IN ('money_split', 'energy_over_rated')");
    return {};
  }));
  auto again = runtime_->exchange().RunRulesNow("2026-12-01", "2026-12-01");
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->orders, 3);
  EXPECT_EQ(again->alerts, 2);
  EXPECT_EQ(again->placed, 0) << "placed by the first run";
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM audit_log WHERE action = "
                   "'charge_alert.run' AND username = '命令行'"),
            1)
      << "the run from the command line";
  EXPECT_EQ(seqs("money_split"), std::vector<std::string>{"B"});
  EXPECT_EQ(runtime_->exchange().RunRulesNow("2026-12-01", "2026-12-01")->alerts, 0)
      << "once per order and rule";
  EXPECT_EQ(runtime_->exchange().RunRulesNow("2026-12-02", "2026-12-02")->orders, 0);
  auto too_long = runtime_->exchange().RunRulesNow("2026-11-01", "2026-12-05");
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().code, "period_too_long");
}

}  // namespace
}  // namespace mvis::testing
