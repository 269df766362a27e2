#include "domain/filing.hpp"

#include <array>
#include <string>
#include <utility>

namespace mvis::domain {
namespace {

constexpr std::array<std::pair<FilingStatus, std::string_view>, 5> kStatuses = {{
    {FilingStatus::kDraft, "draft"},
    {FilingStatus::kSubmitted, "submitted"},
    {FilingStatus::kApproved, "approved"},
    {FilingStatus::kReturned, "returned"},
    {FilingStatus::kDeregistered, "deregistered"},
}};

}  // namespace

std::string_view ToString(FilingStatus s) {
  for (const auto& [v, name] : kStatuses) {
    if (v == s) return name;
  }
  return {};
}

std::optional<FilingStatus> ParseFilingStatus(std::string_view s) {
  for (const auto& [v, name] : kStatuses) {
    if (name == s) return v;
  }
  return std::nullopt;
}

std::string_view ToString(FilingAction a) {
  switch (a) {
    case FilingAction::kEdit:
      return "edit";
    case FilingAction::kSubmit:
      return "submit";
    case FilingAction::kApprove:
      return "approve";
    case FilingAction::kReturn:
      return "return";
    case FilingAction::kRequestChange:
      return "request_change";
    case FilingAction::kApproveChange:
      return "approve_change";
    case FilingAction::kRejectChange:
      return "reject_change";
    case FilingAction::kDeregister:
      return "deregister";
    case FilingAction::kDelete:
      return "delete";
  }
  return {};
}

std::string_view ToString(DeregisterKind k) {
  switch (k) {
    case DeregisterKind::kSuspended:
      return "suspended";
    case DeregisterKind::kScrapped:
      return "scrapped";
    case DeregisterKind::kMovedOut:
      return "moved_out";
  }
  return {};
}

std::optional<DeregisterKind> ParseDeregisterKind(std::string_view s) {
  for (auto k :
       {DeregisterKind::kSuspended, DeregisterKind::kScrapped, DeregisterKind::kMovedOut}) {
    if (ToString(k) == s) return k;
  }
  return std::nullopt;
}

std::optional<FilingAction> ParseReviewDecision(std::string_view s) {
  if (s == "approve") return FilingAction::kApprove;
  if (s == "return") return FilingAction::kReturn;
  return std::nullopt;
}

std::string_view DisplayName(FilingStatus s) {
  switch (s) {
    case FilingStatus::kDraft:
      return "待申报";
    case FilingStatus::kSubmitted:
      return "待审核";
    case FilingStatus::kApproved:
      return "已备案";
    case FilingStatus::kReturned:
      return "退回";
    case FilingStatus::kDeregistered:
      return "已注销";
  }
  return {};
}

std::string_view DisplayName(FilingAction a) {
  switch (a) {
    case FilingAction::kEdit:
      return "修改";
    case FilingAction::kSubmit:
      return "申请备案";
    case FilingAction::kApprove:
      return "备案通过";
    case FilingAction::kReturn:
      return "退回";
    case FilingAction::kRequestChange:
      return "申请变更";
    case FilingAction::kApproveChange:
      return "变更通过";
    case FilingAction::kRejectChange:
      return "变更退回";
    case FilingAction::kDeregister:
      return "注销";
    case FilingAction::kDelete:
      return "删除";
  }
  return {};
}

std::string_view DisplayName(DeregisterKind k) {
  switch (k) {
    case DeregisterKind::kSuspended:
      return "停用";
    case DeregisterKind::kScrapped:
      return "报废";
    case DeregisterKind::kMovedOut:
      return "迁出";
  }
  return {};
}

bool NeedsReason(FilingAction action) {
  return action == FilingAction::kReturn || action == FilingAction::kRejectChange ||
         action == FilingAction::kDeregister;
}

Result<FilingStatus> NextStatus(FilingStatus from, FilingAction action, bool change_pending) {
  using S = FilingStatus;
  using A = FilingAction;
  std::optional<S> to;
  switch (action) {
    case A::kEdit:
      if (from == S::kDraft || from == S::kReturned) to = from;
      break;
    case A::kSubmit:
      if (from == S::kDraft || from == S::kReturned) to = S::kSubmitted;
      break;
    case A::kApprove:
      if (from == S::kSubmitted) to = S::kApproved;
      break;
    case A::kReturn:
      if (from == S::kSubmitted) to = S::kReturned;
      break;
    case A::kRequestChange:
      if (from == S::kApproved && !change_pending) to = S::kApproved;
      break;
    case A::kApproveChange:
    case A::kRejectChange:
      if (from == S::kApproved && change_pending) to = S::kApproved;
      break;
    case A::kDeregister:
      if (from == S::kApproved && !change_pending) to = S::kDeregistered;
      break;
    case A::kDelete:
      if (from == S::kDraft) to = S::kDraft;
      break;
  }
  if (to) return *to;
  std::string why = std::string("器具当前状态为“") + std::string(DisplayName(from)) +
                    (change_pending ? "（变更审核中）" : "") + "”，不能" +
                    std::string(DisplayName(action));
  return Fail(ErrorKind::kFailedPrecondition, "filing_illegal_transition", why);
}

std::optional<FilingListFilter> ParseFilingListFilter(std::string_view s) {
  FilingListFilter f;
  if (s == "needs_review") {
    f.needs_review = true;
  } else if (s == "change_pending") {
    f.change_pending = true;
  } else if (!s.empty()) {
    f.status = ParseFilingStatus(s);
    if (!f.status) return std::nullopt;
  }
  return f;
}

}  // namespace mvis::domain
