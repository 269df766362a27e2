// Sign-up, sign-in and sessions: SMS one-time codes, enterprise self-registration, password
// login with lockout, server-side sessions with idle and absolute expiry, password change.
//
// Thread safety: one instance serves all request threads; it holds no mutable state.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/organisation.hpp"
#include "services/accounts/user_view.hpp"
#include "services/core/context.hpp"
#include "services/core/secrets.hpp"

namespace mvis::services {

// What GET /me shows: the user, the organisation and the data scope.
struct MeView {
  UserView user;
  std::optional<domain::Organisation> org;
  domain::ScopeKind scope = domain::ScopeKind::kOrg;
  std::vector<std::string> region_codes;
  std::string csrf_token;
};

struct LoginResult {
  std::string session_token;  // goes into the cookie; only its hash is stored
  MeView me;
};

struct RegisterInput {
  std::string credit_code;
  std::string org_name;
  std::string region_code;
  std::string address;
  std::string contact_name;
  std::string phone;
  std::string sms_code;
  std::string username;
  std::string password;
  // The versions of the 用户协议 and 隐私政策 the user accepted (must be the current ones).
  std::string terms_version;
  std::string privacy_version;
};

struct RegisterResult {
  UserView user;
  domain::Organisation org;
};

// A login CAPTCHA (图形验证码) to show: its id goes back with the answer.
struct CaptchaChallenge {
  std::string id;
  std::string png;
  int64_t expires_in = 0;
};

struct CaptchaAnswer {
  std::string id;
  std::string answer;
};

struct SmsCodeSent {
  int64_t expires_in = 0;
  int64_t resend_after = 0;
};

class AuthService {
 public:
  // `keys` hash the one-time codes and seal their SMS; `on_sms_queued` wakes the SMS dispatcher.
  AuthService(const ServiceContext& ctx, const SecretKeys& keys,
              std::function<void()> on_sms_queued = {});

  // Sends a 6-digit code for `purpose` ("register" or "reset_password") to `phone`.
  // Errors: phone_invalid, purpose_invalid, sms_rate_limited.
  Result<SmsCodeSent> SendSmsCode(const std::string& phone, const std::string& purpose,
                                  const RequestInfo& request);

  // Creates an enterprise organisation and its first user. Errors: field validation
  // (credit_code_invalid, phone_invalid, password_too_weak, …), sms_code_invalid,
  // credit_code_taken, username_taken.
  Result<RegisterResult> RegisterEnterprise(RegisterInput input, const RequestInfo& request);

  // Errors: login_failed (wrong name or password), account_locked, account_disabled;
  // captcha_required when the account has `captcha_after_failures` consecutive failures and no
  // CAPTCHA answer came (not counted as a failure, the password is not even checked);
  // captcha_invalid when the answer is wrong or the challenge expired or was used (not counted).
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const RequestInfo& request, const CaptchaAnswer& captcha = {});

  // A fresh single-use CAPTCHA challenge (4 characters, case-insensitive).
  Result<CaptchaChallenge> NewCaptcha();
  // Where CAPTCHA texts come from: random by default; tests set a known text (like the clock).
  void SetCaptchaTextSource(std::function<std::string()> source) {
    captcha_text_ = std::move(source);
  }

  // Resolves a session token to an actor. Errors: unauthenticated, session_expired.
  Result<Actor> Authenticate(const std::string& session_token, const RequestInfo& request);

  Status Logout(const Actor& actor);
  Result<MeView> Me(const Actor& actor);
  // Self-service reset (忘记密码): the account's phone must match and carry a valid
  // reset_password code. Ends all sessions and clears a lockout. Errors: reset_failed (one
  // answer for unknown user, wrong phone or wrong code), password_too_weak.
  Status ResetPassword(const std::string& username, const std::string& phone,
                       const std::string& sms_code, const std::string& new_password,
                       const RequestInfo& request);

  // Changes the caller's password and ends their other sessions.
  Status ChangePassword(const Actor& actor, const std::string& current_password,
                        const std::string& new_password);

  const ServiceConfig& config() const { return ctx_.config; }

 private:
  const ServiceContext& ctx_;
  const SecretKeys& keys_;
  std::function<void()> on_sms_queued_;
  std::function<std::string()> captcha_text_;

  // "" when `captcha` answers a live challenge correctly (and uses it up); otherwise the error
  // code: captcha_required or captcha_invalid.
  std::string CheckCaptcha(store::Tx& tx, const CaptchaAnswer& captcha, int64_t now) const;
};

// Validates a username: 3–32 of letters, digits, '_', '.', '-'.
Status CheckUsername(const std::string& username);

}  // namespace mvis::services
