// mvis as a client of the city's charging platform (sysadmin): the platform's address and the
// values it issued (secrets write-only), the pulls on demand and their log. See
// services/exchange/platform_pull.hpp.
#include "http/api.hpp"
#include "http/context.hpp"
#include "services/exchange/platform_pull.hpp"

namespace mvis::http {
namespace {

Json PlatformJson(const services::PlatformView& v) {
  return Json{{"configured", v.configured},
              {"base_url", v.base_url},
              {"operator_id", v.operator_id},
              {"enabled", v.enabled},
              {"page_size", v.page_size},
              {"last_query_time", v.last_query_time},
              {"updated_at", v.updated_at ? TimeOrNull(v.updated_at) : Json(nullptr)}};
}

Json PullRunJson(const store::PullRunRow& r) {
  Json unknown = Json::array();
  for (size_t start = 0; start < r.unknown_operators.size();) {
    size_t end = r.unknown_operators.find(',', start);
    if (end == std::string::npos) end = r.unknown_operators.size();
    unknown.push_back(r.unknown_operators.substr(start, end - start));
    start = end + 1;
  }
  return Json{{"id", r.id},
              {"trigger", r.trigger_kind},
              {"status", r.status},
              {"last_query_time", r.last_query_time},
              {"stats_day", r.stats_day},
              {"pages", r.pages},
              {"stations", r.stations},
              {"equipment", r.equipment},
              {"stats", r.stats},
              {"skipped", r.skipped},
              {"unknown_operators", unknown},
              {"requests", r.requests},
              {"retries", r.retries},
              {"error", r.error},
              {"started_at", TimeOrNull(r.started_at)},
              {"finished_at", r.finished_at ? TimeOrNull(*r.finished_at) : Json(nullptr)}};
}

}  // namespace

void AddPlatformPullRoutes(Router& router, services::PlatformPull& pull) {
  router.Add("GET", "/api/v1/admin/tcec-platform", Access::kSignedIn,
             [&pull](RequestContext& ctx) { return Reply(pull.Get(ctx.actor()), PlatformJson); });
  router.Add("PUT", "/api/v1/admin/tcec-platform", Access::kSignedIn, [&pull](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    services::PlatformInput in;
    in.base_url = Str(*body, "base_url");
    in.operator_id = Str(*body, "operator_id");
    in.operator_secret = Str(*body, "operator_secret");
    in.data_secret = Str(*body, "data_secret");
    in.data_secret_iv = Str(*body, "data_secret_iv");
    in.sig_secret = Str(*body, "sig_secret");
    auto enabled = body->find("enabled");
    in.enabled = enabled != body->end() && enabled->is_boolean() && enabled->get<bool>();
    auto size = body->find("page_size");
    if (size != body->end()) in.page_size = size->is_number_integer() ? size->get<int64_t>() : 0;
    return Reply(pull.Save(ctx.actor(), in), PlatformJson);
  });
  router.Add("GET", "/api/v1/admin/tcec-platform/pulls", Access::kSignedIn,
             [&pull](RequestContext& ctx) {
               return Reply(pull.Runs(ctx.actor()), [](const auto& list) {
                 Json items = Json::array();
                 for (const auto& r : list) items.push_back(PullRunJson(r));
                 return Json{{"items", items}};
               });
             });
  router.Add("POST", "/api/v1/admin/tcec-platform/pulls", Access::kSignedIn,
             [&pull](RequestContext& ctx) {
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               std::optional<std::string> day;
               if (auto it = body->find("stats_day"); it != body->end())
                 day = it->is_string() ? it->get<std::string>() : std::string("x");
               return Reply(pull.Start(ctx.actor(), day), PullRunJson, 202);
             });
}

}  // namespace mvis::http
