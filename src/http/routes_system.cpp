// Health, the OpenAPI document, regions and organisations.
#include "http/accounts/views.hpp"
#include "http/api.hpp"
#include "http/context.hpp"

namespace mvis::http {

void AddSystemRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/healthz", Access::kPublic, [&s](RequestContext&) {
    return Reply(s.orgs.Regions("420000"), [](const auto&) {
      return Json{{"status", "ok"}, {"db", "ok"}};
    });
  });

  router.Add("GET", "/api/openapi.json", Access::kPublic, [](RequestContext&) {
    Response r;
    r.body = OpenApiDocument();
    return r;
  });

  router.Add("GET", "/api/v1/regions", Access::kPublic, [&s](RequestContext& ctx) {
    return Reply(s.orgs.Regions(ctx.request().Query("parent")), [](const auto& regions) {
      Json items = Json::array();
      for (const auto& r : regions) items.push_back(RegionJson(r));
      return Json{{"items", items}};
    });
  });

  router.Add("GET", "/api/v1/orgs/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return Reply(s.orgs.Get(ctx.actor(), *id), OrgJson);
  });
}

}  // namespace mvis::http
