#include "domain/rectification.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {

namespace {

constexpr EnumName<RectificationStatus> kStatuses[] = {{RectificationStatus::kIssued, "issued"},
                                                       {RectificationStatus::kAnswered, "answered"},
                                                       {RectificationStatus::kReturned, "returned"},
                                                       {RectificationStatus::kClosed, "closed"}};
constexpr EnumName<RectificationStatus> kStatusNames[] = {
    {RectificationStatus::kIssued, "待整改"},
    {RectificationStatus::kAnswered, "待验收"},
    {RectificationStatus::kReturned, "已退回"},
    {RectificationStatus::kClosed, "已完结"}};
constexpr EnumName<RectificationAction> kActions[] = {{RectificationAction::kAnswer, "answer"},
                                                      {RectificationAction::kAccept, "accept"},
                                                      {RectificationAction::kReturn, "return"}};
constexpr EnumName<RectificationSource> kSources[] = {
    {RectificationSource::kSamplingFailure, "sampling_failure"},
    {RectificationSource::kUnverifiable, "unverifiable"},
    {RectificationSource::kSamplingFollowup, "sampling_followup"},
    {RectificationSource::kInspection, "inspection"}};
constexpr EnumName<RectificationSource> kSourceNames[] = {
    {RectificationSource::kSamplingFailure, "抽样检定不合格"},
    {RectificationSource::kUnverifiable, "不具备检定条件"},
    {RectificationSource::kSamplingFollowup, "举一反三"},
    {RectificationSource::kInspection, "双随机抽查"}};

constexpr EnumName<CaseStatus> kCaseStatuses[] = {{CaseStatus::kOpened, "opened"},
                                                  {CaseStatus::kDecided, "decided"},
                                                  {CaseStatus::kClosed, "closed"}};
constexpr EnumName<CaseStatus> kCaseNames[] = {{CaseStatus::kOpened, "已立案"},
                                               {CaseStatus::kDecided, "已作出处理决定"},
                                               {CaseStatus::kClosed, "已结案"}};
constexpr EnumName<CaseAction> kCaseActions[] = {{CaseAction::kDecide, "decide_case"},
                                                 {CaseAction::kClose, "close_case"}};

bool WaitsForEnterprise(RectificationStatus s) {
  return s == RectificationStatus::kIssued || s == RectificationStatus::kReturned;
}

}  // namespace

std::string_view ToString(RectificationStatus s) { return NameIn(kStatuses, s); }
std::optional<RectificationStatus> ParseRectificationStatus(std::string_view s) {
  return ParseIn(kStatuses, s);
}
std::string_view DisplayName(RectificationStatus s) { return NameIn(kStatusNames, s); }
std::string_view ToString(RectificationAction a) { return NameIn(kActions, a); }
std::string_view ToString(RectificationSource s) { return NameIn(kSources, s); }
std::optional<RectificationSource> ParseRectificationSource(std::string_view s) {
  return ParseIn(kSources, s);
}
std::string_view DisplayName(RectificationSource s) { return NameIn(kSourceNames, s); }

Result<RectificationStatus> NextStatus(RectificationStatus from, RectificationAction action) {
  if (action == RectificationAction::kAnswer) {
    if (!WaitsForEnterprise(from))
      return Fail(ErrorKind::kFailedPrecondition, "rectification_not_open",
                  "该整改通知当前不需要提交整改情况");
    return RectificationStatus::kAnswered;
  }
  if (from != RectificationStatus::kAnswered)
    return Fail(ErrorKind::kFailedPrecondition, "rectification_not_answered",
                "企业尚未提交整改情况，不能验收或退回");
  return action == RectificationAction::kAccept ? RectificationStatus::kClosed
                                                : RectificationStatus::kReturned;
}

std::string_view ToString(CaseStatus s) { return NameIn(kCaseStatuses, s); }
std::optional<CaseStatus> ParseCaseStatus(std::string_view s) { return ParseIn(kCaseStatuses, s); }
std::string_view DisplayName(CaseStatus s) { return NameIn(kCaseNames, s); }
std::string_view ToString(CaseAction a) { return NameIn(kCaseActions, a); }

Result<CaseStatus> NextStatus(CaseStatus from, CaseAction action) {
  if (action == CaseAction::kDecide) {
    if (from != CaseStatus::kOpened)
      return Fail(ErrorKind::kFailedPrecondition, "case_not_opened", "该案件已作出处理决定");
    return CaseStatus::kDecided;
  }
  if (from != CaseStatus::kDecided)
    return Fail(ErrorKind::kFailedPrecondition, "case_not_decided",
                from == CaseStatus::kClosed ? "该案件已结案" : "请先作出处理决定再结案");
  return CaseStatus::kClosed;
}

bool IsOverdue(RectificationStatus s, std::string_view deadline, std::string_view today) {
  return WaitsForEnterprise(s) && !deadline.empty() && deadline < today;
}

}  // namespace mvis::domain
