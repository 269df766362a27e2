// 抽样检定 plans: create, list, draw, the frozen frame and the replay of a draw.
#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/exports.hpp"
#include "io/sampling_report.hpp"

namespace mvis::http {
namespace {

Json UnitsJson(const std::vector<domain::FrameUnit>& units) {
  Json items = Json::array();
  for (const auto& u : units)
    items.push_back({{"instrument_id", u.instrument_id}, {"stratum", u.stratum}});
  return items;
}

Json DrawJson(const services::SamplingDraw& d) {
  return Json{{"seq", d.seq},
              {"seed", d.seed},
              {"algorithm", d.algorithm},
              {"frame_size", d.frame_size},
              {"strata", d.strata},
              {"sample_size", d.items.size()},
              {"reason", d.reason},
              {"drawn_by", d.drawn_by},
              {"drawn_at", domain::IsoUtc(d.drawn_at)},
              {"items", UnitsJson(d.items)}};
}

Json PlanJson(const services::SamplingPlanView& v) {
  const auto& p = v.plan;
  Json draws = Json::array();
  for (const auto& d : v.draws) draws.push_back(DrawJson(d));
  Json sample = Json::array();
  for (const auto& s : v.sample) {
    Json unit{{"instrument_id", s.instrument_id},
              {"serial_no", s.serial_no},
              {"brand", s.brand},
              {"model", s.model},
              {"org_name", s.org_name},
              {"region_name", s.region_name},
              {"install_address", s.install_address},
              {"station_name", s.station_name},
              {"appointment_id", nullptr},
              {"appointment_status", nullptr},
              {"record_id", nullptr},
              {"conclusion", nullptr},
              {"certificate_no", ""},
              {"unverifiable_reason", ""},
              {"rectification_id", nullptr}};
    if (auto it = v.tasks.find(s.instrument_id); it != v.tasks.end()) {
      const auto& t = it->second;
      unit["appointment_id"] = t.appointment_id;
      unit["appointment_status"] = t.appointment_status;
      if (t.record_id) unit["record_id"] = *t.record_id;
      if (t.record_status == "approved") unit["conclusion"] = t.conclusion;
      unit["certificate_no"] = t.certificate_no;
      unit["unverifiable_reason"] = t.unverifiable_reason;
      if (t.rectification_id) unit["rectification_id"] = *t.rectification_id;
    }
    sample.push_back(std::move(unit));
  }
  Json followups = Json::array();
  for (const auto& f : v.followups) {
    followups.push_back({{"org_id", f.org_id},
                         {"org_name", f.org_name},
                         {"rectification_id", f.rectification_id},
                         {"status", std::string(domain::ToString(f.status))},
                         {"status_name", std::string(domain::DisplayName(f.status))}});
  }
  const auto& g = v.progress;
  return Json{{"id", p.id},
              {"name", p.name},
              {"year", p.year},
              {"region_codes", p.region_codes},
              {"region_names", v.region_names},
              {"type_codes", p.type_codes},
              {"type_names", v.type_names},
              {"ratio", domain::RatioText(p.ratio_e4)},
              {"institute_org_id", p.institute_org_id},
              {"institute_name", p.institute_name},
              {"exclude_verified_within_days", p.exclude_days},
              {"deadline", p.deadline},
              {"status", std::string(domain::ToString(p.status))},
              {"draw_count", p.draws},
              {"created_at", domain::IsoUtc(p.created_at)},
              {"draws", draws},
              {"sample", sample},
              {"progress",
               {{"sampled", g.sampled},
                {"dispatched", g.dispatched},
                {"verified", g.verified},
                {"passed", g.passed},
                {"failed", g.failed},
                {"unverifiable", g.unverifiable}}},
              {"followups", followups}};
}

// The ratio as typed: a JSON number (0.05) or a string ("0.05").
std::string RatioOf(const Json& b) {
  auto it = b.find("ratio");
  if (it == b.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "?";
}

int IntOf(const Json& b, const char* key, int fallback) {
  auto it = b.find(key);
  if (it == b.end() || it->is_null()) return fallback;
  if (it->is_number_integer())
    return static_cast<int>(std::clamp<int64_t>(it->get<int64_t>(), -1, 1 << 20));
  return -1;  // refused by the service's range check
}

}  // namespace

void AddSamplingRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/sampling-plans", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    return Reply(s.sampling.List(ctx.actor(), *page),
                 [](const auto& p) { return PageJson(p, PlanJson); });
  });

  router.Add("POST", "/api/v1/sampling-plans", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    const Json& b = *body;
    services::SamplingPlanInput in;
    in.name = Str(b, "name");
    in.year = IntOf(b, "year", 0);
    in.region_codes = StrList(b, "region_codes");
    in.type_codes = StrList(b, "type_codes");
    in.ratio = RatioOf(b);
    auto inst = b.find("institute_org_id");
    if (inst != b.end() && inst->is_number_integer()) in.institute_org_id = inst->get<int64_t>();
    in.exclude_days = IntOf(b, "exclude_verified_within_days", 0);
    in.deadline = Str(b, "deadline");
    return Reply(s.sampling.Create(ctx.actor(), in), PlanJson, 201);
  });

  router.Add("GET", "/api/v1/sampling-plans/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return Reply(s.sampling.Get(ctx.actor(), *id), PlanJson);
  });

  router.Add(
      "POST", "/api/v1/sampling-plans/{id}/draw", Access::kSignedIn, [&s](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        auto body = ctx.Body();
        if (!body) return ErrorResponse(body.error());
        return Reply(s.sampling.Draw(ctx.actor(), *id, Str(*body, "seed"), Str(*body, "reason")),
                     DrawJson);
      });

  router.Add(
      "GET", "/api/v1/sampling-plans/{id}/frame", Access::kSignedIn, [&s](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        return Reply(s.sampling.CurrentDraw(ctx.actor(), *id), [](const services::SamplingDraw& d) {
          Json excluded = Json::array();
          for (const auto& e : d.excluded)
            excluded.push_back({{"instrument_id", e.instrument_id}, {"reason", e.reason}});
          return Json{{"seq", d.seq}, {"items", UnitsJson(d.frame)}, {"excluded", excluded}};
        });
      });

  router.Add(
      "POST", "/api/v1/sampling-plans/{id}/dispatch", Access::kSignedIn, [&s](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        return Reply(s.sampling.Dispatch(ctx.actor(), *id), [](const services::DispatchResult& r) {
          Json skipped = Json::array();
          for (const auto& u : r.skipped)
            skipped.push_back({{"instrument_id", u.instrument_id}, {"reason", u.reason}});
          return Json{{"created", r.created}, {"skipped", skipped}, {"plan", PlanJson(r.plan)}};
        });
      });

  router.Add("POST", "/api/v1/sampling-plans/{id}/followups", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(s.sampling.RequestFollowups(ctx.actor(), *id, Str(*body, "deadline"),
                                                        Str(*body, "note")),
                            [](const services::FollowupResult& r) {
                              return Json{{"created", r.created}, {"plan", PlanJson(r.plan)}};
                            });
             });

  router.Add("GET", "/api/v1/sampling-plans/{id}/report.pdf", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto doc = s.sampling.Report(ctx.actor(), *id);
               if (!doc) return ErrorResponse(doc.error());
               auto bytes = io::RenderSamplingReportPdf(*doc);
               if (!bytes) return ErrorResponse(bytes.error());
               Response r;
               r.content_type = "application/pdf";
               r.body = std::move(*bytes);
               r.headers.emplace_back("Content-Disposition", "inline; filename=\"sampling-report-" +
                                                                 std::to_string(*id) + ".pdf\"");
               r.headers.emplace_back("Cache-Control", "no-store");
               return r;
             });

  router.Add("GET", "/api/v1/sampling-plans/{id}/report.xlsx", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto doc = s.sampling.Report(ctx.actor(), *id);
               if (!doc) return ErrorResponse(doc.error());
               const std::string ascii = "sampling-report-" + std::to_string(*id) + ".xlsx";
               return XlsxDownload(io::WriteSamplingReportXlsx(*doc), ascii,
                                   doc->plan_name + "抽检分析报告.xlsx");
             });

  router.Add(
      "GET", "/api/v1/sampling-plans/{id}/replay", Access::kSignedIn, [&s](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        return Reply(s.sampling.Replay(ctx.actor(), *id), [](const services::ReplayResult& r) {
          return Json{{"matches", r.matches},
                      {"seq", r.seq},
                      {"seed", r.seed},
                      {"algorithm", r.algorithm},
                      {"items", UnitsJson(r.items)}};
        });
      });
}

}  // namespace mvis::http
