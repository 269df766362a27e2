// Sign-up, sign-in, sessions and the caller's own account.
#include "http/accounts/views.hpp"
#include "http/api.hpp"
#include "http/context.hpp"

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
    services::RegisterInput in{Str(b, "credit_code"), Str(b, "org_name"),     Str(b, "region_code"),
                               Str(b, "address"),     Str(b, "contact_name"), Str(b, "phone"),
                               Str(b, "sms_code"),    Str(b, "username"),     Str(b, "password")};
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
  router.Add("POST", "/api/v1/auth/login", Access::kPublic, [&s, secure](RequestContext& ctx) {
    auto body = ctx.Body();
    if (!body) return ErrorResponse(body.error());
    auto login = s.auth.Login(Str(*body, "username"), Str(*body, "password"), ctx.info());
    if (!login) return ErrorResponse(login.error());
    Response r = JsonResponse(200, MeJson(login->me));
    r.headers.emplace_back(
        "Set-Cookie",
        SessionCookie(login->session_token, s.auth.config().session_absolute_seconds, secure));
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
