// 通知公告: the city bureau's notices; every signed-in user reads those addressed to them.
#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"

namespace mvis::http {
namespace {

Json AnnouncementJson(const services::AnnouncementView& v) {
  const auto& a = v.row.a;
  Json roles = Json::array();
  for (auto r : a.audience.roles) roles.push_back(std::string(domain::ToString(r)));
  return Json{{"id", a.id},
              {"title", a.title},
              {"body", a.body},
              {"status", std::string(domain::ToString(a.status))},
              {"pinned", a.pinned},
              {"audience",
               {{"roles", roles},
                {"region_codes", a.audience.region_codes},
                {"region_names", v.region_names}}},
              {"author_name", v.row.author_name},
              {"org_name", v.row.org_name},
              {"created_at", domain::IsoUtc(a.created_at)},
              {"updated_at", domain::IsoUtc(a.updated_at)},
              {"published_at", TimeOrNull(a.published_at)},
              {"withdrawn_at", TimeOrNull(a.withdrawn_at)},
              {"withdraw_reason", a.withdraw_reason},
              {"read", v.row.read},
              {"read_count", v.manager ? Json(v.row.read_count) : Json(nullptr)}};
}

domain::AnnouncementDraft DraftOf(const Json& b) {
  return {Str(b, "title"), Str(b, "body"), Flag(b, "pinned"), StrList(b, "roles"),
          StrList(b, "region_codes")};
}

}  // namespace

void AddAnnouncementRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/announcements", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    const auto& q = ctx.request();
    services::AnnouncementQuery query{q.Query("q"), q.Query("status"), q.Query("unread") == "true"};
    return Reply(s.announcements.List(ctx.actor(), query, *page),
                 [](const services::AnnouncementList& l) {
                   Json j = PageJson(l.page, AnnouncementJson);
                   j["unread"] = l.unread;
                   return j;
                 });
  });

  router.Add("POST", "/api/v1/announcements", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(s.announcements.Create(ctx.actor(), DraftOf(*body)), AnnouncementJson, 201);
  });

  router.Add("GET", "/api/v1/announcements/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return Reply(s.announcements.Get(ctx.actor(), *id), AnnouncementJson);
  });

  router.Add("PUT", "/api/v1/announcements/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(s.announcements.Update(ctx.actor(), *id, DraftOf(*body)), AnnouncementJson);
  });

  router.Add("DELETE", "/api/v1/announcements/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return ReplyEmpty(s.announcements.Delete(ctx.actor(), *id));
  });

  router.Add("POST", "/api/v1/announcements/{id}/publish", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(s.announcements.Publish(ctx.actor(), *id), AnnouncementJson);
             });

  router.Add("POST", "/api/v1/announcements/{id}/withdraw", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(s.announcements.Withdraw(ctx.actor(), *id, Str(*body, "reason")),
                            AnnouncementJson);
             });

  router.Add("POST", "/api/v1/announcements/{id}/read", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return ReplyEmpty(s.announcements.MarkRead(ctx.actor(), *id));
             });
}

}  // namespace mvis::http
