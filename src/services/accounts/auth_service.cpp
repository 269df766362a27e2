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

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::unexpected<Error> FieldErrors(std::vector<FieldError> fields) {
  Error e{ErrorKind::kInvalidArgument, fields.front().code, fields.front().message,
          fields.front().field, std::move(fields)};
  return std::unexpected(std::move(e));
}

std::unexpected<Error> LoginFailed() {
  return Fail(ErrorKind::kUnauthenticated, "login_failed", "用户名或密码错误");
}

std::unexpected<Error> SmsCodeInvalid() {
  return InvalidField("sms_code", "sms_code_invalid", "短信验证码错误或已过期，请重新获取");
}

// Precomputed so that a login for an unknown user costs as much as one for a known user.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("timing-equaliser-not-a-password");
  return hash;
}

// What the stored hash of a one-time code covers: the phone, the purpose and the code.
std::string CodeSubject(const std::string& phone, domain::CodePurpose purpose,
                        const std::string& code) {
  return phone + "|" + std::string(ToString(purpose)) + "|" + code;
}

// Checks a one-time code inside the caller's transaction: spends one of its attempts (committed
// even when the code is wrong), then compares. The code's id when `code` is the active code for
// phone and purpose; the caller marks it used once the rest of the request holds.
std::optional<int64_t> MatchCode(store::Tx& tx, const std::string& secret, const std::string& phone,
                                 domain::CodePurpose purpose, const std::string& code,
                                 int max_attempts, int64_t now) {
  auto active = store::LatestActiveCode(tx, phone, purpose, now);
  if (!active || !store::TakeCodeAttempt(tx, active->id, max_attempts)) return std::nullopt;
  if (active->code_hash != KeyedHash(secret, CodeSubject(phone, purpose, code)))
    return std::nullopt;
  return active->id;
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

Result<SmsCodeSent> AuthService::SendSmsCode(const std::string& raw_phone,
                                             const std::string& purpose_name,
                                             const RequestInfo& request) {
  std::string phone = Trim(raw_phone);
  if (!domain::IsValidMobile(phone)) {
    return InvalidField("phone", "phone_invalid", "请输入正确的11位手机号码");
  }
  const auto purpose = domain::ParseCodePurpose(purpose_name);
  if (!purpose) return InvalidField("purpose", "purpose_invalid", "验证码用途无效");
  const auto& config = ctx_.config;
  const int64_t now = ctx_.clock.Now();
  auto sent = ctx_.db.Write([&](store::Tx& tx) -> Status {
    // Counting and inserting must not interleave with another request for the same phone or
    // address (always phone first, then address: no lock cycle).
    store::LockKey(tx, "sms-code:phone:" + phone);
    store::LockKey(tx, "sms-code:ip:" + request.ip);
    if (store::CountCodesForPhoneSince(tx, phone, now - config.sms_resend_seconds) > 0 ||
        store::CountCodesForPhoneSince(tx, phone, now - 86400) >= config.sms_per_phone_per_day ||
        store::CountCodesForIpSince(tx, request.ip, now - 3600) >= config.sms_per_ip_per_hour) {
      return Fail(ErrorKind::kResourceExhausted, "sms_rate_limited",
                  "验证码发送过于频繁，请稍后再试");
    }
    std::string code = SixDigitCode();
    store::InsertCode(
        tx, store::CodeRow{0, phone, *purpose,
                           KeyedHash(keys_.code_hash_key(), CodeSubject(phone, *purpose, code)),
                           request.ip, now, now + config.sms_code_ttl_seconds, 0});
    NotifySealed(tx, now, phone, SmsCodeNotice(code, *purpose, config.sms_code_ttl_seconds / 60),
                 code, keys_);
    AuditAnonymous(
        tx, now, request, "",
        {"auth.sms_code.send", "phone", domain::MaskPhone(phone), "purpose=" + purpose_name});
    return {};
  });
  if (!sent) return std::unexpected(sent.error());
  if (on_sms_queued_) on_sms_queued_();
  return SmsCodeSent{config.sms_code_ttl_seconds, config.sms_resend_seconds};
}

Result<RegisterResult> AuthService::RegisterEnterprise(RegisterInput in,
                                                       const RequestInfo& request) {
  in.credit_code = Upper(Trim(in.credit_code));
  in.org_name = Trim(in.org_name);
  in.address = Trim(in.address);
  in.contact_name = Trim(in.contact_name);
  in.phone = Trim(in.phone);
  in.username = Trim(in.username);
  in.sms_code = Trim(in.sms_code);

  std::vector<FieldError> errors;
  auto require = [&](const std::string& value, const char* field, const char* message) {
    if (value.empty() || value.size() > 200)
      errors.push_back({field, std::string(field) + "_required", message});
  };
  if (!domain::IsValidCreditCode(in.credit_code)) {
    errors.push_back({"credit_code", "credit_code_invalid", "统一社会信用代码格式或校验位不正确"});
  }
  require(in.org_name, "org_name", "请填写企业名称");
  require(in.address, "address", "请填写企业地址");
  require(in.contact_name, "contact_name", "请填写联系人");
  if (!domain::IsValidMobile(in.phone)) {
    errors.push_back({"phone", "phone_invalid", "请输入正确的11位手机号码"});
  }
  if (auto u = CheckUsername(in.username); !u) {
    errors.push_back({"username", u.error().code, u.error().message});
  }
  if (auto p = domain::CheckPassword(ctx_.config.password_policy, in.password, in.username); !p) {
    errors.push_back({"password", p.error().code, p.error().message});
  }
  if (in.sms_code.size() != 6) {
    errors.push_back({"sms_code", "sms_code_invalid", "请输入6位短信验证码"});
  }
  if (!errors.empty()) return FieldErrors(std::move(errors));

  const std::string password_hash = HashPassword(in.password);
  const int64_t now = ctx_.clock.Now();
  struct Outcome {
    bool code_rejected = false;
    RegisterResult result;
  };
  auto outcome = ctx_.db.Write([&](store::Tx& tx) -> Result<Outcome> {
    auto region = store::FindRegion(tx, in.region_code);
    if (!region || !region->IsDistrictLike()) {
      return InvalidField("region_code", "region_invalid", "请选择企业所在的区（功能区）");
    }
    if (store::FindOrgByCreditCode(tx, in.credit_code)) {
      return Fail(ErrorKind::kConflict, "credit_code_taken",
                  "该统一社会信用代码已注册，如需开通账号请联系本单位已注册的管理员",
                  "credit_code");
    }
    if (store::FindUserByUsername(tx, in.username)) {
      return Fail(ErrorKind::kConflict, "username_taken", "用户名已被使用，请更换", "username");
    }
    auto code = MatchCode(tx, keys_.code_hash_key(), in.phone, domain::CodePurpose::kRegister,
                          in.sms_code, ctx_.config.sms_code_max_attempts, now);
    if (!code || !store::MarkCodeUsed(tx, *code, now)) {
      return Outcome{true, {}};  // committed: the spent attempt counts
    }

    domain::Organisation org;
    org.kind = domain::OrgKind::kEnterprise;
    org.name = in.org_name;
    org.credit_code = in.credit_code;
    org.region_code = in.region_code;
    org.address = in.address;
    org.contact_name = in.contact_name;
    org.contact_phone = in.phone;
    org.created_at = now;
    org.id = store::InsertOrg(tx, org);

    store::UserRow user;
    user.username = in.username;
    user.password_hash = password_hash;
    user.role = domain::Role::kEnterprise;
    user.org_id = org.id;
    user.display_name = in.contact_name;
    user.phone = in.phone;
    user.created_at = now;
    user.password_changed_at = now;
    user.id = store::InsertUser(tx, user);

    Actor actor = MakeActor(tx, user);
    actor.request = request;
    Work w(tx, actor, now);
    Audit(w, {"auth.register", "org", std::to_string(org.id),
              "enterprise " + org.name + " (" + org.credit_code + "), user " + user.username +
                  ", phone " + domain::MaskPhone(in.phone)});
    Notify(w, ToUser{user.id},
           {"welcome", "注册成功",
            "贵单位“" + org.name + "”已在强制检定计量器具管理信息系统注册成功，登录用户名：" +
                user.username + "。"});
    auto saved_user = store::FindUser(tx, user.id);
    auto saved_org = store::FindOrg(tx, org.id);
    if (!saved_user || !saved_org) return Internal("registered enterprise vanished");
    return Outcome{false, {ViewOf(*saved_user, now), *saved_org}};
  });
  if (!outcome) return std::unexpected(outcome.error());
  if (outcome->code_rejected) return SmsCodeInvalid();
  if (on_sms_queued_) on_sms_queued_();
  return outcome->result;
}

Result<LoginResult> AuthService::Login(const std::string& raw_username, const std::string& password,
                                       const RequestInfo& request) {
  const std::string username = Trim(raw_username);
  if (username.empty() || password.empty() || username.size() > 64 || password.size() > 1024) {
    return LoginFailed();
  }
  auto user = ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<store::UserRow>> {
    return store::FindUserByUsername(tx, username);
  });
  if (!user) return std::unexpected(user.error());
  // Verify outside the transaction: Argon2id is deliberately slow.
  const bool password_ok = VerifyPassword(*user ? (*user)->password_hash : DummyHash(), password);

  const auto& config = ctx_.config;
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
                     {"auth.login", "user", "", "unknown user", "failed"});
      return Outcome{LoginFailed().error(), {}};
    }
    Actor actor = MakeActor(tx, *current);
    actor.request = request;
    Work w(tx, actor, now);
    const std::string id = std::to_string(current->id);
    if (current->status != domain::AccountStatus::kActive) {
      Audit(w, {"auth.login", "user", id, "account disabled", "denied"});
      return Outcome{
          Error{
              ErrorKind::kPermissionDenied, "account_disabled", "账户已停用，请联系管理员", {}, {}},
          {}};
    }
    if (current->locked_until > now) {
      Audit(w, {"auth.login", "user", id, "account locked", "denied"});
      int64_t minutes = (current->locked_until - now + 59) / 60;
      return Outcome{
          Error{ErrorKind::kResourceExhausted,
                "account_locked",
                "密码错误次数过多，账户已锁定，请" + std::to_string(minutes) + "分钟后重试",
                {},
                {}},
          {}};
    }
    if (!password_ok) {
      int failures = current->failed_logins + 1;
      bool lock = failures >= config.lockout_threshold;
      store::SetLoginFailures(tx, current->id, lock ? 0 : failures,
                              lock ? now + config.lockout_seconds : 0);
      Audit(w, {"auth.login", "user", id,
                lock ? "wrong password; account locked for " +
                           std::to_string(config.lockout_seconds / 60) + " min"
                     : "wrong password (" + std::to_string(failures) + " consecutive)",
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
    Audit(w, {"auth.login", "user", id, "signed in", "ok"});
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
    Audit(w, {"auth.logout", "user", std::to_string(actor.user_id), "signed out"});
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

Status AuthService::ResetPassword(const std::string& raw_username, const std::string& raw_phone,
                                  const std::string& raw_code, const std::string& new_password,
                                  const RequestInfo& request) {
  const std::string username = Trim(raw_username), phone = Trim(raw_phone), code = Trim(raw_code);
  auto failed = [] {
    return Fail(ErrorKind::kInvalidArgument, "reset_failed", "用户名、手机号或短信验证码不正确");
  };
  if (username.empty() || !domain::IsValidMobile(phone) || code.size() != 6) return failed();
  if (auto p = domain::CheckPassword(ctx_.config.password_policy, new_password, username); !p) {
    Error e = p.error();
    e.field = "new_password";
    return std::unexpected(e);
  }
  const std::string hash = HashPassword(new_password);
  const int64_t now = ctx_.clock.Now();
  auto outcome = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
    auto user = store::FindUserByUsername(tx, username);
    auto matched = MatchCode(tx, keys_.code_hash_key(), phone, domain::CodePurpose::kResetPassword,
                             code, ctx_.config.sms_code_max_attempts, now);
    if (!matched || !user || user->phone != phone ||
        user->status != domain::AccountStatus::kActive || !store::MarkCodeUsed(tx, *matched, now)) {
      // Committed: the spent attempt counts.
      AuditAnonymous(tx, now, request, username,
                     {"auth.password.reset", "user", user ? std::to_string(user->id) : "",
                      "reset refused", "failed"});
      return false;
    }
    store::SetPasswordHash(tx, user->id, hash, now);
    store::DeleteUserSessions(tx, user->id, 0);
    Actor actor = MakeActor(tx, *user);
    actor.request = request;
    Work w(tx, actor, now);
    Audit(w, {"auth.password.reset", "user", std::to_string(user->id),
              "password reset by SMS code; lockout cleared; sessions ended"});
    return true;
  });
  if (!outcome) return std::unexpected(outcome.error());
  if (!*outcome) return failed();
  return {};
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
              "password changed; other sessions ended"});
    return {};
  });
}

}  // namespace mvis::services
