#include "domain/report.hpp"

#include <charconv>

#include "domain/enum_names.hpp"

namespace mvis::domain {

namespace {

constexpr EnumName<AnnualReportStatus> kAnnualStatuses[] = {
    {AnnualReportStatus::kDraft, "draft"},
    {AnnualReportStatus::kSubmitted, "submitted"},
    {AnnualReportStatus::kAccepted, "accepted"},
    {AnnualReportStatus::kReturned, "returned"}};
constexpr EnumName<AnnualReportStatus> kAnnualStatusNames[] = {
    {AnnualReportStatus::kDraft, "草稿"},
    {AnnualReportStatus::kSubmitted, "已报送"},
    {AnnualReportStatus::kAccepted, "已通过"},
    {AnnualReportStatus::kReturned, "已退回"}};
constexpr EnumName<AnnualReportAction> kAnnualActions[] = {{AnnualReportAction::kSubmit, "submit"},
                                                           {AnnualReportAction::kAccept, "accept"},
                                                           {AnnualReportAction::kReturn, "return"}};

constexpr EnumName<ProblemReportStatus> kProblemStatuses[] = {
    {ProblemReportStatus::kSubmitted, "submitted"},
    {ProblemReportStatus::kAcknowledged, "acknowledged"}};
constexpr EnumName<ProblemReportStatus> kProblemStatusNames[] = {
    {ProblemReportStatus::kSubmitted, "已上报"}, {ProblemReportStatus::kAcknowledged, "已签收"}};
constexpr EnumName<ProblemReportAction> kProblemActions[] = {
    {ProblemReportAction::kAcknowledge, "acknowledge"}};

constexpr EnumName<MilestoneKind> kMilestoneKinds[] = {
    {MilestoneKind::kFilingReview, "filing_review"},
    {MilestoneKind::kPeriodicVerification, "periodic_verification"},
    {MilestoneKind::kFirstVerification, "first_verification"},
    {MilestoneKind::kSampling, "sampling"},
    {MilestoneKind::kInspection, "inspection"}};
constexpr EnumName<MilestoneKind> kMilestoneKindNames[] = {
    {MilestoneKind::kFilingReview, "备案审核完成率"},
    {MilestoneKind::kPeriodicVerification, "在用充电桩检定有效率"},
    {MilestoneKind::kFirstVerification, "新投运充电桩首次检定率"},
    {MilestoneKind::kSampling, "抽样检定完成率"},
    {MilestoneKind::kInspection, "双随机抽查公示率"}};

std::optional<int> Number(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::string TwoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::string_view ToString(AnnualReportStatus s) { return NameIn(kAnnualStatuses, s); }
std::optional<AnnualReportStatus> ParseAnnualReportStatus(std::string_view s) {
  return ParseIn(kAnnualStatuses, s);
}
std::string_view DisplayName(AnnualReportStatus s) { return NameIn(kAnnualStatusNames, s); }
std::string_view ToString(AnnualReportAction a) { return NameIn(kAnnualActions, a); }

bool IsEditable(AnnualReportStatus s) {
  return s == AnnualReportStatus::kDraft || s == AnnualReportStatus::kReturned;
}

Result<AnnualReportStatus> NextStatus(AnnualReportStatus from, AnnualReportAction action) {
  using S = AnnualReportStatus;
  if (action == AnnualReportAction::kSubmit) {
    if (!IsEditable(from))
      return Fail(
          ErrorKind::kFailedPrecondition, "report_not_editable",
          from == S::kAccepted ? "该年度报告已通过，不能再次报送" : "该年度报告已报送，请等待审核");
    return S::kSubmitted;
  }
  if (from != S::kSubmitted)
    return Fail(ErrorKind::kFailedPrecondition, "report_not_submitted",
                "该年度报告不在待审核状态，不能通过或退回");
  return action == AnnualReportAction::kAccept ? S::kAccepted : S::kReturned;
}

std::string_view ToString(ProblemReportStatus s) { return NameIn(kProblemStatuses, s); }
std::optional<ProblemReportStatus> ParseProblemReportStatus(std::string_view s) {
  return ParseIn(kProblemStatuses, s);
}
std::string_view DisplayName(ProblemReportStatus s) { return NameIn(kProblemStatusNames, s); }
std::string_view ToString(ProblemReportAction a) { return NameIn(kProblemActions, a); }

Result<ProblemReportStatus> NextStatus(ProblemReportStatus from, ProblemReportAction) {
  if (from != ProblemReportStatus::kSubmitted)
    return Fail(ErrorKind::kFailedPrecondition, "report_acknowledged", "该报告已签收");
  return ProblemReportStatus::kAcknowledged;
}

std::string_view ToString(MilestoneKind k) { return NameIn(kMilestoneKinds, k); }
std::optional<MilestoneKind> ParseMilestoneKind(std::string_view s) {
  return ParseIn(kMilestoneKinds, s);
}
std::string_view DisplayName(MilestoneKind k) { return NameIn(kMilestoneKindNames, k); }

std::optional<Period> ParsePeriod(std::string_view p) {
  if (p.size() < 4) return std::nullopt;
  auto year = Number(p.substr(0, 4));
  if (!year || *year < 2000 || *year > 2100) return std::nullopt;
  const std::string y = std::to_string(*year);
  if (p.size() == 4) return Period{y + "-01-01", y + "-12-31"};
  if (p[4] != '-') return std::nullopt;
  const std::string_view rest = p.substr(5);
  int first = 0, last = 0;
  if (rest.size() == 2 && rest[0] == 'Q') {
    auto q = Number(rest.substr(1));
    if (!q || *q < 1 || *q > 4) return std::nullopt;
    first = 3 * *q - 2;
    last = 3 * *q;
  } else if (rest.size() == 2) {
    auto m = Number(rest);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    first = last = *m;
  } else {
    return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = last == 2 && IsLeap(*year) ? 29 : kDays[last - 1];
  return Period{y + "-" + TwoDigits(first) + "-01",
                y + "-" + TwoDigits(last) + "-" + TwoDigits(days)};
}

std::string PeriodName(std::string_view p) {
  if (!ParsePeriod(p)) return std::string(p);
  const std::string year = std::string(p.substr(0, 4)) + "年";
  if (p.size() == 4) return year;
  if (p[5] == 'Q') {
    static const char* const kQuarters[] = {"一", "二", "三", "四"};
    return year + "第" + kQuarters[p[6] - '1'] + "季度";
  }
  return year + std::to_string(*Number(p.substr(5))) + "月";
}

}  // namespace mvis::domain
