// The reporting side's documents (issue 12): a district bureau's 年度工作报告 to the city bureau,
// its 重大问题上报 at any time, and the city bureau's 通报 to the DRC.
//   annual report: draft → submitted → accepted
//                           submitted → returned (with a reason) → submitted …
//   problem report: submitted → acknowledged (签收)
// Bulletins have no states: published once, frozen.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

enum class AnnualReportStatus { kDraft, kSubmitted, kAccepted, kReturned };
enum class AnnualReportAction { kSubmit, kAccept, kReturn };
std::string_view ToString(AnnualReportStatus s);
std::optional<AnnualReportStatus> ParseAnnualReportStatus(std::string_view s);
std::string_view DisplayName(AnnualReportStatus s);  // 草稿 / 已报送 / 已通过 / 已退回
std::string_view ToString(AnnualReportAction a);
// The status after `action`: failed precondition report_not_editable (submit from submitted or
// accepted) or report_not_submitted (accept, return) otherwise.
Result<AnnualReportStatus> NextStatus(AnnualReportStatus from, AnnualReportAction action);
// Whether the district may still change the report (draft or returned).
bool IsEditable(AnnualReportStatus s);

enum class ProblemReportStatus { kSubmitted, kAcknowledged };
enum class ProblemReportAction { kAcknowledge };
std::string_view ToString(ProblemReportStatus s);
std::optional<ProblemReportStatus> ParseProblemReportStatus(std::string_view s);
std::string_view DisplayName(ProblemReportStatus s);  // 已上报 / 已签收
std::string_view ToString(ProblemReportAction a);
// failed precondition report_acknowledged when already acknowledged.
Result<ProblemReportStatus> NextStatus(ProblemReportStatus from, ProblemReportAction action);

// A bulletin's period: "2026" (year), "2026-Q4" (quarter) or "2026-11" (month). Returns the
// first and last day (YYYY-MM-DD), or nullopt when malformed.
struct Period {
  std::string from, to;
};
std::optional<Period> ParsePeriod(std::string_view period);
// The period in Chinese: 2026年 / 2026年第四季度 / 2026年11月.
std::string PeriodName(std::string_view period);

// 工作节点: what a campaign milestone measures in each district.
enum class MilestoneKind {
  kFilingReview,          // 首轮备案审核: approved ÷ filed
  kPeriodicVerification,  // 在用充电桩检定有效: valid ÷ approved
  kFirstVerification,  // 新投运充电桩首次检定: verified ÷ approved, put into use since a date
  kSampling,           // 抽样检定: sampled units verified ÷ sampled (plans of the year)
  kInspection,         // 双随机抽查公示: objects published ÷ drawn (tasks of the year)
};
std::string_view ToString(MilestoneKind k);
std::optional<MilestoneKind> ParseMilestoneKind(std::string_view s);
std::string_view DisplayName(MilestoneKind k);

inline constexpr size_t kNarrativeMax = 10000;  // characters of a narrative or report body
inline constexpr size_t kReportTitleMax = 100;

}  // namespace mvis::domain
