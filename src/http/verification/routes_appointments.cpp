// Institutes, standard equipment, verification rules, appointments and the regulators'
// verification overview (docs/verification.md).
#include "domain/text.hpp"
#include "http/accounts/views.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"
#include "http/registry/views.hpp"
#include "http/verification/views.hpp"

namespace mvis::http {
namespace {

Result<std::vector<int64_t>> IdList(const Json& body, const char* key, const char* message) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_array()) return InvalidField(key, "field_required", message);
  std::vector<int64_t> ids;
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0)
      return InvalidField(key, "invalid_id", "编号无效");
    ids.push_back(v.get<int64_t>());
  }
  return ids;
}

Result<services::AppointmentInput> AppointmentOf(const Json& b) {
  services::AppointmentInput in;
  in.mode = Str(b, "mode");
  auto inst = b.find("institute_org_id");
  if (inst != b.end() && inst->is_number_integer()) in.institute_org_id = inst->get<int64_t>();
  auto ids = IdList(b, "instrument_ids", "请从备案中选择至少一台器具");
  if (!ids) return std::unexpected(ids.error());
  in.instrument_ids = *ids;
  in.preferred_date = Str(b, "preferred_date");
  in.contact_name = Str(b, "contact_name");
  in.contact_phone = Str(b, "contact_phone");
  in.notes = Str(b, "notes");
  return in;
}

// Answers an appointment with its detail (instruments, timeline, the records the viewer sees).
Response DetailReply(AppServices& s, const Result<services::AppointmentDetail>& d,
                     int status = 200) {
  return Reply(
      d, [&s](const auto& x) { return AppointmentJson(x, true, s.certificates.public_url()); },
      status);
}

}  // namespace

void AddAppointmentRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/institutes", Access::kSignedIn, [&s](RequestContext& ctx) {
    const auto& r = ctx.request();
    return Reply(s.institutes.List(ctx.actor(), r.Query("type_code"), r.Query("region_code")),
                 [](const auto& list) {
                   Json items = Json::array();
                   for (const auto& i : list) items.push_back(InstituteJson(i));
                   return Json{{"items", items}};
                 });
  });

  router.Add("PUT", "/api/v1/institutes/{id}/profile", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto b = ctx.Body();
               if (!b) return ErrorResponse(b.error());
               domain::InstituteProfile p{*id,
                                          "",
                                          Str(*b, "code"),
                                          StrList(*b, "type_codes"),
                                          StrList(*b, "region_codes"),
                                          Str(*b, "contact_name"),
                                          Str(*b, "contact_phone"),
                                          Str(*b, "address"),
                                          domain::Trim(Str(*b, "authorization_no"))};
               return Reply(s.institutes.SaveProfile(ctx.actor(), p), [](const auto& row) {
                 return InstituteJson({row, false});
               });
             });

  router.Add("GET", "/api/v1/institutes/{id}/profile", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(s.institutes.Profile(ctx.actor(), *id), [](const auto& row) {
                 return InstituteJson({row, false});
               });
             });

  // The 检定专用章 image: a PNG in the multipart field "file".
  router.Add("POST", "/api/v1/institutes/{id}/seal", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto file = UploadedFile(ctx.request().Header("content-type"), ctx.request().body, "file",
                             "请选择印章图片");
    if (!file) return ErrorResponse(file.error());
    return Reply(s.institutes.SaveSeal(ctx.actor(), *id, *file), [](const std::string& sha) {
      return Json{{"sha256", sha}};
    });
  });

  router.Add("GET", "/api/v1/institutes/{id}/seal", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto png = s.institutes.Seal(ctx.actor(), *id);
    if (!png) return ErrorResponse(png.error());
    Response r;
    r.content_type = "image/png";
    r.headers.emplace_back("Cache-Control", "no-store");
    r.body = std::move(*png);
    return r;
  });

  router.Add("GET", "/api/v1/institute/staff", Access::kSignedIn, [&s](RequestContext& ctx) {
    return Reply(s.institutes.Staff(ctx.actor()), [](const auto& users) {
      Json items = Json::array();
      for (const auto& u : users) {
        Json names = Json::array();
        for (auto d : u.duties) names.push_back(domain::ToString(d));
        items.push_back({{"id", u.id}, {"display_name", u.display_name}, {"duties", names}});
      }
      return Json{{"items", items}};
    });
  });

  router.Add("GET", "/api/v1/standards", Access::kSignedIn, [&s](RequestContext& ctx) {
    bool active = ctx.request().Query("active") == "true";
    return Reply(s.institutes.Standards(ctx.actor(), active), [](const auto& list) {
      Json items = Json::array();
      for (const auto& x : list) items.push_back(StandardJson(x));
      return Json{{"items", items}};
    });
  });

  auto save_standard = [&s](RequestContext& ctx, int64_t id) {
    auto b = ctx.Body();
    if (!b) return ErrorResponse(b.error());
    domain::Standard row;
    row.id = id;
    row.name = Str(*b, "name");
    row.model = Str(*b, "model");
    row.serial_no = Str(*b, "serial_no");
    row.certificate_no = Str(*b, "certificate_no");
    row.valid_until = Str(*b, "valid_until");
    row.accuracy = Str(*b, "accuracy");
    auto active = b->find("active");
    row.active = active == b->end() || !active->is_boolean() || active->get<bool>();
    return Reply(s.institutes.SaveStandard(ctx.actor(), row), StandardJson, id ? 200 : 201);
  };
  router.Add("POST", "/api/v1/standards", Access::kSignedIn,
             [save_standard](RequestContext& ctx) { return save_standard(ctx, 0); });
  router.Add("PUT", "/api/v1/standards/{id}", Access::kSignedIn,
             [save_standard](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return save_standard(ctx, *id);
             });

  router.Add("GET", "/api/v1/verification-rules/{type_code}", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               return Reply(s.institutes.Rules(ctx.actor(), ctx.request().params["type_code"]),
                            RulesJson);
             });

  router.Add("GET", "/api/v1/appointments", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    return Reply(s.appointments.List(ctx.actor(), AppointmentQueryOf(ctx), *page),
                 [](const auto& p) {
                   return PageJson(p, [](const auto& d) { return AppointmentJson(d, false); });
                 });
  });

  router.Add("POST", "/api/v1/appointments", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto b = ctx.Body();
    if (!b) return ErrorResponse(b.error());
    auto in = AppointmentOf(*b);
    if (!in) return ErrorResponse(in.error());
    return DetailReply(s, s.appointments.Create(ctx.actor(), *in, Flag(*b, "submit")), 201);
  });

  router.Add("GET", "/api/v1/appointments/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return DetailReply(s, s.appointments.Get(ctx.actor(), *id));
  });

  router.Add("PUT", "/api/v1/appointments/{id}", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    auto b = ctx.Body();
    if (!b) return ErrorResponse(b.error());
    auto in = AppointmentOf(*b);
    if (!in) return ErrorResponse(in.error());
    return DetailReply(s, s.appointments.Update(ctx.actor(), *id, *in));
  });

  using Action =
      std::function<Result<services::AppointmentDetail>(RequestContext&, int64_t, const Json&)>;
  auto add_action = [&router, &s](const std::string& name, Action action) {
    router.Add("POST", "/api/v1/appointments/{id}/" + name, Access::kSignedIn,
               [&s, action](RequestContext& ctx) {
                 auto id = ctx.IdParam("id");
                 if (!id) return ErrorResponse(id.error());
                 Json body = Json::object();
                 if (!ctx.request().body.empty()) {
                   auto b = ctx.Body();
                   if (!b) return ErrorResponse(b.error());
                   body = *b;
                 }
                 return DetailReply(s, action(ctx, *id, body));
               });
  };
  add_action("submit", [&s](RequestContext& ctx, int64_t id, const Json&) {
    return s.appointments.Submit(ctx.actor(), id);
  });
  add_action("cancel", [&s](RequestContext& ctx, int64_t id, const Json& b) {
    return s.appointments.Cancel(ctx.actor(), id, Str(b, "reason"));
  });
  add_action("accept", [&s](RequestContext& ctx, int64_t id, const Json&) {
    return s.appointments.Accept(ctx.actor(), id);
  });
  add_action("reject", [&s](RequestContext& ctx, int64_t id, const Json& b) {
    return s.appointments.Reject(ctx.actor(), id, Str(b, "reason"));
  });
  add_action(
      "schedule",
      [&s](RequestContext& ctx, int64_t id, const Json& b) -> Result<services::AppointmentDetail> {
        auto ids = IdList(b, "verifier_user_ids", "请至少安排一名检定员");
        if (!ids) return std::unexpected(ids.error());
        return s.appointments.Schedule(ctx.actor(), id, Str(b, "date"), *ids);
      });

  router.Add("POST", "/api/v1/appointments/{id}/instruments/{instrument_id}/unverifiable",
             Access::kSignedIn, [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto instrument = ctx.IdParam("instrument_id");
               if (!instrument) return ErrorResponse(instrument.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return DetailReply(s, s.appointments.MarkUnverifiable(ctx.actor(), *id, *instrument,
                                                                     Str(*body, "reason")));
             });

  router.Add("GET", "/api/v1/supervision/verification-summary", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               return Reply(s.reminders.Summary(ctx.actor()), [&s](const auto& rows) {
                 return SummaryJson(rows, s.reminders.due_soon_days());
               });
             });

  router.Add("POST", "/api/v1/admin/jobs/reminders", Access::kSignedIn, [&s](RequestContext& ctx) {
    return Reply(s.reminders.RunNow(ctx.actor()), [](const auto& r) {
      return Json{{"reminded", r.reminded},
                  {"overdue_listed", r.overdue_listed},
                  {"already_done", r.already_done}};
    });
  });
}

}  // namespace mvis::http
