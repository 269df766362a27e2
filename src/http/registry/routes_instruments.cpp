// The instrument registry: catalogue, instruments, filing actions, review, history, export and
// the district enterprise archive.
#include "domain/instrument_fields.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/registry/views.hpp"
#include "services/registry/instrument_codec.hpp"

namespace mvis::http {
namespace {

services::InstrumentQuery QueryOf(const Request& r) {
  services::InstrumentQuery q;
  q.status = r.Query("status");
  q.type_code = r.Query("type_code");
  q.brand = r.Query("brand");
  q.query = r.Query("q");
  q.region_code = r.Query("region_code");
  q.date_from = r.Query("date_from");
  q.date_to = r.Query("date_to");
  q.verification = r.Query("verification");
  q.use = r.Query("use");
  if (auto d = r.Query("due_days"); !d.empty())
    q.due_days =
        d.size() <= 4 && d.find_first_not_of("0123456789") == std::string::npos ? std::stoi(d) : -1;
  if (auto m = r.Query("mandatory"); !m.empty()) q.mandatory = m == "true";
  if (auto s = r.Query("sort"); !s.empty()) q.sort = s;
  q.descending = r.Query("order") != "asc";
  return q;
}

Result<std::vector<int64_t>> Ids(const Json& body) {
  auto it = body.find("ids");
  if (it == body.end() || !it->is_array())
    return InvalidField("ids", "ids_required", "请至少选择一台器具");
  std::vector<int64_t> ids;
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0)
      return InvalidField("ids", "invalid_id", "器具编号无效");
    ids.push_back(v.get<int64_t>());
  }
  return ids;
}

Result<domain::InstrumentType> TypeOf(const Json& b, const std::string& code) {
  domain::InstrumentType t;
  t.code = code;
  t.name = Str(b, "name");
  t.regulation = Str(b, "regulation");
  t.verification_form = domain::ParseVerificationForm(Str(b, "verification_form"));
  auto period = b.find("period_months");
  if (period != b.end() && !period->is_number_integer()) {
    return InvalidField("period_months", "period_invalid", "检定周期应为整数（月）");
  }
  t.period_months = period == b.end() ? 0 : period->get<int>();
  for (const char* key : {"mandatory_uses", "accuracy_classes"}) {
    auto it = b.find(key);
    if (it == b.end() || it->is_null()) continue;
    if (!it->is_array())
      return InvalidField(key, "field_type_invalid", std::string("字段 ") + key + " 应为数组");
    for (const auto& v : *it) {
      if (!v.is_string())
        return InvalidField(key, "field_type_invalid",
                            std::string("字段 ") + key + " 应为文本数组");
      (std::string(key) == "mandatory_uses" ? t.mandatory_uses : t.accuracy_classes)
          .push_back(v.get<std::string>());
    }
  }
  auto active = b.find("active");
  t.active = active == b.end() || !active->is_boolean() || active->get<bool>();
  return t;
}

std::string_view TypeName(domain::FieldType t) {
  using T = domain::FieldType;
  switch (t) {
    case T::kText:
      return "text";
    case T::kCode:
      return "code";
    case T::kDate:
      return "date";
    case T::kNumber:
      return "number";
    case T::kInteger:
      return "integer";
    case T::kFlag:
      return "flag";
  }
  return "text";
}

std::string_view RequirementName(domain::Requirement r) {
  using R = domain::Requirement;
  return r == R::kAlways ? "always" : r == R::kCharger ? "charger" : "optional";
}

// One row of the field table, as the form builds its rules from it.
Json FieldJson(const domain::InstrumentField& f) {
  const bool ranged =
      (f.type == domain::FieldType::kNumber || f.type == domain::FieldType::kInteger) &&
      f.max > f.min;
  return Json{{"key", f.key},
              {"label", f.label},
              {"header", f.header},
              {"type", TypeName(f.type)},
              {"required", RequirementName(f.required)},
              {"max_length", f.max_length},
              {"min", ranged ? Json(f.min) : Json(nullptr)},
              {"max", ranged ? Json(f.max) : Json(nullptr)},
              {"min_exclusive", ranged && f.type == domain::FieldType::kNumber},
              {"unit", f.unit}};
}

}  // namespace

void AddInstrumentRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/instrument-types", Access::kSignedIn, [&s](RequestContext&) {
    return Reply(s.instruments.Types(), [](const auto& types) {
      Json items = Json::array();
      for (const auto& t : types) items.push_back(InstrumentTypeJson(t));
      return Json{{"items", items}};
    });
  });

  router.Add("GET", "/api/v1/instrument-fields", Access::kSignedIn, [](RequestContext&) {
    Json items = Json::array();
    for (const auto& f : domain::InstrumentFields()) items.push_back(FieldJson(f));
    return JsonResponse(200, Json{{"items", items}});
  });

  router.Add("POST", "/api/v1/instrument-types", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    auto type = TypeOf(*body, Str(*body, "code"));
    if (!type) return ErrorResponse(type.error());
    return Reply(s.instruments.CreateType(ctx.actor(), *type), InstrumentTypeJson, 201);
  });

  router.Add("PUT", "/api/v1/instrument-types/{code}", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               auto type = TypeOf(*body, ctx.request().params["code"]);
               if (!type) return ErrorResponse(type.error());
               return Reply(s.instruments.UpdateType(ctx.actor(), *type), InstrumentTypeJson);
             });

  router.Add("GET", "/api/v1/instruments", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    auto q = QueryOf(ctx.request());
    auto org = ctx.QueryId("org_id");
    if (!org) return ErrorResponse(org.error());
    q.org_id = *org;
    return Reply(s.instruments.List(ctx.actor(), q, *page),
                 [](const auto& p) { return PageJson(p, InstrumentJson); });
  });

  router.Add("GET", "/api/v1/instruments/export", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto q = QueryOf(ctx.request());
    auto org = ctx.QueryId("org_id");
    if (!org) return ErrorResponse(org.error());
    q.org_id = *org;
    auto bytes = s.instruments.Export(ctx.actor(), q);
    if (!bytes) return ErrorResponse(bytes.error());
    Response r;
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"instruments.xlsx\"; "
                           "filename*=UTF-8''%E5%99%A8%E5%85%B7%E6%B8%85%E5%8D%95.xlsx");
    r.headers.emplace_back("Cache-Control", "no-store");
    r.body = std::move(*bytes);
    return r;
  });

  router.Add("GET", "/api/v1/instruments/stats", Access::kSignedIn, [&s](RequestContext& ctx) {
    return Reply(s.instruments.StatusCounts(ctx.actor()), [](const services::FilingCounts& c) {
      Json j = Json::object();
      for (auto st : {domain::FilingStatus::kDraft, domain::FilingStatus::kSubmitted,
                      domain::FilingStatus::kApproved, domain::FilingStatus::kReturned,
                      domain::FilingStatus::kDeregistered})
        j[std::string(domain::ToString(st))] = c.Of(st);
      j["change_pending"] = c.change_pending;
      return j;
    });
  });

  router.Add("POST", "/api/v1/instruments", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    auto data = services::InstrumentDataFromJson(*body);
    if (!data) return ErrorResponse(data.error());
    return Reply(s.instruments.Create(ctx.actor(), std::move(*data), Flag(*body, "submit")),
                 InstrumentJson, 201);
  });

  router.Add("POST", "/api/v1/instruments/apply", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    auto ids = Ids(*body);
    if (!ids) return ErrorResponse(ids.error());
    return Reply(s.instruments.Apply(ctx.actor(), *ids), [](int n) {
      return Json{{"applied", n}};
    });
  });

  router.Add("POST", "/api/v1/instruments/review", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    auto ids = Ids(*body);
    if (!ids) return ErrorResponse(ids.error());
    services::ReviewInput in{*ids, Str(*body, "decision"), Str(*body, "reason")};
    return Reply(s.instruments.Review(ctx.actor(), in), [](int n) {
      return Json{{"reviewed", n}};
    });
  });

  router.Add("GET", "/api/v1/instruments/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return Reply(s.instruments.Get(ctx.actor(), *id), InstrumentJson);
  });

  router.Add("PUT", "/api/v1/instruments/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    auto data = services::InstrumentDataFromJson(*body);
    if (!data) return ErrorResponse(data.error());
    return Reply(s.instruments.Update(ctx.actor(), *id, std::move(*data), Flag(*body, "submit")),
                 InstrumentJson);
  });

  router.Add("DELETE", "/api/v1/instruments/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return ReplyEmpty(s.instruments.Delete(ctx.actor(), *id));
  });

  router.Add("GET", "/api/v1/instruments/{id}/history", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(s.instruments.History(ctx.actor(), *id), EventsJson);
             });

  router.Add(
      "POST", "/api/v1/instruments/{id}/deregister", Access::kSignedIn, [&s](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        auto body = ctx.Body();
        if (!body) return ErrorResponse(body.error());
        services::DeregisterInput in{Str(*body, "kind"), Str(*body, "reason"), Str(*body, "date")};
        return Reply(s.instruments.Deregister(ctx.actor(), *id, in), InstrumentJson);
      });

  router.Add("GET", "/api/v1/archive/enterprises", Access::kSignedIn, [&s](RequestContext& ctx) {
    return Reply(s.instruments.Archive(ctx.actor(), ctx.request().Query("region_code")),
                 [](const auto& entries) {
                   Json items = Json::array();
                   for (const auto& e : entries) items.push_back(ArchiveJson(e));
                   return Json{{"items", items}, {"total", items.size()}};
                 });
  });
}

}  // namespace mvis::http
