// Statements that share a round trip (Tx::Defer, Tx::Send and Take; on PostgreSQL libpq's pipeline
// mode, BEGIN sent with the first statement and COMMIT with the last deferred ones): they run in
// the order written, a failure among them fails the transaction and leaves nothing of it, and the
// connection serves the next transaction as before. Both databases.
#include <gtest/gtest.h>

#include "fixture.hpp"

namespace mvis::testing {
namespace {

class PipelineTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_TRUE(runtime_->db().Write([](store::Tx& tx) -> Status {
      tx.Exec("CREATE TABLE pipeline_probe (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
      return {};
    }));
  }
  int64_t Rows() {
    auto n = runtime_->db().Read([](store::Tx& tx) -> Result<int64_t> {
      return tx.QueryOne("SELECT COUNT(*) FROM pipeline_probe")->Int(0);
    });
    return n ? *n : -1;
  }
};

TEST_F(PipelineTest, DeferredAndSentStatementsRunInTheOrderWritten) {
  auto read = runtime_->db().Write([](store::Tx& tx) -> Result<std::vector<int64_t>> {
    tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES (?, ?)", {std::string("a"), int64_t{1}});
    const auto first = tx.Send("SELECT COUNT(*) FROM pipeline_probe");
    tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES (?, ?)", {std::string("b"), int64_t{2}});
    const auto second =
        tx.Send("SELECT SUM(v) FROM pipeline_probe WHERE k <> ?", {std::string("x")});
    // A statement waited for: everything before it goes first.
    const int64_t third = tx.QueryOne("SELECT COUNT(*) FROM pipeline_probe")->Int(0);
    tx.Defer("UPDATE pipeline_probe SET v = v + 10 WHERE k = ?", {std::string("a")});
    return std::vector<int64_t>{tx.Take(first).at(0).Int(0), tx.Take(second).at(0).Int(0), third};
  });
  ASSERT_TRUE(read.has_value()) << read.error().detail;
  EXPECT_EQ(*read, (std::vector<int64_t>{1, 3, 2}));
  auto a = runtime_->db().Read([](store::Tx& tx) -> Result<int64_t> {
    return tx.QueryOne("SELECT v FROM pipeline_probe WHERE k = 'a'")->Int(0);
  });
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(*a, 11) << "the update deferred last went with the commit";
}

TEST_F(PipelineTest, AFailingDeferredStatementFailsTheWholeTransaction) {
  // The duplicate key is deferred last: it surfaces at the commit, and the insert before it
  // (same round trip) is rolled back with it.
  auto failed = runtime_->db().Write([](store::Tx& tx) -> Status {
    tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES ('p', 1)");
    tx.Exec("INSERT INTO pipeline_probe (k, v) VALUES ('q', 1)");
    tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES ('q', 2)");
    return {};
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, "duplicate");
  EXPECT_EQ(Rows(), 0);
  // A failure in the middle of a round trip: the statements after it do not run either.
  auto middle = runtime_->db().Write([](store::Tx& tx) -> Result<int64_t> {
    tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES ('r', 1)");
    tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES ('r', NULL)");
    const auto sent = tx.Send("SELECT COUNT(*) FROM pipeline_probe");
    tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES ('s', 1)");
    return tx.Take(sent).at(0).Int(0);
  });
  ASSERT_FALSE(middle.has_value());
  EXPECT_EQ(Rows(), 0);
  // The connections serve the next transactions as before (each of the pool's, several times).
  for (int i = 0; i < 20; ++i) {
    auto ok = runtime_->db().Write([i](store::Tx& tx) -> Status {
      tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES (?, ?)",
               {"t" + std::to_string(i), int64_t{i}});
      return {};
    });
    ASSERT_TRUE(ok.has_value()) << ok.error().detail;
  }
  EXPECT_EQ(Rows(), 20);
}

TEST_F(PipelineTest, ATransactionThatChoosesToRollBackKeepsNothing) {
  auto rolled = runtime_->db().Write([](store::Tx& tx) -> Result<int> {
    tx.Defer("INSERT INTO pipeline_probe (k, v) VALUES ('u', 1)");
    return Fail(ErrorKind::kInvalidArgument, "no", "不保存");
  });
  ASSERT_FALSE(rolled.has_value());
  EXPECT_EQ(rolled.error().code, "no");
  EXPECT_EQ(Rows(), 0);
}

TEST_F(PipelineTest, MoreStatementsThanAConnectionKeepsPreparedStillRun) {
  // A connection keeps 512 statements prepared and then starts afresh. Each round trip here holds
  // statements prepared before (BEGIN, the update) and one never seen: starting afresh must not
  // drop the ones the same round trip runs.
  for (int i = 0; i < 1200; ++i) {
    auto sum = runtime_->db().Write([i](store::Tx& tx) -> Result<int64_t> {
      tx.Defer("UPDATE pipeline_probe SET v = v + 1 WHERE k = ?", {std::string("none")});
      return tx.QueryOne("SELECT CAST(? AS INTEGER) + " + std::to_string(i), {int64_t{1}})->Int(0);
    });
    ASSERT_TRUE(sum.has_value()) << "statement " << i << ": " << sum.error().detail;
    EXPECT_EQ(*sum, i + 1);
  }
}

}  // namespace
}  // namespace mvis::testing
