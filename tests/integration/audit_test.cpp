// The audit hash chain: intact after real activity, broken by any edit, deletion or reorder,
// and free of full phone numbers. Also runs `mvis audit verify` on the same database.
#include <cstdlib>
#include <regex>

#include "domain/audit_chain.hpp"
#include "fixture.hpp"
#include "store/audit_store.hpp"

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
