// Registration with SMS codes, login, lockout, sessions, CSRF and password change.
#include <regex>
#include <thread>

#include "fixture.hpp"
#include "store/orgs_store.hpp"

namespace mvis::testing {
namespace {

int64_t CountOrgs(store::Database& db) {
  return db
      .Read([](store::Tx& tx) -> Result<int64_t> {
        return tx.QueryOne("SELECT COUNT(*) FROM orgs")->Int(0);
      })
      .value();
}

TEST_F(ApiTest, RegisteredEnterpriseLogsInAndSeesItsOrganisation) {
  std::string credit = CreditCode(1);
  auto r = RegisterEnterprise(credit, "ent_one", "13911110001");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["org"]["credit_code"], credit);
  EXPECT_EQ(r.json()["user"]["phone_masked"], "139****0001");

  Client c = SignIn("ent_one", "Str0ng!Passw0rd");
  auto me = c.Get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  auto j = me.json();
  EXPECT_EQ(j["role"], "enterprise");
  EXPECT_EQ(j["org"]["credit_code"], credit);
  EXPECT_EQ(j["org"]["region_code"], "420102");
  EXPECT_EQ(j["scope"]["kind"], "org");
  EXPECT_FALSE(j["csrf_token"].get<std::string>().empty());
  // The welcome notice reached the inbox.
  auto inbox = c.Get("/api/v1/inbox").json();
  EXPECT_EQ(inbox["total"], 1);
  EXPECT_EQ(inbox["unread"], 1);
}

TEST_F(ApiTest, DuplicateCreditCodeIsAConflictAndCreatesNothing) {
  std::string credit = CreditCode(2);
  ASSERT_EQ(RegisterEnterprise(credit, "first_user", "13911110002").status, 201);
  int64_t before = CountOrgs(runtime_->db());
  auto r = RegisterEnterprise(credit, "second_user", "13911110003");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "credit_code_taken");
  EXPECT_EQ(CountOrgs(runtime_->db()), before);
}

TEST_F(ApiTest, RegistrationRejectsBadFieldsWithFieldErrors) {
  Client anon = NewClient();
  std::string credit = CreditCode(3);
  credit.back() = credit.back() == '0' ? '1' : '0';  // wrong check character
  auto r = anon.Post("/api/v1/auth/register", {{"credit_code", credit},
                                               {"org_name", ""},
                                               {"region_code", "420102"},
                                               {"address", "x"},
                                               {"contact_name", "x"},
                                               {"phone", "12345"},
                                               {"sms_code", "123456"},
                                               {"username", "ok_user"},
                                               {"password", "short"},
                                               {"terms_version", "2026-12-01"},
                                               {"privacy_version", "2026-12-01"}});
  ASSERT_EQ(r.status, 400);
  auto j = r.json()["error"];
  EXPECT_EQ(j["code"], "credit_code_invalid");
  std::set<std::string> fields;
  for (const auto& f : j["details"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"credit_code", "org_name", "phone", "password"}));
  EXPECT_EQ(CountOrgs(runtime_->db()), 0);
}

TEST_F(ApiTest, RegistrationNeedsTheRightSmsCodeOnce) {
  Client anon = NewClient();
  const std::string phone = "13911110004";
  std::string code = RegistrationCode(phone, anon);
  std::string wrong = code == "111111" ? "222222" : "111111";
  nlohmann::json body = {{"credit_code", CreditCode(4)},
                         {"org_name", "某公司"},
                         {"region_code", "420111"},
                         {"address", "地址"},
                         {"contact_name", "联系人"},
                         {"phone", phone},
                         {"sms_code", wrong},
                         {"username", "sms_user"},
                         {"password", "Str0ng!Passw0rd"},
                         {"terms_version", "2026-12-01"},
                         {"privacy_version", "2026-12-01"}};
  auto bad = anon.Post("/api/v1/auth/register", body);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "sms_code_invalid");
  EXPECT_EQ(CountOrgs(runtime_->db()), 0);

  body["sms_code"] = code;
  ASSERT_EQ(anon.Post("/api/v1/auth/register", body).status, 201);
  // Single use: the same code cannot register a second enterprise.
  body["credit_code"] = CreditCode(5);
  body["username"] = "sms_user2";
  auto reused = anon.Post("/api/v1/auth/register", body);
  EXPECT_EQ(reused.status, 400);
  EXPECT_EQ(reused.error_code(), "sms_code_invalid");
}

TEST_F(ApiTest, RegistrationRecordsConsentAndTheLicenceIsSeenByTheRegulator) {
  SeedDemo();
  auto agreements = NewClient().Get("/api/v1/site/agreements").json()["items"];
  ASSERT_EQ(agreements.size(), 2u);
  EXPECT_EQ(agreements[0]["title"], "用户协议");
  EXPECT_EQ(agreements[1]["title"], "隐私政策");
  EXPECT_FALSE(agreements[1]["text"].get<std::string>().empty());
  Client anon = NewClient();
  const std::string phone = "13911110009";
  std::string code = RegistrationCode(phone, anon);
  nlohmann::json body = {{"credit_code", CreditCode(9)},
                         {"org_name", "同意协议充电有限公司"},
                         {"region_code", "420102"},
                         {"address", "武汉市江岸区一路1号"},
                         {"contact_name", "周经理"},
                         {"phone", phone},
                         {"sms_code", code},
                         {"username", "consent_user"},
                         {"password", "Str0ng!Passw0rd"}};
  // Without agreeing (or agreeing to an old version) nothing is created.
  const int64_t orgs = CountOrgs(runtime_->db());
  auto refused = anon.Post("/api/v1/auth/register", body);
  EXPECT_EQ(refused.error_code(), "consent_required");
  body["terms_version"] = "2020-01-01";
  body["privacy_version"] = "2026-12-01";
  EXPECT_EQ(anon.Post("/api/v1/auth/register", body).error_code(), "consent_required");
  EXPECT_EQ(CountOrgs(runtime_->db()), orgs);
  body["terms_version"] = "2026-12-01";
  auto r = anon.Post("/api/v1/auth/register", body);
  ASSERT_EQ(r.status, 201) << r.body;
  int64_t user_id = r.json()["user"]["id"];
  int64_t org_id = r.json()["org"]["id"];
  auto consents = runtime_->db().Read([&](store::Tx& tx) -> Result<std::string> {
    std::string out;
    for (const auto& row : tx.Query(
             "SELECT document, version, ip FROM consents WHERE user_id = ? ORDER BY id", {user_id}))
      out += row.Str(0) + " " + row.Str(1) + " " + row.Str(2) + ";";
    return out;
  });
  EXPECT_EQ(*consents, "terms 2026-12-01 127.0.0.1;privacy 2026-12-01 127.0.0.1;");

  // The 营业执照: the enterprise hands it in; its district bureau reads it; others do not.
  Client ent = SignIn("consent_user", "Str0ng!Passw0rd");
  const std::string path = "/api/v1/orgs/" + std::to_string(org_id) + "/license";
  EXPECT_EQ(ent.Upload(path, "file", "licence.txt", "not a scan").error_code(), "license_invalid");
  EXPECT_EQ(ent.Upload(path, "file", "big.pdf", "%PDF-" + std::string(5 << 20, 'x')).error_code(),
            "license_too_large");
  const std::string scan = "%PDF-1.4\n% a scanned licence\n";
  auto up = ent.Upload(path, "file", "营业执照.pdf", scan);
  EXPECT_EQ(up.status, 204) << up.body;
  auto mine = ent.Get(path);
  EXPECT_EQ(mine.body, scan);
  EXPECT_EQ(mine.headers["content-type"], "application/pdf");
  auto bureau = SignIn("jiangan").Get(path);
  EXPECT_EQ(bureau.status, 200);
  EXPECT_EQ(bureau.body, scan);
  EXPECT_EQ(SignIn("hongshan").Get(path).status, 404);  // another district
  EXPECT_EQ(SignIn("charger").Get(path).status, 404);   // another enterprise
  EXPECT_EQ(SignIn("charger").Upload(path, "file", "x.pdf", scan).status, 404);
  EXPECT_EQ(SignIn("jiangan").Upload(path, "file", "x.pdf", scan).status, 403);
}

TEST_F(ApiTest, SmsCodeStoredHashedAndExpires) {
  Restart([](app::AppConfig& c) { c.services.sms_code_ttl_seconds = 1; });
  Client anon = NewClient();
  const std::string phone = "13911110006";
  std::string code = RegistrationCode(phone, anon);
  auto stored = runtime_->db().Read([](store::Tx& tx) -> Result<std::string> {
    return tx.QueryOne("SELECT code_hash FROM one_time_codes")->Str(0);
  });
  EXPECT_EQ(stored->find(code), std::string::npos);
  EXPECT_EQ(stored->size(), 64u);
  clock_->Advance(2);
  auto r = anon.Post("/api/v1/auth/register", {{"credit_code", CreditCode(6)},
                                               {"org_name", "某公司"},
                                               {"region_code", "420111"},
                                               {"address", "地址"},
                                               {"contact_name", "联系人"},
                                               {"phone", phone},
                                               {"sms_code", code},
                                               {"username", "late_user"},
                                               {"password", "Str0ng!Passw0rd"},
                                               {"terms_version", "2026-12-01"},
                                               {"privacy_version", "2026-12-01"}});
  EXPECT_EQ(r.error_code(), "sms_code_invalid");
}

TEST_F(ApiTest, SmsCodesAreRateLimitedPerPhoneAndPerIp) {
  Restart([](app::AppConfig& c) { c.services.sms_per_ip_per_hour = 3; });
  Client anon = NewClient();
  auto first =
      anon.Post("/api/v1/auth/sms-codes", {{"phone", "13911110010"}, {"purpose", "register"}});
  EXPECT_EQ(first.status, 202);
  auto again =
      anon.Post("/api/v1/auth/sms-codes", {{"phone", "13911110010"}, {"purpose", "register"}});
  EXPECT_EQ(again.status, 429);
  EXPECT_EQ(again.error_code(), "sms_rate_limited");
  EXPECT_EQ(anon.Post("/api/v1/auth/sms-codes", {{"phone", "13911110011"}, {"purpose", "register"}})
                .status,
            202);
  EXPECT_EQ(anon.Post("/api/v1/auth/sms-codes", {{"phone", "13911110012"}, {"purpose", "register"}})
                .status,
            202);
  auto ip_limited =
      anon.Post("/api/v1/auth/sms-codes", {{"phone", "13911110013"}, {"purpose", "register"}});
  EXPECT_EQ(ip_limited.status, 429);
  auto bad_phone =
      anon.Post("/api/v1/auth/sms-codes", {{"phone", "1391111"}, {"purpose", "register"}});
  EXPECT_EQ(bad_phone.status, 400);
  EXPECT_EQ(bad_phone.error_code(), "phone_invalid");
}

TEST_F(ApiTest, WrongPasswordsLockTheAccount) {
  SeedDemo();
  Client c = NewClient();
  auto wrong = c.Login("charger", "Wrong!Passw0rd1");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.error_code(), "login_failed");
  auto unknown = c.Login("nobody_here", "Wrong!Passw0rd1");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.error_code(), "login_failed");
  for (int i = 0; i < 2; ++i) c.Login("charger", "Wrong!Passw0rd1");
  // Three failures in a row: the account now needs the CAPTCHA, and a login without it is not
  // even checked — the right password does not get in, and nothing is counted.
  for (int i = 0; i < 3; ++i) {
    auto needs = c.Login("charger", kDemoPassword);
    EXPECT_EQ(needs.status, 401);
    EXPECT_EQ(needs.error_code(), "captcha_required");
  }
  Json body = SolvedCaptcha(c);
  body["username"] = "charger";
  body["password"] = kDemoPassword;
  Json wrong_answer = body;
  wrong_answer["captcha_answer"] = "ZZZZ";
  EXPECT_EQ(c.Post("/api/v1/auth/login", wrong_answer).error_code(), "captcha_invalid");
  // The challenge was used up by the wrong answer.
  EXPECT_EQ(c.Post("/api/v1/auth/login", body).error_code(), "captcha_invalid");
  // Other accounts behind the same address are not affected.
  EXPECT_EQ(NewClient().Login("kuaichong", kDemoPassword).status, 200);
  for (int i = 0; i < 2; ++i) {  // failures 4 and 5, with answered CAPTCHAs
    Json attempt = SolvedCaptcha(c);
    attempt["username"] = "charger";
    attempt["password"] = "Wrong!Passw0rd1";
    EXPECT_EQ(c.Post("/api/v1/auth/login", attempt).error_code(), "login_failed");
  }
  auto locked = c.Login("charger", kDemoPassword);  // right password, but locked now
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.error_code(), "account_locked");

  auto audit = SignIn("admin").Get("/api/v1/admin/audit?action=auth.login&page_size=50").json();
  int failed = 0, denied = 0;
  for (const auto& row : audit["items"]) {
    failed += row["result"] == "failed";
    denied += row["result"] == "denied";
  }
  EXPECT_EQ(failed, 8);  // 5 wrong passwords, 1 unknown user, 2 wrong CAPTCHA answers
  EXPECT_EQ(denied, 1);

  // The lock lasts 15 minutes.
  clock_->Advance(14 * 60);
  EXPECT_EQ(c.Login("charger", kDemoPassword).error_code(), "account_locked");
  clock_->Advance(60);
  EXPECT_EQ(c.Login("charger", kDemoPassword).status, 200);
}

TEST_F(ApiTest, CaptchaIsAPngThatExpiresAndIsPurged) {
  SeedDemo();
  Client c = NewClient();
  auto r = c.Post("/api/v1/auth/captcha", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  std::string image = r.json()["image"];
  ASSERT_EQ(image.rfind("data:image/png;base64,iVBORw0KGgo", 0), 0u);  // the PNG signature
  EXPECT_GT(image.size(), 1000u);
  EXPECT_EQ(r.json()["expires_in"], 300);
  EXPECT_EQ(r.headers["cache-control"].find("public"), std::string::npos);
  for (int i = 0; i < 3; ++i) c.Login("charger", "Wrong!Passw0rd1");
  Json body = SolvedCaptcha(c);
  body["username"] = "charger";
  body["password"] = kDemoPassword;
  clock_->Advance(301);  // five minutes: the challenge is gone
  EXPECT_EQ(c.Post("/api/v1/auth/login", body).error_code(), "captcha_invalid");
  Json fresh = SolvedCaptcha(c);
  fresh["username"] = "charger";
  fresh["password"] = kDemoPassword;
  fresh["captcha_answer"] = "k7px";  // case and spaces do not matter
  EXPECT_EQ(c.Post("/api/v1/auth/login", fresh).status, 200);
  c.Post("/api/v1/auth/captcha", Json::object());
  clock_->Advance(301);
  auto purged = runtime_->housekeeping().Purge();
  ASSERT_TRUE(purged);
  EXPECT_GE(purged->captchas, 1);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM captchas"), 0);
}

TEST_F(ApiTest, SessionCookieIsHttpOnlyStrictAndLogoutEndsIt) {
  SeedDemo();
  Client c = NewClient();
  auto r = c.Login("charger", kDemoPassword);
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.set_cookies.size(), 1u);
  const std::string& cookie = r.set_cookies[0];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  std::string token = c.cookie.substr(std::string("mvis_session=").size());
  EXPECT_GE(token.size(), 22u);  // >= 128 bits in base64url
  // Only the hash is stored.
  auto stored = runtime_->db().Read([&](store::Tx& tx) -> Result<int64_t> {
    return tx.QueryOne("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {token})->Int(0);
  });
  EXPECT_EQ(*stored, 0);

  EXPECT_EQ(c.Get("/api/v1/me").status, 200);
  EXPECT_EQ(NewClient().Get("/api/v1/me").status, 401);
  EXPECT_EQ(c.Post("/api/v1/auth/logout").status, 204);
  auto after = c.Get("/api/v1/me");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.error_code(), "unauthenticated");
}

TEST_F(ApiTest, StateChangesNeedTheCsrfToken) {
  SeedDemo();
  Client c = SignIn("charger");
  auto missing = c.Send("POST", "/api/v1/inbox/read-all", "{}", {}, /*with_csrf=*/false);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.error_code(), "csrf_token_invalid");
  auto wrong = c.Send("POST", "/api/v1/inbox/read-all", "{}", {"X-CSRF-Token: forged"}, false);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(c.Post("/api/v1/inbox/read-all").status, 204);
}

TEST_F(ApiTest, IdleSessionsExpire) {
  Restart([](app::AppConfig& c) { c.services.session_idle_seconds = 1; });
  SeedDemo();
  Client c = SignIn("charger");
  clock_->Advance(2);
  auto r = c.Get("/api/v1/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.error_code(), "session_expired");
}

TEST_F(ApiTest, PasswordChangeEndsOtherSessions) {
  SeedDemo();
  Client a = SignIn("charger");
  Client b = SignIn("charger");
  auto wrong = a.Post("/api/v1/me/password",
                      {{"current_password", "nope"}, {"new_password", "N3w!Password#1"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.error_code(), "current_password_wrong");
  auto weak = a.Post("/api/v1/me/password",
                     {{"current_password", kDemoPassword}, {"new_password", "alllowercase"}});
  EXPECT_EQ(weak.error_code(), "password_too_weak");
  ASSERT_EQ(a.Post("/api/v1/me/password",
                   {{"current_password", kDemoPassword}, {"new_password", "N3w!Password#1"}})
                .status,
            204);
  EXPECT_EQ(a.Get("/api/v1/me").status, 200);
  EXPECT_EQ(b.Get("/api/v1/me").status, 401);
  EXPECT_EQ(NewClient().Login("charger", kDemoPassword).status, 401);
  EXPECT_EQ(NewClient().Login("charger", "N3w!Password#1").status, 200);
}

}  // namespace
}  // namespace mvis::testing

namespace mvis::testing {
namespace {

TEST_F(ApiTest, ForgottenPasswordIsResetWithAnSmsCodeToTheAccountsPhone) {
  SeedDemo();
  Client old_session = SignIn("charger");
  for (int i = 0; i < 5; ++i) NewClient().Login("charger", "Wrong!Passw0rd1");  // locked now
  Client anon = NewClient();
  const std::string phone = "13900000006";  // charger's phone
  std::string code = RequestSmsCode(anon, phone, "reset_password");
  ASSERT_EQ(code.size(), 6u);
  // The outbox (sysadmin) shows the text with the code starred out.
  EXPECT_NE(LatestSms(phone).find("验证码为******"), std::string::npos);
  EXPECT_EQ(LatestSms(phone).find(code), std::string::npos);
  std::string wrong = code == "111111" ? "222222" : "111111";

  auto bad = anon.Post("/api/v1/auth/password-reset", {{"username", "charger"},
                                                       {"phone", phone},
                                                       {"sms_code", wrong},
                                                       {"new_password", "Reset!Passw0rd9"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "reset_failed");
  auto other_user = anon.Post("/api/v1/auth/password-reset", {{"username", "kuaichong"},
                                                              {"phone", phone},
                                                              {"sms_code", code},
                                                              {"new_password", "Reset!Passw0rd9"}});
  EXPECT_EQ(other_user.error_code(), "reset_failed");  // the phone is not kuaichong's
  auto weak = anon.Post(
      "/api/v1/auth/password-reset",
      {{"username", "charger"}, {"phone", phone}, {"sms_code", code}, {"new_password", "weak"}});
  EXPECT_EQ(weak.error_code(), "password_too_weak");
  auto ok = anon.Post("/api/v1/auth/password-reset", {{"username", "charger"},
                                                      {"phone", phone},
                                                      {"sms_code", code},
                                                      {"new_password", "Reset!Passw0rd9"}});
  ASSERT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(old_session.Get("/api/v1/me").status, 401);
  EXPECT_EQ(NewClient().Login("charger", "Reset!Passw0rd9").status, 200);  // lockout cleared
  auto again = anon.Post("/api/v1/auth/password-reset", {{"username", "charger"},
                                                         {"phone", phone},
                                                         {"sms_code", code},
                                                         {"new_password", "Other!Passw0rd9"}});
  EXPECT_EQ(again.error_code(), "reset_failed");  // single use
}

}  // namespace
}  // namespace mvis::testing
