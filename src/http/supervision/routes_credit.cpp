// 企业信用风险分类: the class of an enterprise with every indicator's contribution, recomputed on
// demand, overridden with a reason (regulators of its districts only).
#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"

namespace mvis::http {
namespace {

Json CreditJson(const services::CreditView& v) {
  Json indicators = Json::array();
  for (const auto& i : v.indicators) {
    indicators.push_back({{"code", i.code},
                          {"name", i.name},
                          {"weight", i.weight},
                          {"numerator", i.numerator},
                          {"denominator", i.denominator},
                          {"share", i.share},
                          {"points", i.points},
                          {"basis", i.basis}});
  }
  Json override_json = nullptr;
  if (!v.override_class.empty()) {
    override_json = {{"class", v.override_class},
                     {"reason", v.override_reason},
                     {"by", v.override_by},
                     {"at", TimeOrNull(v.override_at)}};
  }
  return Json{{"org_id", v.org_id},
              {"org_name", v.org_name},
              {"class", v.credit_class},
              {"class_name", domain::CreditClassName(v.credit_class)},
              {"computed_class", v.computed_class},
              {"score", v.score},
              {"indicators", indicators},
              {"computed_at", domain::IsoUtc(v.computed_at)},
              {"override", override_json}};
}

}  // namespace

void AddCreditRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/enterprises/{id}/credit", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(s.credit.Get(ctx.actor(), *id), CreditJson);
             });

  router.Add("POST", "/api/v1/enterprises/{id}/credit/recompute", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(s.credit.Recompute(ctx.actor(), *id), CreditJson);
             });

  router.Add("PUT", "/api/v1/enterprises/{id}/credit/override", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(
                   s.credit.Override(ctx.actor(), *id, Str(*body, "class"), Str(*body, "reason")),
                   CreditJson);
             });
}

}  // namespace mvis::http
