// The login CAPTCHA (图形验证码): asked for once an account has several consecutive failed
// logins — per account, not per address, since many clerks share one office address.
#include <sodium.h>

#include "io/captcha_image.hpp"
#include "services/accounts/auth_service.hpp"
#include "services/core/passwords.hpp"
#include "store/captchas_store.hpp"

namespace mvis::services {
namespace {

// No 0/O, 1/I/L: characters a person cannot confuse.
constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr int kLength = 4;

std::string RandomText() {
  std::string text;
  for (int i = 0; i < kLength; ++i) text += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return text;
}

std::string Normalised(std::string answer) {
  std::string out;
  for (char c : answer) {
    if (c == ' ') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string AnswerHash(const std::string& key, const std::string& id, const std::string& answer) {
  return KeyedHash(key, "captcha|" + id + "|" + Normalised(answer));
}

}  // namespace

Result<CaptchaChallenge> AuthService::NewCaptcha() {
  const std::string text = captcha_text_ ? captcha_text_() : RandomText();
  std::string noise(96, '\0');
  randombytes_buf(noise.data(), noise.size());
  auto png = io::RenderCaptchaPng(text, noise);
  if (!png) return std::unexpected(png.error());
  CaptchaChallenge challenge{RandomToken(16), std::move(*png), ctx_.config.captcha_ttl_seconds};
  const int64_t expires_at = ctx_.clock.Now() + ctx_.config.captcha_ttl_seconds;
  auto stored = ctx_.db.Write([&](store::Tx& tx) -> Status {
    store::InsertCaptcha(tx, challenge.id, AnswerHash(keys_.code_hash_key(), challenge.id, text),
                         expires_at);
    return {};
  });
  if (!stored) return std::unexpected(stored.error());
  return challenge;
}

std::string AuthService::CheckCaptcha(store::Tx& tx, const CaptchaAnswer& captcha,
                                      int64_t now) const {
  if (captcha.id.empty() || captcha.answer.empty()) return "captcha_required";
  if (captcha.id.size() > 64 || captcha.answer.size() > 16) return "captcha_invalid";
  auto stored = store::TakeCaptcha(tx, captcha.id, now);
  if (!stored) return "captcha_invalid";
  std::string given = AnswerHash(keys_.code_hash_key(), captcha.id, captcha.answer);
  if (given.size() != stored->size() ||
      sodium_memcmp(given.data(), stored->data(), given.size()) != 0) {
    return "captcha_invalid";
  }
  return "";
}

}  // namespace mvis::services
