// Secrets out of reach: one-time codes never stored readable, label signing keys sealed with a key
// that is not in the database, and what must not linger purged by the housekeeping job.
#include <regex>

#include "store/sessions_store.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

std::vector<std::string> Column(store::Database& db, const std::string& sql) {
  return db
      .Read([&](store::Tx& tx) -> Result<std::vector<std::string>> {
        std::vector<std::string> out;
        for (const auto& r : tx.Query(sql)) out.push_back(r.Str(0));
        return out;
      })
      .value();
}

TEST_F(ApiTest, NoOneTimeCodeIsStoredReadable) {
  Client anon = NewClient();
  std::string code = RegistrationCode("13911118001", anon);
  ASSERT_EQ(code.size(), 6u);
  for (const auto& table_column :
       {"SELECT body FROM notifications", "SELECT sealed_body FROM notifications",
        "SELECT code_hash FROM one_time_codes", "SELECT summary FROM audit_log",
        "SELECT value FROM settings"}) {
    for (const auto& text : Column(runtime_->db(), table_column))
      EXPECT_EQ(text.find(code), std::string::npos) << table_column << ": " << text;
  }
  // Sent: the sealed text is gone, the outbox shows the code starred out.
  EXPECT_EQ(Column(runtime_->db(), "SELECT sealed_body FROM notifications"),
            std::vector<std::string>{""});
  EXPECT_NE(LatestSms("13911118001").find("验证码为******"), std::string::npos);
}

TEST_F(VerificationTest, LabelSigningKeysAreStoredSealed) {
  auto ids = Filed(1);
  json issued = Verified(Scheduled(ids), ids[0]);
  EXPECT_EQ(Column(runtime_->db(), "SELECT secret_key FROM label_keys"),
            std::vector<std::string>{""});
  auto sealed = Column(runtime_->db(), "SELECT secret_sealed FROM label_keys");
  ASSERT_EQ(sealed.size(), 1u);
  EXPECT_GT(sealed[0].size(), 100u);

  // A server with another master key cannot open it: it refuses to sign rather than sign wrong.
  Restart([](app::AppConfig& c) { c.secret_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="; });
  ReSignIn();
  auto more = Filed(1);
  int64_t appointment = Scheduled(more);
  std::string path =
      "/api/v1/verifications/" + std::to_string(AwaitingApproval(appointment, more[0]));
  auto refused =
      approver_->Post(path + "/sign", {{"duty", "approver"}, {"password", kDemoPassword}});
  EXPECT_EQ(refused.status, 500);
  EXPECT_EQ(refused.error_code(), "internal");
  EXPECT_EQ(refused.body.find("label key"), std::string::npos);  // the detail stays in the log
  // The label issued before still verifies: checking needs only the public key.
  std::string qr = issued["certificate"]["qr_url"];
  EXPECT_NE(NewClient().Get(TokenPath(qr)).body.find("检定合格 · 有效"), std::string::npos);
}

TEST_F(VerificationTest, PlainKeysOfOlderDatabasesAreSealedAtStart) {
  auto ids = Filed(1);
  json issued = Verified(Scheduled(ids), ids[0]);
  // As a database from before sealing keeps it: the secret key in plain text.
  auto key = runtime_->db().Write([](store::Tx& tx) -> Result<std::string> {
    auto k = tx.QueryOne("SELECT kid, public_key FROM label_keys");
    tx.Exec("UPDATE label_keys SET secret_key = 'cGxhaW4', secret_sealed = ''");
    return k->Str(0);
  });
  ASSERT_TRUE(key.has_value());
  Restart([](app::AppConfig&) {});
  EXPECT_EQ(Column(runtime_->db(), "SELECT secret_key FROM label_keys"),
            std::vector<std::string>{""});
  EXPECT_FALSE(Column(runtime_->db(), "SELECT secret_sealed FROM label_keys")[0].empty());
}

TEST_F(ApiTest, HousekeepingPurgesExpiredSessionsUsedCodesAndOldSms) {
  SeedDemo();
  Client user = SignIn("charger");
  Client anon = NewClient();
  RegistrationCode("13911118002", anon);
  auto count = [&](const char* sql) {
    return runtime_->db()
        .Read([&](store::Tx& tx) -> Result<int64_t> { return tx.QueryOne(sql)->Int(0); })
        .value();
  };
  ASSERT_GT(count("SELECT COUNT(*) FROM sessions"), 0);
  ASSERT_EQ(count("SELECT COUNT(*) FROM one_time_codes"), 1);
  ASSERT_GT(count("SELECT COUNT(*) FROM notifications WHERE channel = 'sms'"), 0);

  auto nothing = runtime_->housekeeping().Purge();  // nothing old enough yet
  ASSERT_TRUE(nothing.has_value());
  EXPECT_EQ(nothing->sessions + nothing->codes + nothing->sms, 0);

  clock_->AdvanceDays(31);  // past the 30-day SMS retention and every session and code
  auto purged = runtime_->housekeeping().Purge();
  ASSERT_TRUE(purged.has_value());
  EXPECT_GT(purged->sessions, 0);
  EXPECT_EQ(purged->codes, 1);
  EXPECT_GT(purged->sms, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM one_time_codes"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE channel = 'sms'"), 0);
  EXPECT_EQ(user.Get("/api/v1/me").status, 401);
}

}  // namespace
}  // namespace mvis::testing
