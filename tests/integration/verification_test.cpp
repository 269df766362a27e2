// The verification business end to end over HTTP: booking, acceptance with the SMS naming the
// institute contact, scheduling, a record with a computed conclusion, three distinct
// signatures, the certificate, the instrument's state, the PDFs and the public label check;
// the fail path, revision and revocation, refusals that change nothing, and the reminder job.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>

#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "fixture.hpp"
#include "store/instruments_store.hpp"

namespace mvis::testing {
namespace {

using nlohmann::json;

json Charger(const std::string& serial, const std::string& accuracy = "1") {
  return {{"type_code", "ev_ac_charger"},
          {"name", "交流充电桩" + serial},
          {"model", "AC7-V"},
          {"serial_no", serial},
          {"manufacturer", "武汉某电气有限公司"},
          {"brand", "某品牌"},
          {"accuracy_class", accuracy},
          {"install_address", "武汉市江岸区二七路1号"},
          {"install_region_code", "420102"},
          {"use", "trade_settlement"},
          {"in_use_date", "2025-03-01"},
          {"charger",
           {{"current_type", "AC"},
            {"rated_power_kw", 7},
            {"rated_voltage_v", 220},
            {"max_current_a", 32},
            {"min_current_a", 6},
            {"connector_count", 1},
            {"station_name", "二七路充电站"},
            {"equipment_id", "EQ" + serial},
            {"tou_billing", true}}}};
}

class VerificationTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    SeedDemo();
    enterprise_ = std::make_unique<Client>(SignIn("charger"));
    verifier_ = std::make_unique<Client>(SignIn("verifier"));
    checker_ = std::make_unique<Client>(SignIn("checker"));
    approver_ = std::make_unique<Client>(SignIn("approver"));
    auto institutes =
        enterprise_->Get("/api/v1/institutes?type_code=ev_ac_charger&region_code=420102").json();
    ASSERT_FALSE(institutes["items"].empty());
    ASSERT_TRUE(institutes["items"][0]["suggested"].get<bool>());
    institute_ = institutes["items"][0]["org_id"];
    json standards = verifier_->Get("/api/v1/standards").json()["items"];
    for (const auto& s : standards) {
      (s["expired"].get<bool>() ? expired_standard_ : standard_) = s["id"].get<int64_t>();
    }
    ASSERT_GT(standard_, 0);
    ASSERT_GT(expired_standard_, 0);
    json staff = approver_->Get("/api/v1/institute/staff").json()["items"];
    for (const auto& u : staff) {
      for (const auto& d : u["duties"])
        if (d == "verifier") verifier_id_ = u["id"];
    }
    ASSERT_GT(verifier_id_, 0);
  }

  // Chargers filed by "charger" in 江岸区 and approved by its district regulator.
  std::vector<int64_t> Filed(int n, const std::string& accuracy = "1") {
    std::vector<int64_t> ids;
    Client jiangan = SignIn("jiangan");
    for (int i = 0; i < n; ++i) {
      auto body = Charger("VT" + std::to_string(++serial_) + "-" + accuracy, accuracy);
      body["submit"] = true;
      auto r = enterprise_->Post("/api/v1/instruments", body);
      EXPECT_EQ(r.status, 201) << r.body;
      ids.push_back(r.json()["id"]);
    }
    auto r = jiangan.Post("/api/v1/instruments/review", {{"ids", ids}, {"decision", "approve"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return ids;
  }

  json Booking(const std::vector<int64_t>& ids, bool submit = true) {
    return {
        {"mode", "on_site"},        {"institute_org_id", institute_},
        {"instrument_ids", ids},    {"preferred_date", domain::AddDays(domain::TodayChina(), 3)},
        {"contact_name", "张经理"}, {"contact_phone", "13912345678"},
        {"notes", "请提前联系"},    {"submit", submit}};
  }

  // A booked, accepted and scheduled appointment of `ids`.
  int64_t Scheduled(const std::vector<int64_t>& ids) {
    auto r = enterprise_->Post("/api/v1/appointments", Booking(ids));
    EXPECT_EQ(r.status, 201) << r.body;
    int64_t id = r.json()["id"];
    std::string path = "/api/v1/appointments/" + std::to_string(id);
    EXPECT_EQ(approver_->Post(path + "/accept").status, 200);
    r = approver_->Post(path + "/schedule",
                        {{"date", domain::TodayChina()}, {"verifier_user_ids", {verifier_id_}}});
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }

  json Record(int64_t appointment, int64_t instrument, double error_pct = 0.3, double clock_s = 2) {
    json checklist = json::array();
    for (const char* item : {"nameplate", "display", "anti_tamper", "charging_control"})
      checklist.push_back({{"item", item}, {"pass", true}, {"note", ""}});
    return {{"appointment_id", appointment},
            {"instrument_id", instrument},
            {"kind", "first"},
            {"verified_on", domain::TodayChina()},
            {"standard_ids", {standard_}},
            {"temperature_c", 22.5},
            {"humidity_pct", 55},
            {"insulation_mohm", 120},
            {"checklist", checklist},
            {"load_points",
             {{{"current_a", 32},
               {"voltage_v", 220},
               {"standard_energy_kwh", 5.0},
               {"charger_energy_kwh", 5.0 * (1 + error_pct / 100)}},
              {{"current_a", 6},
               {"voltage_v", 220},
               {"standard_energy_kwh", 2.0},
               {"charger_energy_kwh", 2.002}}}},
            {"clock_error_s", clock_s}};
  }

  // Enters a record and signs it three times; returns the final record.
  json Verified(int64_t appointment, int64_t instrument, double error_pct = 0.3) {
    auto r = verifier_->Post("/api/v1/verifications", Record(appointment, instrument, error_pct));
    EXPECT_EQ(r.status, 201) << r.body;
    std::string path = "/api/v1/verifications/" + std::to_string(r.json()["id"].get<int64_t>());
    EXPECT_EQ(verifier_->Post(path + "/sign", {{"duty", "verifier"}}).status, 200);
    EXPECT_EQ(checker_->Post(path + "/sign", {{"duty", "checker"}}).status, 200);
    r = approver_->Post(path + "/sign", {{"duty", "approver"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  // Whether the inbox holds a message whose text contains `text`.
  static bool Notified(Client& c, const std::string& text) {
    json items = c.Get("/api/v1/inbox?page_size=100").json()["items"];
    for (const auto& m : items)
      if (m["body"].get<std::string>().find(text) != std::string::npos) return true;
    return false;
  }

  static std::string TokenPath(const std::string& qr_url) {
    return qr_url.substr(qr_url.find("/v/"));
  }

  std::unique_ptr<Client> enterprise_, verifier_, checker_, approver_;
  int64_t institute_ = 0, standard_ = 0, expired_standard_ = 0, verifier_id_ = 0;
  int serial_ = 0;
};

TEST_F(VerificationTest, BookingToCertificateToPublicPage) {
  auto ids = Filed(1);
  auto r = enterprise_->Post("/api/v1/appointments", Booking(ids, false));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["status"], "draft");
  int64_t id = r.json()["id"];
  std::string path = "/api/v1/appointments/" + std::to_string(id);
  // The institute never sees drafts.
  EXPECT_EQ(approver_->Get(path).status, 404);
  r = enterprise_->Post(path + "/submit");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "submitted");
  EXPECT_EQ(approver_->Get("/api/v1/appointments?status=submitted").json()["total"], 1);

  r = approver_->Post(path + "/accept");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "accepted");
  std::string sms = LatestSms("13912345678");
  EXPECT_NE(sms.find("已由武汉市计量测试检定研究所受理"), std::string::npos) << sms;
  EXPECT_NE(sms.find("13900000005"), std::string::npos) << sms;  // the institute's contact
  r = approver_->Post(path + "/schedule",
                      {{"date", domain::TodayChina()}, {"verifier_user_ids", {verifier_id_}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["verifiers"][0]["id"], verifier_id_);

  r = verifier_->Post("/api/v1/verifications", Record(id, ids[0], 0.3));
  ASSERT_EQ(r.status, 201) << r.body;
  json record = r.json();
  EXPECT_EQ(record["conclusion"], "pass");
  EXPECT_EQ(record["regulation"], "JJG 1148-2022");
  EXPECT_DOUBLE_EQ(record["load_points"][0]["rounded_error_pct"].get<double>(), 0.3);
  EXPECT_DOUBLE_EQ(record["load_points"][0]["limit_pct"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(record["clock_limit_s"].get<double>(), 5);
  std::string vpath = "/api/v1/verifications/" + std::to_string(record["id"].get<int64_t>());
  EXPECT_EQ(verifier_->Post(vpath + "/sign", {{"duty", "verifier"}}).json()["status"],
            "awaiting_check");
  EXPECT_EQ(checker_->Post(vpath + "/sign", {{"duty", "checker"}}).json()["status"],
            "awaiting_approval");
  r = approver_->Post(vpath + "/sign", {{"duty", "approver"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json cert = r.json()["certificate"];
  std::string number = cert["number"];
  EXPECT_TRUE(std::regex_match(number, std::regex(R"(WHJL-\d{4}-\d{6})"))) << number;
  std::string today = domain::TodayChina();
  EXPECT_EQ(cert["issue_date"], today);
  EXPECT_EQ(cert["valid_until"], domain::AddMonths(today, 36));
  EXPECT_EQ(r.json()["signatures"]["approver"]["display_name"], "钱批准人");

  // The result flows back: instrument state, appointment completed, owner notified.
  json instrument = enterprise_->Get("/api/v1/instruments/" + std::to_string(ids[0])).json();
  EXPECT_EQ(instrument["verification_state"], "passed");
  EXPECT_EQ(instrument["valid_until"], cert["valid_until"]);
  EXPECT_EQ(instrument["last_certificate_no"], number);
  EXPECT_EQ(enterprise_->Get(path).json()["status"], "completed");
  EXPECT_TRUE(Notified(*enterprise_, "检定合格，证书编号 " + number));

  // Documents.
  r = enterprise_->Get("/api/v1/certificates/" + number + "/pdf");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/pdf");
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  EXPECT_LT(r.body.size(), 400u * 1024);
  r = approver_->Get("/api/v1/certificates/" + number + "/label.pdf?width_mm=60&height_mm=40");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(approver_->Get("/api/v1/certificates/" + number + "/label.pdf?width_mm=10").status,
            400);
  EXPECT_EQ(SignIn("kuaichong").Get("/api/v1/certificates/" + number + "/pdf").status, 404);

  // The public page, without a session.
  Client anonymous = NewClient();
  std::string qr = cert["qr_url"];
  r = anonymous.Get(TokenPath(qr));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_NE(r.body.find("检定合格 · 有效"), std::string::npos);
  EXPECT_NE(r.body.find(instrument["serial_no"].get<std::string>()), std::string::npos);
  EXPECT_NE(r.body.find(number), std::string::npos);
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
  EXPECT_EQ(r.body.find("13900000006"), std::string::npos);  // no personal data
  EXPECT_EQ(r.body.find("13912345678"), std::string::npos);
  std::string token = qr.substr(qr.find("/v/") + 3);
  r = anonymous.Get("/api/v1/public/verify/" + token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "valid");
  EXPECT_EQ(r.json()["instrument"]["district"], "江岸区");
  json keys = anonymous.Get("/api/v1/public/keys").json()["keys"];
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0]["alg"], "Ed25519");
  EXPECT_FALSE(keys[0].contains("secret_key"));

  // Altered or forged tokens are refused.
  std::string altered = token;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  r = anonymous.Get("/v/" + altered);
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("标识无效"), std::string::npos);
  EXPECT_EQ(anonymous.Get("/api/v1/public/verify/" + altered).error_code(), "label_invalid");
  EXPECT_EQ(anonymous.Get("/api/v1/public/verify/not-a-token").error_code(), "label_invalid");
}

TEST_F(VerificationTest, ThreeDifferentPeopleSignInOrder) {
  auto ids = Filed(1);
  int64_t appointment = Scheduled(ids);
  auto r = verifier_->Post("/api/v1/verifications", Record(appointment, ids[0]));
  ASSERT_EQ(r.status, 201) << r.body;
  std::string path = "/api/v1/verifications/" + std::to_string(r.json()["id"].get<int64_t>());
  EXPECT_EQ(checker_->Post(path + "/sign", {{"duty", "checker"}}).error_code(),
            "sign_out_of_order");
  EXPECT_EQ(checker_->Post(path + "/sign", {{"duty", "verifier"}}).error_code(), "duty_missing");
  EXPECT_EQ(enterprise_->Post(path + "/sign", {{"duty", "verifier"}}).status, 404);

  // A user holding two duties still signs only once per record.
  Client admin = Admin();
  r = admin.Post("/api/v1/admin/users", {{"username", "dual"},
                                         {"password", "Sun!Liang2026x"},
                                         {"role", "institute"},
                                         {"org_id", institute_},
                                         {"display_name", "孙两职"},
                                         {"phone", "13900000199"},
                                         {"duties", {"verifier", "checker"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  Client dual = SignIn("dual", "Sun!Liang2026x");
  ASSERT_EQ(dual.Post(path + "/sign", {{"duty", "verifier"}}).status, 200);
  EXPECT_EQ(dual.Post(path + "/sign", {{"duty", "checker"}}).error_code(), "signer_not_distinct");
  EXPECT_EQ(verifier_->Put(path, Record(appointment, ids[0], 0.5)).error_code(),
            "verification_signed");

  // Send-back needs a reason, clears the signatures and reopens the record.
  EXPECT_EQ(checker_->Post(path + "/send-back", {{"reason", " "}}).error_code(), "reason_required");
  r = checker_->Post(path + "/send-back", {{"reason", "环境湿度记录有误"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "draft");
  EXPECT_TRUE(r.json()["signatures"]["verifier"].is_null());
  EXPECT_EQ(r.json()["last_reason"], "环境湿度记录有误");
  r = verifier_->Put(path, Record(appointment, ids[0], 0.5));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_DOUBLE_EQ(r.json()["load_points"][0]["rounded_error_pct"].get<double>(), 0.5);
}

TEST_F(VerificationTest, FailingRecordIssuesAResultNoticeAndStopsUse) {
  auto ids = Filed(1, "2");
  int64_t appointment = Scheduled(ids);
  auto r = verifier_->Post("/api/v1/verifications", Record(appointment, ids[0], 2.2, 7));
  ASSERT_EQ(r.status, 201) << r.body;
  json record = r.json();
  EXPECT_EQ(record["conclusion"], "fail");
  EXPECT_DOUBLE_EQ(record["load_points"][0]["limit_pct"].get<double>(), 2.0);
  std::set<std::string> failed;
  for (const auto& f : record["failed_items"]) failed.insert(f["item"]);
  // Class 2: +2.2 % rounds (interval 0.2) to 2.2 > 2.0; the clock's 7 s exceeds 5 s.
  EXPECT_EQ(failed, (std::set<std::string>{"working_error", "clock_error"}));
  // A second record is refused while one is open.
  EXPECT_EQ(verifier_->Post("/api/v1/verifications", Record(appointment, ids[0])).error_code(),
            "verification_exists");
  std::string path = "/api/v1/verifications/" + std::to_string(record["id"].get<int64_t>());
  ASSERT_EQ(verifier_->Post(path + "/sign", {{"duty", "verifier"}}).status, 200);
  ASSERT_EQ(checker_->Post(path + "/sign", {{"duty", "checker"}}).status, 200);
  r = approver_->Post(path + "/sign", {{"duty", "approver"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json notice = r.json()["certificate"];
  EXPECT_EQ(notice["kind"], "result_notice");
  EXPECT_TRUE(notice["qr_url"].is_null());
  EXPECT_TRUE(
      std::regex_match(notice["number"].get<std::string>(), std::regex(R"(WHJL-\d{4}-N\d{6})")));
  json instrument = enterprise_->Get("/api/v1/instruments/" + std::to_string(ids[0])).json();
  EXPECT_EQ(instrument["verification_state"], "failed");
  EXPECT_TRUE(instrument["stop_use"].get<bool>());
  EXPECT_TRUE(Notified(*enterprise_, "须停止用于贸易结算"));
  r = enterprise_->Get("/api/v1/certificates/" + notice["number"].get<std::string>() + "/pdf");
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(
      approver_->Get("/api/v1/certificates/" + notice["number"].get<std::string>() + "/label.pdf")
          .error_code(),
      "label_not_allowed");
  EXPECT_EQ(SignIn("jiangan").Get("/api/v1/instruments?verification=failed").json()["total"], 1);
}

TEST_F(VerificationTest, RefusedRecordsChangeNothing) {
  auto ids = Filed(1);
  int64_t appointment = Scheduled(ids);
  json body = Record(appointment, ids[0]);
  body["standard_ids"] = {expired_standard_};
  EXPECT_EQ(verifier_->Post("/api/v1/verifications", body).error_code(), "standard_expired");
  body = Record(appointment, ids[0]);
  body["insulation_mohm"] = 3;
  EXPECT_EQ(verifier_->Post("/api/v1/verifications", body).error_code(),
            "insulation_precondition_failed");
  body = Record(appointment, ids[0]);
  body["checklist"].erase(0);
  EXPECT_EQ(verifier_->Post("/api/v1/verifications", body).error_code(), "checklist_incomplete");
  body = Record(appointment, ids[0]);
  body.erase("clock_error_s");
  EXPECT_EQ(verifier_->Post("/api/v1/verifications", body).error_code(), "clock_error_required");
  body = Record(appointment, ids[0]);
  body["load_points"] = json::array();
  EXPECT_EQ(verifier_->Post("/api/v1/verifications", body).error_code(), "load_points_required");
  body = Record(appointment, ids[0]);
  body["verified_on"] = domain::AddDays(domain::TodayChina(), 1);
  EXPECT_EQ(verifier_->Post("/api/v1/verifications", body).status, 400);
  EXPECT_EQ(enterprise_->Post("/api/v1/verifications", Record(appointment, ids[0])).status, 403);
  EXPECT_EQ(verifier_->Get("/api/v1/verifications").json()["total"], 0);
}

TEST_F(VerificationTest, AppointmentRules) {
  auto ids = Filed(2);
  // Not yet filed, someone else's, in the past, twice booked.
  auto draft = enterprise_->Post("/api/v1/instruments", Charger("VT-DRAFT"));
  ASSERT_EQ(draft.status, 201);
  EXPECT_EQ(enterprise_->Post("/api/v1/appointments", Booking({draft.json()["id"]})).error_code(),
            "instrument_not_filed");
  Client other = SignIn("kuaichong");
  EXPECT_EQ(other.Post("/api/v1/appointments", Booking(ids)).status, 404);
  json past = Booking(ids);
  past["preferred_date"] = "2020-01-01";
  EXPECT_EQ(enterprise_->Post("/api/v1/appointments", past).status, 400);
  json bad_phone = Booking(ids);
  bad_phone["contact_phone"] = "12345";
  EXPECT_EQ(enterprise_->Post("/api/v1/appointments", bad_phone).status, 400);
  auto first = enterprise_->Post("/api/v1/appointments", Booking(ids));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(enterprise_->Post("/api/v1/appointments", Booking({ids[1]})).error_code(),
            "instrument_already_booked");
  std::string path = "/api/v1/appointments/" + std::to_string(first.json()["id"].get<int64_t>());
  EXPECT_EQ(other.Get(path).status, 404);
  auto seen = SignIn("jiangan").Get(path);  // the install district's regulator
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.json()["contact_phone"], "139****5678");
  EXPECT_EQ(SignIn("hongshan").Get(path).status, 404);
  EXPECT_EQ(enterprise_->Post(path + "/accept").status, 403);
  EXPECT_EQ(approver_->Post(path + "/reject", {{"reason", ""}}).error_code(), "reason_required");
  ASSERT_EQ(approver_->Post(path + "/accept").status, 200);
  EXPECT_EQ(enterprise_->Post(path + "/cancel").error_code(), "appointment_illegal_transition");
  EXPECT_EQ(approver_
                ->Post(path + "/schedule",
                       {{"date", domain::TodayChina()}, {"verifier_user_ids", {12345}}})
                .error_code(),
            "verifier_invalid");

  // A cancelled booking frees its instruments; a rejection carries the reason to the owner.
  auto second = enterprise_->Post("/api/v1/appointments", Booking({ids[0]}, false));
  ASSERT_EQ(second.status, 201);
  std::string p2 = "/api/v1/appointments/" + std::to_string(second.json()["id"].get<int64_t>());
  EXPECT_EQ(enterprise_->Post(p2 + "/submit").error_code(), "instrument_already_booked");
  auto events = enterprise_->Get(path).json()["events"];
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.back()["action"], "accept");
}

TEST_F(VerificationTest, RevisionAndRevocationShowOnThePublicPage) {
  auto ids = Filed(1);
  json record = Verified(Scheduled(ids), ids[0]);
  std::string number = record["certificate"]["number"];
  std::string page = TokenPath(record["certificate"]["qr_url"]);
  std::string path = "/api/v1/certificates/" + number;
  EXPECT_EQ(approver_->Post(path + "/revise", {{"reason", ""}}).error_code(), "reason_required");
  EXPECT_EQ(verifier_->Post(path + "/revise", {{"reason", "更正"}}).status, 403);
  auto r = approver_->Post(path + "/revise", {{"reason", "更正使用单位地址"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["revision"], 2);
  ASSERT_EQ(r.json()["revisions"].size(), 2u);
  EXPECT_EQ(r.json()["revisions"][0]["status"], "superseded");
  EXPECT_EQ(enterprise_->Get(path + "/pdf?revision=1").status, 200);
  Client anonymous = NewClient();
  r = anonymous.Get(page);
  EXPECT_NE(r.body.find("检定合格 · 有效"), std::string::npos);
  EXPECT_NE(r.body.find("更正使用单位地址"), std::string::npos);

  r = approver_->Post(path + "/revoke", {{"reason", "检定数据有误"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["live_status"], "revoked");
  r = anonymous.Get(page);
  EXPECT_NE(r.body.find("证书已注销"), std::string::npos);
  EXPECT_NE(r.body.find("检定数据有误"), std::string::npos);
  EXPECT_EQ(approver_->Post(path + "/revoke", {{"reason", "again"}}).error_code(),
            "certificate_revoked");
  json instrument = enterprise_->Get("/api/v1/instruments/" + std::to_string(ids[0])).json();
  EXPECT_EQ(instrument["verification_state"], "revoked");
  EXPECT_EQ(SignIn("jiangan").Get("/api/v1/instruments?verification=never").json()["total"], 1);

  // Both changes are audited.
  auto audit = Admin().Get("/api/v1/admin/audit?page_size=200").json()["items"];
  std::set<std::string> actions;
  for (const auto& a : audit) actions.insert(a["action"]);
  EXPECT_TRUE(actions.contains("certificate.revise"));
  EXPECT_TRUE(actions.contains("certificate.revoke"));
  EXPECT_TRUE(actions.contains("verification.sign"));
  EXPECT_TRUE(actions.contains("appointment.accept"));
}

TEST_F(VerificationTest, RemindersAreSentOnceAndOverdueIsListed) {
  auto ids = Filed(2);
  int64_t appointment = Scheduled(ids);
  Verified(appointment, ids[0]);
  Verified(appointment, ids[1]);
  std::string today = domain::TodayChina();
  auto moved = runtime_->db().Write([&](store::Tx& tx) -> Status {
    store::UpdateVerificationState(tx, ids[0], "passed", today, domain::AddDays(today, 20), "X",
                                   domain::NowSeconds());
    store::UpdateVerificationState(tx, ids[1], "passed", today, domain::AddDays(today, -1), "Y",
                                   domain::NowSeconds());
    return {};
  });
  ASSERT_TRUE(moved.has_value());
  Client admin = Admin();
  auto r = admin.Post("/api/v1/admin/jobs/reminders");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["reminded"], 1);
  EXPECT_EQ(r.json()["overdue_listed"], 1);
  EXPECT_NE(LatestSms("13900000006").find("检定即将到期"), std::string::npos);
  r = admin.Post("/api/v1/admin/jobs/reminders");
  EXPECT_TRUE(r.json()["already_done"].get<bool>());
  EXPECT_EQ(r.json()["reminded"], 0);
  // The next day the same 30-day reminder is not repeated (ledger), nor on a second instance.
  auto next = runtime_->reminders().RunDaily(domain::AddDays(today, 1));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->reminded, 0);
  EXPECT_EQ(SignIn("verifier").Post("/api/v1/admin/jobs/reminders").status, 403);

  Client jiangan = SignIn("jiangan");
  json inbox = jiangan.Get("/api/v1/inbox").json()["items"];
  bool listed = false;
  for (const auto& m : inbox) listed |= m["title"] == "辖区内器具检定逾期";
  EXPECT_TRUE(listed);
  json summary = jiangan.Get("/api/v1/supervision/verification-summary").json()["items"];
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0]["region_name"], "江岸区");
  EXPECT_EQ(summary[0]["due_soon"], 1);
  EXPECT_EQ(summary[0]["overdue"], 1);
  EXPECT_EQ(jiangan.Get("/api/v1/instruments?verification=overdue").json()["total"], 1);
  EXPECT_EQ(enterprise_->Get("/api/v1/supervision/verification-summary").status, 403);
}

TEST_F(VerificationTest, KeyRotationKeepsPrintedLabelsValid) {
  auto ids = Filed(2);
  int64_t appointment = Scheduled(ids);
  std::string old_page = TokenPath(Verified(appointment, ids[0])["certificate"]["qr_url"]);
  auto kid = runtime_->certificates().RotateKey(services::SystemActor("test"));
  ASSERT_TRUE(kid.has_value());
  std::string new_page = TokenPath(Verified(appointment, ids[1])["certificate"]["qr_url"]);
  Client anonymous = NewClient();
  json keys = anonymous.Get("/api/v1/public/keys").json()["keys"];
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0]["status"], "retired");
  EXPECT_EQ(keys[1]["status"], "active");
  EXPECT_EQ(keys[1]["kid"], *kid);
  EXPECT_NE(anonymous.Get(old_page).body.find("检定合格 · 有效"), std::string::npos);
  EXPECT_NE(anonymous.Get(new_page).body.find("检定合格 · 有效"), std::string::npos);
}

// The published keys let anyone check a label without the platform: scripts/verify-label.mjs is
// an independent implementation (Node's crypto) run against a saved copy of the keys.
TEST_F(VerificationTest, LabelsVerifyOfflineWithThePublishedKeys) {
  if (std::system("node --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "node not installed";
  auto ids = Filed(1);
  std::string qr = Verified(Scheduled(ids), ids[0])["certificate"]["qr_url"];
  std::string keys_file = ::testing::TempDir() + "mvis-label-keys.json";
  std::ofstream(keys_file) << NewClient().Get("/api/v1/public/keys").body;
  auto run = [&](const std::string& url) {
    std::string cmd =
        "node " MVIS_SOURCE_DIR "/scripts/verify-label.mjs " + keys_file + " '" + url + "' 2>&1";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[512];
    while (p && fgets(buf, sizeof buf, p)) out += buf;
    int rc = p ? pclose(p) : -1;
    return std::pair{rc, out};
  };
  auto [ok_rc, ok_out] = run(qr);
  EXPECT_EQ(ok_rc, 0) << ok_out;
  EXPECT_NE(ok_out.find("VALID: certificate WHJL-"), std::string::npos) << ok_out;
  std::string altered = qr;
  altered[altered.find("/v/") + 10] ^= 1;
  auto [bad_rc, bad_out] = run(altered);
  EXPECT_NE(bad_rc, 0) << bad_out;
  EXPECT_NE(bad_out.find("INVALID"), std::string::npos) << bad_out;
  std::remove(keys_file.c_str());
}

TEST_F(VerificationTest, PublicPagesAreRateLimitedPerClient) {
  Restart([](app::AppConfig& c) { c.public_rate_per_minute = 3; });
  Client anonymous = NewClient();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(anonymous.Get("/api/v1/public/keys").status, 200);
  EXPECT_EQ(anonymous.Get("/api/v1/public/keys").error_code(), "rate_limited");
  EXPECT_EQ(anonymous.Get("/v/abc.def").status, 429);
}

}  // namespace
}  // namespace mvis::testing
