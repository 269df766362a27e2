// Sign-up, sign-in, sessions and the caller's own account.
#include "http/accounts/views.hpp"
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/rate_limiter.hpp"

namespace mvis::http {
namespace {

std::string SessionCookie(const std::string& token, int64_t max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

}  // namespace

void AddAuthRoutes(Router& router, AppServices& s, const ApiOptions& options) {
  router.Add("POST", "/api/v1/auth/sms-codes", Access::kPublic, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return Reply(
        s.auth.SendSmsCode(Str(*body, "phone"), Str(*body, "purpose"), ctx.info()),
        [](const services::SmsCodeSent& sent) {
          return Json{{"expires_in", sent.expires_in}, {"resend_after", sent.resend_after}};
        },
        202);
  });

  router.Add("POST", "/api/v1/auth/register", Access::kPublic, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    const Json& b = *body;
    services::RegisterInput in{
        Str(b, "credit_code"),   Str(b, "org_name"),       Str(b, "region_code"),
        Str(b, "address"),       Str(b, "contact_name"),   Str(b, "phone"),
        Str(b, "sms_code"),      Str(b, "username"),       Str(b, "password"),
        Str(b, "terms_version"), Str(b, "privacy_version")};
    return Reply(
        s.auth.RegisterEnterprise(std::move(in), ctx.info()),
        [](const services::RegisterResult& r) {
          return Json{{"user", UserJson(r.user)}, {"org", OrgJson(r.org)}};
        },
        201);
  });

  router.Add("POST", "/api/v1/auth/password-reset", Access::kPublic, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return ReplyEmpty(s.auth.ResetPassword(Str(*body, "username"), Str(*body, "phone"),
                                           Str(*body, "sms_code"), Str(*body, "new_password"),
                                           ctx.info()));
  });

  bool secure = options.cookie_secure;
  // Floods from one address are throttled here; one account's failures bring the CAPTCHA.
  auto limiter = std::make_shared<RateLimiter>(options.login_rate_per_minute);
  auto throttled = [&s, limiter](RequestContext& ctx) {
    return !limiter->Allow(ctx.info().ip, s.clock.Now());
  };
  auto too_many = [] {
    return ErrorResponse(
        {ErrorKind::kResourceExhausted, "rate_limited", "请求过于频繁，请稍后再试", {}, {}});
  };

  router.Add("POST", "/api/v1/auth/captcha", Access::kPublic,
             [&s, throttled, too_many](RequestContext& ctx) {
               if (throttled(ctx)) return too_many();
               return Reply(s.auth.NewCaptcha(), [](const services::CaptchaChallenge& c) {
                 return Json{{"id", c.id},
                             {"image", "data:image/png;base64," + Base64(c.png)},
                             {"expires_in", c.expires_in}};
               });
             });

  router.Add("POST", "/api/v1/auth/login", Access::kPublic,
             [&s, secure, throttled, too_many](RequestContext& ctx) {
               if (throttled(ctx)) return too_many();
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               auto login = s.auth.Login(Str(*body, "username"), Str(*body, "password"), ctx.info(),
                                         {Str(*body, "captcha_id"), Str(*body, "captcha_answer")});
               if (!login) return ErrorResponse(login.error());
               Response r = JsonResponse(200, MeJson(login->me));
               r.headers.emplace_back(
                   "Set-Cookie", SessionCookie(login->session_token,
                                               s.auth.config().session_absolute_seconds, secure));
               return r;
             });

  router.Add("POST", "/api/v1/auth/logout", Access::kSignedIn, [&s, secure](RequestContext& ctx) {
    auto done = s.auth.Logout(ctx.actor());
    if (!done) return ErrorResponse(done.error());
    Response r = NoContent();
    r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, secure));
    return r;
  });

  router.Add("GET", "/api/v1/me", Access::kSignedIn,
             [&s](RequestContext& ctx) { return Reply(s.auth.Me(ctx.actor()), MeJson); });

  router.Add("POST", "/api/v1/me/password", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    return ReplyEmpty(s.auth.ChangePassword(ctx.actor(), Str(*body, "current_password"),
                                            Str(*body, "new_password")));
  });
}

}  // namespace mvis::http
