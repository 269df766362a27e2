// 整改通知: the list and detail, the enterprise's answer and the bureau's decision.
#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"

namespace mvis::http {
namespace {

Json CaseJson(const std::optional<store::CaseRow>& c) {
  if (!c) return nullptr;
  return Json{{"status", std::string(domain::ToString(c->status))},
              {"status_name", std::string(domain::DisplayName(c->status))},
              {"legal_basis", c->legal_basis},
              {"facts", c->facts},
              {"decision", c->decision},
              {"penalty_yuan", c->penalty_yuan},
              {"closing_note", c->closing_note},
              {"opened_at", domain::IsoUtc(c->opened_at)},
              {"decided_at", TimeOrNull(c->decided_at)},
              {"closed_at", TimeOrNull(c->closed_at)}};
}

Json PhotosJson(const std::vector<store::EvidencePhoto>& photos) {
  Json out = Json::array();
  for (const auto& p : photos)
    out.push_back({{"id", p.id},
                   {"mime", p.mime},
                   {"sha256", p.sha256},
                   {"size", p.size},
                   {"created_at", domain::IsoUtc(p.created_at)}});
  return out;
}

Json RectificationJson(const services::RectificationView& v) {
  const auto& r = v.row;
  return Json{{"id", r.id},
              {"org_id", r.org_id},
              {"org_name", r.org_name},
              {"region_code", r.region_code},
              {"region_name", r.region_name},
              {"instrument_id", r.instrument_id ? Json(*r.instrument_id) : Json(nullptr)},
              {"serial_no", r.serial_no},
              {"source", std::string(domain::ToString(r.source))},
              {"source_name", r.source_name},
              {"source_id", r.source_id},
              {"items", r.items},
              {"deadline", r.deadline},
              {"status", std::string(domain::ToString(r.status))},
              {"status_name", std::string(domain::DisplayName(r.status))},
              {"overdue", v.overdue},
              {"answer", r.answer},
              {"answered_at", TimeOrNull(r.answered_at)},
              {"decision_reason", r.decision_reason},
              {"created_at", domain::IsoUtc(r.created_at)},
              {"updated_at", domain::IsoUtc(r.updated_at)},
              {"closed_at", TimeOrNull(r.closed_at)},
              {"events", EventsJson(v.events)["items"]},
              {"case", CaseJson(v.enforcement)},
              {"photos", PhotosJson(v.photos)}};
}

}  // namespace

void AddRectificationRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/rectifications", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    const auto& q = ctx.request();
    services::RectificationQuery query{q.Query("status"), q.Query("source"), q.Query("q"),
                                       q.Query("overdue") == "true"};
    return Reply(s.rectifications.List(ctx.actor(), query, *page),
                 [](const services::RectificationList& l) {
                   Json j = PageJson(l.page, RectificationJson);
                   j["overdue"] = l.overdue;
                   return j;
                 });
  });

  router.Add("GET", "/api/v1/rectifications/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return Reply(s.rectifications.Get(ctx.actor(), *id), RectificationJson);
  });

  router.Add("POST", "/api/v1/rectifications/{id}/answer", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(s.rectifications.Answer(ctx.actor(), *id, Str(*body, "answer")),
                            RectificationJson);
             });

  router.Add("POST", "/api/v1/rectifications/{id}/accept", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(s.rectifications.Accept(ctx.actor(), *id), RectificationJson);
             });

  router.Add("POST", "/api/v1/rectifications/{id}/case", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(s.rectifications.OpenCase(ctx.actor(), *id, Str(*body, "legal_basis"),
                                                      Str(*body, "facts")),
                            RectificationJson);
             });

  router.Add("POST", "/api/v1/rectifications/{id}/case/decide", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               int64_t penalty = 0;
               if (auto it = body->find("penalty_yuan"); it != body->end() && !it->is_null())
                 penalty = it->is_number_integer() ? it->get<int64_t>() : -1;
               return Reply(
                   s.rectifications.DecideCase(ctx.actor(), *id, Str(*body, "decision"), penalty),
                   RectificationJson);
             });

  router.Add("POST", "/api/v1/rectifications/{id}/case/close", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(s.rectifications.CloseCase(ctx.actor(), *id, Str(*body, "note")),
                            RectificationJson);
             });

  router.Add("POST", "/api/v1/rectifications/{id}/return", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(s.rectifications.Return(ctx.actor(), *id, Str(*body, "reason")),
                            RectificationJson);
             });

  router.Add("POST", "/api/v1/rectifications/{id}/photos", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto file = UploadedFile(ctx.request().Header("content-type"), ctx.request().body,
                                        "file", "请选择要上传的照片");
               if (!file) return ErrorResponse(file.error());
               return Reply(
                   s.rectifications.AddPhoto(ctx.actor(), *id, *file),
                   [](const store::EvidencePhoto& p) { return PhotosJson({p})[0]; }, 201);
             });

  router.Add("GET", "/api/v1/rectifications/{id}/photos/{pid}", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto pid = ctx.IdParam("pid");
               if (!pid) return ErrorResponse(pid.error());
               auto photo = s.rectifications.GetPhoto(ctx.actor(), *id, *pid);
               if (!photo) return ErrorResponse(photo.error());
               Response r;
               r.content_type = photo->mime;
               r.headers.emplace_back("Cache-Control", "private, max-age=86400");
               r.headers.emplace_back("X-Content-Type-Options", "nosniff");
               r.headers.emplace_back("Content-Disposition", "inline");
               r.body = std::move(photo->bytes);
               return r;
             });
}

}  // namespace mvis::http
