// The verification business end to end over HTTP: booking and appointment rules, acceptance
// with the SMS naming the institute contact, scheduling, a computed conclusion, three distinct
// signatures, the certificate, the instrument's state, the PDFs, the fail path and refusals.
#include <regex>
#include <set>
#include <string>

#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

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
                      {{"date", clock_->Today()}, {"verifier_user_ids", {verifier_id_}}});
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
  EXPECT_EQ(verifier_->Post(vpath + "/sign", {{"duty", "verifier"}, {"password", kDemoPassword}})
                .json()["status"],
            "awaiting_check");
  EXPECT_EQ(checker_->Post(vpath + "/sign", {{"duty", "checker"}, {"password", kDemoPassword}})
                .json()["status"],
            "awaiting_approval");
  r = approver_->Post(vpath + "/sign", {{"duty", "approver"}, {"password", kDemoPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  json cert = r.json()["certificate"];
  std::string number = cert["number"];
  EXPECT_TRUE(std::regex_match(number, std::regex(R"(WHJL-\d{4}-\d{6})"))) << number;
  std::string today = clock_->Today();
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
  // Where it is used, when it was checked, and where to complain.
  EXPECT_NE(r.body.find("安装地址"), std::string::npos);
  EXPECT_NE(r.body.find(instrument["install_address"].get<std::string>()), std::string::npos);
  EXPECT_NE(r.body.find("查验时间"), std::string::npos);
  EXPECT_NE(r.body.find("12315"), std::string::npos);
  EXPECT_NE(r.body.find("武汉市江岸区市场监督管理局"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("027-82831234"), std::string::npos);
  // A compact label URL: upper case, in the QR alphanumeric set, short enough for version 7.
  EXPECT_EQ(qr.rfind("HTTP://127.0.0.1:", 0), 0u) << qr;
  EXPECT_LE(qr.size(), 154u);
  EXPECT_EQ(qr.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"),
            std::string::npos);
  std::string token = qr.substr(qr.find("/V/") + 3);
  r = anonymous.Get("/api/v1/public/verify/" + token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "valid");
  EXPECT_EQ(r.json()["instrument"]["district"], "江岸区");
  EXPECT_EQ(r.json()["instrument"]["install_address"], instrument["install_address"]);
  EXPECT_EQ(r.json()["complaint"]["phone"], "12315");
  EXPECT_EQ(r.json()["complaint"]["bureau_name"], "武汉市江岸区市场监督管理局");
  EXPECT_EQ(r.json()["complaint"]["bureau_phone"], "027-82831234");
  json keys = anonymous.Get("/api/v1/public/keys").json()["keys"];
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0]["alg"], "Ed25519");
  EXPECT_FALSE(keys[0].contains("secret_key"));

  // Altered or forged tokens are refused.
  std::string altered = token;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  r = anonymous.Get("/V/" + altered);
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
  EXPECT_EQ(checker_->Post(path + "/sign", {{"duty", "checker"}, {"password", kDemoPassword}})
                .error_code(),
            "sign_out_of_order");
  EXPECT_EQ(checker_->Post(path + "/sign", {{"duty", "verifier"}, {"password", kDemoPassword}})
                .error_code(),
            "duty_missing");
  EXPECT_EQ(
      enterprise_->Post(path + "/sign", {{"duty", "verifier"}, {"password", kDemoPassword}}).status,
      404);

  // A signature asks for the signer's password again: a wrong or missing one signs nothing and
  // is audited as denied.
  for (json body :
       {json{{"duty", "verifier"}, {"password", "not-my-password"}}, json{{"duty", "verifier"}}}) {
    auto refused = verifier_->Post(path + "/sign", body);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.error_code(), "reauth_failed");
  }
  EXPECT_EQ(verifier_->Get(path).json()["status"], "draft");
  auto denied = Admin().Get("/api/v1/admin/audit?action=verification.sign").json()["items"];
  ASSERT_GE(denied.size(), 2u);
  EXPECT_EQ(denied[0]["result"], "denied");
  EXPECT_EQ(denied[0]["summary"], "签名密码错误，未生效");

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
  ASSERT_EQ(
      dual.Post(path + "/sign", {{"duty", "verifier"}, {"password", "Sun!Liang2026x"}}).status,
      200);
  EXPECT_EQ(
      dual.Post(path + "/sign", {{"duty", "checker"}, {"password", "Sun!Liang2026x"}}).error_code(),
      "signer_not_distinct");
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
  ASSERT_EQ(
      verifier_->Post(path + "/sign", {{"duty", "verifier"}, {"password", kDemoPassword}}).status,
      200);
  ASSERT_EQ(
      checker_->Post(path + "/sign", {{"duty", "checker"}, {"password", kDemoPassword}}).status,
      200);
  r = approver_->Post(path + "/sign", {{"duty", "approver"}, {"password", kDemoPassword}});
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
  body["verified_on"] = domain::AddDays(clock_->Today(), 1);
  EXPECT_EQ(verifier_->Post("/api/v1/verifications", body).status, 400);
  EXPECT_EQ(enterprise_->Post("/api/v1/verifications", Record(appointment, ids[0])).status, 403);
  // Only verifiers (检定员) enter records.
  EXPECT_EQ(checker_->Post("/api/v1/verifications", Record(appointment, ids[0])).error_code(),
            "duty_missing");
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
  EXPECT_EQ(
      approver_
          ->Post(path + "/schedule", {{"date", clock_->Today()}, {"verifier_user_ids", {12345}}})
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

}  // namespace
}  // namespace mvis::testing
