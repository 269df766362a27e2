// 年度工作报告, 重大问题上报 and 通报: the workflows (report_figures.cpp has the figures and the
// documents laid out from them).
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
using domain::ProblemReportStatus;
using domain::access::Kind;
using domain::access::Op;
using nlohmann::json;

namespace {

constexpr char kAnnualWhat[] = "年度工作报告";
constexpr char kProblemWhat[] = "重大问题报告";
constexpr char kBulletinWhat[] = "通报";
constexpr size_t kAttachmentsMax = 10;
constexpr size_t kAttachmentBytesMax = 10 << 20;

domain::access::Resource ReportResource(Kind kind, int64_t id, int64_t org_id,
                                        const std::string& region_code) {
  domain::access::Resource res;
  res.kind = kind;
  res.id = id;
  res.owner_org_id = org_id;
  if (!region_code.empty()) res.region_codes = {region_code};
  return res;
}

Status Denied(Kind kind, Op op, const char* what) {
  return std::unexpected(
      domain::access::DenialError(domain::access::Decision::kForbidden, kind, op, what));
}

// The district a bureau reports for: `code`, or its only district when empty.
Result<domain::Region> ReportingDistrict(store::Tx& tx, const Actor& actor,
                                         const std::string& code) {
  const auto subject = SubjectOf(actor);
  if (code.empty()) {
    std::vector<domain::Region> districts;
    for (const auto& c : actor.region_codes)
      if (auto r = store::FindRegion(tx, c); r && r->IsDistrictLike()) districts.push_back(*r);
    if (districts.size() == 1) return districts.front();
    return InvalidField("region_code", "region_required", "请选择所辖区");
  }
  auto region = store::FindRegion(tx, code);
  if (!region || !region->IsDistrictLike())
    return InvalidField("region_code", "region_invalid", "请选择所辖区");
  if (!subject.Covers(code))
    return InvalidField("region_code", "region_out_of_scope", "只能为本局所辖区报告");
  return *region;
}

// The city bureaus' inboxes of the city above `district`.
Recipient CityOf(store::Tx& tx, const std::string& district) {
  auto region = store::FindRegion(tx, district);
  return ToBureausOf{region ? region->parent_code : ""};
}

Status CheckText(const std::string& field, const std::string& text, size_t max) {
  if (domain::CodePoints(text) > max)
    return InvalidField(field, "text_too_long", "内容不能超过" + std::to_string(max) + "字");
  return {};
}

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
          SubjectOf(actor), ReportResource(Kind::kAnnualReport, r->id, r->org_id, r->region_code),
          op, kAnnualWhat);
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
    auto denied = Denied(Kind::kAnnualReport, Op::kRead, kAnnualWhat);
    return std::unexpected(denied.error());
  }
  store::AnnualReportFilter f;
  f.region_codes = scope.region_codes;
  f.year = q.year;
  if (!q.status.empty()) {
    f.status = domain::ParseAnnualReportStatus(q.status);
    if (!f.status) return InvalidField("status", "status_invalid", "状态无效");
  }
  if (!q.region_code.empty()) {
    if (scope.region_codes &&
        std::ranges::find(*scope.region_codes, q.region_code) == scope.region_codes->end())
      return Fail(ErrorKind::kPermissionDenied, "permission_denied", "无权查看该辖区的报告",
                  "region_code");
    f.region_codes = std::vector<std::string>{q.region_code};
  }
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
    auto district = ReportingDistrict(w.tx, actor, in.region_code);
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
    if (auto ok = CheckText(field, *text, domain::kNarrativeMax); !ok)
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
        {{CityOf(w.tx, r->region_code),
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
  if (format == "xlsx") {
    auto bytes = io::WriteReportXlsx(doc->second);
    if (!bytes) return std::unexpected(bytes.error());
    return FileDownload{doc->first + ".xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        std::move(*bytes)};
  }
  auto bytes = io::RenderReportPdf(doc->second);
  if (!bytes) return std::unexpected(bytes.error());
  return FileDownload{doc->first + ".pdf", "application/pdf", std::move(*bytes)};
}

Result<CityCompilation> ReportService::City(const Actor& actor, int year) {
  const auto subject = SubjectOf(actor);
  if (domain::access::Permits(subject, Kind::kAnnualReport, Op::kReview) !=
      domain::access::Decision::kAllow) {
    auto denied = Denied(Kind::kAnnualReport, Op::kReview, kAnnualWhat);
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
  const std::string name = city_name + std::to_string(year) + "年度工作汇总报告";
  if (format == "xlsx") {
    auto bytes = io::WriteReportXlsx(doc);
    if (!bytes) return std::unexpected(bytes.error());
    return FileDownload{name + ".xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        std::move(*bytes)};
  }
  auto bytes = io::RenderReportPdf(doc);
  if (!bytes) return std::unexpected(bytes.error());
  return FileDownload{name + ".pdf", "application/pdf", std::move(*bytes)};
}

// ---- 重大问题上报

namespace {

Result<store::ProblemReportRow> LoadProblem(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto r = store::FindProblemReport(tx, id);
  if (!r) return NotFound(kProblemWhat);
  if (auto ok = domain::access::Check(
          SubjectOf(actor), ReportResource(Kind::kProblemReport, r->id, r->org_id, r->region_code),
          op, kProblemWhat);
      !ok)
    return std::unexpected(ok.error());
  return *r;
}

ProblemReportView ProblemView(store::Tx& tx, store::ProblemReportRow row, bool detail) {
  ProblemReportView v;
  if (detail) {
    v.files = store::ListReportFiles(tx, row.id);
    v.events = store::ListEvents(tx, "problem_report", std::to_string(row.id));
  }
  v.row = std::move(row);
  return v;
}

// The type of an attachment by its first bytes and, for Office files, its name.
std::string AttachmentType(const std::string& bytes, const std::string& name) {
  auto ends = [&](const char* ext) {
    const std::string lower = [&] {
      std::string s = name;
      for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return s;
    }();
    return lower.ends_with(ext);
  };
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (bytes.starts_with("PK\x03\x04")) {
    if (ends(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ends(".docx"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  return "";
}

// The file's own name without any directory, control characters or quotes; at most 100
// characters; "附件" when nothing is left.
std::string CleanFileName(const std::string& raw) {
  std::string name =
      raw.substr(raw.find_last_of("/\\") == std::string::npos ? 0 : raw.find_last_of("/\\") + 1);
  std::erase_if(name, [](char ch) {
    return static_cast<unsigned char>(ch) < 0x20 || ch == '"' || ch == 0x7f;
  });
  name = domain::Trim(name);
  // Keep the first 100 code points (cut before the 101st lead byte).
  for (size_t i = 0, points = 0; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80 && ++points > 100) {
      name.resize(i);
      break;
    }
  }
  return name.empty() ? "附件" : name;
}

}  // namespace

Result<domain::Page<ProblemReportView>> ReportService::ListProblems(
    const Actor& actor, const ProblemReportQuery& q, const domain::PageRequest& page) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kProblemReport);
  if (!scope.allowed) {
    auto denied = Denied(Kind::kProblemReport, Op::kRead, kProblemWhat);
    return std::unexpected(denied.error());
  }
  store::ProblemReportFilter f;
  f.region_codes = scope.region_codes;
  f.query = domain::Trim(q.query);
  if (!q.status.empty()) {
    f.status = domain::ParseProblemReportStatus(q.status);
    if (!f.status) return InvalidField("status", "status_invalid", "状态无效");
  }
  if (!q.region_code.empty()) {
    if (scope.region_codes &&
        std::ranges::find(*scope.region_codes, q.region_code) == scope.region_codes->end())
      return Fail(ErrorKind::kPermissionDenied, "permission_denied", "无权查看该辖区的报告",
                  "region_code");
    f.region_codes = std::vector<std::string>{q.region_code};
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<ProblemReportView>> {
    auto rows = store::ListProblemReports(tx, f, page);
    domain::Page<ProblemReportView> out;
    out.total = rows.total;
    for (auto& r : rows.items) out.items.push_back(ProblemView(tx, std::move(r), false));
    return out;
  });
}

Result<ProblemReportView> ReportService::CreateProblem(const Actor& actor,
                                                       const ProblemReportInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kProblemReport, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  const std::string title = domain::Trim(in.title), body = domain::Trim(in.body);
  if (title.empty()) return InvalidField("title", "title_required", "请填写标题");
  if (domain::CodePoints(title) > domain::kReportTitleMax)
    return InvalidField("title", "title_too_long", "标题不能超过100字");
  if (body.empty()) return InvalidField("body", "body_required", "请填写报告内容");
  if (auto ok = CheckText("body", body, domain::kNarrativeMax); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<ProblemReportView> {
    auto district = ReportingDistrict(w.tx, actor, in.region_code);
    if (!district) return std::unexpected(district.error());
    store::ProblemReportRow r;
    r.org_id = actor.org_id.value_or(0);
    r.region_code = district->code;
    r.title = title;
    r.body = body;
    r.created_by = actor.user_id;
    r.created_at = r.updated_at = w.now;
    r.id = store::InsertProblemReport(w.tx, r);
    Record(w, Transition{{Kind::kProblemReport, std::to_string(r.id)},
                         "create",
                         "",
                         std::string(domain::ToString(r.status)),
                         "",
                         title,
                         {},
                         {{CityOf(w.tx, r.region_code),
                           {"problem_report_submitted", "重大问题上报",
                            w.OrgName() + "上报重大问题“" + title + "”，请及时签收处理。"}}}});
    return ProblemView(w.tx, *store::FindProblemReport(w.tx, r.id), true);
  });
}

Result<ProblemReportView> ReportService::GetProblem(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<ProblemReportView> {
    auto r = LoadProblem(tx, actor, id, Op::kRead);
    if (!r) return std::unexpected(r.error());
    return ProblemView(tx, std::move(*r), true);
  });
}

Result<store::ReportFile> ReportService::AddAttachment(const Actor& actor, int64_t id,
                                                       const std::string& file_name,
                                                       const std::string& bytes_in) {
  if (bytes_in.size() > kAttachmentBytesMax)
    return InvalidField("file", "file_too_large", "附件不能超过 10 MB");
  const std::string name = CleanFileName(file_name);
  std::string mime = AttachmentType(bytes_in, name);
  if (mime.empty())
    return InvalidField("file", "file_type_invalid", "附件应为 PDF、JPG、PNG、XLSX 或 DOCX 文件");
  std::string bytes = bytes_in;
  if (mime == "image/jpeg" || mime == "image/png") {
    auto clean = domain::StripImageMetadata(bytes_in);  // no location or camera data kept
    if (!clean) return std::unexpected(clean.error());
    bytes = std::move(clean->bytes);
    mime = clean->mime;
  }
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::ReportFile> {
    auto r = LoadProblem(w.tx, actor, id, Op::kEdit);
    if (!r) return std::unexpected(r.error());
    if (r->status != ProblemReportStatus::kSubmitted)
      return Fail(ErrorKind::kFailedPrecondition, "report_acknowledged",
                  "报告已签收，不能再上传附件");
    if (store::ListReportFiles(w.tx, id).size() >= kAttachmentsMax)
      return Fail(ErrorKind::kFailedPrecondition, "too_many_attachments",
                  "每份报告最多上传10个附件");
    store::ReportFile f;
    f.report_id = id;
    f.file_name = name;
    f.mime = mime;
    f.size = static_cast<int64_t>(bytes.size());
    f.sha256 = domain::Sha256Hex(bytes);
    f.data = domain::Base64UrlEncode(bytes);
    f.uploaded_by = actor.user_id;
    f.created_at = w.now;
    f.id = store::InsertReportFile(w.tx, f);
    Record(w, Transition{{Kind::kProblemReport, std::to_string(id)},
                         "attach",
                         "",
                         "",
                         "",
                         name + "（" + std::to_string(std::max<int64_t>(1, f.size / 1024)) +
                             " KB，SHA-256 " + f.sha256.substr(0, 16) + "…）",
                         {},
                         {}});
    f.data.clear();
    return f;
  });
}

Result<FileDownload> ReportService::GetAttachment(const Actor& actor, int64_t id, int64_t file_id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<FileDownload> {
    auto r = LoadProblem(tx, actor, id, Op::kRead);
    if (!r) return std::unexpected(r.error());
    auto f = store::FindReportFile(tx, file_id);
    if (!f || f->report_id != id) return NotFound("附件");
    auto bytes = domain::Base64UrlDecode(f->data);
    if (!bytes) return Internal("problem report file " + std::to_string(file_id));
    return FileDownload{f->file_name, f->mime, std::move(*bytes)};
  });
}

Result<ProblemReportView> ReportService::Acknowledge(const Actor& actor, int64_t id,
                                                     const std::string& note_in) {
  const std::string note = domain::Trim(note_in);
  if (auto ok = CheckText("note", note, 2000); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<ProblemReportView> {
    auto r = LoadProblem(w.tx, actor, id, Op::kReview);
    if (!r) return std::unexpected(r.error());
    auto moved = Advance(
        w, Step<ProblemReportStatus>{
               {Kind::kProblemReport, std::to_string(id)},
               std::string(domain::ToString(domain::ProblemReportAction::kAcknowledge)),
               kProblemWhat,
               r->status,
               domain::NextStatus(r->status, domain::ProblemReportAction::kAcknowledge),
               [&](ProblemReportStatus) {
                 return store::AcknowledgeProblemReport(w.tx, id, actor.user_id, note, w.now);
               },
               note,
               r->title,
               {},
               {{ToBureausOf{r->region_code},
                 {"problem_report_acknowledged", "重大问题报告已签收",
                  "您局上报的“" + r->title + "”已由" + w.OrgName() + "签收" +
                      (note.empty() ? "。" : "，意见：" + note + "。")}}}});
    if (!moved) return std::unexpected(moved.error());
    return ProblemView(w.tx, *store::FindProblemReport(w.tx, id), true);
  });
}

// ---- 通报

namespace {

json CountsJson(const store::StateCounts& c) {
  return json{{"filed", c.filed},     {"approved", c.approved},
              {"valid", c.valid},     {"due_30d", c.due_30d},
              {"overdue", c.overdue}, {"never_verified", c.never_verified},
              {"failed", c.failed}};
}

BulletinView BulletinOf(store::Tx& tx, store::BulletinRow row, bool detail) {
  BulletinView v;
  v.figures = json::parse(row.figures);
  if (detail) v.events = store::ListEvents(tx, "bulletin", std::to_string(row.id));
  v.row = std::move(row);
  return v;
}

}  // namespace

Result<domain::Page<BulletinView>> ReportService::ListBulletins(const Actor& actor,
                                                                std::optional<int> year,
                                                                const domain::PageRequest& page) {
  if (!domain::access::ScopeFor(SubjectOf(actor), Kind::kBulletin).allowed) {
    auto denied = Denied(Kind::kBulletin, Op::kRead, kBulletinWhat);
    return std::unexpected(denied.error());
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<BulletinView>> {
    auto rows = store::ListBulletins(tx, year, page);
    domain::Page<BulletinView> out;
    out.total = rows.total;
    for (auto& r : rows.items) out.items.push_back(BulletinOf(tx, std::move(r), false));
    return out;
  });
}

Result<BulletinView> ReportService::PublishBulletin(const Actor& actor, const BulletinInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kBulletin, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  const std::string title = domain::Trim(in.title), note = domain::Trim(in.note);
  if (title.empty()) return InvalidField("title", "title_required", "请填写标题");
  if (domain::CodePoints(title) > domain::kReportTitleMax)
    return InvalidField("title", "title_too_long", "标题不能超过100字");
  if (auto ok = CheckText("note", note, domain::kNarrativeMax); !ok)
    return std::unexpected(ok.error());
  const auto period = domain::ParsePeriod(in.period);
  if (!period) return InvalidField("period", "period_invalid", "通报期间无效");
  const std::string today = domain::ChinaDate(ctx_.clock.Now());
  if (period->from > today) return InvalidField("period", "period_invalid", "通报期间不能晚于今天");
  // The snapshot: the dashboards' figures for the whole city as they stand now.
  StatisticsQuery q;
  q.year = std::stoi(in.period.substr(0, 4));
  auto overview = statistics_.Overview(actor, q);
  if (!overview) return std::unexpected(overview.error());
  auto districts = statistics_.Breakdown(actor, q, "district");
  if (!districts) return std::unexpected(districts.error());
  auto supervision = statistics_.Supervision(actor, q);
  if (!supervision) return std::unexpected(supervision.error());
  json overview_json = CountsJson(overview->counts);
  overview_json["enterprises"] = overview->enterprises;
  overview_json["connectors"] = overview->counts.connectors;
  overview_json["first_use_unverified"] = overview->first_use_unverified;
  json district_rows = json::array();
  for (const auto& d : *districts) {
    json row = CountsJson(d.counts);
    row["region_code"] = d.key;
    row["name"] = d.name;
    district_rows.push_back(std::move(row));
  }
  const json figures{{"as_of", overview->as_of},
                     {"overview", overview_json},
                     {"districts", district_rows},
                     {"supervision",
                      {{"inspection_tasks", supervision->inspections.tasks},
                       {"inspections_done", supervision->inspections.done},
                       {"inspections_published", supervision->inspections.published},
                       {"rectifications_open", supervision->rectifications.open},
                       {"rectifications_overdue", supervision->rectifications.overdue}}}};
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<BulletinView> {
    store::BulletinRow b;
    b.org_id = actor.org_id.value_or(0);
    b.title = title;
    b.note = note;
    b.period = in.period;
    b.figures = figures.dump();
    b.published_by = actor.user_id;
    b.published_at = w.now;
    b.id = store::InsertBulletin(w.tx, b);
    std::vector<std::pair<Recipient, Notice>> notices;
    store::OrgFilter drc{domain::OrgKind::kDrc, "", {}};
    for (const auto& org : store::ListOrgs(w.tx, drc, {1, 100}).items)
      notices.push_back({ToOrg{org.id},
                         {"bulletin_published", "通报",
                          w.OrgName() + "发布了" + domain::PeriodName(in.period) + "通报“" + title +
                              "”，请登录系统查看。"}});
    Record(w, Transition{{Kind::kBulletin, std::to_string(b.id)},
                         "publish",
                         "",
                         "published",
                         "",
                         title,
                         {},
                         std::move(notices)});
    return BulletinOf(w.tx, *store::FindBulletin(w.tx, b.id), true);
  });
}

Result<BulletinView> ReportService::GetBulletin(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<BulletinView> {
    auto b = store::FindBulletin(tx, id);
    if (!b) return NotFound(kBulletinWhat);
    if (auto ok = domain::access::Check(SubjectOf(actor),
                                        ReportResource(Kind::kBulletin, b->id, b->org_id, ""),
                                        Op::kRead, kBulletinWhat);
        !ok)
      return std::unexpected(ok.error());
    return BulletinOf(tx, std::move(*b), true);
  });
}

Result<FileDownload> ReportService::BulletinPdf(const Actor& actor, int64_t id) {
  auto v = GetBulletin(actor, id);
  if (!v) return std::unexpected(v.error());
  const auto& b = v->row;
  const json& f = v->figures;
  const json& o = f["overview"];
  auto n = [](const json& j, const char* k) { return std::to_string(j[k].get<int64_t>()); };
  io::ReportDocument doc;
  doc.title = b.title;
  doc.subtitle = b.org_name + "　" + domain::PeriodName(b.period) + "　数据截至 " +
                 f["as_of"].get<std::string>() + "　发布于 " +
                 domain::ChinaDateTime(b.published_at).substr(0, 16);
  io::ReportSection note{"通报事项", false, {}, std::nullopt, std::nullopt};
  for (size_t start = 0; start <= b.note.size();) {
    size_t end = b.note.find('\n', start);
    if (end == std::string::npos) end = b.note.size();
    if (end > start) note.paragraphs.push_back("　　" + b.note.substr(start, end - start));
    start = end + 1;
  }
  if (!note.paragraphs.empty()) doc.sections.push_back(std::move(note));
  io::ReportSection overall{"总体情况", false, {}, std::nullopt, std::nullopt};
  overall.paragraphs.push_back(
      "全市备案强制检定充电设施 " + n(o, "filed") + " 台（充电接口 " + n(o, "connectors") +
      " 个），运营企业 " + n(o, "enterprises") + " 家；已审核 " + n(o, "approved") +
      " 台，检定有效期内 " + n(o, "valid") + " 台（30日内到期 " + n(o, "due_30d") +
      " 台），超期未检 " + n(o, "overdue") + " 台，从未检定 " + n(o, "never_verified") +
      " 台，检定不合格停用 " + n(o, "failed") + " 台；投入使用前未经首次检定 " +
      n(o, "first_use_unverified") + " 台。");
  doc.sections.push_back(std::move(overall));
  io::ReportSection by_district{"各区情况", false, {}, std::nullopt, std::nullopt};
  io::ReportTable t;
  t.sheet = "各区情况";
  t.header = {"区",         "备案",     "已审核",   "有效期内",
              "30日内到期", "超期未检", "从未检定", "不合格停用"};
  t.weights = {14, 8, 8, 9, 9, 9, 9, 9};
  io::ReportChart chart;
  chart.caption = "图1  各区备案与超期未检台数";
  std::vector<double> filed, overdue;
  for (const auto& d : f["districts"]) {
    t.rows.push_back({d["name"].get<std::string>(), n(d, "filed"), n(d, "approved"), n(d, "valid"),
                      n(d, "due_30d"), n(d, "overdue"), n(d, "never_verified"), n(d, "failed")});
    chart.labels.push_back(d["name"].get<std::string>());
    filed.push_back(static_cast<double>(d["filed"].get<int64_t>()));
    overdue.push_back(static_cast<double>(d["overdue"].get<int64_t>()));
  }
  chart.series = {{"备案", filed}, {"超期未检", overdue}};
  by_district.chart = std::move(chart);
  by_district.table = std::move(t);
  doc.sections.push_back(std::move(by_district));
  const json& s = f["supervision"];
  io::ReportSection sup{"监督检查", false, {}, std::nullopt, std::nullopt};
  sup.paragraphs.push_back("本年度“双随机、一公开”抽查任务 " + n(s, "inspection_tasks") +
                           " 项，完成检查 " + n(s, "inspections_done") + " 家次，公示 " +
                           n(s, "inspections_published") + " 家次；未完成整改 " +
                           n(s, "rectifications_open") + " 份，其中逾期 " +
                           n(s, "rectifications_overdue") + " 份。");
  doc.sections.push_back(std::move(sup));
  auto bytes = io::RenderReportPdf(doc);
  if (!bytes) return std::unexpected(bytes.error());
  return FileDownload{b.title + ".pdf", "application/pdf", std::move(*bytes)};
}

}  // namespace mvis::services
