#include "domain/appointment.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/sign_off.hpp"

namespace mvis::domain {
namespace {

using S = AppointmentStatus;
using A = AppointmentAction;

const S kStatuses[] = {S::kDraft,     S::kSubmitted, S::kAccepted, S::kRejected,
                       S::kScheduled, S::kCompleted, S::kCancelled};
const A kActions[] = {A::kEdit,   A::kSubmit,   A::kCancel,  A::kAccept,
                      A::kReject, A::kSchedule, A::kComplete};

// Every legal (from, action) → to. Every other pair must be refused.
const std::map<std::pair<S, A>, S> kLegal = {
    {{S::kDraft, A::kEdit}, S::kDraft},
    {{S::kDraft, A::kSubmit}, S::kSubmitted},
    {{S::kDraft, A::kCancel}, S::kCancelled},
    {{S::kSubmitted, A::kCancel}, S::kCancelled},
    {{S::kSubmitted, A::kAccept}, S::kAccepted},
    {{S::kSubmitted, A::kReject}, S::kRejected},
    {{S::kAccepted, A::kSchedule}, S::kScheduled},
    {{S::kAccepted, A::kComplete}, S::kCompleted},
    {{S::kScheduled, A::kSchedule}, S::kScheduled},  // rescheduling
    {{S::kScheduled, A::kComplete}, S::kCompleted},
};

TEST(AppointmentWorkflow, EveryTransitionIsLegalExactlyWhenListed) {
  int legal = 0;
  for (S from : kStatuses) {
    for (A action : kActions) {
      SCOPED_TRACE(std::string(ToString(from)) + " " + std::string(ToString(action)));
      auto result = NextStatus(from, action);
      auto it = kLegal.find({from, action});
      if (it == kLegal.end()) {
        ASSERT_FALSE(result.has_value()) << ToString(*result);
        EXPECT_EQ(result.error().kind, ErrorKind::kFailedPrecondition);
        EXPECT_EQ(result.error().code, "appointment_illegal_transition");
        // The message names the current status and the refused action in Chinese.
        EXPECT_NE(result.error().message.find(DisplayName(from)), std::string::npos)
            << result.error().message;
        EXPECT_NE(result.error().message.find(DisplayName(action)), std::string::npos)
            << result.error().message;
      } else {
        ASSERT_TRUE(result.has_value()) << result.error().message;
        EXPECT_EQ(*result, it->second);
        ++legal;
      }
    }
  }
  EXPECT_EQ(legal, static_cast<int>(kLegal.size()));
}

TEST(AppointmentWorkflow, TerminalStatusesAllowNothing) {
  for (S from : {S::kRejected, S::kCompleted, S::kCancelled}) {
    for (A action : kActions) EXPECT_FALSE(NextStatus(from, action)) << ToString(from);
  }
}

TEST(AppointmentWorkflow, OpenAppointmentsHoldTheirInstruments) {
  const std::set<S> open = {S::kSubmitted, S::kAccepted, S::kScheduled};
  for (S s : kStatuses) EXPECT_EQ(IsOpen(s), open.contains(s)) << ToString(s);
}

TEST(AppointmentNames, StatusesRoundTrip) {
  std::set<std::string_view> names, display;
  for (S s : kStatuses) {
    EXPECT_EQ(ParseAppointmentStatus(ToString(s)), s);
    names.insert(ToString(s));
    display.insert(DisplayName(s));
  }
  EXPECT_EQ(names.size(), std::size(kStatuses));
  EXPECT_EQ(display.size(), std::size(kStatuses));
  EXPECT_EQ(ToString(S::kSubmitted), "submitted");
  EXPECT_EQ(DisplayName(S::kSubmitted), "待受理");
  for (const char* bad : {"", "Draft", "open", "canceled", " draft"})
    EXPECT_FALSE(ParseAppointmentStatus(bad)) << bad;
}

TEST(AppointmentNames, ActionsAndModes) {
  std::set<std::string_view> names, display;
  for (A a : kActions) {
    names.insert(ToString(a));
    display.insert(DisplayName(a));
  }
  EXPECT_EQ(names.size(), std::size(kActions));
  EXPECT_EQ(display.size(), std::size(kActions));

  for (auto m : {AppointmentMode::kSendIn, AppointmentMode::kOnSite}) {
    EXPECT_EQ(ParseAppointmentMode(ToString(m)), m);
  }
  EXPECT_EQ(ToString(AppointmentMode::kSendIn), "send_in");
  EXPECT_EQ(ToString(AppointmentMode::kOnSite), "on_site");
  EXPECT_EQ(DisplayName(AppointmentMode::kSendIn), "预约送检");
  EXPECT_EQ(DisplayName(AppointmentMode::kOnSite), "预约上门");
  for (const char* bad : {"", "sendin", "onsite", "SEND_IN"})
    EXPECT_FALSE(ParseAppointmentMode(bad)) << bad;
}

TEST(AppointmentNames, RecordStatusesRoundTrip) {
  const RecordStatus all[] = {RecordStatus::kDraft, RecordStatus::kAwaitingCheck,
                              RecordStatus::kAwaitingApproval, RecordStatus::kApproved};
  std::set<std::string_view> names;
  for (auto s : all) {
    EXPECT_EQ(ParseRecordStatus(ToString(s)), s);
    EXPECT_FALSE(DisplayName(s).empty());
    names.insert(ToString(s));
  }
  EXPECT_EQ(names.size(), std::size(all));
  EXPECT_EQ(ToString(RecordStatus::kAwaitingApproval), "awaiting_approval");
  EXPECT_FALSE(ParseRecordStatus("signed"));
  EXPECT_FALSE(ParseRecordStatus(""));
}

// ---- Sign-off --------------------------------------------------------------------------------

using R = RecordStatus;
using D = Duty;

const R kRecordStatuses[] = {R::kDraft, R::kAwaitingCheck, R::kAwaitingApproval, R::kApproved};
const D kDuties[] = {D::kVerifier, D::kChecker, D::kApprover};
const std::vector<D> kAllDuties = {D::kVerifier, D::kChecker, D::kApprover};

// The only legal (status, duty) pairs and where they lead.
const std::map<std::pair<R, D>, R> kSignings = {
    {{R::kDraft, D::kVerifier}, R::kAwaitingCheck},
    {{R::kAwaitingCheck, D::kChecker}, R::kAwaitingApproval},
    {{R::kAwaitingApproval, D::kApprover}, R::kApproved},
};

// The signatures a record in `status` carries when every earlier duty was signed by a
// different person (ids 101, 102).
Signatures EarlierSignatures(R status) {
  Signatures s;
  if (status != R::kDraft) s.verifier = 101;
  if (status == R::kAwaitingApproval || status == R::kApproved) s.checker = 102;
  if (status == R::kApproved) s.approver = 103;
  return s;
}

TEST(SignOff, EachDutyInOrderAndNothingElse) {
  for (R status : kRecordStatuses) {
    for (D duty : kDuties) {
      SCOPED_TRACE(std::string(ToString(status)) + " as " + std::string(ToString(duty)));
      auto result = SignOff(status, duty, {duty}, 7, EarlierSignatures(status));
      auto it = kSignings.find({status, duty});
      if (it == kSignings.end()) {
        ASSERT_FALSE(result.has_value()) << ToString(*result);
        EXPECT_EQ(result.error().kind, ErrorKind::kFailedPrecondition);
        EXPECT_EQ(result.error().code, "sign_out_of_order");
      } else {
        ASSERT_TRUE(result.has_value()) << result.error().code;
        EXPECT_EQ(*result, it->second);
      }
    }
  }
}

TEST(SignOff, FullSequenceByThreePeople) {
  Signatures s;
  auto r1 = SignOff(R::kDraft, D::kVerifier, {D::kVerifier}, 1, s);
  ASSERT_TRUE(r1);
  s.verifier = 1;
  auto r2 = SignOff(*r1, D::kChecker, {D::kChecker, D::kVerifier}, 2, s);
  ASSERT_TRUE(r2);
  s.checker = 2;
  auto r3 = SignOff(*r2, D::kApprover, kAllDuties, 3, s);
  ASSERT_TRUE(r3);
  EXPECT_EQ(*r3, R::kApproved);
}

TEST(SignOff, MissingDutyIsPermissionDeniedWhateverTheStatus) {
  for (R status : kRecordStatuses) {
    for (D duty : kDuties) {
      std::vector<D> others;
      for (D d : kDuties)
        if (d != duty) others.push_back(d);
      for (const auto& held : {std::vector<D>{}, others}) {
        SCOPED_TRACE(std::string(ToString(status)) + " as " + std::string(ToString(duty)) +
                     " holding " + JoinDuties(held));
        auto result = SignOff(status, duty, held, 7, EarlierSignatures(status));
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().kind, ErrorKind::kPermissionDenied);
        EXPECT_EQ(result.error().code, "duty_missing");
      }
    }
  }
}

TEST(SignOff, OnePersonNeverHoldsTwoSignatures) {
  // For every pair of duties (earlier, later): the person who signed `earlier` cannot sign
  // `later`, even when holding every duty.
  struct Case {
    R status;
    D duty;
    Signatures signatures;
  };
  const int64_t me = 7;
  const Case cases[] = {
      {R::kAwaitingCheck, D::kChecker, {me, std::nullopt, std::nullopt}},  // verifier → checker
      {R::kAwaitingApproval, D::kApprover, {me, 102, std::nullopt}},       // verifier → approver
      {R::kAwaitingApproval, D::kApprover, {101, me, std::nullopt}},       // checker → approver
      // A stale signature of a later duty blocks an earlier one too.
      {R::kDraft, D::kVerifier, {std::nullopt, me, std::nullopt}},
      {R::kDraft, D::kVerifier, {std::nullopt, std::nullopt, me}},
      {R::kAwaitingCheck, D::kChecker, {101, std::nullopt, me}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(ToString(c.status)) + " as " + std::string(ToString(c.duty)));
    auto result = SignOff(c.status, c.duty, kAllDuties, me, c.signatures);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().kind, ErrorKind::kFailedPrecondition);
    EXPECT_EQ(result.error().code, "signer_not_distinct");
    // Someone else with the same duties may sign.
    EXPECT_TRUE(SignOff(c.status, c.duty, kAllDuties, me + 1, c.signatures));
  }
}

TEST(SignOff, AUserHoldingAllDutiesSignsOnlyOnce) {
  const int64_t me = 7;
  // Signs as verifier, then can neither check nor approve.
  {
    Signatures s;
    auto r = SignOff(R::kDraft, D::kVerifier, kAllDuties, me, s);
    ASSERT_TRUE(r);
    s.verifier = me;
    auto check = SignOff(*r, D::kChecker, kAllDuties, me, s);
    ASSERT_FALSE(check);
    EXPECT_EQ(check.error().code, "signer_not_distinct");
    auto approve = SignOff(*r, D::kApprover, kAllDuties, me, s);
    ASSERT_FALSE(approve);
    EXPECT_EQ(approve.error().code, "sign_out_of_order");
    s.checker = 8;
    auto approve_later = SignOff(R::kAwaitingApproval, D::kApprover, kAllDuties, me, s);
    ASSERT_FALSE(approve_later);
    EXPECT_EQ(approve_later.error().code, "signer_not_distinct");
  }
  // Signs as checker after someone else verified, then cannot approve.
  {
    Signatures s{1, std::nullopt, std::nullopt};
    auto r = SignOff(R::kAwaitingCheck, D::kChecker, kAllDuties, me, s);
    ASSERT_TRUE(r);
    s.checker = me;
    auto approve = SignOff(*r, D::kApprover, kAllDuties, me, s);
    ASSERT_FALSE(approve);
    EXPECT_EQ(approve.error().code, "signer_not_distinct");
  }
}

TEST(SignOff, SendBack) {
  struct Case {
    R status;
    std::vector<D> duties;
    const char* error;  // nullptr: allowed
    ErrorKind kind;
  };
  const auto precondition = ErrorKind::kFailedPrecondition;
  const auto denied = ErrorKind::kPermissionDenied;
  const Case cases[] = {
      {R::kAwaitingCheck, {D::kChecker}, nullptr, {}},
      {R::kAwaitingCheck, kAllDuties, nullptr, {}},
      {R::kAwaitingCheck, {D::kApprover}, "duty_missing", denied},
      {R::kAwaitingCheck, {D::kVerifier}, "duty_missing", denied},
      {R::kAwaitingCheck, {}, "duty_missing", denied},
      {R::kAwaitingApproval, {D::kApprover}, nullptr, {}},
      {R::kAwaitingApproval, kAllDuties, nullptr, {}},
      {R::kAwaitingApproval, {D::kChecker}, "duty_missing", denied},
      {R::kAwaitingApproval, {D::kVerifier}, "duty_missing", denied},
      {R::kAwaitingApproval, {}, "duty_missing", denied},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(ToString(c.status)) + " holding " + JoinDuties(c.duties));
    auto result = CheckSendBack(c.status, c.duties);
    if (!c.error) {
      EXPECT_TRUE(result.has_value()) << result.error().code;
    } else {
      ASSERT_FALSE(result.has_value());
      EXPECT_EQ(result.error().code, c.error);
      EXPECT_EQ(result.error().kind, c.kind);
    }
  }
  // Nothing to send back in draft, nothing can be sent back once approved.
  for (R status : {R::kDraft, R::kApproved}) {
    for (const auto& duties :
         {std::vector<D>{}, std::vector<D>{D::kVerifier}, std::vector<D>{D::kChecker},
          std::vector<D>{D::kApprover}, kAllDuties}) {
      SCOPED_TRACE(std::string(ToString(status)) + " holding " + JoinDuties(duties));
      auto result = CheckSendBack(status, duties);
      ASSERT_FALSE(result.has_value());
      EXPECT_EQ(result.error().kind, precondition);
      EXPECT_EQ(result.error().code, "send_back_not_allowed");
    }
  }
}

}  // namespace
}  // namespace mvis::domain
