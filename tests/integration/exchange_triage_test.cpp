// The regulators' side of the exchange's findings, over HTTP: the triage of charge-order alerts
// (dismiss, targeted inspection, in parallel on one alert), the notice to an enterprise of its
// unfiled chargers and the credit indicator, time-of-use tariffs and batch runs of the rules with
// the bureaus' digest, and meter keys registered per charger for the public OCMF check.
#include <algorithm>
#include <chrono>
#include <latch>
#include <map>
#include <thread>

#include "exchange_fixture.hpp"
#include "services/exchange/exchange_service.hpp"

namespace mvis::testing {
namespace {

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
