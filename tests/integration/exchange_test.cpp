// T/CEC 102 exchange end to end over HTTP: the sysadmin opens the exchange for an enterprise, the
// platform asks for a token and reports stations, connector status and charge orders, replays and
// tampered envelopes are refused, orders are reconciled (check_charge_orders), secrets rotate and
// accounts disable, and the bureaus see the unfiled charger and the mismatch in their district
// only; a bulk file of orders is stored and judged like notifications. The regulators' side of the
// findings is in exchange_triage_test.cpp.
#include <algorithm>
#include <map>
#include <sstream>
#include <thread>

#include "exchange_fixture.hpp"
#include "services/exchange/exchange_service.hpp"

namespace mvis::testing {
namespace {

TEST_F(ExchangeTest, SysadminOpensTheExchangeOnce) {
  Peer p = Open();
  EXPECT_EQ(p.operator_id.size(), 9u);
  EXPECT_EQ(p.operator_secret.size(), 16u);
  const int64_t org = enterprise_->Get("/api/v1/me").json()["org"]["id"];
  Client admin = Admin();
  auto again = admin.Post("/api/v1/admin/tcec-operators", {{"org_id", org}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json()["error"]["code"], "operator_exists");
  auto bad = admin.Post("/api/v1/admin/tcec-operators",
                        {{"org_id", org}, {"operator_id", "X2"}, {"sig_secret", "short"}});
  EXPECT_EQ(bad.status, 400);
  auto list = admin.Get("/api/v1/admin/tcec-operators").json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_FALSE(list["items"][0].contains("sig_secret"));
  EXPECT_EQ(enterprise_->Post("/api/v1/admin/tcec-operators", {{"org_id", org}}).status, 403);
  EXPECT_EQ(SignIn("city").Get("/api/v1/admin/tcec-operators").status, 403);
  // The secrets are kept sealed, never in plain text.
  auto sealed = runtime_->db().Read([](store::Tx& tx) -> Result<std::string> {
    return tx.QueryOne("SELECT secrets_sealed FROM tcec_operators")->Str(0);
  });
  EXPECT_EQ(sealed->find(p.secrets.sig_secret), std::string::npos);
}

TEST_F(ExchangeTest, TokensEnvelopesAndReplays) {
  Peer p = Open();
  auto [wrong, wrong_data] = Send(
      p, "query_token", {{"OperatorID", p.operator_id}, {"OperatorSecret", "0000000000000000"}});
  EXPECT_EQ(wrong["Ret"], 0);
  EXPECT_EQ(wrong_data["SuccStat"], 1);
  EXPECT_EQ(wrong_data["FailReason"], 2);
  const std::string token = Token(p);

  const json station = Station({Equipment("EQ-UNFILED-1", 2, 7)});
  EXPECT_EQ(Send(p, "notification_stationInfo", station).first["Ret"], 4002);  // no token
  EXPECT_EQ(Send(p, "notification_stationInfo", station, "not-a-token").first["Ret"], 4002);

  auto envelope = tcec::Request(p.operator_id, p.secrets, station.dump(), clock_->Now(), 77);
  auto [ok, ok_data] = SendRaw(p, "notification_stationInfo", envelope.dump(), token);
  EXPECT_EQ(ok["Ret"], 0) << ok.dump();
  EXPECT_EQ(ok_data["Status"], 0);
  // The same envelope again is a replay; a changed signature fails before decryption.
  EXPECT_EQ(SendRaw(p, "notification_stationInfo", envelope.dump(), token).first["Ret"], 4003);
  envelope["Sig"] = std::string(32, '0');
  EXPECT_EQ(SendRaw(p, "notification_stationInfo", envelope.dump(), token).first["Ret"], 4001);
  // An unknown operator: refused, unsigned.
  Peer stranger = p;
  stranger.operator_id = "ZZZZZZZZZ";
  auto [unknown, _] = Send(stranger, "query_token", {{"OperatorID", "ZZZZZZZZZ"}});
  EXPECT_EQ(unknown["Ret"], 4003);
  EXPECT_EQ(unknown["Sig"], "");
  // Business parameters: no StationID.
  EXPECT_EQ(Send(p, "notification_stationInfo", {{"StationInfo", {{"StationName", "x"}}}}, token)
                .first["Ret"],
            4004);
  // Accepted envelopes are kept as evidence: the wrong-secret and good token requests, the
  // station, the station without StationID is not (refused before anything was written).
  EXPECT_EQ(Count("tcec_envelopes"), 3);
}

TEST_F(ExchangeTest, ReconciliationFindsUnfiledAndMismatchedInTheDistrict) {
  auto ids = Filed(2);  // EQVT1-1 and EQVT2-1 in 江岸区, 7 kW AC, model AC7-V
  Peer p = Open();
  const std::string token = Token(p);
  const json station = Station({Equipment("EQVT1-1", 2, 7), Equipment("EQVT2-1", 2, 60, "DC60"),
                                Equipment("EQ-UNFILED-1", 1, 120, "DC120")});
  EXPECT_EQ(Send(p, "notification_stationInfo", station, token).first["Ret"], 0);
  // Sent again (a new envelope): stored once.
  EXPECT_EQ(Send(p, "notification_stationInfo", station, token).first["Ret"], 0);
  EXPECT_EQ(Count("platform_equipment"), 3);
  EXPECT_EQ(Count("platform_stations"), 1);

  Client jiangan = SignIn("jiangan");
  auto unfiled = jiangan.Get("/api/v1/reconciliation?kind=unfiled").json();
  ASSERT_EQ(unfiled["total"], 1) << unfiled.dump();
  EXPECT_EQ(unfiled["items"][0]["equipment_id"], "EQ-UNFILED-1");
  EXPECT_EQ(unfiled["items"][0]["region_code"], "420102");
  EXPECT_EQ(unfiled["items"][0]["platform"]["current"], "DC");
  EXPECT_EQ(unfiled["items"][0]["platform"]["power_kw"], 120.0);
  EXPECT_TRUE(unfiled["items"][0]["filed"].is_null());

  auto mismatch = jiangan.Get("/api/v1/reconciliation?kind=mismatch").json();
  ASSERT_EQ(mismatch["total"], 1) << mismatch.dump();
  EXPECT_EQ(mismatch["items"][0]["equipment_id"], "EQVT2-1");
  EXPECT_EQ(mismatch["items"][0]["differences"], json({"power", "model"}));
  EXPECT_EQ(mismatch["items"][0]["filed"]["instrument_id"], ids[1]);

  // Filed chargers of the connected enterprise the platform does not list (the demo's own).
  auto missing = jiangan.Get("/api/v1/reconciliation?kind=not_on_platform&page_size=200").json();
  for (const auto& it : missing["items"]) {
    EXPECT_NE(it["equipment_id"], "EQVT1-1");
    EXPECT_NE(it["equipment_id"], "EQVT2-1");
  }

  // Another district sees none of it; the city bureau all; an enterprise nothing.
  EXPECT_EQ(SignIn("wuchang").Get("/api/v1/reconciliation?kind=unfiled").json()["total"], 0);
  EXPECT_EQ(SignIn("city").Get("/api/v1/reconciliation?kind=unfiled").json()["total"], 1);
  EXPECT_EQ(
      SignIn("city").Get("/api/v1/reconciliation?kind=unfiled&region_code=420103").json()["total"],
      0);
  EXPECT_EQ(jiangan.Get("/api/v1/reconciliation?kind=unfiled&region_code=420103").status, 403);
  EXPECT_EQ(enterprise_->Get("/api/v1/reconciliation?kind=unfiled").status, 403);
  EXPECT_EQ(jiangan.Get("/api/v1/reconciliation?kind=all").status, 400);

  // Filing the unfiled charger clears the finding.
  json body = Charger("-UNFILED-1");  // EquipmentID EQ-UNFILED-1
  body["submit"] = true;
  ASSERT_EQ(enterprise_->Post("/api/v1/instruments", body).status, 201);
  EXPECT_EQ(jiangan.Get("/api/v1/reconciliation?kind=unfiled").json()["total"], 0);
}

TEST_F(ExchangeTest, ChargeOrdersAreStoredOnceAndJudgedByTheRules) {
  Filed(1);  // EQVT1-1 in 江岸区, 7 kW, approved, never verified
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_stationInfo",
                 Station({Equipment("EQVT1-1", 2, 7), Equipment("EQ-UNFILED-1", 2, 7)}), token)
                .first["Ret"],
            0);
  auto order = [&](const json& o) {
    auto [reply, data] = Send(p, "notification_charge_order_info", o, token);
    EXPECT_EQ(reply["Ret"], 0) << reply.dump();
    EXPECT_EQ(data["ConfirmResult"], 0);
    EXPECT_EQ(data["StartChargeSeq"], o["StartChargeSeq"]);
  };
  order(Order("A", "EQVT1-1-1", "10:00", "11:00", 7.0));        // clean; charger never verified
  order(Order("B", "EQ-UNFILED-1-1", "10:00", "11:00", 5.0));   // on an unfiled charger
  order(Order("C", "EQVT1-1-1", "11:30", "12:30", 30.0, 0.5));  // 30 kWh from 7 kW; money off
  order(Order("D", "EQVT1-1-1", "12:00", "12:45", 3.0));        // overlaps C on one connector
  order(Order("A", "EQVT1-1-1", "10:00", "11:00", 7.0));        // sent again
  EXPECT_EQ(Count("charge_orders"), 4);
  EXPECT_EQ(Send(p, "notification_charge_order_info", {{"ConnectorID", "x"}}, token).first["Ret"],
            4004);

  Client jiangan = SignIn("jiangan");
  EXPECT_EQ(Count("charge_alerts"), 7);                   // A 1, B 1, C 3, D 2
  std::map<std::string, std::vector<std::string>> found;  // rule → StartChargeSeqs
  const json alerts = jiangan.Get("/api/v1/alerts?page_size=100").json();
  for (const auto& a : alerts["items"])
    found[a["rule"].get<std::string>()].push_back(a["start_charge_seq"].get<std::string>());
  EXPECT_EQ(found["charger_unfiled"], std::vector<std::string>{"B"});
  EXPECT_EQ(found["charger_unverified"].size(), 3u);  // A, C, D (A once)
  EXPECT_EQ(found["energy_over_rated"], std::vector<std::string>{"C"});
  EXPECT_EQ(found["money_split"], std::vector<std::string>{"C"});
  EXPECT_EQ(found["connector_overlap"], std::vector<std::string>{"D"});
  EXPECT_EQ(found.size(), 5u) << "no other rule fires on these orders";

  auto over = jiangan.Get("/api/v1/alerts?rule=energy_over_rated").json();
  ASSERT_EQ(over["total"], 1);
  EXPECT_EQ(over["items"][0]["equipment_id"], "EQVT1-1");
  EXPECT_EQ(over["items"][0]["evidence"].back()[1],
            "7.0 kW × 1.0000 h × 1.10 = 7.7000 kWh < 30.0000 kWh");
  EXPECT_EQ(SignIn("wuchang").Get("/api/v1/alerts").json()["total"], 0);
  EXPECT_EQ(enterprise_->Get("/api/v1/alerts").status, 403);
}

// Two servers (or threads) receiving the same envelope at once: one accepts it, the others see a
// replay; two sysadmins opening the same exchange: one account.
TEST_F(ExchangeTest, ParallelDuplicatesAreAcceptedOnce) {
  const int64_t org = enterprise_->Get("/api/v1/me").json()["org"]["id"];
  std::vector<int> created(6, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      created[t] = Admin().Post("/api/v1/admin/tcec-operators", {{"org_id", org}}).status;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(std::count(created.begin(), created.end(), 201), 1);
  EXPECT_EQ(std::count(created.begin(), created.end(), 409), 5);
  EXPECT_EQ(Count("tcec_operators"), 1);

  auto admin = Admin();
  ASSERT_EQ(admin.Get("/api/v1/admin/tcec-operators").json()["items"].size(), 1u);
  // A second enterprise's account gives known secrets (entered, as pre-agreed with a peer).
  Client kuaichong = SignIn("kuaichong");
  const int64_t other = kuaichong.Get("/api/v1/me").json()["org"]["id"];
  auto opened = admin.Post("/api/v1/admin/tcec-operators", {{"org_id", other},
                                                            {"operator_secret", "0123456789abcdef"},
                                                            {"data_secret", "abcdef0123456789"},
                                                            {"data_secret_iv", "0011223344556677"},
                                                            {"sig_secret", "fedcba9876543210"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.json()["sig_secret"], "fedcba9876543210");
  Peer p{opened.json()["operator_id"],
         "0123456789abcdef",
         {"abcdef0123456789", "0011223344556677", "fedcba9876543210"}};
  const std::string token = Token(p);
  const std::string body =
      tcec::Request(p.operator_id, p.secrets, Station({Equipment("EQ-PAR-1", 2, 7)}).dump(),
                    clock_->Now(), 42)
          .dump();
  std::vector<int> rets(8, -2);
  threads.clear();
  for (int t = 0; t < 8; ++t)
    threads.emplace_back(
        [&, t] { rets[t] = SendRaw(p, "notification_stationInfo", body, token).first["Ret"]; });
  for (auto& th : threads) th.join();
  EXPECT_EQ(std::count(rets.begin(), rets.end(), 0), 1);
  EXPECT_EQ(std::count(rets.begin(), rets.end(), 4003), 7);
  EXPECT_EQ(Count("platform_equipment"), 1);
}

// notification_stationStatus keeps each connector's latest status; check_charge_orders answers
// with the orders that were not received or differ (DisputeReason 1–4).
TEST_F(ExchangeTest, StationStatusAndOrderReconciliation) {
  Filed(1);
  Peer p = Open();
  const std::string token = Token(p);
  auto status = [&](const json& info) {
    return Send(p, "notification_stationStatus", {{"ConnectorStatusInfo", info}}, token);
  };
  auto [ok, ok_data] = status({{"ConnectorID", "EQVT1-1-1"}, {"Status", 3}});
  EXPECT_EQ(ok["Ret"], 0) << ok.dump();
  EXPECT_EQ(ok_data["Status"], 0);
  EXPECT_EQ(status({{"connectorID", "EQVT1-1-1"}, {"status", 1}}).first["Ret"], 0);
  EXPECT_EQ(status({{"ConnectorID", "EQVT1-1-1"}, {"Status", "x"}}).first["Ret"], 4004);
  EXPECT_EQ(status({{"Status", 1}}).first["Ret"], 4004);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT status FROM platform_connector_status"), 1);
  EXPECT_EQ(Count("platform_connector_status"), 1);

  for (const auto& o : {Order("R1", "EQVT1-1-1", "10:00", "11:00", 7.0),
                        Order("R2", "EQVT1-1-1", "11:00", "12:00", 6.0),
                        Order("R3", "EQVT1-1-1", "12:00", "13:00", 5.0)})
    ASSERT_EQ(Send(p, "notification_charge_order_info", o, token).first["Ret"], 0);
  auto [reply, data] =
      Send(p, "check_charge_orders",
           {{"CheckOrderSeq", "CHK-20261201"},
            {"StartTime", "2026-12-01 00:00:00"},
            {"EndTime", "2026-12-01 23:59:59"},
            {"OrderCount", 5},
            {"TotalOrderPower", 30.0},
            {"TotalOrderMoney", 45.0},
            {"ChargeOrders",
             {{{"StartChargeSeq", "R1"}, {"TotalPower", 7.0}, {"TotalMoney", 10.5}},
              {{"StartChargeSeq", "R2"}, {"TotalPower", 6.0}, {"TotalMoney", 9.5}},
              {{"StartChargeSeq", "R3"}, {"TotalPower", 5.5}, {"TotalMoney", 7.5}},
              {{"startChargeSeq", "R4"}, {"TotalPower", 2.0}, {"TotalMoney", 3.0}},
              {{"StartChargeSeq", "R5"}, {"TotalPower", 9.5}, {"TotalMoney", 20}}}}},
           token);
  ASSERT_EQ(reply["Ret"], 0) << reply.dump();
  EXPECT_EQ(data["CheckOrderSeq"], "CHK-20261201");
  EXPECT_EQ(data["TotalDisputeOrder"], 4);
  std::map<std::string, int> reasons;
  for (const auto& d : data["DisputeOrders"]) reasons[d["StartChargeSeq"]] = d["DisputeReason"];
  EXPECT_EQ(reasons, (std::map<std::string, int>{{"R2", 2}, {"R3", 3}, {"R4", 1}, {"R5", 1}}));
  EXPECT_DOUBLE_EQ(data["TotalDisputePower"].get<double>(), 23.0);
  EXPECT_EQ(Send(p, "check_charge_orders", {{"CheckOrderSeq", "x"}}, token).first["Ret"], 4004);
}

// Rotation: new secrets shown once, the old ones and their tokens stop at once; a disabled
// account is refused until enabled; only the administrator may do either.
TEST_F(ExchangeTest, SecretsRotateAndAccountsDisable) {
  Peer p = Open();
  const std::string token = Token(p);
  Client admin = Admin();
  const int64_t id = admin.Get("/api/v1/admin/tcec-operators").json()["items"][0]["id"];
  const std::string base = "/api/v1/admin/tcec-operators/" + std::to_string(id);
  EXPECT_EQ(SignIn("jiangan").Post(base + "/rotate").status, 403);
  auto rotated = admin.Post(base + "/rotate");
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  const json v = rotated.json();
  EXPECT_EQ(v["operator_id"], p.operator_id);
  EXPECT_NE(v["sig_secret"], p.secrets.sig_secret);
  Peer fresh{v["operator_id"],
             v["operator_secret"],
             {v["data_secret"], v["data_secret_iv"], v["sig_secret"]}};
  EXPECT_EQ(Send(fresh, "notification_stationInfo", Station({}), token).first["Ret"], 4002)
      << "tokens of the old secrets are gone";
  const std::string new_token = Token(fresh);
  EXPECT_EQ(Send(fresh, "notification_stationInfo", Station({}), new_token).first["Ret"], 0);
  EXPECT_EQ(Send(p, "notification_stationInfo", Station({}), new_token).first["Ret"], 4001)
      << "the old signature secret no longer verifies";

  auto disabled = admin.Post(base + "/disable");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json()["status"], "disabled");
  EXPECT_EQ(admin.Post(base + "/disable").error_code(), "operator_disabled");
  EXPECT_EQ(Send(fresh, "notification_stationInfo", Station({}), new_token).first["Ret"], 4003);
  ASSERT_EQ(admin.Post(base + "/enable").status, 200);
  EXPECT_EQ(Send(fresh, "notification_stationInfo", Station({}), new_token).first["Ret"], 4002)
      << "disabling dropped the tokens";
  EXPECT_EQ(Send(fresh, "notification_stationInfo", Station({}), Token(fresh)).first["Ret"], 0);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM audit_log WHERE action LIKE "
                   "'platform.tcec_operator_%'"),
            4);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%" +
                                       v["sig_secret"].get<std::string>() + "%'"),
            0);
}

// A server remembers accounts and tokens between envelopes; what another server (here: the
// database behind this one's back) changes is seen by the very next envelope.
TEST_F(ExchangeTest, RememberedAccountsAndTokensAreConfirmedEachTime) {
  Peer p = Open();
  const std::string token = Token(p);
  auto send = [&](const std::string& t) {
    return Send(p, "notification_stationInfo", Station({}), t).first["Ret"].get<int>();
  };
  ASSERT_EQ(send(token), 0);
  ASSERT_EQ(send(token), 0);  // now from memory
  auto exec = [&](const std::string& sql) {
    ASSERT_TRUE(runtime_->db().Write([&](store::Tx& tx) -> Status {
      tx.Exec(sql);
      return {};
    }));
  };
  exec("UPDATE tcec_operators SET status = 'disabled'");
  EXPECT_EQ(send(token), 4003) << "disabled elsewhere";
  exec("UPDATE tcec_operators SET status = 'active'");
  EXPECT_EQ(send(token), 0);
  exec("DELETE FROM tcec_tokens");
  EXPECT_EQ(send(token), 4002) << "the token dropped elsewhere";
  const std::string again = Token(p);
  EXPECT_EQ(send(again), 0);
  exec("UPDATE tcec_tokens SET expires_at = 1");
  EXPECT_EQ(send(again), 4002) << "expired";
  // Rotated: the new secrets work at once, the old ones no longer.
  Client admin = Admin();
  const int64_t id = admin.Get("/api/v1/admin/tcec-operators").json()["items"][0]["id"];
  const json v =
      admin.Post("/api/v1/admin/tcec-operators/" + std::to_string(id) + "/rotate").json();
  Peer fresh{v["operator_id"],
             v["operator_secret"],
             {v["data_secret"], v["data_secret_iv"], v["sig_secret"]}};
  EXPECT_EQ(Send(p, "query_token", {{"OperatorID", p.operator_id}}).first["Ret"], 4001);
  const std::string fresh_token = Token(fresh);
  EXPECT_EQ(Send(fresh, "notification_stationInfo", Station({}), fresh_token).first["Ret"], 0);
}

// An operator's account is disabled, never deleted: its envelopes and orders (which on
// PostgreSQL do not check it with a foreign key, migration 0030) keep naming it.
TEST_F(ExchangeTest, AnOperatorAccountIsNeverDeleted) {
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_charge_order_info", Order("K1", "EQVT1-1-1", "10:00", "11:00", 5),
                 token)
                .first["Ret"],
            0);
  auto exec = [&](const std::string& sql) {
    return runtime_->db()
        .Write([&](store::Tx& tx) -> Status {
          tx.Exec(sql);
          return {};
        })
        .has_value();
  };
  ASSERT_TRUE(exec("DELETE FROM tcec_tokens"));
  EXPECT_FALSE(exec("DELETE FROM tcec_operators")) << "refused";
  EXPECT_EQ(Count("tcec_operators"), 1);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_orders o JOIN tcec_operators t ON t.id = "
                   "o.operator_ref"),
            1);
}

// The bulk path: a file of ChargeOrderInfo lines stored once and judged like notifications;
// malformed lines listed, the rest kept; the same file again stores nothing.
TEST_F(ExchangeTest, BulkFileOfOrdersIsStoredOnceAndJudged) {
  Filed(1);  // EQVT1-1 in 江岸区
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_stationInfo", Station({Equipment("EQVT1-1", 2, 7)}), token)
                .first["Ret"],
            0);
  json other_month = Order("F4", "EQVT1-1-1", "09:00", "10:00", 6.0);
  other_month["StartTime"] = "2026-11-30 09:00:00";
  other_month["EndTime"] = "2026-11-30 10:00:00";
  other_month["ChargeDetails"][0]["DetailStartTime"] = "2026-11-30 09:00:00";
  other_month["ChargeDetails"][0]["DetailEndTime"] = "2026-11-30 10:00:00";
  const std::string file = Order("F1", "EQVT1-1-1", "10:00", "11:00", 6.0).dump() + "\n" +
                           Order("F2", "EQVT1-1-1", "12:00", "13:00", 6.0, 0.5).dump() + "\r\n" +
                           Order("F1", "EQVT1-1-1", "10:00", "11:00", 6.0).dump() + "\n" +
                           "not json\n" + "\n" + R"({"StartChargeSeq":"F3","StartTime":"x"})" +
                           "\n" + other_month.dump() + "\n";
  auto& exchange = runtime_->exchange();
  std::istringstream in(file);
  auto report = exchange.ImportOrders(p.operator_id, in);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->lines, 7);
  EXPECT_EQ(report->stored, 3);
  EXPECT_EQ(report->duplicates, 1);
  EXPECT_EQ(report->rejected, 2);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].first, 4);
  EXPECT_EQ(report->errors[1].first, 6);
  EXPECT_EQ(Count("charge_orders"), 3);
  const json money = SignIn("jiangan").Get("/api/v1/alerts?rule=money_split").json();
  ASSERT_EQ(money["total"], 1);
  EXPECT_EQ(money["items"][0]["start_charge_seq"], "F2");
  EXPECT_EQ(report->alerts, Count("charge_alerts"));
  EXPECT_EQ(
      Scalar(runtime_->db(),
             "SELECT COUNT(*) FROM audit_log WHERE action = 'platform.charge_orders_import' AND "
             "username = '命令行' AND object_id = '" +
                 p.operator_id + "'"),
      1)
      << "the file's one chunk";

  std::istringstream again(file);
  auto second = exchange.ImportOrders(p.operator_id, again);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->stored, 0);
  EXPECT_EQ(Count("charge_orders"), 3);
  std::istringstream none("");
  EXPECT_EQ(exchange.ImportOrders("ZZZZZZZZZ", none).error().code, "not_found");
}

}  // namespace
}  // namespace mvis::testing
