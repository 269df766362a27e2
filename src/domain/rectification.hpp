// 整改 (issue 11 C): an order to an enterprise to put something right by a deadline, routed to the
// district bureau where the instrument is used. A small workflow:
//   issued → answered (the enterprise, with its evidence) → closed (the bureau accepts)
//                     answered → returned (the bureau, with a reason) → answered …
// An order is overdue while it waits for the enterprise (issued or returned) past its deadline.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

enum class RectificationStatus { kIssued, kAnswered, kReturned, kClosed };
enum class RectificationAction { kAnswer, kAccept, kReturn };
// Why the order was opened.
enum class RectificationSource {
  kSamplingFailure,   // 抽样检定不合格
  kUnverifiable,      // 不具备检定条件 (marked by the institute during an appointment)
  kSamplingFollowup,  // 举一反三 after a sampling plan's report
  kInspection,        // 双随机抽查发现问题 (an on-site inspection ordered correction)
};

std::string_view ToString(RectificationStatus s);
std::optional<RectificationStatus> ParseRectificationStatus(std::string_view s);
std::string_view DisplayName(RectificationStatus s);  // 待整改 / 待验收 / 已退回 / 已完结
std::string_view ToString(RectificationAction a);
std::string_view ToString(RectificationSource s);
std::optional<RectificationSource> ParseRectificationSource(std::string_view s);
std::string_view DisplayName(RectificationSource s);

// The status after `action`: failed precondition `rectification_not_open` (answer) or
// `rectification_not_answered` (accept, return) otherwise.
Result<RectificationStatus> NextStatus(RectificationStatus from, RectificationAction action);

// Waiting for the enterprise past `deadline` (YYYY-MM-DD) on `today`.
bool IsOverdue(RectificationStatus s, std::string_view deadline, std::string_view today);

// 立案: an enforcement case a bureau opens on an overdue order (legal basis, facts), decides
// (decision, penalty) and closes. opened → decided → closed.
enum class CaseStatus { kOpened, kDecided, kClosed };
enum class CaseAction { kDecide, kClose };
std::string_view ToString(CaseStatus s);
std::optional<CaseStatus> ParseCaseStatus(std::string_view s);
std::string_view DisplayName(CaseStatus s);  // 已立案 / 已决定 / 已结案
std::string_view ToString(CaseAction a);
// failed precondition `case_not_opened` (decide) or `case_not_decided` (close) otherwise.
Result<CaseStatus> NextStatus(CaseStatus from, CaseAction action);

inline constexpr int kRectificationDays = 30;  // default time allowed, in calendar days
inline constexpr size_t kRectificationAnswerMax = 2000;

}  // namespace mvis::domain
