// 双随机一公开: tasks with their draws and on-site records (photos, signatures), statistics and
// the public announcements (no login, rate limited); the libraries, plans and calendar are in
// routes_inspection_library.cpp.
#include "http/supervision/routes_inspections.hpp"

#include <cmath>

#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"
#include "http/rate_limiter.hpp"
#include "services/supervision/inspection_service.hpp"

namespace mvis::http {
namespace {

using services::InspectionService;

std::string RatioText(int e4) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d.%04d", e4 / 10000, e4 % 10000);
  return buf;
}

// A JSON number as a decimal text with at most 4 places ("" when absent, "x" when not a number).
std::string RatioInput(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_number()) return "x";
  const double d = v.get<double>();
  if (!(d > 0 && d <= 1)) return "x";
  const long e4 = std::lround(d * 10000);
  if (std::fabs(d * 10000 - static_cast<double>(e4)) > 1e-6) return "x";  // > 4 places
  return RatioText(static_cast<int>(e4));
}

Json ClassMap(const std::array<int64_t, 4>& v) {
  return Json{{"A", v[0]}, {"B", v[1]}, {"C", v[2]}, {"D", v[3]}};
}

Json PhotoJson(const store::PhotoRow& p) {
  return Json{{"id", p.id},     {"check_code", p.check_code},
              {"mime", p.mime}, {"sha256", p.sha256},
              {"size", p.size}, {"created_at", domain::IsoUtc(p.created_at)}};
}

Json ObjectJson(const store::InspectionObjectRow& b,
                const std::vector<store::CheckItemRow>& item_checks) {
  Json inspectors = Json::array();
  for (const auto& a : b.inspectors)
    inspectors.push_back({{"assignment_id", a.id},
                          {"inspector_id", a.inspector_id},
                          {"user_id", a.user_id},
                          {"name", a.name},
                          {"cert_no", a.cert_no},
                          {"kind", a.kind},
                          {"active", a.active},
                          {"reason", a.reason},
                          {"signed_at", TimeOrNull(a.signed_at)},
                          {"replaced_at", TimeOrNull(a.replaced_at)}});
  auto recorded = Json::parse(b.checks_json.empty() ? "[]" : b.checks_json);
  Json checks = Json::array();
  for (const auto& c : item_checks) {
    Json one{{"code", c.code}, {"name", c.name}, {"ok", nullptr}, {"finding", ""}};
    for (const auto& r : recorded)
      if (r.value("code", "") == c.code) {
        one["ok"] = r.contains("ok") ? r["ok"] : Json(nullptr);
        one["finding"] = r.value("finding", "");
      }
    checks.push_back(one);
  }
  Json extra = b.error_check_json.empty() ? Json::object() : Json::parse(b.error_check_json);
  Json photos = Json::array();
  for (const auto& p : b.photos) photos.push_back(PhotoJson(p));
  return Json{
      {"id", b.id},
      {"task_id", b.task_id},
      {"org_id", b.org_id},
      {"org_name", b.org_name},
      {"credit_code", b.credit_code},
      {"credit_class", b.credit_class},
      {"pick_order", b.pick_order},
      {"status", std::string(domain::ToString(b.status))},
      {"inspectors", inspectors},
      {"checks", checks},
      {"error_pct", extra.contains("error_pct") ? extra["error_pct"] : Json(nullptr)},
      {"error_note", extra.value("note", "")},
      {"result", b.result},
      {"follow_up", b.follow_up},
      {"note", b.note},
      {"photos", photos},
      {"rectification_items", extra.contains("rectification") && extra["rectification"].is_object()
                                  ? extra["rectification"].value("items", Json::array())
                                  : Json::array()},
      {"rectification_deadline",
       extra.contains("rectification") && extra["rectification"].is_object()
           ? extra["rectification"].value("deadline", "")
           : ""},
      {"rectification_id", b.rectification_id ? Json(*b.rectification_id) : Json(nullptr)},
      {"rectification_status", b.rectification_status},
      {"recorded_at", TimeOrNull(b.recorded_at)},
      {"completed_at", TimeOrNull(b.completed_at)},
      {"published_at", TimeOrNull(b.published_at)}};
}

Json TaskJson(const services::InspectionTaskView& v, bool detail) {
  const auto& t = v.row;
  Json excluded = Json::array();
  for (size_t i = 0; i < v.excluded.size(); ++i)
    excluded.push_back({{"org_id", v.excluded[i].first},
                        {"org_name", i < v.excluded_names.size() ? v.excluded_names[i] : ""},
                        {"reason", v.excluded[i].second}});
  Json j{{"id", t.id},
         {"name", t.name},
         {"org_id", t.org_id},
         {"org_name", t.org_name},
         {"region_code", t.region_code},
         {"region_name", t.region_name},
         {"plan_id", t.plan_id ? Json(*t.plan_id) : Json(nullptr)},
         {"plan_title", t.plan_title},
         {"item_id", t.item_id},
         {"item_name", t.item_name},
         {"task_date", t.task_date},
         {"directed", t.directed},
         {"scope_region_codes", t.scope_regions},
         {"scope_type_codes", t.scope_types},
         {"scope_credit_classes", t.scope_classes},
         {"target_org_id", t.target_org_id ? Json(*t.target_org_id) : Json(nullptr)},
         {"target_org_name", t.target_org_name},
         {"basis", t.basis},
         {"ratios",
          {{"A", RatioNumber(t.ratios[0])},
           {"B", RatioNumber(t.ratios[1])},
           {"C", RatioNumber(t.ratios[2])},
           {"D", RatioNumber(t.ratios[3])}}},
         {"status", std::string(domain::ToString(t.status))},
         {"seed", t.seed},
         {"algorithm", t.algorithm},
         {"frame_size", t.frame_size},
         {"frame_sizes", ClassMap(v.frame_sizes)},
         {"sample_sizes", ClassMap(v.sample_sizes)},
         {"excluded", excluded},
         {"drawn_at", TimeOrNull(t.drawn_at)},
         {"completed_at", TimeOrNull(t.completed_at)},
         {"publish_deadline", t.publish_deadline},
         {"published_at", TimeOrNull(t.published_at)},
         {"overdue", v.overdue},
         {"progress",
          {{"objects", v.progress.objects},
           {"recorded", v.progress.recorded},
           {"signed", v.progress.signed_},
           {"published", v.progress.published},
           {"closed", v.progress.closed}}},
         {"created_at", domain::IsoUtc(t.created_at)},
         {"updated_at", domain::IsoUtc(t.updated_at)}};
  if (detail) {
    Json objects = Json::array();
    for (const auto& b : v.objects) objects.push_back(ObjectJson(b, v.checks));
    j["objects"] = objects;
    j["events"] = EventsJson(v.events)["items"];
    Json checks = Json::array();
    for (const auto& c : v.checks) checks.push_back({{"code", c.code}, {"name", c.name}});
    j["checks"] = checks;
  }
  return j;
}

Json StatJson(const store::TaskStatRow& r, std::optional<int64_t> tasks) {
  auto rate = [](int64_t a, int64_t b) { return b ? static_cast<double>(a) / b : 0.0; };
  return Json{{"region_code", r.region_code},
              {"region_name", r.region_name},
              {"task_id", tasks ? Json(nullptr) : Json(r.task_id)},
              {"task_name", r.task_name},
              {"tasks", tasks.value_or(1)},
              {"frame", r.frame},
              {"objects", r.objects},
              {"ratio", rate(r.objects, r.frame)},
              {"published", r.published},
              {"unpublished", r.objects - r.published},
              {"completion_rate", rate(r.published, r.objects)},
              {"closed", r.closed},
              {"closure_rate", rate(r.closed, r.published)}};
}

Json AnnouncementJson(const services::PublicAnnouncement& a) {
  return Json{{"kind", a.kind},
              {"id", a.id},
              {"title", a.title},
              {"region_name", a.region_name},
              {"published_at", TimeOrNull(a.published_at)},
              {"item_name", a.item_name},
              {"year", a.year},
              {"task_date", a.task_date},
              {"objects", a.objects},
              {"enterprise_name", a.enterprise_name},
              {"credit_code", a.credit_code},
              {"inspection_date", a.inspection_date},
              {"result", a.result},
              {"result_name", a.result_name},
              {"body", a.body}};
}

services::InspectionTaskInput TaskInput(const Json& b) {
  services::InspectionTaskInput in;
  in.name = Str(b, "name");
  in.item_id =
      b.contains("item_id") && b["item_id"].is_number_integer() ? b["item_id"].get<int64_t>() : 0;
  if (b.contains("plan_id") && b["plan_id"].is_number_integer())
    in.plan_id = b["plan_id"].get<int64_t>();
  in.region_code = Str(b, "region_code");
  in.task_date = Str(b, "task_date");
  in.directed = Flag(b, "directed");
  in.scope_regions = StrList(b, "scope_region_codes");
  in.scope_types = StrList(b, "scope_type_codes");
  in.scope_classes = StrList(b, "scope_credit_classes");
  if (b.contains("target_org_id") && b["target_org_id"].is_number_integer())
    in.target_org_id = b["target_org_id"].get<int64_t>();
  in.basis = Str(b, "basis");
  if (auto it = b.find("ratios"); it != b.end() && it->is_object())
    for (size_t k = 0; k < 4; ++k)
      if (auto r = it->find(domain::kCreditClasses[k]); r != it->end())
        in.ratios[k] = RatioInput(*r);
  return in;
}

services::InspectionRecordInput RecordInput(const Json& b) {
  services::InspectionRecordInput in;
  if (auto it = b.find("checks"); it != b.end() && it->is_array())
    for (const auto& c : *it) {
      if (!c.is_object()) continue;
      services::CheckFindingInput f;
      f.code = Str(c, "code");
      if (c.contains("ok") && c["ok"].is_boolean()) f.ok = c["ok"].get<bool>();
      f.finding = Str(c, "finding");
      in.checks.push_back(std::move(f));
    }
  if (b.contains("error_pct") && b["error_pct"].is_number())
    in.error_pct = b["error_pct"].get<double>();
  in.error_note = Str(b, "error_note");
  in.result = Str(b, "result");
  in.follow_up = Str(b, "follow_up");
  in.note = Str(b, "note");
  in.rectification_items = StrList(b, "rectification_items");
  in.rectification_deadline = Str(b, "rectification_deadline");
  return in;
}

// Path ids {id} and {oid}.
Result<std::pair<int64_t, int64_t>> TaskAndObject(RequestContext& ctx) {
  auto id = ctx.IdParam("id");
  if (!id) return std::unexpected(id.error());
  auto oid = ctx.IdParam("oid");
  if (!oid) return std::unexpected(oid.error());
  return std::pair{*id, *oid};
}

}  // namespace

std::optional<int> YearQuery(RequestContext& ctx) {
  const std::string y = ctx.request().Query("year");
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(y);
}

void AddInspectionRoutes(Router& router, AppServices& s, int public_per_minute) {
  InspectionService& svc = s.inspections;
  auto object_json = [](const services::InspectionObjectView& v) {
    return ObjectJson(v.row, v.item_checks);
  };
  auto task_detail = [](const services::InspectionTaskView& v) { return TaskJson(v, true); };
  AddInspectionLibraryRoutes(router, s);

  // ---- tasks (/mine before /{id})
  router.Add("GET", "/api/v1/inspection-tasks/mine", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               return Reply(svc.Mine(ctx.actor()), [](const auto& rows) {
                 Json list = Json::array();
                 for (const auto& m : rows)
                   list.push_back({{"task_id", m.task_id},
                                   {"task_name", m.task_name},
                                   {"task_date", m.task_date},
                                   {"object_id", m.object_id},
                                   {"org_name", m.org_name},
                                   {"status", std::string(domain::ToString(m.status))},
                                   {"signed", false}});
                 return Json{{"items", list}};
               });
             });
  router.Add("GET", "/api/v1/inspection-tasks", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    const auto& q = ctx.request();
    return Reply(svc.ListTasks(ctx.actor(), q.Query("status"), YearQuery(ctx), q.Query("q"), *page),
                 [](const auto& p) {
                   return PageJson(p, [](const auto& v) { return TaskJson(v, false); });
                 });
  });
  router.Add("POST", "/api/v1/inspection-tasks", Access::kSignedIn,
             [&svc, task_detail](RequestContext& ctx) {
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.CreateTask(ctx.actor(), TaskInput(*body)), task_detail, 201);
             });
  router.Add("GET", "/api/v1/inspection-tasks/{id}", Access::kSignedIn,
             [&svc, task_detail](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.GetTask(ctx.actor(), *id), task_detail);
             });
  router.Add("POST", "/api/v1/inspection-tasks/{id}/draw", Access::kSignedIn,
             [&svc, task_detail](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.Draw(ctx.actor(), *id, Str(*body, "seed")), task_detail);
             });
  // The frozen frame, seed and ratios, for anyone replaying the draw
  // (scripts/replay-inspection-draw.py).
  router.Add(
      "GET", "/api/v1/inspection-tasks/{id}/frame", Access::kSignedIn, [&svc](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        return Reply(svc.GetTask(ctx.actor(), *id), [](const services::InspectionTaskView& v) {
          Json items = Json::array();
          for (const auto& u : Json::parse(v.row.frame_json.empty() ? "[]" : v.row.frame_json))
            items.push_back(
                {{"org_id", u[0]}, {"credit_class", domain::kCreditClasses[u[1].get<int>()]}});
          return Json{{"seed", v.row.seed},
                      {"algorithm", v.row.algorithm},
                      {"ratios",
                       {{"A", RatioNumber(v.row.ratios[0])},
                        {"B", RatioNumber(v.row.ratios[1])},
                        {"C", RatioNumber(v.row.ratios[2])},
                        {"D", RatioNumber(v.row.ratios[3])}}},
                      {"items", items}};
        });
      });
  router.Add(
      "GET", "/api/v1/inspection-tasks/{id}/replay", Access::kSignedIn,
      [&svc](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        return Reply(svc.Replay(ctx.actor(), *id), [](bool m) { return Json{{"matches", m}}; });
      });
  router.Add("POST", "/api/v1/inspection-tasks/{id}/publish", Access::kSignedIn,
             [&svc, task_detail](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.Publish(ctx.actor(), *id), task_detail);
             });

  // ---- objects
  router.Add("GET", "/api/v1/inspection-tasks/{id}/objects/{oid}", Access::kSignedIn,
             [&svc, object_json](RequestContext& ctx) {
               auto ids = TaskAndObject(ctx);
               if (!ids) return ErrorResponse(ids.error());
               return Reply(svc.GetObject(ctx.actor(), ids->first, ids->second), object_json);
             });
  router.Add("POST", "/api/v1/inspection-tasks/{id}/objects/{oid}/swap", Access::kSignedIn,
             [&svc, object_json](RequestContext& ctx) {
               auto ids = TaskAndObject(ctx);
               if (!ids) return ErrorResponse(ids.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               auto id_of = [&](const char* key) -> std::optional<int64_t> {
                 if (body->contains(key) && (*body)[key].is_number_integer())
                   return (*body)[key].get<int64_t>();
                 return std::nullopt;
               };
               return Reply(
                   svc.Swap(ctx.actor(), ids->first, ids->second, id_of("inspector_id").value_or(0),
                            id_of("replacement_id"), Str(*body, "reason")),
                   object_json);
             });
  router.Add("POST", "/api/v1/inspection-tasks/{id}/objects/{oid}/recuse", Access::kSignedIn,
             [&svc, object_json](RequestContext& ctx) {
               auto ids = TaskAndObject(ctx);
               if (!ids) return ErrorResponse(ids.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(svc.Recuse(ctx.actor(), ids->first, ids->second, Str(*body, "reason")),
                            object_json);
             });
  router.Add("PUT", "/api/v1/inspection-tasks/{id}/objects/{oid}/record", Access::kSignedIn,
             [&svc, object_json](RequestContext& ctx) {
               auto ids = TaskAndObject(ctx);
               if (!ids) return ErrorResponse(ids.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(
                   svc.RecordFindings(ctx.actor(), ids->first, ids->second, RecordInput(*body)),
                   object_json);
             });
  router.Add(
      "POST", "/api/v1/inspection-tasks/{id}/objects/{oid}/photos", Access::kSignedIn,
      [&svc](RequestContext& ctx) {
        auto ids = TaskAndObject(ctx);
        if (!ids) return ErrorResponse(ids.error());
        auto parts = ParseMultipart(ctx.request().Header("content-type"), ctx.request().body);
        if (!parts) return ErrorResponse(parts.error());
        const FormPart* file = nullptr;
        std::string check_code;
        for (const auto& p : *parts) {
          if (p.name == "file") file = &p;
          if (p.name == "check_code") check_code = std::string(p.data);
        }
        if (!file)
          return ErrorResponse(InvalidField("file", "file_required", "请选择要上传的照片").error());
        return Reply(
            svc.AddPhoto(ctx.actor(), ids->first, ids->second, check_code, std::string(file->data)),
            PhotoJson, 201);
      });
  router.Add("GET", "/api/v1/inspection-tasks/{id}/objects/{oid}/photos/{pid}", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto ids = TaskAndObject(ctx);
               if (!ids) return ErrorResponse(ids.error());
               auto pid = ctx.IdParam("pid");
               if (!pid) return ErrorResponse(pid.error());
               auto photo = svc.GetPhoto(ctx.actor(), ids->first, ids->second, *pid);
               if (!photo) return ErrorResponse(photo.error());
               Response r;
               r.content_type = photo->mime;
               r.headers.emplace_back("Cache-Control", "private, max-age=86400");
               r.headers.emplace_back("X-Content-Type-Options", "nosniff");
               r.headers.emplace_back("Content-Disposition", "inline");
               r.headers.emplace_back("ETag", "\"" + photo->sha256 + "\"");
               r.body = std::move(photo->bytes);
               return r;
             });
  router.Add("POST", "/api/v1/inspection-tasks/{id}/objects/{oid}/sign", Access::kSignedIn,
             [&svc, object_json](RequestContext& ctx) {
               auto ids = TaskAndObject(ctx);
               if (!ids) return ErrorResponse(ids.error());
               return Reply(svc.Sign(ctx.actor(), ids->first, ids->second), object_json);
             });

  // ---- statistics, calendar
  router.Add("GET", "/api/v1/inspection-statistics", Access::kSignedIn,
             [&svc, &s](RequestContext& ctx) {
               const int year = YearQuery(ctx).value_or(std::stoi(s.clock.Today().substr(0, 4)));
               return Reply(
                   svc.Statistics(ctx.actor(), year), [](const services::InspectionStatistics& st) {
                     Json districts = Json::array(), tasks = Json::array();
                     for (size_t i = 0; i < st.districts.size(); ++i)
                       districts.push_back(StatJson(st.districts[i], st.district_tasks[i]));
                     for (const auto& t : st.tasks) tasks.push_back(StatJson(t, std::nullopt));
                     return Json{{"districts", districts}, {"tasks", tasks}};
                   });
             });
  // ---- 一公开 (no login)
  auto limiter = std::make_shared<RateLimiter>(public_per_minute);
  router.Add("GET", "/api/v1/public/announcements", Access::kPublic,
             [&svc, &s, limiter](RequestContext& ctx) {
               if (!limiter->Allow(ctx.info().ip, s.clock.Now()))
                 return ErrorResponse(
                     Fail(ErrorKind::kResourceExhausted, "rate_limited", "访问过于频繁，请稍后再试")
                         .error());
               auto page = ctx.Paging();
               if (!page) return ErrorResponse(page.error());
               return Reply(svc.Announcements(ctx.request().Query("kind"), *page),
                            [](const auto& p) { return PageJson(p, AnnouncementJson); });
             });
}

}  // namespace mvis::http