// 导出 of the lists: certificates, appointments, verification records, the supervision summary,
// the enterprise archive, the audit log and measurement standards. Each takes the list's own
// query string and answers what the list shows the caller (same scope), all pages, as .xlsx.
// Registered before the lists' /{id} routes so "export" is never taken for an id.
#include "domain/appointment.hpp"
#include "domain/audit_names.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "domain/verification.hpp"
#include "http/api.hpp"
#include "http/exports.hpp"
#include "http/verification/views.hpp"

namespace mvis::http {
namespace {

using Row = std::vector<std::string>;

std::string Num(int64_t n) { return std::to_string(n); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The keyword filter the whole-list pages (标准器, 企业档案) apply on screen: any of `texts`
// contains `q`, ignoring ASCII case; an empty `q` keeps everything.
bool Matches(const std::string& q, std::initializer_list<const std::string*> texts) {
  if (q.empty()) return true;
  const std::string k = Lower(q);
  for (const auto* t : texts)
    if (Lower(*t).find(k) != std::string::npos) return true;
  return false;
}

// `items` without the entries `keep` refuses.
template <typename T, typename Keep>
Result<std::vector<T>> Kept(Result<std::vector<T>> items, Keep keep) {
  if (items) std::erase_if(*items, [&](const T& x) { return !keep(x); });
  return items;
}

Row CertificateRow(const services::CertificateView& v) {
  const auto& c = v.certificate;
  Json s = Json::parse(c.snapshot, nullptr, false);
  Json ins = s.is_object() ? s.value("instrument", Json::object()) : Json::object();
  return {c.number,
          Num(c.revision),
          std::string(domain::DisplayName(c.kind)),
          ins.value("type_name", ""),
          ins.value("model", ""),
          ins.value("serial_no", ""),
          c.org_name,
          c.institute_name,
          c.verified_on,
          c.issue_date,
          c.valid_until,
          std::string(domain::DisplayName(v.live_status))};
}

Row AppointmentRow(const services::AppointmentDetail& d) {
  const auto& a = d.appointment;
  return {Num(a.id),
          a.org_name,
          a.institute_name,
          std::string(domain::DisplayName(a.mode)),
          std::string(domain::DisplayName(a.status)),
          Num(static_cast<int64_t>(a.instrument_ids.size())),
          Num(a.verified_count),
          a.preferred_date,
          a.scheduled_date,
          a.contact_name,
          a.contact_phone,  // masked by the service unless the caller needs it whole
          a.submitted_at ? ExportTime(*a.submitted_at) : ""};
}

Row VerificationRow(const services::VerificationView& view) {
  const auto& v = view.record;
  const bool approved = v.status == domain::RecordStatus::kApproved;
  return {Num(v.id),
          v.type_name,
          v.model,
          v.serial_no,
          v.org_name,
          v.institute_name,
          std::string(domain::DisplayName(v.kind)),
          v.verified_on,
          approved ? (v.conclusion == domain::Conclusion::kPass ? "合格" : "不合格") : "",
          std::string(domain::DisplayName(v.status)),
          view.certificate ? view.certificate->number : ""};
}

Row AuditRow(const domain::AuditEntry& e) {
  const char* result = e.result == "ok" ? "成功" : e.result == "denied" ? "拒绝" : "失败";
  return {Num(e.seq),
          ExportTime(e.at),
          e.username == "cli" ? "命令行" : e.username,
          std::string(domain::AuditActionName(e.action)),
          std::string(domain::AuditObjectName(e.object_type)) +
              (e.object_id.empty() ? "" : " #" + e.object_id),
          e.summary,
          e.ip,
          result};
}

}  // namespace

void AddExportRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/certificates/export", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto q = CertificateQueryOf(ctx);
    if (!q) return ErrorResponse(q.error());
    static const std::vector<io::XlsxColumn> kColumns = {
        {"证书编号", 20}, {"版本", 6},      {"类别", 16},     {"器具名称", 20},
        {"型号", 16},     {"出厂编号", 20}, {"使用单位", 30}, {"检定机构", 26},
        {"检定日期", 12}, {"签发日期", 12}, {"有效期至", 12}, {"状态", 10}};
    return XlsxDownload(
        ExportPages<services::CertificateView>(
            "检定证书", kColumns,
            [&](const domain::PageRequest& p) { return s.certificates.List(ctx.actor(), *q, p); },
            CertificateRow),
        "certificates.xlsx", "检定证书.xlsx");
  });

  router.Add("GET", "/api/v1/appointments/export", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto q = AppointmentQueryOf(ctx);
    static const std::vector<io::XlsxColumn> kColumns = {
        {"预约单号", 10}, {"运营企业", 30}, {"检定机构", 26}, {"检定方式", 10},
        {"状态", 10},     {"器具数量", 10}, {"已检数量", 10}, {"期望日期", 12},
        {"安排日期", 12}, {"联系人", 12},   {"联系电话", 14}, {"提交时间", 18}};
    return XlsxDownload(
        ExportPages<services::AppointmentDetail>(
            "预约检定", kColumns,
            [&](const domain::PageRequest& p) { return s.appointments.List(ctx.actor(), q, p); },
            AppointmentRow),
        "appointments.xlsx", "预约检定.xlsx");
  });

  router.Add("GET", "/api/v1/verifications/export", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto q = VerificationQueryOf(ctx);
    if (!q) return ErrorResponse(q.error());
    static const std::vector<io::XlsxColumn> kColumns = {
        {"记录编号", 10}, {"器具名称", 20}, {"型号", 16},     {"出厂编号", 20},
        {"使用单位", 30}, {"检定机构", 26}, {"检定类别", 12}, {"检定日期", 12},
        {"结论", 8},      {"状态", 10},     {"证书编号", 20}};
    return XlsxDownload(
        ExportPages<services::VerificationView>(
            "检定记录", kColumns,
            [&](const domain::PageRequest& p) { return s.verifications.List(ctx.actor(), *q, p); },
            VerificationRow),
        "verifications.xlsx", "检定记录.xlsx");
  });

  router.Add("GET", "/api/v1/admin/audit/export", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto user_id = ctx.QueryId("user_id");
    if (!user_id) return ErrorResponse(user_id.error());
    const auto& req = ctx.request();
    services::AuditQuery q{req.Query("action"), *user_id, req.Query("q"), req.Query("date_from"),
                           req.Query("date_to")};
    static const std::vector<io::XlsxColumn> kColumns = {
        {"序号", 8},  {"时间", 18}, {"用户", 14},    {"操作", 16},
        {"对象", 16}, {"摘要", 60}, {"IP 地址", 16}, {"结果", 8}};
    return XlsxDownload(
        ExportPages<domain::AuditEntry>(
            "审计日志", kColumns,
            [&](const domain::PageRequest& p) { return s.admin.ListAudit(ctx.actor(), q, p); },
            AuditRow),
        "audit-log.xlsx", "审计日志.xlsx");
  });

  router.Add("GET", "/api/v1/standards/export", Access::kSignedIn, [&s](RequestContext& ctx) {
    static const std::vector<io::XlsxColumn> kColumns = {
        {"名称", 24},     {"型号", 16},   {"出厂编号", 18}, {"证书编号", 20},
        {"有效期至", 12}, {"准确度", 14}, {"状态", 10}};
    return XlsxDownload(
        ExportList<services::StandardView>(
            "计量标准器", kColumns,
            Kept(s.institutes.Standards(ctx.actor(), ctx.request().Query("active") == "true"),
                 [q = domain::Trim(ctx.request().Query("q"))](const services::StandardView& v) {
                   const auto& x = v.standard;
                   return Matches(q, {&x.name, &x.model, &x.serial_no, &x.certificate_no});
                 }),
            [](const services::StandardView& v) -> Row {
              const auto& x = v.standard;
              return {x.name,
                      x.model,
                      x.serial_no,
                      x.certificate_no,
                      x.valid_until,
                      x.accuracy,
                      v.expired  ? "已过期"
                      : x.active ? "在用"
                                 : "停用"};
            }),
        "standards.xlsx", "计量标准器.xlsx");
  });

  router.Add(
      "GET", "/api/v1/archive/enterprises/export", Access::kSignedIn, [&s](RequestContext& ctx) {
        static const std::vector<io::XlsxColumn> kColumns = {
            {"企业名称", 32}, {"统一社会信用代码", 22},
            {"所在区域", 14}, {"联系人", 12},
            {"联系电话", 14}, {"待审核", 8},
            {"已备案", 8},    {"退回", 8},
            {"已注销", 8}};
        auto count = [](const services::ArchiveEntry& e, domain::FilingStatus st) {
          auto it = e.counts.find(st);
          return Num(it == e.counts.end() ? 0 : it->second);
        };
        return XlsxDownload(
            ExportList<services::ArchiveEntry>(
                "企业档案", kColumns,
                Kept(s.instruments.Archive(ctx.actor(), ctx.request().Query("region_code")),
                     [q = domain::Trim(ctx.request().Query("q"))](const services::ArchiveEntry& e) {
                       return Matches(q, {&e.org.name, &e.org.credit_code});
                     }),
                [&](const services::ArchiveEntry& e) -> Row {
                  using F = domain::FilingStatus;
                  return {e.org.name,
                          e.org.credit_code,
                          e.org.region_name,
                          e.org.contact_name,
                          e.contact_phone,
                          count(e, F::kSubmitted),
                          count(e, F::kApproved),
                          count(e, F::kReturned),
                          count(e, F::kDeregistered)};
                }),
            "enterprises.xlsx", "企业档案.xlsx");
      });

  router.Add("GET", "/api/v1/supervision/verification-summary/export", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               const std::string due = "即将到期（" + Num(s.reminders.due_soon_days()) + "天内）";
               const std::vector<io::XlsxColumn> columns = {
                   {"区域", 16}, {"已备案器具", 12}, {"从未检定", 10}, {"有效期内", 10},
                   {due, 18},    {"已过期", 10},     {"不合格", 10}};
               return XlsxDownload(ExportList<services::SummaryRow>(
                                       "检定监管", columns, s.reminders.Summary(ctx.actor()),
                                       [](const services::SummaryRow& r) -> Row {
                                         return {r.region_name,         Num(r.approved),
                                                 Num(r.never_verified), Num(r.valid),
                                                 Num(r.due_soon),       Num(r.overdue),
                                                 Num(r.failed)};
                                       }),
                                   "verification-summary.xlsx", "检定监管.xlsx");
             });
}

}  // namespace mvis::http
