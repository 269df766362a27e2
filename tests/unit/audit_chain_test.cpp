#include "domain/audit_chain.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> rows;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = i;
    e.at = 1700000000 + i;
    e.user_id = i % 2 ? std::optional<int64_t>(7) : std::nullopt;
    e.username = "u";
    e.role = "sysadmin";
    e.action = "test.action";
    e.object_type = "thing";
    e.object_id = std::to_string(i);
    e.summary = "row " + std::to_string(i);
    e.ip = "127.0.0.1";
    e.result = "ok";
    e.prev_hash = prev;
    e.hash = ComputeAuditHash(e);
    prev = e.hash;
    rows.push_back(e);
  }
  return rows;
}

TEST(AuditChain, IntactChainVerifies) {
  auto rows = Chain(5);
  EXPECT_FALSE(VerifyAuditChain(rows, rows.back().hash, 5).has_value());
  EXPECT_FALSE(VerifyAuditChain({}, kGenesisHash, 0).has_value());
}

TEST(AuditChain, EveryFieldIsCovered) {
  auto base = Chain(3);
  std::vector<std::function<void(AuditEntry&)>> edits = {
      [](AuditEntry& e) { e.at += 1; },           [](AuditEntry& e) { e.user_id = 99; },
      [](AuditEntry& e) { e.username = "x"; },    [](AuditEntry& e) { e.role = "x"; },
      [](AuditEntry& e) { e.org_id = 1; },        [](AuditEntry& e) { e.action = "x"; },
      [](AuditEntry& e) { e.object_type = "x"; }, [](AuditEntry& e) { e.object_id = "x"; },
      [](AuditEntry& e) { e.summary = "x"; },     [](AuditEntry& e) { e.ip = "x"; },
      [](AuditEntry& e) { e.result = "denied"; },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    auto rows = base;
    edits[i](rows[1]);
    auto broken = VerifyAuditChain(rows, rows.back().hash, 3);
    ASSERT_TRUE(broken.has_value()) << "edit " << i;
    EXPECT_EQ(broken->seq, 2);
  }
}

TEST(AuditChain, DeletionAndReorderAreDetected) {
  auto rows = Chain(4);
  auto deleted = rows;
  deleted.erase(deleted.begin() + 1);
  EXPECT_EQ(VerifyAuditChain(deleted, rows.back().hash, 4)->seq, 3);
  auto tail = rows;
  tail.pop_back();
  EXPECT_TRUE(VerifyAuditChain(tail, rows.back().hash, 4).has_value());
  auto swapped = rows;
  std::swap(swapped[1], swapped[2]);
  EXPECT_TRUE(VerifyAuditChain(swapped, rows.back().hash, 4).has_value());
}

TEST(AuditChain, FieldBoundariesCannotBeShifted) {
  auto a = Chain(1)[0];
  auto b = a;
  a.username = "ab";
  a.role = "c";
  b.username = "a";
  b.role = "bc";
  EXPECT_NE(ComputeAuditHash(a), ComputeAuditHash(b));
}

}  // namespace
}  // namespace mvis::domain
