// Public check of OCMF signed meter values (a driver pastes the string from a receipt or a
// charger's QR code with the meter's public key): no login, rate-limited per client.
#include <memory>

#include "exchange/ocmf.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/rate_limiter.hpp"
#include "services/exchange/exchange_service.hpp"

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

Json MeterKeyJson(const store::MeterKeyRow& k) {
  return Json{{"id", k.id},
              {"instrument_id", k.instrument_id},
              {"meter_serial", k.meter_serial},
              {"public_key", k.public_key},
              {"curve", k.curve},
              {"status", k.status},
              {"created_at", TimeOrNull(k.created_at)},
              {"revoked_at", TimeOrNull(k.revoked_at)}};
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
        if (key.size() > kMaxKey)
          return ErrorResponse({ErrorKind::kInvalidArgument,
                                "public_key_invalid",
                                "请填写电能表公钥（十六进制）",
                                "public_key",
                                {}});
        // Without a key: the one registered for the record's meter serial (MS).
        std::optional<services::PublicMeterKey> registered;
        if (key.empty()) {
          const auto parsed = exchange::ocmf::Parse(ocmf);
          if (!parsed.record.meter_serial.empty()) {
            auto found = s.exchange.FindMeterKey(parsed.record.meter_serial);
            if (!found) return ErrorResponse(found.error());
            registered = *found;
          }
          if (!registered)
            return ErrorResponse({ErrorKind::kInvalidArgument,
                                  "public_key_unknown",
                                  "该电能表未登记公钥，请填写电能表公钥（十六进制）",
                                  "public_key",
                                  {}});
        }
        const auto v = exchange::ocmf::Verify(ocmf, registered ? registered->public_key : key);
        Json out{{"valid", v.valid},
                 {"curve", v.curve},
                 {"meter_serial", v.record.meter_serial},
                 {"meter_vendor", v.record.meter_vendor},
                 {"meter_model", v.record.meter_model},
                 {"pagination", v.record.pagination},
                 {"readings", ReadingsJson(v.record.readings)}};
        if (!v.valid) out["reason"] = v.reason;
        out["registered"] = registered
                                ? Json{{"equipment_id", registered->equipment_id},
                                       {"verification_state", registered->verification_state},
                                       {"valid_until", registered->valid_until}}
                                : Json(nullptr);
        return JsonResponse(200, out);
      });

  router.Add("GET", "/api/v1/instruments/{id}/meter-keys", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(s.exchange.MeterKeys(ctx.actor(), *id), [](const auto& list) {
                 Json items = Json::array();
                 for (const auto& k : list) items.push_back(MeterKeyJson(k));
                 return Json{{"items", items}};
               });
             });
  router.Add(
      "POST", "/api/v1/instruments/{id}/meter-keys", Access::kSignedIn, [&s](RequestContext& ctx) {
        auto id = ctx.IdParam("id");
        if (!id) return ErrorResponse(id.error());
        auto body = ctx.Body();
        if (!body) return ErrorResponse(body.error());
        return Reply(s.exchange.RegisterMeterKey(ctx.actor(), *id, Str(*body, "meter_serial"),
                                                 Str(*body, "public_key")),
                     MeterKeyJson, 201);
      });
  router.Add("DELETE", "/api/v1/instruments/{id}/meter-keys/{kid}", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto kid = ctx.IdParam("kid");
               if (!kid) return ErrorResponse(kid.error());
               return ReplyEmpty(s.exchange.RevokeMeterKey(ctx.actor(), *id, *kid));
             });
}

}  // namespace mvis::http
