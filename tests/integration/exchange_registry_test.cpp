// Rule 4 judges an order by the registry as it stood at the order's StartTime, not as it stands
// when the rule runs: on arrival (an order resent days later) and in a batch run over a past
// period alike. The history is kept by triggers on both databases (migration 0031).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "exchange_fixture.hpp"
#include "services/exchange/exchange_service.hpp"

namespace mvis::testing {
namespace {

class RegistryAtStartTest : public ExchangeTest {
 protected:
  // "seq rule" of every registry alert, by StartChargeSeq.
  std::vector<std::string> RegistryAlerts() {
    auto rows = runtime_->db().Read([](store::Tx& tx) -> Result<std::vector<std::string>> {
      std::vector<std::string> out;
      for (const auto& r :
           tx.Query("SELECT start_charge_seq, rule FROM charge_alerts WHERE rule LIKE 'charger_%' "
                    "ORDER BY start_charge_seq, rule"))
        out.push_back(r.Str(0) + " " + r.Str(1));
      return out;
    });
    EXPECT_TRUE(rows.has_value());
    return rows ? *rows : std::vector<std::string>{};
  }
};

TEST_F(RegistryAtStartTest, OrdersAreJudgedByTheRegistryAtTheirStartTime) {
  // 11-29 20:00: EQVT1-1 filed, not verified; EQVT2-1 filed and verified.
  const int64_t verified_later = Filed(1)[0];  // EQVT1-1
  const int64_t revoked_later = Filed(1)[0];   // EQVT2-1
  const std::string number =
      Verified(Scheduled({revoked_later}), revoked_later)["certificate"]["number"];
  Peer p = Open();
  ASSERT_EQ(Send(p, "notification_stationInfo",
                 Station({Equipment("EQVT1-1", 2, 7), Equipment("EQVT2-1", 2, 7),
                          Equipment("EQ-LATE-1", 2, 7)}),
                 Token(p))
                .first["Ret"],
            0);
  auto send = [&](const std::string& token, const json& order) {
    auto [reply, data] = Send(p, "notification_charge_order_info", order, token);
    ASSERT_EQ(reply["Ret"], 0) << reply.dump();
    EXPECT_EQ(data["ConfirmResult"], 0);
  };

  // 12-01 14:00: the day's orders arrive.
  clock_->Set(1796104800);
  std::string token = Token(p);
  send(token, Order("A1", "EQVT1-1-1", "10:00", "11:00", 5.0));    // filed, never verified
  send(token, Order("B1", "EQVT2-1-1", "10:00", "11:00", 5.0));    // verified: clean
  send(token, Order("C1", "EQ-LATE-1-1", "10:00", "11:00", 5.0));  // not filed
  EXPECT_EQ(RegistryAlerts(),
            (std::vector<std::string>{"A1 charger_unverified", "C1 charger_unfiled"}));

  // 12-03 10:00: EQVT1-1 verified, EQVT2-1's certificate revoked, EQ-LATE-1 filed.
  clock_->Set(1796263200);
  ReSignIn();
  Verified(Scheduled({verified_later}), verified_later);
  ASSERT_EQ(approver_
                ->Post("/api/v1/certificates/" + number + "/revoke",
                       {{"reason", "检定数据有误"}, {"password", kDemoPassword}})
                .status,
            200);
  json late = Charger("-LATE-1");  // EquipmentID EQ-LATE-1
  late["submit"] = true;
  ASSERT_EQ(enterprise_->Post("/api/v1/instruments", late).status, 201);

  // Orders of 12-01 resent late are judged as the registry stood on 12-01 (the writer reads the
  // history of a charger that changed since the order started); orders from now on by the
  // registry now.
  token = Token(p);
  send(token, Order("A2", "EQVT1-1-1", "13:00", "14:00", 5.0));
  send(token, Order("B2", "EQVT2-1-1", "13:00", "14:00", 5.0));
  send(token, Order("C2", "EQ-LATE-1-1", "13:00", "14:00", 5.0));
  send(token, Order("A3", "EQVT1-1-1", "10:00", "10:30", 2.0, 0, "2026-12-03"));
  send(token, Order("B3", "EQVT2-1-1", "10:00", "10:30", 2.0, 0, "2026-12-03"));
  send(token, Order("C3", "EQ-LATE-1-1", "10:00", "10:30", 2.0, 0, "2026-12-03"));
  const std::vector<std::string> expected{"A1 charger_unverified", "A2 charger_unverified",
                                          "B3 charger_unverified", "C1 charger_unfiled",
                                          "C2 charger_unfiled",    "C3 charger_unverified"};
  EXPECT_EQ(RegistryAlerts(), expected)
      << "A verified and B revoked on 12-03, C filed on 12-03: nothing on B1, B2 or A3";
  const json a2 = SignIn("jiangan").Get("/api/v1/alerts?rule=charger_unverified").json();
  bool evidence = false;
  for (const auto& a : a2["items"])
    if (a["start_charge_seq"] == "A2")
      evidence = a["evidence"].dump().find("2026-12-01 13:00:00") != std::string::npos &&
                 a["evidence"].dump().find("never") != std::string::npos;
  EXPECT_TRUE(evidence) << "the evidence names the StartTime judged at and the state then";

  // A batch run over the period finds the same from the history, though EQVT1-1 is verified and
  // EQVT2-1 revoked now.
  ASSERT_TRUE(runtime_->db().Write([](store::Tx& tx) -> Status {
    tx.Exec("DELETE FROM charge_alerts WHERE rule LIKE 'charger_%'");
    return {};
  }));
  auto run = runtime_->exchange().RunRulesNow("2026-12-01", "2026-12-03");
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->orders, 9);
  EXPECT_EQ(run->alerts, 6);
  EXPECT_EQ(RegistryAlerts(), expected);

  // The history the batch read: one step per change, whatever service made it.
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charger_registry_steps WHERE equipment_id = 'EQVT2-1'"),
            4)
      << "submitted, approved, passed, revoked";
}

}  // namespace
}  // namespace mvis::testing
