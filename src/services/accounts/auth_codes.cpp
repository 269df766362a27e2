// What a one-time SMS code unlocks: sending the code, registering an enterprise and resetting a
// password. The code is kept only as a keyed hash; its attempts are spent before comparing.
#include <algorithm>
#include <cctype>

#include "domain/audit_chain.hpp"
#include "domain/credit_code.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "services/accounts/auth_service.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "services/core/passwords.hpp"
#include "store/codes_store.hpp"
#include "store/org_documents_store.hpp"
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

std::unexpected<Error> SmsCodeInvalid() {
  return InvalidField("sms_code", "sms_code_invalid", "短信验证码错误或已过期，请重新获取");
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
        {"auth.sms_code.send", "phone", domain::MaskPhone(phone), "用途：" + purpose_name});
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
  if (in.terms_version != ctx_.config.site.terms_version ||
      in.privacy_version != ctx_.config.site.privacy_version) {
    errors.push_back({"consent", "consent_required", "请阅读并同意《用户协议》和《隐私政策》"});
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
    store::InsertConsent(tx, user.id, "terms", in.terms_version, now, request.ip);
    store::InsertConsent(tx, user.id, "privacy", in.privacy_version, now, request.ip);

    Actor actor = MakeActor(tx, user);
    actor.request = request;
    Work w(tx, actor, now);
    Audit(w, {"auth.register", "org", std::to_string(org.id),
              "企业 " + org.name + "（" + org.credit_code + "），用户 " + user.username +
                  "，手机 " + domain::MaskPhone(in.phone) + "；同意用户协议（" + in.terms_version +
                  "）和隐私政策（" + in.privacy_version + "）"});
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
                      "找回密码被拒绝", "failed"});
      return false;
    }
    store::SetPasswordHash(tx, user->id, hash, now);
    store::DeleteUserSessions(tx, user->id, 0);
    Actor actor = MakeActor(tx, *user);
    actor.request = request;
    Work w(tx, actor, now);
    Audit(w, {"auth.password.reset", "user", std::to_string(user->id),
              "凭短信验证码重置密码；解除锁定，结束全部会话"});
    return true;
  });
  if (!outcome) return std::unexpected(outcome.error());
  if (!*outcome) return failed();
  return {};
}

}  // namespace mvis::services
