// The filing (强检备案) workflow of an instrument as a pure state machine:
//   draft (草稿/待申报) → submitted (待审核) → approved (已备案) | returned (退回) → submitted …
// An approved instrument may carry one pending change request (变更), reviewed like a filing
// while the approved data stays in force, and may be deregistered (停用/报废/迁出).
#pragma once

#include <optional>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

enum class FilingStatus { kDraft, kSubmitted, kApproved, kReturned, kDeregistered };

enum class FilingAction {
  kEdit,           // enterprise edits a draft or a returned filing
  kSubmit,         // enterprise applies for filing (申请备案)
  kApprove,        // regulator approves a submitted filing
  kReturn,         // regulator returns it with a reason
  kRequestChange,  // enterprise proposes new data for an approved instrument
  kApproveChange,  // regulator accepts the proposed data
  kRejectChange,   // regulator rejects it with a reason; the approved data stays
  kDeregister,     // enterprise takes an approved instrument out of service
  kDelete,         // enterprise deletes a draft
};

enum class DeregisterKind { kSuspended, kScrapped, kMovedOut };  // 停用 / 报废 / 迁出

std::string_view ToString(FilingStatus s);
std::string_view ToString(FilingAction a);
std::string_view ToString(DeregisterKind k);
std::optional<FilingStatus> ParseFilingStatus(std::string_view s);
std::optional<DeregisterKind> ParseDeregisterKind(std::string_view s);
// A regulator's review decision as the API names it: "approve" -> kApprove, "return" -> kReturn.
std::optional<FilingAction> ParseReviewDecision(std::string_view s);
std::string_view DisplayName(FilingStatus s);  // 草稿, 待审核, 已备案, 退回, 已注销
std::string_view DisplayName(FilingAction a);  // 保存, 申请备案, 备案通过, …
std::string_view DisplayName(DeregisterKind k);

// The status after `action`, or a failed-precondition error ("filing_illegal_transition") with a
// Chinese explanation when the action is not allowed in `from` (with or without a pending change).
// kDelete yields kDraft on success (the caller removes the row).
Result<FilingStatus> NextStatus(FilingStatus from, FilingAction action, bool change_pending);

// Whether a decision-making action needs a written reason.
bool NeedsReason(FilingAction action);

// The status filter of a registry list: one filing status, the review queue ("needs_review":
// submitted filings and approved instruments with a pending change) or pending changes only
// ("change_pending"). "" filters nothing; an unknown name yields nullopt.
struct FilingListFilter {
  std::optional<FilingStatus> status;
  bool needs_review = false;
  bool change_pending = false;
};
std::optional<FilingListFilter> ParseFilingListFilter(std::string_view s);

}  // namespace mvis::domain
