// A certificate after issue: revision and revocation on the public page, signing-key rotation,
// offline label checks with the published keys, public rate limits, and the reminder job.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <utility>

#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "io/captcha_image.hpp"
#include "store/instruments_store.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

TEST_F(VerificationTest, RevisionAndRevocationShowOnThePublicPage) {
  auto ids = Filed(1);
  json record = Verified(Scheduled(ids), ids[0]);
  std::string number = record["certificate"]["number"];
  std::string page = TokenPath(record["certificate"]["qr_url"]);
  std::string path = "/api/v1/certificates/" + number;
  EXPECT_EQ(
      approver_->Post(path + "/revise", {{"reason", ""}, {"password", kDemoPassword}}).error_code(),
      "reason_required");
  EXPECT_EQ(
      verifier_->Post(path + "/revise", {{"reason", "更正"}, {"password", kDemoPassword}}).status,
      403);
  EXPECT_EQ(
      approver_->Post(path + "/revise", {{"reason", "更正"}, {"password", "wrong"}}).error_code(),
      "reauth_failed");
  EXPECT_EQ(approver_->Post(path + "/revoke", {{"reason", "更正"}}).error_code(), "reauth_failed");
  auto r = approver_->Post(path + "/revise",
                           {{"reason", "更正使用单位地址"}, {"password", kDemoPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["revision"], 2);
  ASSERT_EQ(r.json()["revisions"].size(), 2u);
  EXPECT_EQ(r.json()["revisions"][0]["status"], "superseded");
  EXPECT_EQ(enterprise_->Get(path + "/pdf?revision=1").status, 200);
  Client anonymous = NewClient();
  r = anonymous.Get(page);
  EXPECT_NE(r.body.find("检定合格 · 有效"), std::string::npos);
  EXPECT_NE(r.body.find("更正使用单位地址"), std::string::npos);

  r = approver_->Post(path + "/revoke", {{"reason", "检定数据有误"}, {"password", kDemoPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["live_status"], "revoked");
  r = anonymous.Get(page);
  EXPECT_NE(r.body.find("证书已注销"), std::string::npos);
  EXPECT_NE(r.body.find("检定数据有误"), std::string::npos);
  EXPECT_EQ(approver_->Post(path + "/revoke", {{"reason", "again"}, {"password", kDemoPassword}})
                .error_code(),
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
  // ids[1] is verified 21 days before ids[0]; both certificates run 36 months. Moving the clock
  // to the day after ids[1] expires leaves ids[0] due in 20 days.
  auto ids = Filed(2);
  int64_t appointment = Scheduled(ids);
  std::string expires = Verified(appointment, ids[1])["certificate"]["valid_until"];
  clock_->AdvanceDays(21);
  ReSignIn();
  Verified(appointment, ids[0]);
  clock_->Set(domain::SystemTime().Now());
  while (clock_->Today() <= expires) clock_->AdvanceDays(1);
  ASSERT_EQ(clock_->Today(), domain::AddDays(expires, 1));

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
  clock_->AdvanceDays(1);
  auto next = runtime_->reminders().RunDaily();
  ASSERT_TRUE(next.has_value());
  EXPECT_FALSE(next->already_done);
  EXPECT_EQ(next->reminded, 0);
  clock_->AdvanceDays(-1);
  ReSignIn();
  EXPECT_EQ(verifier_->Post("/api/v1/admin/jobs/reminders").status, 403);

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
  clock_->Advance(1);  // keys are listed by creation time
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
  char& changed = altered[altered.find("/V/") + 10];
  changed = changed == 'A' ? 'B' : 'A';
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

namespace mvis::testing {
namespace {

TEST_F(VerificationTest, CertificatesExpireWhenTheClockPassesTheirValidity) {
  auto ids = Filed(1);
  json issued = Verified(Scheduled(ids), ids[0]);
  std::string number = issued["certificate"]["number"];
  std::string valid_until = issued["certificate"]["valid_until"];
  std::string page = TokenPath(issued["certificate"]["qr_url"]);
  EXPECT_NE(NewClient().Get(page).body.find("检定合格 · 有效"), std::string::npos);

  while (clock_->Today() <= valid_until) clock_->AdvanceDays(30);
  ReSignIn();
  EXPECT_EQ(enterprise_->Get("/api/v1/certificates/" + number).json()["live_status"], "expired");
  EXPECT_EQ(enterprise_->Get("/api/v1/certificates?status=expired").json()["total"], 1);
  EXPECT_EQ(enterprise_->Get("/api/v1/certificates?status=valid").json()["total"], 0);
  EXPECT_NE(NewClient().Get(page).body.find("已过有效期"), std::string::npos);
  EXPECT_EQ(SignIn("jiangan").Get("/api/v1/instruments?verification=overdue").json()["total"], 1);
}

// Runs `cmd` and returns its standard output.
std::string Output(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while (p && (n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (p) pclose(p);
  return out;
}

TEST_F(VerificationTest, CertificatesCarryTheSealAndTheAuthorisationNumber) {
  const std::string base = "/api/v1/institutes/" + std::to_string(institute_);
  // 计量授权证书号 in the profile.
  json profile = approver_->Get(base + "/profile").json();
  ASSERT_TRUE(profile.contains("code")) << profile.dump();
  profile["authorization_no"] = "（鄂）法计（2024）01001号";
  auto saved = approver_->Put(base + "/profile", profile);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["authorization_no"], "（鄂）法计（2024）01001号");
  // The seal: a real PNG (drawn by the platform's own picture code) is kept; anything else not.
  auto png = io::RenderCaptchaPng("SEAL", std::string(64, '\x5a'));
  ASSERT_TRUE(png);
  EXPECT_EQ(approver_->Get(base + "/seal").status, 404);
  EXPECT_EQ(approver_->Upload(base + "/seal", "file", "seal.jpg", "GIF89a not a png").error_code(),
            "seal_invalid");
  EXPECT_EQ(approver_->Upload(base + "/seal", "file", "big.png", std::string(600 << 10, 'x'))
                .error_code(),
            "seal_too_large");
  auto up = approver_->Upload(base + "/seal", "file", "seal.png", *png);
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(up.json()["sha256"].get<std::string>().size(), 64u);
  auto back = approver_->Get(base + "/seal");
  EXPECT_EQ(back.body, *png);
  EXPECT_EQ(back.headers["content-type"], "image/png");
  // Nobody outside the institute reads or changes it (an enterprise never may: 403).
  EXPECT_EQ(enterprise_->Get(base + "/seal").status, 403);
  EXPECT_EQ(enterprise_->Upload(base + "/seal", "file", "seal.png", *png).status, 403);

  auto ids = Filed(1);
  std::string number = Verified(Scheduled(ids), ids[0])["certificate"]["number"];
  auto pdf = enterprise_->Get("/api/v1/certificates/" + number + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  if (std::system("command -v pdftotext > /dev/null && command -v pdfimages > /dev/null") != 0)
    GTEST_SKIP() << "poppler-utils not installed";
  std::string path = ::testing::TempDir() + "sealed-certificate.pdf";
  std::ofstream(path, std::ios::binary) << pdf.body;
  EXPECT_NE(Output("pdftotext -f 1 -l 1 '" + path + "' -")
                .find("计量授权证书号：（鄂）法计（2024）01001号"),
            std::string::npos);
  // The seal is an image on the cover (the QR code is drawn as vector paths, not an image).
  std::string images = Output("pdfimages -f 1 -l 1 -list '" + path + "'");
  EXPECT_NE(images.find("image"), std::string::npos) << images;
  std::remove(path.c_str());
}

}  // namespace
}  // namespace mvis::testing
