// Platform administration: organisations, users, the SMS outbox, the audit log.
#include "http/accounts/views.hpp"
#include "http/api.hpp"
#include "http/context.hpp"

namespace mvis::http {
namespace {

Result<std::optional<int64_t>> OptionalId(const Json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<int64_t>();
  if (it->is_number_integer() && it->get<int64_t>() > 0)
    return std::optional<int64_t>(it->get<int64_t>());
  return InvalidField(key, "invalid_id", "编号无效");
}

}  // namespace

void AddAdminRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/admin/orgs", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    services::OrgQuery query{ctx.request().Query("kind"), ctx.request().Query("q")};
    return Reply(s.admin.ListOrgs(ctx.actor(), query, *page),
                 [](const auto& p) { return PageJson(p, OrgJson); });
  });

  router.Add("POST", "/api/v1/admin/orgs", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    const Json& b = *body;
    services::OrgInput in{Str(b, "kind"),        Str(b, "name"),        Str(b, "region_code"),
                          Str(b, "credit_code"), Str(b, "address"),     Str(b, "contact_name"),
                          Str(b, "phone"),       Str(b, "public_phone")};
    return Reply(s.admin.CreateOrg(ctx.actor(), std::move(in)), OrgJson, 201);
  });

  router.Add("PUT", "/api/v1/admin/orgs/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    const Json& b = *body;
    services::OrgInput in{"",
                          Str(b, "name"),
                          Str(b, "region_code"),
                          "",
                          Str(b, "address"),
                          Str(b, "contact_name"),
                          Str(b, "phone"),
                          Str(b, "public_phone"),
                          !b.contains("phone")};
    return Reply(s.admin.UpdateOrg(ctx.actor(), *id, std::move(in)), OrgJson);
  });

  router.Add("PUT", "/api/v1/admin/users/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    const Json& b = *body;
    services::UserInput in;
    in.phone = Str(b, "phone");
    in.display_name = Str(b, "display_name");
    in.duties = StrList(b, "duties");
    in.keep_phone = !b.contains("phone");
    return Reply(s.admin.UpdateUser(ctx.actor(), *id, std::move(in)), UserJson);
  });

  router.Add("GET", "/api/v1/admin/users", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    auto org_id = ctx.QueryId("org_id");
    if (!org_id) return ErrorResponse(org_id.error());
    services::UserQuery query{ctx.request().Query("role"), *org_id, ctx.request().Query("q")};
    return Reply(s.admin.ListUsers(ctx.actor(), query, *page),
                 [](const auto& p) { return PageJson(p, UserJson); });
  });

  router.Add("POST", "/api/v1/admin/users", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    const Json& b = *body;
    auto org_id = OptionalId(b, "org_id");
    if (!org_id) return ErrorResponse(org_id.error());
    services::UserInput in;
    in.username = Str(b, "username");
    in.password = Str(b, "password");
    in.role = Str(b, "role");
    in.org_id = *org_id;
    in.phone = Str(b, "phone");
    in.display_name = Str(b, "display_name");
    in.duties = StrList(b, "duties");
    return Reply(
        s.admin.CreateUser(ctx.actor(), std::move(in)),
        [](const services::CreatedUser& c) {
          Json j = UserJson(c.user);
          if (!c.generated_password.empty()) j["password"] = c.generated_password;
          return j;
        },
        201);
  });

  for (const auto& [action, target] : {std::pair{"disable", domain::AccountStatus::kDisabled},
                                       std::pair{"enable", domain::AccountStatus::kActive}}) {
    router.Add("POST", std::string("/api/v1/admin/users/{id}/") + action, Access::kSignedIn,
               [&s, target](RequestContext& ctx) {
                 auto id = ctx.IdParam("id");
                 if (!id) return ErrorResponse(id.error());
                 return Reply(s.admin.SetUserStatus(ctx.actor(), *id, target), UserJson);
               });
  }

  router.Add("POST", "/api/v1/admin/users/{id}/reset-password", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               std::string password;
               if (!ctx.request().body.empty()) {
                 auto body = ctx.Body();
                 if (!body) return ErrorResponse(body.error());
                 password = Str(*body, "password");
               }
               return Reply(s.admin.ResetPassword(ctx.actor(), *id, password),
                            [](const std::string& p) {
                              return Json{{"password", p}};
                            });
             });

  router.Add("GET", "/api/v1/admin/notifications", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    return Reply(s.admin.ListOutbox(ctx.actor(), ctx.request().Query("phone"), *page),
                 [](const auto& p) { return PageJson(p, OutboxJson); });
  });

  router.Add("GET", "/api/v1/admin/audit", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    auto user_id = ctx.QueryId("user_id");
    if (!user_id) return ErrorResponse(user_id.error());
    const auto& req = ctx.request();
    services::AuditQuery query{req.Query("action"), *user_id, req.Query("q"),
                               req.Query("date_from"), req.Query("date_to")};
    return Reply(s.admin.ListAudit(ctx.actor(), query, *page),
                 [](const auto& p) { return PageJson(p, AuditJson); });
  });
}

}  // namespace mvis::http
