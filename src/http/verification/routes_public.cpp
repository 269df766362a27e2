// Public, unauthenticated endpoints behind a pass label's QR code: the HTML page /v/<token>,
// its JSON twin and the label signing public keys. Rate-limited per client.
#include <memory>

#include "domain/time.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/rate_limiter.hpp"
#include "http/verification/public_page.hpp"
#include "http/verification/views.hpp"

namespace mvis::http {
namespace {

Response Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  // The status is live (revocation, expiry): short caching only.
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                         "form-action 'none'; frame-ancestors 'none'");
  return r;
}

Response TooMany() {
  return ErrorResponse(
      {ErrorKind::kResourceExhausted, "rate_limited", "请求过于频繁，请稍后再试", {}, {}});
}

}  // namespace

void AddPublicRoutes(Router& router, AppServices& s, int per_minute) {
  auto limiter = std::make_shared<RateLimiter>(per_minute);
  auto allowed = [limiter, &s](RequestContext& ctx) {
    return limiter->Allow(ctx.info().ip, s.clock.Now());
  };

  auto page = [&s, allowed](RequestContext& ctx) {
    if (!allowed(ctx)) return Html(429, RenderRateLimitedPage());
    auto check = s.certificates.Check(ctx.request().params["token"]);
    if (!check) {
      if (check.error().code == "label_invalid") return Html(404, RenderInvalidLabelPage());
      return Html(503, RenderUnavailablePage());
    }
    return Html(200, RenderPublicPage(*check));
  };
  router.Add("GET", "/V/{token}", Access::kPublic, page);  // compact tokens (upper-case URL)
  router.Add("GET", "/v/{token}", Access::kPublic, page);  // long tokens

  router.Add("GET", "/api/v1/public/verify/{token}", Access::kPublic,
             [&s, allowed](RequestContext& ctx) {
               if (!allowed(ctx)) return TooMany();
               return Reply(s.certificates.Check(ctx.request().params["token"]), PublicCheckJson);
             });

  router.Add("GET", "/api/v1/public/keys", Access::kPublic, [&s, allowed](RequestContext& ctx) {
    if (!allowed(ctx)) return TooMany();
    return Reply(s.certificates.PublicKeys(), [](const auto& keys) {
      Json items = Json::array();
      for (const auto& k : keys) {
        items.push_back({{"kid", k.kid},
                         {"alg", "Ed25519"},
                         {"public_key", k.public_key},
                         {"key_tag", domain::Base32Encode(domain::LabelKeyTag(
                                         domain::Base64UrlDecode(k.public_key).value_or("")))},
                         {"created_at", domain::IsoUtc(k.created_at)},
                         {"not_after", domain::IsoUtc(k.not_after)},
                         {"status", k.active ? "active" : "retired"}});
      }
      return Json{{"keys", items},
                  {"token_format",
                   "compact (/V/): base32(0x02 | key tag[2] | valid until: uint16 days since "
                   "2000-01-01 | year-2000[1] | sequence: uint24 | institute code | Ed25519 "
                   "signature[64]), key tag = BLAKE2b-256(public key)[0..2]; long (/v/): "
                   "base64url(payload) '.' base64url(Ed25519 signature), payload "
                   "= v1|<number>|<valid until>|<kid>"}};
    });
  });
}

}  // namespace mvis::http
