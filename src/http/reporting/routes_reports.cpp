// 年度工作报告 (/api/v1/annual-reports), 重大问题上报 (/api/v1/problem-reports) and 通报
// (/api/v1/bulletins): the reporting side's documents.
#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/exports.hpp"
#include "http/multipart.hpp"
#include "http/supervision/routes_inspections.hpp"
#include "services/reporting/report_service.hpp"

namespace mvis::http {
namespace {

using services::ReportService;

Json AnnualJson(const services::AnnualReportView& v, bool detail) {
  const auto& r = v.row;
  Json j{{"id", r.id},
         {"year", r.year},
         {"region_code", r.region_code},
         {"region_name", r.region_name},
         {"org_id", r.org_id},
         {"org_name", r.org_name},
         {"cut_off", r.cut_off},
         {"status", std::string(domain::ToString(r.status))},
         {"return_reason", r.return_reason},
         {"work", r.work},
         {"problems", r.problems},
         {"plan", r.plan},
         {"figures_frozen", v.frozen},
         {"frozen_at", v.frozen ? TimeOrNull(r.frozen_at) : Json(nullptr)},
         {"submitted_at", TimeOrNull(r.submitted_at)},
         {"decided_at", TimeOrNull(r.decided_at)},
         {"created_at", domain::IsoUtc(r.created_at)},
         {"updated_at", domain::IsoUtc(r.updated_at)}};
  if (detail) {
    j["figures"] = v.figures;
    j["events"] = EventsJson(v.events)["items"];
  }
  return j;
}

Json FileJson(const store::ReportFile& f) {
  return {{"id", f.id},
          {"file_name", f.file_name},
          {"mime", f.mime},
          {"size", f.size},
          {"created_at", domain::IsoUtc(f.created_at)}};
}

Json ProblemJson(const services::ProblemReportView& v, bool detail) {
  const auto& p = v.row;
  Json j{{"id", p.id},
         {"region_code", p.region_code},
         {"region_name", p.region_name},
         {"org_id", p.org_id},
         {"org_name", p.org_name},
         {"title", p.title},
         {"body", p.body},
         {"status", std::string(domain::ToString(p.status))},
         {"ack_note", p.ack_note},
         {"acknowledged_at", TimeOrNull(p.acknowledged_at)},
         {"created_by_name", p.created_by_name},
         {"created_at", domain::IsoUtc(p.created_at)},
         {"updated_at", domain::IsoUtc(p.updated_at)},
         {"attachment_count", p.attachment_count}};
  if (detail) {
    Json files = Json::array();
    for (const auto& f : v.files) files.push_back(FileJson(f));
    j["attachments"] = files;
    j["events"] = EventsJson(v.events)["items"];
  }
  return j;
}

Json BulletinJson(const services::BulletinView& v, bool detail) {
  const auto& b = v.row;
  Json j{{"id", b.id},
         {"title", b.title},
         {"note", b.note},
         {"period", b.period},
         {"org_name", b.org_name},
         {"published_at", domain::IsoUtc(b.published_at)},
         {"published_by_name", b.published_by_name}};
  if (detail) {
    j["figures"] = v.figures;
    j["events"] = EventsJson(v.events)["items"];
  }
  return j;
}

Response Download(Result<services::FileDownload> file, const std::string& ascii_name) {
  if (!file) return ErrorResponse(file.error());
  return FileDownload(std::move(file->bytes), file->mime, ascii_name, file->file_name);
}

std::optional<int> OptionalYear(RequestContext& ctx) { return YearQuery(ctx); }

Json MilestoneJson(const store::MilestoneRow& m) {
  return {{"id", m.id},
          {"title", m.title},
          {"kind", m.kind},
          {"deadline", m.deadline},
          {"target_pct", m.target_pct},
          {"since", m.since.empty() ? Json(nullptr) : Json(m.since)},
          {"note", m.note},
          {"status", m.status},
          {"created_at", domain::IsoUtc(m.created_at)},
          {"updated_at", domain::IsoUtc(m.updated_at)}};
}

services::MilestoneInput MilestoneInputOf(const Json& b) {
  services::MilestoneInput in{Str(b, "title"), Str(b, "kind"), Str(b, "deadline"), Str(b, "since"),
                              Str(b, "note")};
  in.target_pct = b.contains("target_pct") && b["target_pct"].is_number_integer()
                      ? b["target_pct"].get<int64_t>()
                      : 0;
  return in;
}

Result<services::InstituteReportQuery> InstituteQuery(RequestContext& ctx) {
  services::InstituteReportQuery q{std::nullopt, ctx.request().Query("from"),
                                   ctx.request().Query("to")};
  const std::string id = ctx.request().Query("institute_org_id");
  if (!id.empty()) {
    if (id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
      return InvalidField("institute_org_id", "institute_invalid", "检定机构无效");
    q.institute_org_id = std::stoll(id);
  }
  return q;
}

}  // namespace

void AddReportRoutes(Router& router, AppServices& s) {
  ReportService& svc = s.reports;
  auto annual = [](bool detail) {
    return [detail](const services::AnnualReportView& v) { return AnnualJson(v, detail); };
  };
  auto problem = [](bool detail) {
    return [detail](const services::ProblemReportView& v) { return ProblemJson(v, detail); };
  };
  auto bulletin = [](bool detail) {
    return [detail](const services::BulletinView& v) { return BulletinJson(v, detail); };
  };
  auto this_year = [&s] { return std::stoi(s.clock.Today().substr(0, 4)); };

  // ---- 年度工作报告
  router.Add("GET", "/api/v1/annual-reports", Access::kSignedIn,
             [&svc, annual](RequestContext& ctx) {
               auto page = ctx.Paging();
               if (!page) return ErrorResponse(page.error());
               services::AnnualReportQuery q{OptionalYear(ctx), ctx.request().Query("status"),
                                             ctx.request().Query("region_code")};
               return Reply(svc.ListAnnual(ctx.actor(), q, *page),
                            [annual](const auto& p) { return PageJson(p, annual(false)); });
             });
  router.Add("POST", "/api/v1/annual-reports", Access::kSignedIn,
             [&svc, annual](RequestContext& ctx) {
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               services::AnnualReportInput in;
               in.year = body->contains("year") && (*body)["year"].is_number_integer()
                             ? (*body)["year"].get<int>()
                             : 0;
               in.region_code = Str(*body, "region_code");
               in.cut_off = Str(*body, "cut_off");
               return Reply(svc.CreateAnnual(ctx.actor(), in), annual(true), 201);
             });
  router.Add(
      "GET", "/api/v1/annual-reports/city", Access::kSignedIn,
      [&svc, this_year](RequestContext& ctx) {
        const int year = OptionalYear(ctx).value_or(this_year());
        return Reply(svc.City(ctx.actor(), year), [](const services::CityCompilation& c) {
          Json districts = Json::array();
          for (const auto& d : c.districts) {
            const auto& r = d.report;
            districts.push_back(
                {{"region_code", d.region_code},
                 {"region_name", d.region_name},
                 {"report_id", r ? Json(r->id) : Json(nullptr)},
                 {"status", r ? Json(std::string(domain::ToString(r->status))) : Json(nullptr)},
                 {"cut_off", r ? Json(r->cut_off) : Json(nullptr)},
                 {"submitted_at", r ? TimeOrNull(r->submitted_at) : Json(nullptr)},
                 {"decided_at", r ? TimeOrNull(r->decided_at) : Json(nullptr)}});
          }
          Json annex = Json::array();
          for (const auto& r : c.annex)
            annex.push_back({{"region_name", r.region_name},
                             {"cut_off", r.cut_off},
                             {"work", r.work},
                             {"problems", r.problems},
                             {"plan", r.plan}});
          return Json{{"year", c.year},
                      {"districts", districts},
                      {"submitted", c.submitted},
                      {"accepted", c.accepted},
                      {"total_districts", static_cast<int64_t>(c.districts.size())},
                      {"figures", c.figures},
                      {"annex", annex}};
        });
      });
  for (const char* format : {"pdf", "xlsx"}) {
    const std::string f = format;
    router.Add("GET", "/api/v1/annual-reports/city/report." + f, Access::kSignedIn,
               [&svc, this_year, f](RequestContext& ctx) {
                 const int year = OptionalYear(ctx).value_or(this_year());
                 return Download(svc.CityDocument(ctx.actor(), year, f),
                                 "city-report-" + std::to_string(year) + "." + f);
               });
    router.Add("GET", "/api/v1/annual-reports/{id}/report." + f, Access::kSignedIn,
               [&svc, f](RequestContext& ctx) {
                 auto id = ctx.IdParam("id");
                 if (!id) return ErrorResponse(id.error());
                 return Download(svc.AnnualDocument(ctx.actor(), *id, f),
                                 "annual-report-" + std::to_string(*id) + "." + f);
               });
  }
  router.Add("GET", "/api/v1/annual-reports/{id}", Access::kSignedIn,
             [&svc, annual](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.GetAnnual(ctx.actor(), *id), annual(true));
             });
  router.Add("PUT", "/api/v1/annual-reports/{id}", Access::kSignedIn,
             [&svc, annual](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               services::AnnualReportEdit in{Str(*body, "cut_off"), Str(*body, "work"),
                                             Str(*body, "problems"), Str(*body, "plan")};
               return Reply(svc.UpdateAnnual(ctx.actor(), *id, in), annual(true));
             });
  router.Add("POST", "/api/v1/annual-reports/{id}/submit", Access::kSignedIn,
             [&svc, annual](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.SubmitAnnual(ctx.actor(), *id), annual(true));
             });
  router.Add("POST", "/api/v1/annual-reports/{id}/accept", Access::kSignedIn,
             [&svc, annual](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.AcceptAnnual(ctx.actor(), *id), annual(true));
             });
  router.Add("POST", "/api/v1/annual-reports/{id}/return", Access::kSignedIn,
             [&svc, annual](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.ReturnAnnual(ctx.actor(), *id, Str(*body, "reason")), annual(true));
             });

  // ---- 重大问题上报
  router.Add(
      "GET", "/api/v1/problem-reports", Access::kSignedIn, [&svc, problem](RequestContext& ctx) {
        auto page = ctx.Paging();
        if (!page) return ErrorResponse(page.error());
        services::ProblemReportQuery q{ctx.request().Query("status"), ctx.request().Query("q"),
                                       ctx.request().Query("region_code")};
        return Reply(svc.ListProblems(ctx.actor(), q, *page),
                     [problem](const auto& p) { return PageJson(p, problem(false)); });
      });
  router.Add("POST", "/api/v1/problem-reports", Access::kSignedIn,
             [&svc, problem](RequestContext& ctx) {
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               services::ProblemReportInput in{Str(*body, "title"), Str(*body, "body"),
                                               Str(*body, "region_code")};
               return Reply(svc.CreateProblem(ctx.actor(), in), problem(true), 201);
             });
  router.Add("GET", "/api/v1/problem-reports/{id}", Access::kSignedIn,
             [&svc, problem](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.GetProblem(ctx.actor(), *id), problem(true));
             });
  router.Add(
      "POST", "/api/v1/problem-reports/{id}/attachments", Access::kSignedIn,
      [&svc](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        auto parts = ParseMultipart(ctx.request().Header("content-type"), ctx.request().body);
        if (!parts) return ErrorResponse(parts.error());
        for (const auto& part : *parts) {
          if (part.name != "file") continue;
          return Reply(svc.AddAttachment(ctx.actor(), *id, part.filename, std::string(part.data)),
                       FileJson, 201);
        }
        return ErrorResponse(Error{
            ErrorKind::kInvalidArgument, "file_required", "请选择要上传的附件", "file", {}, {}});
      });
  router.Add("GET", "/api/v1/problem-reports/{id}/attachments/{attachment_id}", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto file_id = ctx.IdParam("attachment_id");
               if (!file_id) return ErrorResponse(file_id.error());
               return Download(svc.GetAttachment(ctx.actor(), *id, *file_id),
                               "attachment-" + std::to_string(*file_id));
             });
  router.Add("POST", "/api/v1/problem-reports/{id}/acknowledge", Access::kSignedIn,
             [&svc, problem](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.Acknowledge(ctx.actor(), *id, Str(*body, "note")), problem(true));
             });

  // ---- 统计分析报告 (an institute's work)
  router.Add("GET", "/api/v1/institute-report", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto q = InstituteQuery(ctx);
    if (!q) return ErrorResponse(q.error());
    return Reply(svc.InstituteFigures(ctx.actor(), *q), [](const Json& j) { return j; });
  });
  for (const char* format : {"pdf", "xlsx"}) {
    const std::string f = format;
    router.Add("GET", "/api/v1/institute-report/report." + f, Access::kSignedIn,
               [&svc, f](RequestContext& ctx) {
                 auto q = InstituteQuery(ctx);
                 if (!q) return ErrorResponse(q.error());
                 return Download(svc.InstituteDocument(ctx.actor(), *q, f),
                                 "institute-report." + f);
               });
  }

  // ---- 工作节点
  router.Add("GET", "/api/v1/milestones", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    return Reply(svc.ListMilestones(ctx.actor(), ctx.request().Query("status"), *page),
                 [](const auto& p) { return PageJson(p, MilestoneJson); });
  });
  router.Add("POST", "/api/v1/milestones", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(svc.CreateMilestone(ctx.actor(), MilestoneInputOf(*body)), MilestoneJson, 201);
  });
  router.Add("GET", "/api/v1/milestones/progress", Access::kSignedIn, [&svc](RequestContext& ctx) {
    return Reply(svc.MilestoneProgress(ctx.actor(), ctx.request().Query("region_code")),
                 [](const Json& j) { return j; });
  });
  router.Add("PUT", "/api/v1/milestones/{id}", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(svc.UpdateMilestone(ctx.actor(), *id, MilestoneInputOf(*body)), MilestoneJson);
  });
  router.Add("POST", "/api/v1/milestones/{id}/withdraw", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.WithdrawMilestone(ctx.actor(), *id), MilestoneJson);
             });

  // ---- 通报
  router.Add("GET", "/api/v1/bulletins", Access::kSignedIn, [&svc, bulletin](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    return Reply(svc.ListBulletins(ctx.actor(), OptionalYear(ctx), *page),
                 [bulletin](const auto& p) { return PageJson(p, bulletin(false)); });
  });
  router.Add("POST", "/api/v1/bulletins", Access::kSignedIn, [&svc, bulletin](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    services::BulletinInput in{Str(*body, "title"), Str(*body, "note"), Str(*body, "period")};
    return Reply(svc.PublishBulletin(ctx.actor(), in), bulletin(true), 201);
  });
  router.Add("GET", "/api/v1/bulletins/{id}", Access::kSignedIn,
             [&svc, bulletin](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.GetBulletin(ctx.actor(), *id), bulletin(true));
             });
  router.Add("GET", "/api/v1/bulletins/{id}/bulletin.pdf", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Download(svc.BulletinPdf(ctx.actor(), *id),
                               "bulletin-" + std::to_string(*id) + ".pdf");
             });
}

}  // namespace mvis::http
