// Public check of OCMF signed meter values (a driver pastes the string from a receipt or a
// charger's QR code with the meter's public key): no login, rate-limited per client.
#include <memory>

#include "exchange/ocmf.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/rate_limiter.hpp"

namespace mvis::http {
namespace {

// Strings longer than any real record (a few kB) are refused before parsing.
constexpr size_t kMaxOcmf = 16 * 1024;
constexpr size_t kMaxKey = 512;

Json ReadingsJson(const std::vector<exchange::ocmf::Reading>& readings) {
  Json out = Json::array();
  for (const auto& r : readings)
    out.push_back({{"time", r.time},
                   {"type", r.type},
                   {"value", r.value},
                   {"unit", r.unit},
                   {"obis", r.obis},
                   {"status", r.status},
                   {"error_flags", r.error_flags}});
  return out;
}

}  // namespace

void AddMeterValueRoutes(Router& router, AppServices& s, int per_minute) {
  auto limiter = std::make_shared<RateLimiter>(per_minute);
  router.Add(
      "POST", "/api/v1/public/ocmf/verify", Access::kPublic, [&s, limiter](RequestContext& ctx) {
        if (!limiter->Allow(ctx.info().ip, s.clock.Now()))
          return ErrorResponse(
              {ErrorKind::kResourceExhausted, "rate_limited", "请求过于频繁，请稍后再试", {}, {}});
        auto body = ctx.Body();
        if (!body) return ErrorResponse(body.error());
        const std::string ocmf = Str(*body, "ocmf"), key = Str(*body, "public_key");
        if (ocmf.empty() || ocmf.size() > kMaxOcmf)
          return ErrorResponse({ErrorKind::kInvalidArgument,
                                "ocmf_invalid",
                                "请粘贴完整的 OCMF 计量数据（以 OCMF| 开头）",
                                "ocmf",
                                {}});
        if (key.empty() || key.size() > kMaxKey)
          return ErrorResponse({ErrorKind::kInvalidArgument,
                                "public_key_invalid",
                                "请填写电能表公钥（十六进制）",
                                "public_key",
                                {}});
        const auto v = exchange::ocmf::Verify(ocmf, key);
        Json out{{"valid", v.valid},
                 {"curve", v.curve},
                 {"meter_serial", v.record.meter_serial},
                 {"meter_vendor", v.record.meter_vendor},
                 {"meter_model", v.record.meter_model},
                 {"pagination", v.record.pagination},
                 {"readings", ReadingsJson(v.record.readings)}};
        if (!v.valid) out["reason"] = v.reason;
        return JsonResponse(200, out);
      });
}

}  // namespace mvis::http
