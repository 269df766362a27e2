// The audit hash chain: intact after real activity, broken by any edit, deletion or reorder,
// and free of full phone numbers. Also runs `mvis audit verify` on the same database.
#include <cstdlib>
#include <regex>

#include "domain/audit_chain.hpp"
#include "domain/time.hpp"
#include "fixture.hpp"
#include "store/audit_store.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

class AuditTest : public ApiTest {
 protected:
  std::optional<domain::ChainBreak> Verify() {
    return runtime_->db()
        .Read([](store::Tx& tx) -> Result<std::optional<domain::ChainBreak>> {
          auto head = store::AuditHead(tx);
          return domain::VerifyAuditChain(store::AllAudit(tx), head.second, head.first);
        })
        .value();
  }
  void Exec(const std::string& sql) {
    ASSERT_TRUE(runtime_->db().Write([&](store::Tx& tx) -> Status {
      tx.Exec(sql);
      return {};
    }));
  }
  int CliVerify() {
    std::string cmd =
        std::string(MVIS_BINARY) + " audit verify --db '" + config_.db + "' >/dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  void Activity() {
    SeedDemo();
    RegisterEnterprise(CreditCode(21), "audited", "13911113001");
    NewClient().Login("charger", "wrong-password");
    SignIn("charger").Post("/api/v1/inbox/read-all");
  }
};

TEST_F(AuditTest, ChainIsIntactAfterActivityAndHasNoFullPhoneNumbers) {
  Activity();
  EXPECT_FALSE(Verify().has_value());
  EXPECT_EQ(CliVerify(), 0);
  auto rows = runtime_->db().Read(
      [](store::Tx& tx) -> Result<std::vector<domain::AuditEntry>> { return store::AllAudit(tx); });
  ASSERT_GT(rows->size(), 10u);
  std::regex phone("1[3-9][0-9]{9}");
  for (const auto& r : *rows) {
    EXPECT_FALSE(std::regex_search(r.summary, phone)) << r.summary;
    EXPECT_FALSE(std::regex_search(r.object_id, phone)) << r.object_id;
    EXPECT_EQ(r.summary.find("Str0ng"), std::string::npos);
  }
}

// The log reads in Chinese: every action the activity wrote has a Chinese name, summaries carry
// no English state names, and it can be searched with the users' words and by date.
TEST_F(AuditTest, ReadsAndSearchesInChinese) {
  Activity();
  // One charger filed by "charger" and approved by the 江岸区 bureau.
  auto body = Charger("AU-1");
  body["submit"] = true;
  auto filed = SignIn("charger").Post("/api/v1/instruments", body);
  ASSERT_EQ(filed.status, 201) << filed.body;
  auto review = SignIn("jiangan").Post("/api/v1/instruments/review",
                                       {{"ids", {filed.json()["id"]}}, {"decision", "approve"}});
  ASSERT_EQ(review.status, 200) << review.body;
  auto admin = SignIn("admin");
  auto all = admin.Get("/api/v1/admin/audit?page_size=200").json();
  ASSERT_GT(all["total"].get<int>(), 10);
  std::regex english_state("(submitted|approved|draft|returned|signed in| -> )");
  for (const auto& row : all["items"]) {
    const std::string action = row["action"], name = row["action_name"];
    EXPECT_NE(name, action) << action << " has no Chinese name";
    EXPECT_NE(row["object_name"], row["object_type"]) << row["object_type"];
    EXPECT_FALSE(std::regex_search(row["summary"].get<std::string>(), english_state))
        << action << ": " << row["summary"];
  }
  // 审核 finds the filing review decisions (备案审核通过 / 退回), and nothing unrelated.
  auto reviews = admin.Get("/api/v1/admin/audit?q=%E5%AE%A1%E6%A0%B8&page_size=200").json();
  ASSERT_GT(reviews["total"].get<int>(), 0);
  for (const auto& row : reviews["items"]) {
    const std::string name = row["action_name"], summary = row["summary"];
    EXPECT_TRUE(name.find("审核") != std::string::npos || summary.find("审核") != std::string::npos)
        << name << " / " << summary;
  }
  auto approvals = admin
                       .Get(
                           "/api/v1/admin/audit?q=%E5%A4%87%E6%A1%88%E5%AE%A1%E6%A0%B8%E9%80%9A"
                           "%E8%BF%87&page_size=1")
                       .json();  // 备案审核通过
  ASSERT_GT(approvals["total"].get<int>(), 0);
  EXPECT_EQ(approvals["items"][0]["action"], "instrument.approve");
  EXPECT_NE(approvals["items"][0]["summary"].get<std::string>().find("待审核 → 已备案"),
            std::string::npos)
      << approvals["items"][0]["summary"];
  auto failures = admin.Get("/api/v1/admin/audit?q=%E5%AF%86%E7%A0%81%E9%94%99%E8%AF%AF").json();
  EXPECT_EQ(failures["total"], 1);  // 密码错误: the one wrong password of the activity
  // Dates are China days: today's rows are all rows; a day long past finds none.
  const std::string today = domain::ChinaDate(clock_->Now());
  EXPECT_EQ(
      admin.Get("/api/v1/admin/audit?date_from=" + today + "&date_to=" + today).json()["total"],
      all["total"]);
  EXPECT_EQ(admin.Get("/api/v1/admin/audit?date_to=2001-01-01").json()["total"], 0);
  auto bad = admin.Get("/api/v1/admin/audit?date_from=2026-13-01");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["code"], "date_invalid");
}

TEST_F(AuditTest, EditedRowIsDetected) {
  Activity();
  Exec("UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 3");
  auto broken = Verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 3);
  EXPECT_EQ(CliVerify(), 1);
}

TEST_F(AuditTest, DeletedRowsAreDetected) {
  Activity();
  Exec("DELETE FROM audit_log WHERE seq = 4");
  ASSERT_TRUE(Verify().has_value());
  EXPECT_EQ(Verify()->seq, 5);
}

TEST_F(AuditTest, DeletedTailIsDetected) {
  Activity();
  Exec("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
  EXPECT_TRUE(Verify().has_value());
  EXPECT_EQ(CliVerify(), 1);
}

TEST_F(AuditTest, SwappedRowsAreDetected) {
  Activity();
  // Swap the contents of rows 5 and 6 while keeping their seq numbers.
  Exec("UPDATE audit_log SET seq = -5 WHERE seq = 5");
  Exec("UPDATE audit_log SET seq = 5 WHERE seq = 6");
  Exec("UPDATE audit_log SET seq = 6 WHERE seq = -5");
  auto broken = Verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 5);
}

}  // namespace
}  // namespace mvis::testing
