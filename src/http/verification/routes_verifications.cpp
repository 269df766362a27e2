// Verification records with their sign-off, and certificates with PDFs, labels, revision and
// revocation (docs/verification.md).
#include "http/accounts/views.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/registry/views.hpp"
#include "http/verification/views.hpp"

namespace mvis::http {
namespace {

std::optional<double> Number(const Json& b, const char* key) {
  auto it = b.find(key);
  if (it == b.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

int64_t IdField(const Json& b, const char* key) {
  auto it = b.find(key);
  return it != b.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

Result<services::VerificationInput> InputOf(const Json& b) {
  services::VerificationInput in;
  in.appointment_id = IdField(b, "appointment_id");
  in.instrument_id = IdField(b, "instrument_id");
  in.kind = Str(b, "kind");
  in.verified_on = Str(b, "verified_on");
  if (auto it = b.find("standard_ids"); it != b.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (!v.is_number_integer())
        return InvalidField("standard_ids", "invalid_id", "标准器编号无效");
      in.standard_ids.push_back(v.get<int64_t>());
    }
  }
  in.temperature_c = Number(b, "temperature_c");
  in.humidity_pct = Number(b, "humidity_pct");
  in.insulation_mohm = Number(b, "insulation_mohm");
  if (auto it = b.find("checklist"); it != b.end() && it->is_array()) {
    for (const auto& c : *it) {
      if (!c.is_object() || !c.contains("pass") || !c["pass"].is_boolean())
        return InvalidField("checklist", "checklist_invalid", "外观及功能检查项格式无效");
      in.checklist.push_back({Str(c, "item"), c["pass"].get<bool>(), Str(c, "note")});
    }
  }
  if (auto it = b.find("load_points"); it != b.end() && it->is_array()) {
    for (const auto& p : *it) {
      if (!p.is_object())
        return InvalidField("load_points", "load_point_invalid", "负载点格式无效");
      auto cur = Number(p, "current_a");
      auto vol = Number(p, "voltage_v");
      auto std_e = Number(p, "standard_energy_kwh");
      auto chg = Number(p, "charger_energy_kwh");
      if (!cur || !vol || !std_e || !chg) {
        return InvalidField("load_points", "load_point_invalid",
                            "每个负载点须录入电流、电压、标准电能和被检电能");
      }
      in.load_points.push_back({*cur, *vol, *std_e, *chg});
    }
  }
  in.clock_error_s = Number(b, "clock_error_s");
  return in;
}

io::LabelLayout LayoutOf(const Request& r, bool sheet_default) {
  io::LabelLayout layout;
  auto num = [&](const char* key, double fallback) {
    std::string v = r.Query(key);
    if (v.empty()) return fallback;
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    return end && *end == '\0' ? d : -1.0;  // rejected by the renderer's range check
  };
  layout.width_mm = num("width_mm", 50);
  layout.height_mm = num("height_mm", 30);
  std::string kind = r.Query("layout");
  layout.sheet = kind.empty() ? sheet_default : kind == "sheet";
  return layout;
}

Response Pdf(const Result<std::string>& bytes, const std::string& filename) {
  if (!bytes) return ErrorResponse(bytes.error());
  Response r;
  r.content_type = "application/pdf";
  r.body = *bytes;
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// Certificate numbers are letters, digits and '-'; anything else cannot exist.
bool PlausibleNumber(const std::string& n) {
  return !n.empty() && n.size() <= 40 && std::all_of(n.begin(), n.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

}  // namespace

void AddVerificationRoutes(Router& router, AppServices& s) {
  auto& certs = s.certificates;
  router.Add("GET", "/api/v1/verifications", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    auto q = VerificationQueryOf(ctx);
    if (!q) return ErrorResponse(q.error());
    return Reply(s.verifications.List(ctx.actor(), *q, *page), [&s](const auto& p) {
      return PageJson(
          p, [&s](const auto& v) { return VerificationJson(v, s.certificates.public_url()); });
    });
  });

  auto reply = [&certs](const Result<services::VerificationView>& v, int status = 200) {
    return Reply(
        v, [&certs](const auto& x) { return VerificationJson(x, certs.public_url()); }, status);
  };

  router.Add("POST", "/api/v1/verifications", Access::kSignedIn, [&s, reply](RequestContext& ctx) {
    auto b = ctx.Body();
    if (!b) return ErrorResponse(b.error());
    auto in = InputOf(*b);
    if (!in) return ErrorResponse(in.error());
    return reply(s.verifications.Create(ctx.actor(), *in), 201);
  });

  router.Add("GET", "/api/v1/verifications/{id}", Access::kSignedIn,
             [&s, reply](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return reply(s.verifications.Get(ctx.actor(), *id));
             });

  router.Add("PUT", "/api/v1/verifications/{id}", Access::kSignedIn,
             [&s, reply](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto b = ctx.Body();
               if (!b) return ErrorResponse(b.error());
               auto in = InputOf(*b);
               if (!in) return ErrorResponse(in.error());
               return reply(s.verifications.Update(ctx.actor(), *id, *in));
             });

  router.Add(
      "POST", "/api/v1/verifications/{id}/sign", Access::kSignedIn,
      [&s, reply](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        auto b = ctx.Body();
        if (!b) return ErrorResponse(b.error());
        return reply(s.verifications.Sign(ctx.actor(), *id, Str(*b, "duty"), Str(*b, "password")));
      });

  router.Add("POST", "/api/v1/verifications/{id}/send-back", Access::kSignedIn,
             [&s, reply](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto b = ctx.Body();
               if (!b) return ErrorResponse(b.error());
               return reply(s.verifications.SendBack(ctx.actor(), *id, Str(*b, "reason")));
             });

  router.Add("GET", "/api/v1/certificates", Access::kSignedIn, [&certs](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    auto q = CertificateQueryOf(ctx);
    if (!q) return ErrorResponse(q.error());
    return Reply(certs.List(ctx.actor(), *q, *page), [&certs](const auto& p) {
      return PageJson(p, [&certs](const auto& v) {
        return CertificateJson(v.certificate, v.live_status, certs.public_url());
      });
    });
  });

  // Registered before /certificates/{number} so "labels.pdf" is not taken for a number.
  router.Add(
      "GET", "/api/v1/certificates/labels.pdf", Access::kSignedIn, [&certs](RequestContext& ctx) {
        std::vector<std::string> numbers;
        std::string list = ctx.request().Query("numbers");
        size_t start = 0;
        while (start <= list.size() && !list.empty()) {
          size_t comma = std::min(list.find(',', start), list.size());
          if (comma > start) numbers.push_back(list.substr(start, comma - start));
          start = comma + 1;
        }
        return Pdf(certs.Labels(ctx.actor(), numbers, LayoutOf(ctx.request(), true)), "labels.pdf");
      });

  router.Add("GET", "/api/v1/certificates/{number}", Access::kSignedIn,
             [&certs](RequestContext& ctx) {
               std::string number = ctx.request().params["number"];
               if (!PlausibleNumber(number)) return ErrorResponse(NotFound("证书").error());
               return Reply(certs.Get(ctx.actor(), number), [&certs](const auto& v) {
                 return CertificateViewJson(v, certs.public_url());
               });
             });

  router.Add("GET", "/api/v1/certificates/{number}/pdf", Access::kSignedIn,
             [&certs](RequestContext& ctx) {
               std::string number = ctx.request().params["number"];
               if (!PlausibleNumber(number)) return ErrorResponse(NotFound("证书").error());
               std::optional<int> revision;
               if (auto r = ctx.request().Query("revision"); !r.empty()) {
                 revision = std::atoi(r.c_str());
                 if (*revision <= 0)
                   return ErrorResponse(
                       InvalidField("revision", "revision_invalid", "修订版本号无效").error());
               }
               return Pdf(certs.Pdf(ctx.actor(), number, revision), number + ".pdf");
             });

  router.Add("GET", "/api/v1/certificates/{number}/label.pdf", Access::kSignedIn,
             [&certs](RequestContext& ctx) {
               std::string number = ctx.request().params["number"];
               if (!PlausibleNumber(number)) return ErrorResponse(NotFound("证书").error());
               return Pdf(certs.Labels(ctx.actor(), {number}, LayoutOf(ctx.request(), false)),
                          number + "-label.pdf");
             });

  for (const char* action : {"revise", "revoke"}) {
    bool revise = std::string(action) == "revise";
    router.Add("POST", std::string("/api/v1/certificates/{number}/") + action, Access::kSignedIn,
               [&certs, revise](RequestContext& ctx) {
                 std::string number = ctx.request().params["number"];
                 if (!PlausibleNumber(number)) return ErrorResponse(NotFound("证书").error());
                 auto b = ctx.Body();
                 if (!b) return ErrorResponse(b.error());
                 std::string reason = Str(*b, "reason");
                 std::string password = Str(*b, "password");
                 auto result = revise ? certs.Revise(ctx.actor(), number, reason, password)
                                      : certs.Revoke(ctx.actor(), number, reason, password);
                 return Reply(result, [&certs](const auto& v) {
                   return CertificateViewJson(v, certs.public_url());
                 });
               });
  }
}

}  // namespace mvis::http
