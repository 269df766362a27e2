// T/CEC 102 exchange: the inbound endpoints the charging platform calls (/tcec/v1/*, answered in
// the standard's envelope, always HTTP 200), the sysadmin's operator accounts and the regulators'
// reconciliation list.
#include "exchange/tcec_codec.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "services/exchange/exchange_service.hpp"

namespace mvis::http {
namespace {

// An envelope is a few kB; inventories of one station stay well under this.
constexpr size_t kMaxEnvelope = 1024 * 1024;

Json Optional(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json ItemJson(const store::ReconciliationItem& i) {
  Json out{{"kind", i.kind},
           {"equipment_id", i.equipment_id},
           {"region_code", i.region_code},
           {"station_id", i.station_id},
           {"station_name", i.station_name},
           {"address", i.address},
           {"org_id", i.org_id},
           {"org_name", i.org_name},
           {"operator_id", i.operator_id},
           {"platform",
            {{"model", i.platform_model},
             {"current", i.platform_current},
             {"power_kw", Optional(i.platform_power_kw)}}},
           {"differences", i.differences}};
  if (i.instrument_id != 0)
    out["filed"] = {{"instrument_id", i.instrument_id},
                    {"model", i.filed_model},
                    {"current", i.filed_current},
                    {"region_code", i.filed_region_code},
                    {"power_kw", Optional(i.filed_power_kw)}};
  else
    out["filed"] = nullptr;
  return out;
}

}  // namespace

void AddExchangeRoutes(Router& router, AppServices& s) {
  auto& svc = s.exchange;
  for (const char* endpoint :
       {"query_token", "notification_stationInfo", "notification_charge_order_info"}) {
    router.Add(
        "POST", std::string("/tcec/v1/") + endpoint, Access::kPublic,
        [&svc, endpoint](RequestContext& ctx) {
          const auto& req = ctx.request();
          if (req.body.size() > kMaxEnvelope)
            return JsonResponse(
                200, exchange::tcec::Response(exchange::tcec::Ret::kEnvelope, "报文过大", nullptr));
          return JsonResponse(200, svc.Receive(endpoint, req.Header("authorization"), req.body));
        });
  }

  router.Add("POST", "/api/v1/admin/tcec-operators", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               services::TcecOperatorInput in;
               auto org = body->find("org_id");
               in.org_id = org != body->end() && org->is_number_integer() ? org->get<int64_t>() : 0;
               in.operator_id = Str(*body, "operator_id");
               in.operator_secret = Str(*body, "operator_secret");
               in.data_secret = Str(*body, "data_secret");
               in.data_secret_iv = Str(*body, "data_secret_iv");
               in.sig_secret = Str(*body, "sig_secret");
               return Reply(
                   svc.CreateOperator(ctx.actor(), in),
                   [](const services::TcecOperatorIssued& o) {
                     return Json{{"id", o.id},
                                 {"org_id", o.org_id},
                                 {"org_name", o.org_name},
                                 {"operator_id", o.operator_id},
                                 {"operator_secret", o.operator_secret},
                                 {"data_secret", o.data_secret},
                                 {"data_secret_iv", o.data_secret_iv},
                                 {"sig_secret", o.sig_secret}};
                   },
                   201);
             });

  router.Add("GET", "/api/v1/admin/tcec-operators", Access::kSignedIn, [&svc](RequestContext& ctx) {
    return Reply(svc.ListOperators(ctx.actor()), [](const auto& list) {
      Json items = Json::array();
      for (const auto& o : list)
        items.push_back({{"id", o.id},
                         {"org_id", o.org_id},
                         {"org_name", o.org_name},
                         {"operator_id", o.operator_id},
                         {"status", o.status},
                         {"created_at", TimeOrNull(o.created_at)},
                         {"rotated_at", TimeOrNull(o.rotated_at)}});
      return Json{{"items", items}};
    });
  });

  router.Add("GET", "/api/v1/alerts", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    const auto& req = ctx.request();
    return Reply(svc.Alerts(ctx.actor(), req.Query("rule"), req.Query("region_code"), *page),
                 [](const auto& p) {
                   return PageJson(p, [](const store::ChargeAlertRow& a) {
                     Json evidence = Json::parse(a.evidence, nullptr, false);
                     return Json{{"id", a.id},
                                 {"rule", a.rule},
                                 {"equipment_id", a.equipment_id},
                                 {"start_charge_seq", a.start_charge_seq},
                                 {"region_code", a.region_code},
                                 {"status", a.status},
                                 {"created_at", TimeOrNull(a.created_at)},
                                 {"evidence", evidence.is_array() ? evidence : Json::array()}};
                   });
                 });
  });

  router.Add("GET", "/api/v1/reconciliation", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    const auto& req = ctx.request();
    return Reply(
        svc.Reconciliation(ctx.actor(), req.Query("kind"), req.Query("region_code"), *page),
        [](const auto& p) { return PageJson(p, ItemJson); });
  });
}

}  // namespace mvis::http
