// The rectification order's state machine and overdue rule, and the sampling plan's dispatch
// transitions.
#include "domain/rectification.hpp"

#include <gtest/gtest.h>

#include "domain/sampling.hpp"

namespace mvis::domain {
namespace {

using A = RectificationAction;
using S = RectificationStatus;

TEST(Rectification, Transitions) {
  EXPECT_EQ(*NextStatus(S::kIssued, A::kAnswer), S::kAnswered);
  EXPECT_EQ(*NextStatus(S::kReturned, A::kAnswer), S::kAnswered);
  EXPECT_EQ(*NextStatus(S::kAnswered, A::kAccept), S::kClosed);
  EXPECT_EQ(*NextStatus(S::kAnswered, A::kReturn), S::kReturned);
  EXPECT_EQ(NextStatus(S::kAnswered, A::kAnswer).error().code, "rectification_not_open");
  EXPECT_EQ(NextStatus(S::kClosed, A::kAnswer).error().code, "rectification_not_open");
  for (S from : {S::kIssued, S::kReturned, S::kClosed}) {
    EXPECT_EQ(NextStatus(from, A::kAccept).error().code, "rectification_not_answered");
    EXPECT_EQ(NextStatus(from, A::kReturn).error().code, "rectification_not_answered");
  }
}

TEST(Rectification, OverdueOnlyWhileWaitingForTheEnterprise) {
  EXPECT_FALSE(IsOverdue(S::kIssued, "2027-03-01", "2027-03-01")) << "the deadline day counts";
  EXPECT_TRUE(IsOverdue(S::kIssued, "2027-03-01", "2027-03-02"));
  EXPECT_TRUE(IsOverdue(S::kReturned, "2027-03-01", "2027-03-02"));
  EXPECT_FALSE(IsOverdue(S::kAnswered, "2027-03-01", "2027-03-02"));
  EXPECT_FALSE(IsOverdue(S::kClosed, "2027-03-01", "2027-03-02"));
}

TEST(Rectification, NamesRoundTrip) {
  for (S s : {S::kIssued, S::kAnswered, S::kReturned, S::kClosed})
    EXPECT_EQ(ParseRectificationStatus(ToString(s)), s);
  for (auto src : {RectificationSource::kSamplingFailure, RectificationSource::kUnverifiable,
                   RectificationSource::kSamplingFollowup})
    EXPECT_EQ(ParseRectificationSource(ToString(src)), src);
  EXPECT_EQ(DisplayName(S::kAnswered), "待验收");
  EXPECT_EQ(DisplayName(RectificationSource::kSamplingFollowup), "举一反三");
}

TEST(SamplingDispatch, DrawnPlansDispatchAndDispatchedOnesAreNotRedrawn) {
  EXPECT_EQ(*NextStatus(SamplingStatus::kDrawn, SamplingAction::kDispatch),
            SamplingStatus::kDispatched);
  EXPECT_EQ(*NextStatus(SamplingStatus::kDispatched, SamplingAction::kDispatch),
            SamplingStatus::kDispatched);
  EXPECT_EQ(NextStatus(SamplingStatus::kDraft, SamplingAction::kDispatch).error().code,
            "plan_not_drawn");
  EXPECT_EQ(NextStatus(SamplingStatus::kDispatched, DrawActionFor(SamplingStatus::kDispatched))
                .error()
                .code,
            "plan_dispatched");
  EXPECT_EQ(*NextStatus(SamplingStatus::kDrawn, SamplingAction::kRedraw), SamplingStatus::kDrawn);
  EXPECT_EQ(DisplayName(SamplingStatus::kDispatched), "已下发");
}

}  // namespace
}  // namespace mvis::domain
