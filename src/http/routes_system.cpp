// Health, the OpenAPI document, site information, regions and organisations.
#include "http/accounts/views.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"
#include "services/accounts/agreements.hpp"

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

  // Who runs the site (footer of every page); public, from the [site] configuration.
  router.Add("GET", "/api/v1/site", Access::kPublic, [&s](RequestContext&) {
    const auto& site = s.auth.config().site;
    Response r;
    r.body = Json{{"organiser", site.organiser},
                  {"support", site.support},
                  {"icp", site.icp},
                  {"complaint_phone", site.complaint_phone}}
                 .dump();
    r.headers.emplace_back("Cache-Control", "no-cache");
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

  // The 用户协议 and 隐私政策 a registering enterprise accepts (their versions go back with it).
  router.Add("GET", "/api/v1/site/agreements", Access::kPublic, [&s](RequestContext&) {
    Json items = Json::array();
    for (const auto& a : services::Agreements(s.auth.config().site)) {
      items.push_back(
          {{"document", a.document}, {"title", a.title}, {"version", a.version}, {"text", a.text}});
    }
    Response r;
    r.body = Json{{"items", items}}.dump();
    return r;
  });

  // An enterprise's 营业执照 scan (JPEG, PNG or PDF in the multipart field "file").
  router.Add("POST", "/api/v1/orgs/{id}/license", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto file = UploadedFile(ctx.request().Header("content-type"), ctx.request().body, "file",
                             "请选择营业执照文件");
    if (!file) return ErrorResponse(file.error());
    return ReplyEmpty(s.orgs.SaveLicense(ctx.actor(), *id, *file));
  });

  router.Add("GET", "/api/v1/orgs/{id}/license", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto license = s.orgs.GetLicense(ctx.actor(), *id);
    if (!license) return ErrorResponse(license.error());
    Response r;
    r.content_type = license->content_type;
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Content-Disposition", "inline");
    r.body = std::move(license->bytes);
    return r;
  });
}

}  // namespace mvis::http
