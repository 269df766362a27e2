// 双随机一公开, the libraries: the item list (抽查事项清单), the inspector and object libraries
// (名录库), the districts' annual plans and the working-day calendar. Registered by
// AddInspectionRoutes (routes_inspections.cpp).
#include <cmath>

#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/supervision/routes_inspections.hpp"
#include "services/supervision/inspection_service.hpp"

namespace mvis::http {
namespace {

using services::InspectionService;

Json ItemJson(const store::InspectionItemRow& i) {
  Json checks = Json::array();
  for (const auto& c : i.checks) checks.push_back({{"code", c.code}, {"name", c.name}});
  Json ranges = Json::array();
  for (size_t k = 0; k < 4; ++k)
    ranges.push_back({{"class", domain::kCreditClasses[k]},
                      {"min", RatioNumber(i.class_ranges[k].min_e4)},
                      {"max", RatioNumber(i.class_ranges[k].max_e4)}});
  return Json{{"id", i.id},
              {"code", i.code},
              {"name", i.name},
              {"sub_items", i.sub_items},
              {"legal_basis", i.legal_basis},
              {"authority", i.authority},
              {"object_scope", i.object_scope},
              {"ratio_note", i.ratio_note},
              {"frequency", i.frequency},
              {"method", i.method},
              {"inspector_requirements", i.inspector_requirements},
              {"checks", checks},
              {"class_ranges", ranges},
              {"created_at", domain::IsoUtc(i.created_at)},
              {"updated_at", domain::IsoUtc(i.updated_at)}};
}

services::InspectionItemInput ItemInput(const Json& b) {
  services::InspectionItemInput in;
  in.code = Str(b, "code");
  in.name = Str(b, "name");
  in.sub_items = StrList(b, "sub_items");
  in.legal_basis = Str(b, "legal_basis");
  in.authority = Str(b, "authority");
  in.object_scope = Str(b, "object_scope");
  in.ratio_note = Str(b, "ratio_note");
  in.frequency = Str(b, "frequency");
  in.method = Str(b, "method");
  in.inspector_requirements = Str(b, "inspector_requirements");
  if (auto it = b.find("checks"); it != b.end() && it->is_array())
    for (const auto& c : *it)
      if (c.is_object()) in.checks.push_back({Str(c, "code"), Str(c, "name")});
  if (auto it = b.find("class_ranges"); it != b.end() && it->is_array() && it->size() == 4) {
    domain::ClassRanges ranges{};
    for (size_t k = 0; k < 4; ++k) {
      const auto& r = (*it)[k];
      auto e4 = [&](const char* key) {
        return r.contains(key) && r[key].is_number()
                   ? static_cast<int>(std::lround(r[key].get<double>() * 10000))
                   : -1;
      };
      ranges[k] = {e4("min"), e4("max")};
    }
    in.class_ranges = ranges;
  }
  return in;
}

Json InspectorJson(const store::InspectorRow& i, const std::string& today) {
  Json conflicts = Json::array();
  for (const auto& c : i.conflicts)
    conflicts.push_back({{"org_id", c.org_id},
                         {"org_name", c.org_name},
                         {"reason", c.reason},
                         {"declared_at", domain::IsoUtc(c.declared_at)}});
  return Json{{"id", i.id},
              {"user_id", i.user_id},
              {"name", i.name},
              {"org_id", i.org_id},
              {"org_name", i.org_name},
              {"cert_no", i.cert_no},
              {"cert_expiry", i.cert_expiry},
              {"cert_valid", i.cert_expiry >= today},
              {"active", i.active},
              {"conflicts", conflicts},
              {"created_at", domain::IsoUtc(i.created_at)},
              {"updated_at", domain::IsoUtc(i.updated_at)}};
}

Json PlanJson(const services::InspectionPlanView& v) {
  const auto& p = v.row;
  return Json{{"id", p.id},
              {"org_id", p.org_id},
              {"org_name", p.org_name},
              {"region_code", p.region_code},
              {"region_name", p.region_name},
              {"year", p.year},
              {"title", p.title},
              {"scope", p.scope},
              {"batches", p.batches},
              {"timing", p.timing},
              {"status", std::string(domain::ToString(p.status))},
              {"return_reason", p.return_reason},
              {"submitted_at", TimeOrNull(p.submitted_at)},
              {"decided_at", TimeOrNull(p.decided_at)},
              {"created_at", domain::IsoUtc(p.created_at)},
              {"updated_at", domain::IsoUtc(p.updated_at)},
              {"events", EventsJson(v.events)["items"]}};
}

services::InspectionPlanInput PlanInput(const Json& b) {
  services::InspectionPlanInput in;
  in.year = b.contains("year") && b["year"].is_number_integer() ? b["year"].get<int>() : 0;
  in.region_code = Str(b, "region_code");
  in.title = Str(b, "title");
  in.scope = Str(b, "scope");
  in.batches =
      b.contains("batches") && b["batches"].is_number_integer() ? b["batches"].get<int>() : 0;
  in.timing = Str(b, "timing");
  return in;
}

}  // namespace

void AddInspectionLibraryRoutes(Router& router, AppServices& s) {
  InspectionService& svc = s.inspections;
  // ---- items
  router.Add("GET", "/api/v1/inspection-items", Access::kSignedIn, [&svc](RequestContext& ctx) {
    return Reply(svc.ListItems(ctx.actor()), [](const auto& items) {
      Json list = Json::array();
      for (const auto& i : items) list.push_back(ItemJson(i));
      return Json{{"items", list}, {"total", list.size()}};
    });
  });
  router.Add("POST", "/api/v1/inspection-items", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(svc.CreateItem(ctx.actor(), ItemInput(*body)), ItemJson, 201);
  });
  router.Add("PUT", "/api/v1/inspection-items/{id}", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.UpdateItem(ctx.actor(), *id, ItemInput(*body)), ItemJson);
             });

  // ---- inspectors
  router.Add("GET", "/api/v1/inspectors", Access::kSignedIn, [&svc, &s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    const std::string a = ctx.request().Query("active");
    std::optional<bool> active;
    if (a == "true") active = true;
    if (a == "false") active = false;
    const std::string today = s.clock.Today();
    return Reply(svc.ListInspectors(ctx.actor(), ctx.request().Query("q"), active, *page),
                 [&](const auto& p) {
                   return PageJson(p, [&](const auto& i) { return InspectorJson(i, today); });
                 });
  });
  router.Add("GET", "/api/v1/inspectors/candidates", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               return Reply(svc.InspectorCandidates(ctx.actor()), [](const auto& users) {
                 Json list = Json::array();
                 for (const auto& u : users)
                   list.push_back({{"user_id", u.user_id},
                                   {"name", u.name},
                                   {"org_id", u.org_id},
                                   {"org_name", u.org_name}});
                 return Json{{"items", list}};
               });
             });
  auto inspector_input = [](const Json& b) {
    services::InspectorInput in;
    in.user_id =
        b.contains("user_id") && b["user_id"].is_number_integer() ? b["user_id"].get<int64_t>() : 0;
    in.cert_no = Str(b, "cert_no");
    in.cert_expiry = Str(b, "cert_expiry");
    in.active = !b.contains("active") || !b["active"].is_boolean() || b["active"].get<bool>();
    return in;
  };
  router.Add("POST", "/api/v1/inspectors", Access::kSignedIn,
             [&svc, &s, inspector_input](RequestContext& ctx) {
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               const std::string today = s.clock.Today();
               return Reply(
                   svc.CreateInspector(ctx.actor(), inspector_input(*body)),
                   [&](const auto& i) { return InspectorJson(i, today); }, 201);
             });
  router.Add("PUT", "/api/v1/inspectors/{id}", Access::kSignedIn,
             [&svc, &s, inspector_input](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               const std::string today = s.clock.Today();
               return Reply(svc.UpdateInspector(ctx.actor(), *id, inspector_input(*body)),
                            [&](const auto& i) { return InspectorJson(i, today); });
             });
  router.Add("POST", "/api/v1/inspectors/{id}/conflicts", Access::kSignedIn,
             [&svc, &s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               const int64_t org = body->contains("org_id") && (*body)["org_id"].is_number_integer()
                                       ? (*body)["org_id"].get<int64_t>()
                                       : 0;
               const std::string today = s.clock.Today();
               return Reply(svc.DeclareConflict(ctx.actor(), *id, org, Str(*body, "reason")),
                            [&](const auto& i) { return InspectorJson(i, today); });
             });
  router.Add("DELETE", "/api/v1/inspectors/{id}/conflicts/{org_id}", Access::kSignedIn,
             [&svc, &s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto org = ctx.IdParam("org_id");
               if (!org) return ErrorResponse(org.error());
               const std::string today = s.clock.Today();
               return Reply(svc.RemoveConflict(ctx.actor(), *id, *org),
                            [&](const auto& i) { return InspectorJson(i, today); });
             });

  router.Add("GET", "/api/v1/inspection-objects", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    const auto& q = ctx.request();
    return Reply(
        svc.ListObjects(ctx.actor(), q.Query("region_code"), q.Query("credit_class"), q.Query("q"),
                        *page),
        [](const auto& p) {
          return PageJson(p, [](const store::ObjectLibraryRow& o) {
            return Json{
                {"org_id", o.org_id},
                {"name", o.name},
                {"credit_code", o.credit_code},
                {"credit_class", o.credit_class.empty() ? Json(nullptr) : Json(o.credit_class)},
                {"region_names", o.region_names},
                {"chargers", o.chargers},
                {"last_inspected",
                 o.last_inspected.empty() ? Json(nullptr) : Json(o.last_inspected)}};
          });
        });
  });

  // ---- annual plans
  router.Add("GET", "/api/v1/inspection-plans", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    return Reply(svc.ListPlans(ctx.actor(), YearQuery(ctx), ctx.request().Query("status"), *page),
                 [](const auto& p) { return PageJson(p, PlanJson); });
  });
  router.Add("POST", "/api/v1/inspection-plans", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(svc.CreatePlan(ctx.actor(), PlanInput(*body)), PlanJson, 201);
  });
  router.Add("GET", "/api/v1/inspection-plans/{id}", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.GetPlan(ctx.actor(), *id), PlanJson);
             });
  router.Add("PUT", "/api/v1/inspection-plans/{id}", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.UpdatePlan(ctx.actor(), *id, PlanInput(*body)), PlanJson);
             });
  router.Add("POST", "/api/v1/inspection-plans/{id}/submit", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.SubmitPlan(ctx.actor(), *id), PlanJson);
             });
  router.Add("POST", "/api/v1/inspection-plans/{id}/accept", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.AcceptPlan(ctx.actor(), *id), PlanJson);
             });
  router.Add("POST", "/api/v1/inspection-plans/{id}/return", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.ReturnPlan(ctx.actor(), *id, Str(*body, "reason")), PlanJson);
             });

  router.Add("GET", "/api/v1/work-calendar", Access::kSignedIn, [&svc, &s](RequestContext& ctx) {
    const int year = YearQuery(ctx).value_or(std::stoi(s.clock.Today().substr(0, 4)));
    return Reply(svc.CalendarDays(ctx.actor(), year), [](const auto& days) {
      Json list = Json::array();
      for (const auto& d : days)
        list.push_back(
            {{"date", d.date}, {"kind", std::string(domain::ToString(d.kind))}, {"name", d.name}});
      return Json{{"items", list}};
    });
  });
  router.Add("PUT", "/api/v1/work-calendar/{date}", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(svc.SaveCalendarDay(ctx.actor(), ctx.request().params["date"], Str(*body, "kind"),
                                     Str(*body, "name")),
                 [](const store::CalendarDayRow& d) {
                   return Json{{"date", d.date},
                               {"kind", std::string(domain::ToString(d.kind))},
                               {"name", d.name}};
                 });
  });
  router.Add("DELETE", "/api/v1/work-calendar/{date}", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               return ReplyEmpty(svc.DeleteCalendarDay(ctx.actor(), ctx.request().params["date"]));
             });
}

}  // namespace mvis::http
