// 重大问题随时上报: a district bureau's ad-hoc report to the city bureau, with attachments, and
// the city bureau's acknowledgement (签收).
#include <algorithm>

#include "domain/audit_chain.hpp"
#include "domain/inspection.hpp"
#include "domain/label_token.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/core/workflow.hpp"
#include "services/reporting/report_internal.hpp"
#include "services/reporting/report_service.hpp"
#include "services/reporting/statistics_service.hpp"
#include "store/events_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

using domain::ProblemReportStatus;
using domain::access::Kind;
using domain::access::Op;
using nlohmann::json;

namespace {

constexpr char kProblemWhat[] = "重大问题报告";
constexpr size_t kAttachmentsMax = 10;
constexpr size_t kAttachmentBytesMax = 10 << 20;

}  // namespace

namespace {

Result<store::ProblemReportRow> LoadProblem(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto r = store::FindProblemReport(tx, id);
  if (!r) return NotFound(kProblemWhat);
  if (auto ok = domain::access::Check(
          SubjectOf(actor),
          reporting::ReportResource(Kind::kProblemReport, r->id, r->org_id, r->region_code), op,
          kProblemWhat);
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
    auto denied = reporting::Denied(Kind::kProblemReport, Op::kRead, kProblemWhat);
    return std::unexpected(denied.error());
  }
  store::ProblemReportFilter f;
  f.query = domain::Trim(q.query);
  if (!q.status.empty()) {
    f.status = domain::ParseProblemReportStatus(q.status);
    if (!f.status) return InvalidField("status", "status_invalid", "状态无效");
  }
  auto regions = reporting::ListedRegions(scope, q.region_code);
  if (!regions) return std::unexpected(regions.error());
  f.region_codes = *regions;
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
  if (auto ok = reporting::CheckText("body", body, domain::kNarrativeMax); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<ProblemReportView> {
    auto district = reporting::ReportingDistrict(w.tx, actor, in.region_code);
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
                         {{reporting::CityOf(w.tx, r.region_code),
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
  if (auto ok = reporting::CheckText("note", note, 2000); !ok) return std::unexpected(ok.error());
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

}  // namespace mvis::services
