#include "services/accounts/auth_service.hpp"

#include <algorithm>
#include <cctype>

#include "domain/audit_chain.hpp"
#include "domain/credit_code.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "services/core/passwords.hpp"
#include "store/codes_store.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"
#include "store/sessions_store.hpp"

namespace mvis::services {
namespace {

using domain::Trim;

std::unexpected<Error> LoginFailed() {
  return Fail(ErrorKind::kUnauthenticated, "login_failed", "用户名或密码错误");
}

std::unexpected<Error> CaptchaError(const std::string& code) {
  return Fail(
      ErrorKind::kUnauthenticated, code,
      code == "captcha_required" ? "请输入图形验证码" : "图形验证码错误或已过期，请重新输入");
}

// Precomputed so that a login for an unknown user costs as much as one for a known user.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("timing-equaliser-not-a-password");
  return hash;
}

}  // namespace

Status CheckUsername(const std::string& username) {
  bool ok = username.size() >= 3 && username.size() <= 32;
  for (unsigned char c : username) {
    ok = ok && (std::isalnum(c) || c == '_' || c == '.' || c == '-');
  }
  if (!ok) {
    return InvalidField("username", "username_invalid",
                        "用户名须为3至32位字母、数字、下划线、点或连字符");
  }
  return {};
}

AuthService::AuthService(const ServiceContext& ctx, const SecretKeys& keys,
                         std::function<void()> on_sms_queued)
    : ctx_(ctx), keys_(keys), on_sms_queued_(std::move(on_sms_queued)) {}

Result<LoginResult> AuthService::Login(const std::string& raw_username, const std::string& password,
                                       const RequestInfo& request, const CaptchaAnswer& captcha) {
  const std::string username = Trim(raw_username);
  if (username.empty() || password.empty() || username.size() > 64 || password.size() > 1024) {
    return LoginFailed();
  }
  auto user = ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<store::UserRow>> {
    return store::FindUserByUsername(tx, username);
  });
  if (!user) return std::unexpected(user.error());
  const auto& config = ctx_.config;
  // Without the CAPTCHA the password is not even checked (and nothing is counted).
  if (*user && (*user)->failed_logins >= config.captcha_after_failures && captcha.id.empty())
    return CaptchaError("captcha_required");
  // Verify outside the transaction: Argon2id is deliberately slow.
  const bool password_ok = VerifyPassword(*user ? (*user)->password_hash : DummyHash(), password);

  const int64_t now = ctx_.clock.Now();
  struct Outcome {
    std::optional<Error> error;
    LoginResult result;
  };
  auto outcome = ctx_.db.Write([&](store::Tx& tx) -> Result<Outcome> {
    // Locked: concurrent failures count one after the other.
    auto current = store::FindUserByUsername(tx, username, /*for_update=*/true);
    if (!current) {
      AuditAnonymous(tx, now, request, username,
                     {"auth.login", "user", "", "用户名不存在", "failed"});
      return Outcome{LoginFailed().error(), {}};
    }
    Actor actor = MakeActor(tx, *current);
    actor.request = request;
    Work w(tx, actor, now);
    const std::string id = std::to_string(current->id);
    if (current->status != domain::AccountStatus::kActive) {
      Audit(w, {"auth.login", "user", id, "账号已停用", "denied"});
      return Outcome{
          Error{
              ErrorKind::kPermissionDenied, "account_disabled", "账户已停用，请联系管理员", {}, {}},
          {}};
    }
    if (current->locked_until > now) {
      Audit(w, {"auth.login", "user", id, "账号已锁定", "denied"});
      int64_t minutes = (current->locked_until - now + 59) / 60;
      return Outcome{
          Error{ErrorKind::kResourceExhausted,
                "account_locked",
                "密码错误次数过多，账户已锁定，请" + std::to_string(minutes) + "分钟后重试",
                {},
                {}},
          {}};
    }
    if (current->failed_logins >= config.captcha_after_failures) {
      // Checked (and the challenge used up) before the password; neither answer counts.
      std::string problem = CheckCaptcha(tx, captcha, now);
      if (!problem.empty()) {
        if (problem == "captcha_invalid") {
          Audit(w, {"auth.login", "user", id, "图形验证码错误", "failed"});
        }
        return Outcome{CaptchaError(problem).error(), {}};
      }
    }
    if (!password_ok) {
      int failures = current->failed_logins + 1;
      bool lock = failures >= config.lockout_threshold;
      store::SetLoginFailures(tx, current->id, lock ? 0 : failures,
                              lock ? now + config.lockout_seconds : 0);
      Audit(w, {"auth.login", "user", id,
                lock ? "密码错误，账号锁定 " + std::to_string(config.lockout_seconds / 60) + " 分钟"
                     : "密码错误（连续第 " + std::to_string(failures) + " 次）",
                "failed"});
      return Outcome{LoginFailed().error(), {}};
    }
    if (current->failed_logins != 0 || current->locked_until != 0) {
      store::SetLoginFailures(tx, current->id, 0, 0);
    }
    LoginResult result;
    result.session_token = RandomToken(32);  // 256 bits
    store::SessionRow session{
        0,          domain::Sha256Hex(result.session_token), current->id, RandomToken(24), now, now,
        request.ip, request.user_agent.substr(0, 255)};
    session.id = store::InsertSession(tx, session);
    Audit(w, {"auth.login", "user", id, "登录成功", "ok"});
    result.me.user = ViewOf(*current, now);
    if (current->org_id) result.me.org = store::FindOrg(tx, *current->org_id);
    result.me.scope = actor.scope;
    result.me.region_codes = actor.region_codes;
    result.me.csrf_token = session.csrf_token;
    return Outcome{std::nullopt, std::move(result)};
  });
  if (!outcome) return std::unexpected(outcome.error());
  if (outcome->error) return std::unexpected(*outcome->error);
  return std::move(outcome->result);
}

Result<Actor> AuthService::Authenticate(const std::string& token, const RequestInfo& request) {
  auto unauthenticated = [] {
    return Fail(ErrorKind::kUnauthenticated, "unauthenticated", "请先登录");
  };
  if (token.empty() || token.size() > 128) return unauthenticated();
  const int64_t now = ctx_.clock.Now();
  const std::string token_hash = domain::Sha256Hex(token);
  struct Found {
    std::optional<store::SessionRow> session;
    std::optional<store::UserRow> user;
    Actor actor;
  };
  auto found = ctx_.db.Read([&](store::Tx& tx) -> Result<Found> {
    Found f;
    f.session = store::FindSessionByTokenHash(tx, token_hash);
    if (f.session) f.user = store::FindUser(tx, f.session->user_id);
    if (f.user) f.actor = MakeActor(tx, *f.user);
    return f;
  });
  if (!found) return std::unexpected(found.error());
  if (!found->session || !found->user || found->user->status != domain::AccountStatus::kActive)
    return unauthenticated();
  const auto& s = *found->session;
  const auto& config = ctx_.config;
  bool expired = now - s.last_seen_at > config.session_idle_seconds ||
                 now - s.created_at > config.session_absolute_seconds;
  if (expired || now - s.last_seen_at >= 60) {
    auto touched = ctx_.db.Write([&](store::Tx& tx) -> Status {
      if (expired) {
        store::DeleteSession(tx, s.id);
      } else {
        store::TouchSession(tx, s.id, now);
      }
      return {};
    });
    if (!touched) return std::unexpected(touched.error());
  }
  if (expired)
    return Fail(ErrorKind::kUnauthenticated, "session_expired", "登录已超时，请重新登录");
  Actor actor = std::move(found->actor);
  actor.session_id = s.id;
  actor.csrf_token = s.csrf_token;
  actor.request = request;
  return actor;
}

Status AuthService::Logout(const Actor& actor) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    store::DeleteSession(w.tx, actor.session_id);
    Audit(w, {"auth.logout", "user", std::to_string(actor.user_id), "退出登录"});
    return {};
  });
}

Result<MeView> AuthService::Me(const Actor& actor) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<MeView> {
    auto user = store::FindUser(tx, actor.user_id);
    if (!user) return Fail(ErrorKind::kUnauthenticated, "unauthenticated", "请先登录");
    MeView me;
    me.user = ViewOf(*user, ctx_.clock.Now());
    if (user->org_id) me.org = store::FindOrg(tx, *user->org_id);
    me.scope = actor.scope;
    me.region_codes = actor.region_codes;
    me.csrf_token = actor.csrf_token;
    return me;
  });
}

Status AuthService::ChangePassword(const Actor& actor, const std::string& current_password,
                                   const std::string& new_password) {
  auto user = ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<store::UserRow>> {
    return store::FindUser(tx, actor.user_id);
  });
  if (!user) return std::unexpected(user.error());
  if (!*user) return Fail(ErrorKind::kUnauthenticated, "unauthenticated", "请先登录");
  if (!VerifyPassword((*user)->password_hash, current_password)) {
    return InvalidField("current_password", "current_password_wrong", "当前密码不正确");
  }
  if (new_password == current_password) {
    return InvalidField("new_password", "password_unchanged", "新密码不能与当前密码相同");
  }
  if (auto p = domain::CheckPassword(ctx_.config.password_policy, new_password, actor.username);
      !p) {
    Error e = p.error();
    e.field = "new_password";
    return std::unexpected(e);
  }
  const std::string hash = HashPassword(new_password);
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    store::SetPasswordHash(w.tx, actor.user_id, hash, w.now);
    store::DeleteUserSessions(w.tx, actor.user_id, actor.session_id);
    Audit(w, {"auth.password.change", "user", std::to_string(actor.user_id),
              "修改密码；结束其他会话"});
    return {};
  });
}

}  // namespace mvis::services
