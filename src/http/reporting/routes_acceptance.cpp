// 发改委验收 (acceptance checks of charging projects), their public confirmation page /ac/<token>,
// and the public lookup of a charger by an exact identifier (公众查询). Public endpoints are
// rate-limited per client.
#include <memory>

#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"
#include "http/rate_limiter.hpp"
#include "http/verification/public_page.hpp"
#include "http/verification/views.hpp"
#include "services/reporting/acceptance_service.hpp"

namespace mvis::http {
namespace {

using services::AcceptanceView;

Json CheckSummaryJson(const store::AcceptanceCheckRow& c) {
  return {{"id", c.id},
          {"project_name", c.project_name},
          {"owner_name", c.owner_name},
          {"verdict", c.verdict},
          {"item_count", c.item_count},
          {"gap_count", c.gap_count},
          {"checked_on", c.checked_on},
          {"created_at", domain::IsoUtc(c.created_at)},
          {"created_by_name", c.created_by_name}};
}

Json CheckJson(const AcceptanceView& v) {
  const auto& c = v.check;
  Json j = CheckSummaryJson(c);
  j["owner_org_id"] = c.owner_org_id ? Json(*c.owner_org_id) : Json(nullptr);
  j["station_names"] = Json::parse(c.station_names, nullptr, false);
  if (!j["station_names"].is_array()) j["station_names"] = Json::array();
  Json counts = Json::parse(c.counts, nullptr, false);
  j["counts"] = counts.is_object() ? counts : Json::object();
  j["public_url"] = v.public_url;
  j["items"] = v.items;
  return j;
}

Response Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                         "form-action 'none'; frame-ancestors 'none'");
  return r;
}

std::string AcceptancePage(const services::PublicAcceptance* a) {
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
      "<title>验收核查证明核验</title><style>body{margin:0;font-family:-apple-system,\"PingFang "
      "SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;background:#f2f4f7;color:#1f2328}"
      "main{max-width:560px;margin:0 auto;padding:16px}header{font-size:14px;color:#606770;"
      "text-align:center;margin:8px 0 12px}.status{text-align:center;padding:20px 12px;"
      "border-radius:10px;color:#fff;margin-bottom:12px}.status h1{margin:0;font-size:24px}"
      ".status p{margin:6px 0 0;font-size:14px}.passed{background:#1a7f37}.gaps{background:"
      "#bf8700}.invalid{background:#cf222e}.card{background:#fff;border-radius:10px;padding:16px}"
      "dl{margin:0;display:grid;grid-template-columns:7em 1fr;row-gap:8px;font-size:15px}dt{color:"
      "#606770}dd{margin:0;word-break:break-all}footer{font-size:12px;color:#8c959f;text-align:"
      "center;margin:16px 0}</style></head><body><main><header>充电设施项目计量检定核查 · "
      "证明核验</header>";
  if (!a) {
    html +=
        "<div class=\"status invalid\"><h1>证明无效</h1><p>无法验证此二维码，"
        "该核查证明可能被伪造或篡改</p></div>";
  } else {
    const bool passed = a->verdict == "passed";
    html += std::string("<div class=\"status ") + (passed ? "passed" : "gaps") + "\"><h1>" +
            (passed ? "全部检定合格且在有效期内" : "存在未合格或超期的充电桩") +
            "</h1><p>本证明由系统签发，签名验证通过</p></div><div class=\"card\"><dl>";
    auto row = [&](const char* k, const std::string& v) {
      html += std::string("<dt>") + k + "</dt><dd>" + HtmlEscape(v.empty() ? "—" : v) + "</dd>";
    };
    row("项目名称", a->project_name);
    row("核查单位", a->office_name);
    row("核查日期", a->checked_on);
    row("充电桩", std::to_string(a->item_count) + " 台");
    row("存在问题", std::to_string(a->gap_count) + " 台");
    html += "</dl></div>";
  }
  html += "<footer>本页面由强制检定计量器具管理信息系统生成。</footer></main></body></html>\n";
  return html;
}

}  // namespace

void AddAcceptanceRoutes(Router& router, AppServices& s, int public_per_minute) {
  auto& svc = s.acceptance;
  router.Add("GET", "/api/v1/acceptance-checks", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    return Reply(
        svc.List(ctx.actor(), ctx.request().Query("q"), ctx.request().Query("verdict"), *page),
        [](const auto& p) { return PageJson(p, CheckSummaryJson); });
  });
  router.Add("POST", "/api/v1/acceptance-checks", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    services::AcceptanceInput in;
    in.project_name = Str(*body, "project_name");
    in.owner_name = Str(*body, "owner_name");
    in.station_names = StrList(*body, "station_names");
    in.equipment_ids = StrList(*body, "equipment_ids");
    if (auto it = body->find("identifiers"); it != body->end() && it->is_array())
      for (const auto& i : *it)
        if (i.is_object()) in.identifiers.emplace_back(Str(i, "manufacturer"), Str(i, "serial_no"));
    return Reply(svc.Create(ctx.actor(), in), CheckJson, 201);
  });
  router.Add(
      "GET", "/api/v1/acceptance-checks/stations", Access::kSignedIn, [&svc](RequestContext& ctx) {
        return Reply(svc.Stations(ctx.actor(), ctx.request().Query("q")), [](const auto& stations) {
          Json items = Json::array();
          for (const auto& st : stations)
            items.push_back({{"station_name", st.station_name},
                             {"org_name", st.org_name},
                             {"equipment_ids", st.equipment_ids}});
          return Json{{"items", items}};
        });
      });
  router.Add(
      "POST", "/api/v1/acceptance-checks/parse", Access::kSignedIn, [&svc](RequestContext& ctx) {
        auto file = UploadedFile(ctx.request().Header("content-type"), ctx.request().body, "file",
                                 "请选择要上传的 Excel 文件");
        if (!file) return ErrorResponse(file.error());
        return Reply(svc.Parse(ctx.actor(), *file), [](const auto& p) {
          Json ids = Json::array(), errors = Json::array();
          for (const auto& [m, sn] : p.identifiers)
            ids.push_back({{"manufacturer", m}, {"serial_no", sn}});
          for (const auto& [row, message] : p.errors)
            errors.push_back({{"row", row}, {"message", message}});
          return Json{{"equipment_ids", p.equipment_ids}, {"identifiers", ids}, {"errors", errors}};
        });
      });
  router.Add("GET", "/api/v1/acceptance-checks/{id}", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(svc.Get(ctx.actor(), *id), CheckJson);
             });
  router.Add("GET", "/api/v1/acceptance-checks/{id}/evidence.pdf", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto pdf = svc.EvidencePdf(ctx.actor(), *id);
               if (!pdf) return ErrorResponse(pdf.error());
               Response r;
               r.content_type = "application/pdf";
               r.body = std::move(*pdf);
               r.headers.emplace_back("Content-Disposition", "attachment; filename=\"acceptance-" +
                                                                 std::to_string(*id) + ".pdf\"");
               return r;
             });

  // ---- public: the check's confirmation page, the charger lookup
  auto limiter = std::make_shared<RateLimiter>(public_per_minute);
  auto allowed = [limiter, &s](RequestContext& ctx) {
    return limiter->Allow(ctx.info().ip, s.clock.Now());
  };
  router.Add("GET", "/ac/{token}", Access::kPublic, [&svc, allowed](RequestContext& ctx) {
    if (!allowed(ctx)) return Html(429, RenderRateLimitedPage());
    auto a = svc.PublicCheck(ctx.request().params["token"]);
    if (!a && a.error().kind != ErrorKind::kNotFound) return Html(503, RenderUnavailablePage());
    return Html(a ? 200 : 404, AcceptancePage(a ? &*a : nullptr));
  });
  router.Add(
      "GET", "/api/v1/public/acceptance/{token}", Access::kPublic,
      [&svc, allowed](RequestContext& ctx) {
        if (!allowed(ctx))
          return ErrorResponse(
              {ErrorKind::kResourceExhausted, "rate_limited", "请求过于频繁，请稍后再试", {}, {}});
        return Reply(svc.PublicCheck(ctx.request().params["token"]), [](const auto& a) {
          return Json{{"project_name", a.project_name}, {"verdict", a.verdict},
                      {"checked_on", a.checked_on},     {"office_name", a.office_name},
                      {"item_count", a.item_count},     {"gap_count", a.gap_count}};
        });
      });
  router.Add("GET", "/api/v1/public/lookup", Access::kPublic, [&svc, allowed](RequestContext& ctx) {
    if (!allowed(ctx))
      return ErrorResponse(
          {ErrorKind::kResourceExhausted, "rate_limited", "请求过于频繁，请稍后再试", {}, {}});
    const auto& req = ctx.request();
    return Reply(
        svc.Lookup(req.Query("equipment_id"), req.Query("manufacturer"), req.Query("serial_no")),
        [](const services::LookupResult& r) -> Json {
          if (r.check) return PublicCheckJson(*r.check);
          const auto& i = r.instrument;
          if (i.certificate_no.empty()) return Json{{"status", "no_certificate"}};
          // A result notice (检定不合格) carries no label token.
          return Json{{"status", "failed"},
                      {"certificate",
                       {{"number", i.certificate_no},
                        {"verified_on", i.verified_on},
                        {"conclusion", "fail"},
                        {"institute_name", i.institute_name}}},
                      {"instrument",
                       {{"manufacturer", i.manufacturer},
                        {"serial_no", i.serial_no},
                        {"district", i.district_name}}}};
        });
  });
}

}  // namespace mvis::http
