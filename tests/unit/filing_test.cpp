#include "domain/filing.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace mvis::domain {
namespace {

using S = FilingStatus;
using A = FilingAction;

// Every legal (from, action, change_pending) → to. Anything not listed must be refused.
const std::map<std::tuple<S, A, bool>, S> kLegal = {
    {{S::kDraft, A::kEdit, false}, S::kDraft},
    {{S::kDraft, A::kSubmit, false}, S::kSubmitted},
    {{S::kDraft, A::kDelete, false}, S::kDraft},
    {{S::kReturned, A::kEdit, false}, S::kReturned},
    {{S::kReturned, A::kSubmit, false}, S::kSubmitted},
    {{S::kSubmitted, A::kApprove, false}, S::kApproved},
    {{S::kSubmitted, A::kReturn, false}, S::kReturned},
    {{S::kApproved, A::kRequestChange, false}, S::kApproved},
    {{S::kApproved, A::kDeregister, false}, S::kDeregistered},
    {{S::kApproved, A::kApproveChange, true}, S::kApproved},
    {{S::kApproved, A::kRejectChange, true}, S::kApproved},
};

TEST(Filing, EveryTransitionIsLegalExactlyWhenListed) {
  const S statuses[] = {S::kDraft, S::kSubmitted, S::kApproved, S::kReturned, S::kDeregistered};
  const A actions[] = {A::kEdit,         A::kSubmit,        A::kApprove,
                       A::kReturn,       A::kRequestChange, A::kApproveChange,
                       A::kRejectChange, A::kDeregister,    A::kDelete};
  int legal = 0;
  for (S from : statuses) {
    for (A action : actions) {
      for (bool pending : {false, true}) {
        // A pending change exists only on approved instruments.
        if (pending && from != S::kApproved) continue;
        auto result = NextStatus(from, action, pending);
        auto it = kLegal.find({from, action, pending});
        if (it == kLegal.end()) {
          ASSERT_FALSE(result.has_value())
              << ToString(from) << " " << ToString(action) << " " << pending;
          EXPECT_EQ(result.error().kind, ErrorKind::kFailedPrecondition);
          EXPECT_EQ(result.error().code, "filing_illegal_transition");
          EXPECT_FALSE(result.error().message.empty());
        } else {
          ASSERT_TRUE(result.has_value())
              << ToString(from) << " " << ToString(action) << " " << pending;
          EXPECT_EQ(*result, it->second);
          ++legal;
        }
      }
    }
  }
  EXPECT_EQ(legal, static_cast<int>(kLegal.size()));
}

TEST(Filing, DeregisteredIsTerminal) {
  for (A a : {A::kEdit, A::kSubmit, A::kApprove, A::kReturn, A::kRequestChange, A::kDeregister,
              A::kDelete}) {
    EXPECT_FALSE(NextStatus(S::kDeregistered, a, false).has_value());
  }
}

TEST(Filing, MessagesNameTheStateInChinese) {
  auto r = NextStatus(S::kSubmitted, A::kEdit, false);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("待审核"), std::string::npos);
  EXPECT_NE(r.error().message.find("修改"), std::string::npos);
  auto pending = NextStatus(S::kApproved, A::kRequestChange, true);
  EXPECT_NE(pending.error().message.find("变更审核中"), std::string::npos);
}

TEST(Filing, StringsRoundTrip) {
  for (S s : {S::kDraft, S::kSubmitted, S::kApproved, S::kReturned, S::kDeregistered}) {
    EXPECT_EQ(ParseFilingStatus(ToString(s)), s);
  }
  EXPECT_FALSE(ParseFilingStatus("pending").has_value());
  EXPECT_EQ(ParseDeregisterKind("moved_out"), DeregisterKind::kMovedOut);
  EXPECT_EQ(DisplayName(DeregisterKind::kScrapped), "报废");
  EXPECT_TRUE(NeedsReason(A::kReturn));
  EXPECT_FALSE(NeedsReason(A::kApprove));
}

}  // namespace
}  // namespace mvis::domain
