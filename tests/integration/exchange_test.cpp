// T/CEC 102 exchange end to end over HTTP: the sysadmin opens the exchange for an enterprise, the
// platform asks for a token and reports a station (envelopes built with the codec, whose own
// vectors are the standard's published example), replays and tampered envelopes are refused, and
// the bureaus see the unfiled charger and the mismatch in their district only.
#include <algorithm>
#include <latch>
#include <map>
#include <thread>

#include "exchange/tcec_codec.hpp"
#include "services/exchange/exchange_service.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

namespace tcec = exchange::tcec;

class ExchangeTest : public VerificationTest {
 protected:
  struct Peer {
    std::string operator_id, operator_secret;
    tcec::Secrets secrets;
  };

  Peer Open() {
    Client admin = Admin();
    const int64_t org = enterprise_->Get("/api/v1/me").json()["org"]["id"];
    auto r = admin.Post("/api/v1/admin/tcec-operators", {{"org_id", org}});
    EXPECT_EQ(r.status, 201) << r.body;
    json j = r.json();
    return {j["operator_id"],
            j["operator_secret"],
            {j["data_secret"], j["data_secret_iv"], j["sig_secret"]}};
  }

  // Posts `plain` in an envelope; the response's Data decrypted (json null when empty).
  std::pair<json, json> Send(const Peer& p, const std::string& endpoint, const json& plain,
                             const std::string& token = "", int seq = 0) {
    auto envelope =
        tcec::Request(p.operator_id, p.secrets, plain.dump(), clock_->Now(), seq ? seq : ++seq_);
    return SendRaw(p, endpoint, envelope.dump(), token);
  }

  std::pair<json, json> SendRaw(const Peer& p, const std::string& endpoint, const std::string& body,
                                const std::string& token) {
    Client platform = NewClient();
    std::vector<std::string> headers;
    if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
    auto r = platform.Send("POST", "/tcec/v1/" + endpoint, body, headers);
    EXPECT_EQ(r.status, 200) << r.body;
    json reply = r.json();
    json data = nullptr;
    const std::string sent = reply["Data"];
    if (!sent.empty()) {
      // The reply is signed over Ret + Msg + Data with the peer's SigSecret.
      EXPECT_EQ(reply["Sig"],
                tcec::Sign(p.secrets.sig_secret, std::to_string(reply["Ret"].get<int>()) +
                                                     reply["Msg"].get<std::string>() + sent));
      data = json::parse(*tcec::Decrypt(p.secrets, sent));
    }
    return {reply, data};
  }

  std::string Token(const Peer& p) {
    auto [reply, data] = Send(
        p, "query_token", {{"OperatorID", p.operator_id}, {"OperatorSecret", p.operator_secret}});
    EXPECT_EQ(reply["Ret"], 0) << reply.dump();
    EXPECT_EQ(data["SuccStat"], 0);
    EXPECT_EQ(data["TokenAvailableTime"], 7200);
    return data["AccessToken"];
  }

  static json Station(const std::vector<json>& equipment) {
    return {{"StationInfo",
             {{"StationID", "ST-0001"},
              {"StationName", "二七路充电站"},
              {"AreaCode", "420102"},
              {"Address", "武汉市江岸区二七路1号"},
              {"EquipmentInfos", equipment}}}};
  }
  static json Equipment(const std::string& id, int type, double power,
                        const std::string& model = "AC7-V") {
    // CEC's own key case in part of the fields, as real peers send it.
    return {{"EquipmentID", id},
            {"manufacturerName", "武汉某电气有限公司"},
            {"EquipmentModel", model},
            {"EquipmentType", type},
            {"Power", power},
            {"ProductionDate", "2024-05-01"},
            {"ConnectorInfos", json::array({{{"ConnectorID", id + "-1"}}})}};
  }

  int64_t Count(const std::string& table) {
    auto n = runtime_->db().Read([&](store::Tx& tx) -> Result<int64_t> {
      return tx.QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
    });
    return *n;
  }

  int seq_ = 0;
};

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

// A charge order: `energy` kWh from `start` to `end` (same day, HH:MM) at 1.0 + 0.5 yuan/kWh in one
// period; `money_error` is added to TotalMoney only.
json Order(const std::string& seq, const std::string& connector, const std::string& start,
           const std::string& end, double energy, double money_error = 0) {
  const std::string day = "2026-12-01 ";
  return {{"StartChargeSeq", seq},
          {"ConnectorID", connector},
          {"StartTime", day + start + ":00"},
          {"EndTime", day + end + ":00"},
          {"TotalPower", energy},
          {"TotalElecMoney", energy * 1.0},
          {"TotalSeviceMoney", energy * 0.5},  // CEC's spelling
          {"TotalMoney", energy * 1.5 + money_error},
          {"SumPeriod", 1},
          {"ChargeDetails", json::array({{{"DetailStartTime", day + start + ":00"},
                                          {"DetailEndTime", day + end + ":00"},
                                          {"ElecPrice", 1.0},
                                          {"SevicePrice", 0.5},
                                          {"DetailPower", energy},
                                          {"DetailElecMoney", energy * 1.0},
                                          {"DetailSeviceMoney", energy * 0.5}}})}};
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

// The district regulator's triage: an alert is dismissed with a reason or turned into a targeted
// inspection of the operator's enterprise (one transaction); either ends its triage; a batch is all
// or nothing; other districts and enterprises cannot touch it; every step is on the timeline and
// in the audit log.
TEST_F(ExchangeTest, AlertsAreDismissedOrTurnedIntoATargetedInspection) {
  Filed(1);
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_stationInfo", Station({Equipment("EQVT1-1", 2, 7)}), token)
                .first["Ret"],
            0);
  for (const auto& o : {Order("A", "EQVT1-1-1", "10:00", "11:00", 7.0, 0.5),
                        Order("B", "EQVT1-1-1", "11:00", "12:00", 7.0, 0.5),
                        Order("C", "EQVT1-1-1", "13:00", "14:00", 7.0, 0.5)})
    ASSERT_EQ(Send(p, "notification_charge_order_info", o, token).first["Ret"], 0);
  Client jiangan = SignIn("jiangan");
  const json split = jiangan.Get("/api/v1/alerts?rule=money_split&status=open").json();
  ASSERT_EQ(split["total"], 3);
  std::map<std::string, int64_t> id;  // StartChargeSeq → alert
  for (const auto& a : split["items"]) id[a["start_charge_seq"]] = a["id"];
  const std::string a = "/api/v1/alerts/" + std::to_string(id["A"]);

  // The detail: names, the order as received, an empty timeline.
  json detail = jiangan.Get(a).json();
  EXPECT_EQ(detail["region_name"], "江岸区");
  EXPECT_EQ(detail["org_name"], enterprise_->Get("/api/v1/me").json()["org"]["name"]);
  EXPECT_EQ(detail["order"]["TotalSeviceMoney"], 3.5);
  EXPECT_EQ(detail["events"].size(), 0u);
  EXPECT_EQ(jiangan.Get("/api/v1/alerts?q=b&rule=money_split").json()["total"], 1);
  EXPECT_EQ(jiangan.Get("/api/v1/alerts?status=closed").error_code(), "status_invalid");

  // Scope: another district sees nothing and changes nothing; an enterprise is refused.
  Client wuchang = SignIn("wuchang");
  EXPECT_EQ(wuchang.Get(a).status, 404);
  EXPECT_EQ(wuchang.Post(a + "/dismiss", {{"reason", "误报"}}).status, 404);
  EXPECT_EQ(enterprise_->Post(a + "/dismiss", {{"reason", "误报"}}).status, 403);

  // Dismiss: a reason is required.
  EXPECT_EQ(jiangan.Post(a + "/dismiss", {{"reason", " "}}).error_code(), "reason_required");
  auto dismissed =
      jiangan.Post(a + "/dismiss", {{"reason", "运营商已退款，系计费系统四舍五入误差"}});
  ASSERT_EQ(dismissed.status, 200) << dismissed.body;
  EXPECT_EQ(dismissed.json()["status"], "dismissed");
  EXPECT_EQ(dismissed.json()["dismiss_reason"], "运营商已退款，系计费系统四舍五入误差");
  ASSERT_EQ(dismissed.json()["events"].size(), 1u);
  EXPECT_EQ(dismissed.json()["events"][0]["to_status"], "dismissed");
  EXPECT_EQ(jiangan.Post(a + "/dismiss", {{"reason", "再次"}}).error_code(), "alert_handled");

  // A batch with a handled alert changes nothing.
  auto batch =
      jiangan.Post("/api/v1/alerts/dismiss", {{"ids", {id["B"], id["A"]}}, {"reason", "批量排除"}});
  EXPECT_EQ(batch.error_code(), "alert_handled") << batch.body;
  EXPECT_EQ(jiangan.Get("/api/v1/alerts?rule=money_split&status=open").json()["total"], 2);
  EXPECT_EQ(jiangan.Post("/api/v1/alerts/dismiss", {{"ids", json::array()}, {"reason", "x"}})
                .error_code(),
            "ids_required");

  // A targeted inspection from C: the task names the enterprise and the evidence.
  const std::string c = "/api/v1/alerts/" + std::to_string(id["C"]);
  const json items = jiangan.Get("/api/v1/inspection-items").json()["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(jiangan.Post(c + "/inspection", {{"item_id", 0}, {"task_date", clock_->Today()}})
                .error_code(),
            "item_invalid");
  EXPECT_EQ(jiangan.Get(c).json()["status"], "open") << "a refused step changes nothing";
  auto inspected = jiangan.Post(c + "/inspection",
                                {{"item_id", items[0]["id"]}, {"task_date", clock_->Today()}});
  ASSERT_EQ(inspected.status, 200) << inspected.body;
  const json r = inspected.json();
  EXPECT_EQ(r["alert"]["status"], "inspection");
  EXPECT_EQ(r["alert"]["inspection_task_id"], r["task_id"]);
  const json task =
      jiangan.Get("/api/v1/inspection-tasks/" + std::to_string(r["task_id"].get<int64_t>())).json();
  EXPECT_EQ(task["status"], "draft");
  EXPECT_EQ(task["target_org_id"], enterprise_->Get("/api/v1/me").json()["org"]["id"]);
  EXPECT_EQ(task["region_code"], "420102");
  EXPECT_NE(task["basis"].get<std::string>().find("电费与服务费之和不等于总金额"),
            std::string::npos);
  EXPECT_NE(task["basis"].get<std::string>().find("总金额（元） 11.00"), std::string::npos)
      << task["basis"];
  EXPECT_EQ(task["basis"].get<std::string>().find("money_split"), std::string::npos);
  EXPECT_EQ(jiangan.Post(c + "/dismiss", {{"reason", "x"}}).error_code(), "alert_handled");

  // B by batch; then nothing is open.
  auto rest = jiangan.Post("/api/v1/alerts/dismiss", {{"ids", {id["B"]}}, {"reason", "批量排除"}});
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_EQ(rest.json()["dismissed"], 1);
  EXPECT_EQ(jiangan.Get("/api/v1/alerts?rule=money_split&status=open").json()["total"], 0);
  EXPECT_EQ(jiangan.Get("/api/v1/alerts?rule=money_split&status=dismissed").json()["total"], 2);
  EXPECT_EQ(
      Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'charge_alert.%'"),
      3);
}

// Two regulators triaging one alert at once (two servers): exactly one step lands, and a
// dismissal racing an inspection never leaves both (nor a task without its alert).
TEST_F(ExchangeTest, ParallelTriageOfOneAlertLandsOnce) {
  Filed(1);
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_stationInfo", Station({Equipment("EQVT1-1", 2, 7)}), token)
                .first["Ret"],
            0);
  for (int k = 0; k < 4; ++k)
    ASSERT_EQ(Send(p, "notification_charge_order_info",
                   Order("P" + std::to_string(k), "EQVT1-1-1", "1" + std::to_string(k) + ":00",
                         "1" + std::to_string(k) + ":30", 3.5, 0.5),
                   token)
                  .first["Ret"],
              0);
  Client jiangan = SignIn("jiangan");
  const json items = jiangan.Get("/api/v1/inspection-items").json()["items"];
  const json open = jiangan.Get("/api/v1/alerts?rule=money_split").json();
  ASSERT_EQ(open["total"], 4);
  std::vector<Client> clients;  // signed in beforehand, so that the steps themselves race
  for (int t = 0; t < 6; ++t) clients.push_back(SignIn(t % 2 ? "jiangan" : "city"));
  for (const auto& alert : open["items"]) {
    const std::string path = "/api/v1/alerts/" + alert["id"].dump();
    std::vector<int> status(6, 0);
    std::vector<std::thread> threads;
    std::latch start(6);
    for (int t = 0; t < 6; ++t)
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        Client& c = clients[t];
        status[t] = t % 3 == 0 ? c.Post(path + "/inspection", {{"item_id", items[0]["id"]},
                                                               {"task_date", clock_->Today()}})
                                     .status
                               : c.Post(path + "/dismiss", {{"reason", "并发排除"}}).status;
      });
    for (auto& th : threads) th.join();
    EXPECT_EQ(std::count(status.begin(), status.end(), 200), 1) << path;
    EXPECT_EQ(std::count(status.begin(), status.end(), 409), 5) << path;
  }
  // Every task made belongs to an alert in state inspection, and no other task exists.
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM inspection_tasks"),
            Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_alerts WHERE status = "
                   "'inspection' AND inspection_task_id IS NOT NULL"));
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM charge_alerts WHERE status = 'open'"),
            Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM charge_alerts WHERE rule <> "
                   "'money_split' AND status = 'open'"));
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

// The bureau tells an enterprise to file the chargers found in use but not filed: one notice
// (inbox and SMS) listing them; nothing to notify is refused.
TEST_F(ExchangeTest, EnterpriseIsNotifiedOfItsUnfiledChargers) {
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_stationInfo",
                 Station({Equipment("EQ-U-1", 2, 7), Equipment("EQ-U-2", 1, 60)}), token)
                .first["Ret"],
            0);
  Client jiangan = SignIn("jiangan");
  const int64_t org = enterprise_->Get("/api/v1/me").json()["org"]["id"];
  EXPECT_EQ(enterprise_->Post("/api/v1/reconciliation/notify", {{"org_id", org}}).status, 403);
  EXPECT_EQ(SignIn("wuchang").Post("/api/v1/reconciliation/notify", {{"org_id", org}}).error_code(),
            "nothing_to_notify");
  const int64_t before = Count("notifications");
  auto sent = jiangan.Post("/api/v1/reconciliation/notify", {{"org_id", org}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json()["notified"], 2);
  EXPECT_GT(Count("notifications"), before);
  const json inbox = enterprise_->Get("/api/v1/inbox").json();
  bool found = false;
  for (const auto& m : inbox["items"])
    if (m["title"] == "在用充电桩未备案") {
      found = true;
      EXPECT_NE(m["body"].get<std::string>().find("EQ-U-1"), std::string::npos);
    }
  EXPECT_TRUE(found) << inbox.dump();

  // The credit class counts them (在用未备案 against all the enterprise's chargers in use).
  auto credit =
      SignIn("city").Post("/api/v1/enterprises/" + std::to_string(org) + "/credit/recompute");
  ASSERT_EQ(credit.status, 200) << credit.body;
  bool seen = false;
  const json indicators = credit.json()["indicators"];
  for (const auto& i : indicators) {
    if (i["code"] != "unfiled") continue;
    seen = true;
    EXPECT_EQ(i["numerator"], 2);
    EXPECT_EQ(i["denominator"], 2) << "no charger of the enterprise is filed in this test";
    EXPECT_GT(i["points"].get<double>(), 0);
  }
  EXPECT_TRUE(seen) << credit.body;
}

// Time-of-use tariffs are data: an order billed off the published band price raises
// tariff_mismatch on arrival once a tariff governs it; a batch run judges the orders that came
// before the tariff and the statistics (repeated identical energies), once per order and rule.
TEST_F(ExchangeTest, TariffsAndBatchRunsOfTheRules) {
  Client admin = Admin();
  const json bands = json::array({{{"start", "00:00"}, {"end", "08:00"}, {"elec_price", 0.3}},
                                  {{"start", "08:00"}, {"end", "24:00"}, {"elec_price", 0.8}}});
  json tariff = {
      {"effective_from", "2026-01-01"}, {"bands", bands}, {"note", "武汉市工商业分时电价"}};
  json gap = tariff;
  gap["bands"][1]["start"] = "09:00";
  EXPECT_EQ(admin.Post("/api/v1/tou-tariffs", gap).error_code(), "bands_invalid");
  json lone = tariff;
  lone["station_id"] = "ST-0001";
  EXPECT_EQ(admin.Post("/api/v1/tou-tariffs", lone).error_code(), "operator_required");
  EXPECT_EQ(SignIn("jiangan").Post("/api/v1/tou-tariffs", tariff).status, 403);

  Filed(1);
  Peer p = Open();
  const std::string token = Token(p);
  ASSERT_EQ(Send(p, "notification_stationInfo", Station({Equipment("EQVT1-1", 2, 7)}), token)
                .first["Ret"],
            0);
  auto order = [&](const json& o) {
    ASSERT_EQ(Send(p, "notification_charge_order_info", o, token).first["Ret"], 0);
  };
  order(Order("T1", "EQVT1-1-1", "09:00", "10:00", 5.0));  // before any tariff: not judged
  auto created = admin.Post("/api/v1/tou-tariffs", tariff);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["bands"][1]["end"], "24:00");
  EXPECT_EQ(created.json()["operator_ref"], nullptr);
  order(Order("T2", "EQVT1-1-1", "10:00", "11:00", 6.0));  // billed 1.0 against 0.8: judged now
  for (const char* seq : {"R1", "R2", "R3"})
    order(Order(seq, "EQVT1-1-1", std::string("1") + std::to_string(seq[1] - '0' + 1) + ":00",
                std::string("1") + std::to_string(seq[1] - '0' + 1) + ":30", 3.333));
  Client jiangan = SignIn("jiangan");
  auto seqs = [&](const std::string& rule) {
    std::vector<std::string> out;
    const json page = jiangan.Get("/api/v1/alerts?page_size=100&rule=" + rule).json();
    for (const auto& a : page["items"]) out.push_back(a["start_charge_seq"]);
    std::ranges::sort(out);
    return out;
  };
  // T2 and the three R orders (same 1.0 price) on arrival.
  EXPECT_EQ(seqs("tariff_mismatch"), (std::vector<std::string>{"R1", "R2", "R3", "T2"}));
  EXPECT_TRUE(seqs("repeated_energy").empty());

  EXPECT_EQ(jiangan.Post("/api/v1/alert-runs", {{"from", "2026-12-01"}, {"to", "2027-01-05"}})
                .error_code(),
            "period_too_long");
  EXPECT_EQ(enterprise_->Post("/api/v1/alert-runs", {{"from", "2026-12-01"}, {"to", "2026-12-01"}})
                .status,
            403);
  auto run = [&] {
    auto started =
        jiangan.Post("/api/v1/alert-runs", {{"from", "2026-12-01"}, {"to", "2026-12-01"}});
    EXPECT_EQ(started.status, 202) << started.body;
    const int64_t id = started.json()["id"];
    for (int i = 0; i < 200; ++i) {
      const json runs = jiangan.Get("/api/v1/alert-runs").json();
      for (const auto& r : runs["items"])
        if (r["id"] == id && r["status"] != "running") return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "run " << id << " did not finish";
    return json();
  };
  const json first = run();
  EXPECT_EQ(first["status"], "done") << first.dump();
  EXPECT_EQ(first["orders"], 5);
  EXPECT_EQ(first["alerts"], 2) << "T1's tariff_mismatch and the repeated energy";
  EXPECT_EQ(seqs("tariff_mismatch"), (std::vector<std::string>{"R1", "R2", "R3", "T1", "T2"}));
  EXPECT_EQ(seqs("repeated_energy"), std::vector<std::string>{"R3"});
  const json again = run();
  EXPECT_EQ(again["alerts"], 0) << "once per order and rule";

  // The scheduler's daily run (yesterday's orders) is claimed once a day.
  auto daily = runtime_->exchange().RunDailyRules();
  ASSERT_TRUE(daily.has_value());
  EXPECT_FALSE(daily->already_done);
  EXPECT_TRUE(runtime_->exchange().RunDailyRules()->already_done);
  // ... and tells the district's bureau what is waiting in its queue.
  bool digest = false;
  const json inbox = jiangan.Get("/api/v1/inbox").json();
  for (const auto& m : inbox["items"])
    if (m["title"] == "计量作弊线索待处理") digest = true;
  EXPECT_TRUE(digest) << inbox.dump();
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM alert_runs WHERE trigger_kind = "
                   "'schedule' AND status = 'done'"),
            1);

  const std::string path = "/api/v1/tou-tariffs/" + created.json()["id"].dump();
  EXPECT_EQ(admin.Delete(path).status, 204);
  EXPECT_EQ(admin.Delete(path).status, 404);
}

// Meter keys are registered per filed charger by its enterprise; the public check then needs no
// key and names the charger; one active key per meter serial; revoked keys no longer verify.
TEST_F(ExchangeTest, MeterKeysAreRegisteredPerCharger) {
  // The published KEBA example (meter serial GS 17619300) and its key (see meter_values_test.cpp).
  const std::string key =
      "3059301306072A8648CE3D020106082A8648CE3D030107034200043AEEB45C392357820A58FDFB0857BD77ADA315"
      "85C61C430531DFA53B440AFBFDD95AC887C658EA55260F808F55CA948DF235C2108A0D6DC7D4AB1A5E1A7955BE";
  const std::string record =
      R"(OCMF|{"FV":"1.0","GI":"KEBA_KCP30","GS":"17619300","GV":"2.8.5","PG":"T32","IS":false,)"
      R"("IL":"NONE","IF":["RFID_NONE","OCPP_NONE","ISO15118_NONE","PLMN_NONE"],"IT":"NONE","ID":"",)"
      R"("RD":[{"TM":"2019-08-13T10:03:15,000+0000 I","TX":"B","EF":"","ST":"G","RV":0.2596,)"
      R"("RI":"1-b:1.8.0","RU":"kWh"},{"TM":"2019-08-13T10:03:36,000+0000 R","TX":"E","EF":"",)"
      R"("ST":"G","RV":0.2597,"RI":"1-b:1.8.0","RU":"kWh"}]}|{"SD":"304502200E2F107C987A300AC169)"
      R"(5CA89EA149A8CDFA16188AF0A33EE64B67964AA943F9022100889A72B6D65364BEA8562E7F6A0253157ACFF84)"
      R"(FE4929A93B5964D23C4265699"})";
  const auto ids = Filed(1);
  const std::string keys = "/api/v1/instruments/" + std::to_string(ids[0]) + "/meter-keys";
  EXPECT_EQ(
      enterprise_->Post(keys, {{"meter_serial", "17619300"}, {"public_key", "3059"}}).error_code(),
      "key_invalid");
  EXPECT_EQ(enterprise_->Post(keys, {{"meter_serial", "a b"}, {"public_key", key}}).error_code(),
            "meter_serial_invalid");
  EXPECT_EQ(
      SignIn("kuaichong").Post(keys, {{"meter_serial", "17619300"}, {"public_key", key}}).status,
      404)
      << "another enterprise's charger";
  auto lower = key;
  std::ranges::transform(lower, lower.begin(), [](char c) { return std::tolower(c); });
  auto added = enterprise_->Post(keys, {{"meter_serial", "17619300"}, {"public_key", lower}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["curve"], "secp256r1");
  EXPECT_EQ(added.json()["public_key"], key) << "kept in upper case";
  EXPECT_EQ(
      enterprise_->Post(keys, {{"meter_serial", "17619300"}, {"public_key", key}}).error_code(),
      "meter_serial_taken");
  EXPECT_EQ(SignIn("jiangan").Get(keys).json()["items"].size(), 1u) << "the district reads them";

  Client anonymous = NewClient();
  auto r = anonymous.Post("/api/v1/public/ocmf/verify", {{"ocmf", record}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["valid"], true);
  EXPECT_EQ(r.json()["registered"]["equipment_id"], "EQVT1-1");
  EXPECT_EQ(r.json()["registered"]["verification_state"], "never");

  const std::string revoke = keys + "/" + added.json()["id"].dump();
  EXPECT_EQ(enterprise_->Delete(revoke).status, 204);
  EXPECT_EQ(enterprise_->Delete(revoke).status, 404);
  EXPECT_EQ(anonymous.Post("/api/v1/public/ocmf/verify", {{"ocmf", record}}).error_code(),
            "public_key_unknown");
  EXPECT_EQ(enterprise_->Post(keys, {{"meter_serial", "17619300"}, {"public_key", key}}).status,
            201)
      << "a new key once the old one is revoked";
}

}  // namespace
}  // namespace mvis::testing
