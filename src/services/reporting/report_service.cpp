// 年度工作报告: a district's yearly report to the city bureau and the city's compilation (the
// figures and the documents laid out from them: report_figures.cpp).
#include "services/reporting/report_service.hpp"

#include <algorithm>
#include <set>

#include "domain/audit_chain.hpp"
#include "domain/calendar.hpp"
#include "domain/inspection.hpp"
#include "domain/label_token.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/core/workflow.hpp"
#include "services/reporting/report_internal.hpp"
#include "services/reporting/statistics_service.hpp"
#include "store/events_store.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using domain::AnnualReportAction;
using domain::AnnualReportStatus;
using domain::access::Kind;
using domain::access::Op;
using nlohmann::json;

namespace {

constexpr char kAnnualWhat[] = "年度工作报告";

// ---- annual reports

bool Frozen(const store::AnnualReportRow& r) {
  return !r.figures.empty() &&
         (r.status == AnnualReportStatus::kSubmitted || r.status == AnnualReportStatus::kAccepted);
}

json FiguresOf(store::Tx& tx, const store::AnnualReportRow& r) {
  if (Frozen(r)) return json::parse(r.figures);
  return reporting::AnnualFigures(tx, store::RegionSubtree(tx, r.region_code), {r.region_name},
                                  r.year, r.cut_off);
}

AnnualReportView AnnualView(store::Tx& tx, store::AnnualReportRow row, bool detail) {
  AnnualReportView v;
  v.frozen = Frozen(row);
  if (detail) {
    v.figures = FiguresOf(tx, row);
    v.events = store::ListEvents(tx, "annual_report", std::to_string(row.id));
  }
  v.row = std::move(row);
  return v;
}

Result<store::AnnualReportRow> LoadAnnual(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto r = store::FindAnnualReport(tx, id);
  if (!r) return NotFound(kAnnualWhat);
  if (auto ok = domain::access::Check(
          SubjectOf(actor),
          reporting::ReportResource(Kind::kAnnualReport, r->id, r->org_id, r->region_code), op,
          kAnnualWhat);
      !ok)
    return std::unexpected(ok.error());
  return *r;
}

// The cut-off of a report of `year` on `today`: within the year and not in the future.
Result<std::string> CutOff(const std::string& asked, int year, const std::string& today) {
  const std::string first = std::to_string(year) + "-01-01";
  const std::string last = std::to_string(year) + "-12-31";
  if (asked.empty()) return std::min(today, last);
  if (!domain::DayNumber(asked) || asked.size() != 10)
    return InvalidField("cut_off", "cut_off_invalid", "截止日期格式应为 YYYY-MM-DD");
  if (asked < first || asked > last)
    return InvalidField("cut_off", "cut_off_invalid", "截止日期应在报告年度内");
  if (asked > today) return InvalidField("cut_off", "cut_off_invalid", "截止日期不能晚于今天");
  return asked;
}

Result<AnnualReportView> MoveAnnual(Work& w, store::AnnualReportRow& r, AnnualReportAction action,
                                    std::string reason,
                                    std::vector<std::pair<Recipient, Notice>> notices) {
  const AnnualReportStatus from = r.status;
  auto moved =
      Advance(w, Step<AnnualReportStatus>{
                     {Kind::kAnnualReport, std::to_string(r.id)},
                     std::string(domain::ToString(action)),
                     kAnnualWhat,
                     from,
                     domain::NextStatus(from, action),
                     [&](AnnualReportStatus to) {
                       r.status = to;
                       r.updated_at = w.now;
                       if (action == AnnualReportAction::kSubmit) {
                         // The figures as they stand now, frozen with the report.
                         r.figures = reporting::AnnualFigures(
                                         w.tx, store::RegionSubtree(w.tx, r.region_code),
                                         {r.region_name}, r.year, r.cut_off)
                                         .dump();
                         r.frozen_at = r.submitted_at = w.now;
                         r.decided_at.reset();
                       } else {
                         r.decided_at = w.now;
                       }
                       r.return_reason = action == AnnualReportAction::kReturn ? reason : "";
                       return store::SaveAnnualReport(w.tx, r, from);
                     },
                     reason,
                     r.region_name + " " + std::to_string(r.year) + "年，数据截至 " + r.cut_off,
                     {},
                     std::move(notices)});
  if (!moved) return std::unexpected(moved.error());
  return AnnualView(w.tx, *store::FindAnnualReport(w.tx, r.id), true);
}

std::string YearTitle(const store::AnnualReportRow& r) {
  return std::to_string(r.year) + "年度强制检定计量器具监督管理工作报告";
}

}  // namespace

Result<domain::Page<AnnualReportView>> ReportService::ListAnnual(const Actor& actor,
                                                                 const AnnualReportQuery& q,
                                                                 const domain::PageRequest& page) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kAnnualReport);
  if (!scope.allowed) {
    auto denied = reporting::Denied(Kind::kAnnualReport, Op::kRead, kAnnualWhat);
    return std::unexpected(denied.error());
  }
  store::AnnualReportFilter f;
  f.year = q.year;
  if (!q.status.empty()) {
    f.status = domain::ParseAnnualReportStatus(q.status);
    if (!f.status) return InvalidField("status", "status_invalid", "状态无效");
  }
  auto regions = reporting::ListedRegions(scope, q.region_code);
  if (!regions) return std::unexpected(regions.error());
  f.region_codes = *regions;
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<AnnualReportView>> {
    auto rows = store::ListAnnualReports(tx, f, page);
    domain::Page<AnnualReportView> out;
    out.total = rows.total;
    for (auto& r : rows.items) out.items.push_back(AnnualView(tx, std::move(r), false));
    return out;
  });
}

Result<AnnualReportView> ReportService::CreateAnnual(const Actor& actor,
                                                     const AnnualReportInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kAnnualReport, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnualReportView> {
    const std::string today = w.Today();
    const int this_year = std::stoi(today.substr(0, 4));
    if (in.year < 2000 || in.year > this_year)
      return InvalidField("year", "year_invalid", "报告年度无效");
    auto cut_off = CutOff(in.cut_off, in.year, today);
    if (!cut_off) return std::unexpected(cut_off.error());
    auto district = reporting::ReportingDistrict(w.tx, actor, in.region_code);
    if (!district) return std::unexpected(district.error());
    store::AnnualReportRow r;
    r.org_id = actor.org_id.value_or(0);
    r.region_code = district->code;
    r.year = in.year;
    r.cut_off = *cut_off;
    r.created_by = actor.user_id;
    r.created_at = r.updated_at = w.now;
    auto id = store::InsertAnnualReport(w.tx, r);
    if (!id)
      return Fail(
          ErrorKind::kConflict, "annual_report_exists",
          district->name + std::to_string(in.year) + "年度的工作报告已存在，请在列表中打开");
    Record(w, Transition{{Kind::kAnnualReport, std::to_string(*id)},
                         "create",
                         "",
                         std::string(domain::ToString(r.status)),
                         "",
                         district->name + " " + std::to_string(in.year) + "年",
                         {},
                         {}});
    return AnnualView(w.tx, *store::FindAnnualReport(w.tx, *id), true);
  });
}

Result<AnnualReportView> ReportService::GetAnnual(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<AnnualReportView> {
    auto r = LoadAnnual(tx, actor, id, Op::kRead);
    if (!r) return std::unexpected(r.error());
    return AnnualView(tx, std::move(*r), true);
  });
}

Result<AnnualReportView> ReportService::UpdateAnnual(const Actor& actor, int64_t id,
                                                     const AnnualReportEdit& in) {
  const std::string work = domain::Trim(in.work), problems = domain::Trim(in.problems),
                    plan = domain::Trim(in.plan);
  for (const auto& [field, text] :
       {std::pair{"work", &work}, {"problems", &problems}, {"plan", &plan}})
    if (auto ok = reporting::CheckText(field, *text, domain::kNarrativeMax); !ok)
      return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnualReportView> {
    auto r = LoadAnnual(w.tx, actor, id, Op::kEdit);
    if (!r) return std::unexpected(r.error());
    if (!domain::IsEditable(r->status))
      return Fail(ErrorKind::kFailedPrecondition, "report_not_editable",
                  "年度工作报告已报送或已通过，不能修改");
    auto cut_off = CutOff(in.cut_off.empty() ? r->cut_off : in.cut_off, r->year, w.Today());
    if (!cut_off) return std::unexpected(cut_off.error());
    const auto from = r->status;
    r->cut_off = *cut_off;
    r->work = work;
    r->problems = problems;
    r->plan = plan;
    r->updated_at = w.now;
    if (!store::SaveAnnualReport(w.tx, *r, from)) return StateChanged(kAnnualWhat);
    Record(w, Transition{{Kind::kAnnualReport, std::to_string(id)},
                         "edit",
                         std::string(domain::ToString(from)),
                         std::string(domain::ToString(from)),
                         "",
                         "数据截至 " + r->cut_off,
                         {},
                         {}});
    return AnnualView(w.tx, *store::FindAnnualReport(w.tx, id), true);
  });
}

Result<AnnualReportView> ReportService::SubmitAnnual(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnualReportView> {
    auto r = LoadAnnual(w.tx, actor, id, Op::kSubmit);
    if (!r) return std::unexpected(r.error());
    if (domain::IsEditable(r->status)) {
      for (const auto& [field, text, name] : {std::tuple{"work", &r->work, "工作开展情况"},
                                              {"problems", &r->problems, "存在问题"},
                                              {"plan", &r->plan, "下一步工作计划"}})
        if (text->empty())
          return InvalidField(field, "narrative_required", std::string("请填写“") + name + "”");
      if (r->cut_off > w.Today())
        return InvalidField("cut_off", "cut_off_invalid", "截止日期不能晚于今天");
    }
    const std::string title = YearTitle(*r);
    return MoveAnnual(
        w, *r, AnnualReportAction::kSubmit, "",
        {{reporting::CityOf(w.tx, r->region_code),
          {"annual_report_submitted", "年度工作报告已报送",
           r->org_name + "报送了" + title + "（数据截至 " + r->cut_off + "），请审核。"}}});
  });
}

Result<AnnualReportView> ReportService::AcceptAnnual(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnualReportView> {
    auto r = LoadAnnual(w.tx, actor, id, Op::kReview);
    if (!r) return std::unexpected(r.error());
    return MoveAnnual(w, *r, AnnualReportAction::kAccept, "",
                      {{ToBureausOf{r->region_code},
                        {"annual_report_accepted", "年度工作报告已通过",
                         "您局报送的" + YearTitle(*r) + "已通过审核，将纳入全市汇总。"}}});
  });
}

Result<AnnualReportView> ReportService::ReturnAnnual(const Actor& actor, int64_t id,
                                                     const std::string& reason_in) {
  const std::string reason = domain::Trim(reason_in);
  if (auto ok = domain::CheckReason(reason, true, "请填写退回原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnualReportView> {
    auto r = LoadAnnual(w.tx, actor, id, Op::kReview);
    if (!r) return std::unexpected(r.error());
    return MoveAnnual(
        w, *r, AnnualReportAction::kReturn, reason,
        {{ToBureausOf{r->region_code},
          {"annual_report_returned", "年度工作报告已退回",
           "您局报送的" + YearTitle(*r) + "已退回，原因：" + reason + "。请修改后重新报送。"}}});
  });
}

Result<FileDownload> ReportService::AnnualDocument(const Actor& actor, int64_t id,
                                                   const std::string& format) {
  auto doc = ctx_.db.Read([&](store::Tx& tx) -> Result<std::pair<std::string, io::ReportDocument>> {
    auto r = LoadAnnual(tx, actor, id, Op::kRead);
    if (!r) return std::unexpected(r.error());
    return std::pair{r->region_name + std::to_string(r->year) + "年度工作报告",
                     reporting::AnnualDocumentOf(*r, FiguresOf(tx, *r), Frozen(*r))};
  });
  if (!doc) return std::unexpected(doc.error());
  return reporting::Rendered(doc->second, doc->first, format);
}

Result<CityCompilation> ReportService::City(const Actor& actor, int year) {
  const auto subject = SubjectOf(actor);
  if (domain::access::Permits(subject, Kind::kAnnualReport, Op::kReview) !=
      domain::access::Decision::kAllow) {
    auto denied = reporting::Denied(Kind::kAnnualReport, Op::kReview, kAnnualWhat);
    return std::unexpected(denied.error());
  }
  const int this_year = std::stoi(domain::ChinaDate(ctx_.clock.Now()).substr(0, 4));
  if (year < 2000 || year > this_year) return InvalidField("year", "year_invalid", "报告年度无效");
  return ctx_.db.Read([&](store::Tx& tx) -> Result<CityCompilation> {
    CityCompilation c;
    c.year = year;
    std::set<std::string> scope(actor.region_codes.begin(), actor.region_codes.end());
    auto reports = store::AnnualReportsOfYear(tx, year);
    std::vector<json> accepted;
    std::set<std::string> seen;
    std::vector<domain::Region> districts;
    for (const auto& code : actor.region_codes)
      if (auto r = store::FindRegion(tx, code); r && r->IsDistrictLike()) districts.push_back(*r);
    std::ranges::sort(districts, {}, &domain::Region::code);
    for (const auto& d : districts) {
      CityDistrict row{d.code, d.name, std::nullopt};
      for (const auto& r : reports)
        if (r.region_code == d.code) row.report = r;
      if (row.report) {
        if (row.report->status == AnnualReportStatus::kSubmitted ||
            row.report->status == AnnualReportStatus::kAccepted)
          ++c.submitted;
        if (row.report->status == AnnualReportStatus::kAccepted) {
          ++c.accepted;
          accepted.push_back(json::parse(row.report->figures));
          c.annex.push_back(*row.report);
        }
      }
      c.districts.push_back(std::move(row));
    }
    c.figures = reporting::SumFigures(accepted, year);
    if (accepted.empty())  // nothing compiled yet: the figures are zero as of today
      c.figures["cut_off"] =
          std::min(domain::ChinaDate(ctx_.clock.Now()), std::to_string(year) + "-12-31");
    return c;
  });
}

Result<FileDownload> ReportService::CityDocument(const Actor& actor, int year,
                                                 const std::string& format) {
  auto c = City(actor, year);
  if (!c) return std::unexpected(c.error());
  std::string city_name = "全市";
  auto named = ctx_.db.Read([&](store::Tx& tx) -> Result<std::string> {
    if (c->districts.empty()) return city_name;
    auto d = store::FindRegion(tx, c->districts.front().region_code);
    auto city = d ? store::FindRegion(tx, d->parent_code) : std::nullopt;
    return city ? city->name : city_name;
  });
  if (named) city_name = *named;
  const auto doc = reporting::CityDocumentOf(*c, city_name, domain::ChinaDate(ctx_.clock.Now()));
  return reporting::Rendered(doc, city_name + std::to_string(year) + "年度工作汇总报告", format);
}

}  // namespace mvis::services
