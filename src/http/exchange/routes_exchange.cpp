// T/CEC 102 exchange: the inbound endpoints the charging platform calls (/tcec/v1/*, answered in
// the standard's envelope, always HTTP 200), the sysadmin's operator accounts and the regulators'
// reconciliation list.
#include <cstdio>

#include "exchange/tcec_codec.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "services/exchange/exchange_service.hpp"
#include "services/exchange/platform_pull.hpp"
#include "services/supervision/inspection_service.hpp"

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

Json OperatorJson(const services::TcecOperatorView& o) {
  return Json{{"id", o.id},
              {"org_id", o.org_id},
              {"org_name", o.org_name},
              {"operator_id", o.operator_id},
              {"status", o.status},
              {"created_at", TimeOrNull(o.created_at)},
              {"rotated_at", TimeOrNull(o.rotated_at)}};
}

Json IssuedJson(const services::TcecOperatorIssued& o) {
  return Json{{"id", o.id},
              {"org_id", o.org_id},
              {"org_name", o.org_name},
              {"operator_id", o.operator_id},
              {"operator_secret", o.operator_secret},
              {"data_secret", o.data_secret},
              {"data_secret_iv", o.data_secret_iv},
              {"sig_secret", o.sig_secret}};
}

Json AlertJson(const store::ChargeAlertRow& a) {
  Json evidence = Json::parse(a.evidence, nullptr, false);
  return Json{
      {"id", a.id},
      {"rule", a.rule},
      {"equipment_id", a.equipment_id},
      {"start_charge_seq", a.start_charge_seq},
      {"region_code", a.region_code},
      {"region_name", a.region_name},
      {"org_id", a.org_id ? Json(a.org_id) : Json(nullptr)},
      {"org_name", a.org_name},
      {"status", a.status},
      {"created_at", TimeOrNull(a.created_at)},
      {"evidence", evidence.is_array() ? evidence : Json::array()},
      {"dismiss_reason", a.status == "dismissed" ? Json(a.dismiss_reason) : Json(nullptr)},
      {"inspection_task_id", a.inspection_task_id ? Json(*a.inspection_task_id) : Json(nullptr)},
      {"handled_at", TimeOrNull(a.handled_at)}};
}

Json AlertViewJson(const services::AlertView& v) {
  Json j = AlertJson(v.row);
  j["order"] = v.order.is_object() ? v.order : Json::object();
  j["events"] = EventsJson(v.events)["items"];
  return j;
}

std::optional<int64_t> IntField(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

// The alerts of a batch: 1 to 500 ids.
Result<std::vector<int64_t>> AlertIds(const Json& body) {
  auto it = body.find("ids");
  if (it == body.end() || !it->is_array() || it->empty())
    return InvalidField("ids", "ids_required", "请至少选择一条线索");
  if (it->size() > 500) return InvalidField("ids", "too_many_ids", "一次最多处理500条线索");
  std::vector<int64_t> ids;
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0)
      return InvalidField("ids", "invalid_id", "线索编号无效");
    ids.push_back(v.get<int64_t>());
  }
  return ids;
}

std::string Clock(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

Json TariffJson(const store::TariffRow& r) {
  const auto& t = r.tariff;
  Json bands = Json::array();
  for (const auto& b : t.bands)
    bands.push_back({{"start", Clock(b.start_minute)},
                     {"end", Clock(b.end_minute)},
                     {"elec_price", b.elec_price}});
  return Json{{"id", t.id},
              {"operator_ref", t.operator_ref ? Json(t.operator_ref) : Json(nullptr)},
              {"operator_id", r.operator_id},
              {"org_name", r.org_name},
              {"station_id", t.station_id},
              {"effective_from", t.effective_from},
              {"effective_to", t.effective_to},
              {"bands", bands},
              {"note", r.note},
              {"created_at", TimeOrNull(r.created_at)}};
}

Json RunJson(const store::AlertRunRow& r) {
  return Json{{"id", r.id},
              {"from", r.period_from},
              {"to", r.period_to},
              {"trigger", r.trigger_kind},
              {"status", r.status},
              {"orders", r.orders},
              {"alerts", r.alerts},
              {"error", r.error},
              {"started_at", TimeOrNull(r.started_at)},
              {"finished_at", TimeOrNull(r.finished_at)}};
}

services::TariffInput TariffInputOf(const Json& b) {
  services::TariffInput in;
  if (auto it = b.find("operator_ref"); it != b.end() && it->is_number_integer())
    in.operator_ref = it->get<int64_t>();
  in.station_id = Str(b, "station_id");
  in.effective_from = Str(b, "effective_from");
  in.effective_to = Str(b, "effective_to");
  in.note = Str(b, "note");
  if (auto it = b.find("bands"); it != b.end() && it->is_array())
    for (const auto& band : *it) {
      if (!band.is_object()) {
        in.bands.push_back({});
        continue;
      }
      services::TariffInput::Band x{Str(band, "start"), Str(band, "end"), std::nullopt};
      if (auto p = band.find("elec_price"); p != band.end() && p->is_number())
        x.elec_price = p->get<double>();
      in.bands.push_back(std::move(x));
    }
  return in;
}

}  // namespace

// routes_platform.cpp
void AddPlatformPullRoutes(Router& router, services::PlatformPull& pull);

void AddExchangeRoutes(Router& router, AppServices& s) {
  auto& svc = s.exchange;
  AddPlatformPullRoutes(router, svc.platform());
  for (const char* endpoint :
       {"query_token", "notification_stationInfo", "notification_stationStatus",
        "notification_charge_order_info", "check_charge_orders"}) {
    router.Add(
        "POST", std::string("/tcec/v1/") + endpoint, Access::kPublic,
        [&svc, endpoint](RequestContext& ctx) {
          const auto& req = ctx.request();
          if (req.body.size() > kMaxEnvelope)
            return JsonResponse(
                200, exchange::tcec::Response(exchange::tcec::Ret::kEnvelope, "报文过大", nullptr));
          if (!req.respond)
            return JsonResponse(200, svc.Receive(endpoint, req.Header("authorization"), req.body));
          // A charge order is answered once the writer has stored it (order_writer.hpp): the
          // request's thread goes on to other requests meanwhile.
          svc.Receive(endpoint, req.Header("authorization"), req.body,
                      [respond = req.respond](services::ExchangeService::Answer answer) {
                        respond([answer] { return JsonResponse(200, answer()); });
                      });
          Response later;
          later.deferred = true;
          return later;
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
               return Reply(svc.CreateOperator(ctx.actor(), in), IssuedJson, 201);
             });

  router.Add("GET", "/api/v1/admin/tcec-operators", Access::kSignedIn, [&svc](RequestContext& ctx) {
    return Reply(svc.ListOperators(ctx.actor()), [](const auto& list) {
      Json items = Json::array();
      for (const auto& o : list) items.push_back(OperatorJson(o));
      return Json{{"items", items}};
    });
  });

  router.Add("POST", "/api/v1/admin/tcec-operators/{id}/rotate", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.RotateOperator(ctx.actor(), *id), IssuedJson);
             });
  for (const bool active : {false, true})
    router.Add("POST",
               std::string("/api/v1/admin/tcec-operators/{id}/") + (active ? "enable" : "disable"),
               Access::kSignedIn, [&svc, active](RequestContext& ctx) {
                 auto id = ctx.IdParam("id");
                 if (!id) return ErrorResponse(id.error());
                 return Reply(svc.SetOperatorActive(ctx.actor(), *id, active), OperatorJson);
               });

  router.Add("GET", "/api/v1/alerts", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    const auto& req = ctx.request();
    services::AlertQuery q{req.Query("rule"), req.Query("status"), req.Query("region_code"),
                           req.Query("q")};
    return Reply(svc.Alerts(ctx.actor(), q, *page),
                 [](const auto& p) { return PageJson(p, AlertJson); });
  });

  router.Add("GET", "/api/v1/alerts/{id}", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return Reply(svc.Alert(ctx.actor(), *id), AlertViewJson);
  });

  router.Add("POST", "/api/v1/alerts/{id}/dismiss", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(svc.DismissAlert(ctx.actor(), *id, Str(*body, "reason")), AlertViewJson);
  });

  router.Add("POST", "/api/v1/alerts/dismiss", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    auto ids = AlertIds(*body);
    if (!ids) return ErrorResponse(ids.error());
    return Reply(svc.DismissAlerts(ctx.actor(), *ids, Str(*body, "reason")), [](int64_t n) {
      return Json{{"dismissed", n}};
    });
  });

  router.Add(
      "POST", "/api/v1/alerts/{id}/inspection", Access::kSignedIn, [&svc](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        auto body = ctx.Body();
        if (!body) return ErrorResponse(body.error());
        services::InspectionTaskInput in;
        in.item_id = IntField(*body, "item_id").value_or(0);
        in.task_date = Str(*body, "task_date");
        in.name = Str(*body, "name");
        return Reply(svc.InspectAlert(ctx.actor(), *id, std::move(in)),
                     [](const services::AlertInspection& r) {
                       return Json{{"alert", AlertViewJson(r.alert)}, {"task_id", r.task_id}};
                     });
      });

  router.Add("GET", "/api/v1/tou-tariffs", Access::kSignedIn, [&svc](RequestContext& ctx) {
    return Reply(svc.ListTariffs(ctx.actor()), [](const auto& list) {
      Json items = Json::array();
      for (const auto& t : list) items.push_back(TariffJson(t));
      return Json{{"items", items}};
    });
  });
  router.Add("POST", "/api/v1/tou-tariffs", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(svc.CreateTariff(ctx.actor(), TariffInputOf(*body)), TariffJson, 201);
  });
  router.Add("DELETE", "/api/v1/tou-tariffs/{id}", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return ReplyEmpty(svc.DeleteTariff(ctx.actor(), *id));
  });

  router.Add("GET", "/api/v1/alert-runs", Access::kSignedIn, [&svc](RequestContext& ctx) {
    return Reply(svc.ListAlertRuns(ctx.actor()), [](const auto& list) {
      Json items = Json::array();
      for (const auto& r : list) items.push_back(RunJson(r));
      return Json{{"items", items}};
    });
  });
  router.Add("POST", "/api/v1/alert-runs", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(svc.StartAlertRun(ctx.actor(), Str(*body, "from"), Str(*body, "to")), RunJson,
                 202);
  });

  router.Add("POST", "/api/v1/reconciliation/notify", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.NotifyUnfiled(ctx.actor(), IntField(*body, "org_id").value_or(0),
                                              Str(*body, "region_code")),
                            [](int64_t n) {
                              return Json{{"notified", n}};
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
