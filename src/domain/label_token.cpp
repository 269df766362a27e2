#include "domain/label_token.hpp"

#include <sodium.h>

#include <optional>

#include "domain/label_token_parts.hpp"

namespace mvis::domain {

namespace {

std::unexpected<Error> Invalid(const char* reason) {
  return Fail(ErrorKind::kInvalidArgument, "label_invalid", "标识无效：无法验证此二维码的真伪",
              reason);
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

LabelKeyPair GenerateLabelKey(std::string kid) {
  [[maybe_unused]] static const int initialised = sodium_init();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  LabelKeyPair key{std::move(kid), std::string(reinterpret_cast<char*>(pk), sizeof pk),
                   std::string(reinterpret_cast<char*>(sk), sizeof sk)};
  sodium_memzero(sk, sizeof sk);
  return key;
}

std::string SignLabelToken(LabelClaims claims, const LabelKeyPair& key) {
  std::string payload = "v1|" + claims.number + "|" + claims.valid_until + "|" + key.kid;
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(payload.data()),
                       payload.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  return Base64UrlEncode(payload) + "." +
         Base64UrlEncode(std::string_view(reinterpret_cast<char*>(sig), sizeof sig));
}

namespace {

std::optional<SignedLabel> ParseLongLabel(std::string_view token) {
  if (token.size() > 512) return std::nullopt;
  auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto payload = Base64UrlDecode(token.substr(0, dot));
  auto sig = Base64UrlDecode(token.substr(dot + 1));
  if (!payload || !sig) return std::nullopt;
  auto parts = Split(*payload, '|');
  if (parts.size() != 4 || parts[0] != "v1" || parts[1].empty() || parts[2].size() != 10)
    return std::nullopt;
  return SignedLabel{LabelClaims{parts[1], parts[2], parts[3], ""}, std::move(*payload),
                     std::move(*sig)};
}

std::optional<SignedLabel> ParseLabel(std::string_view token) {
  if (token.find('.') != std::string_view::npos) return ParseLongLabel(token);
  return ParseCompactLabel(token);
}

}  // namespace

std::optional<LabelClaims> PeekLabelToken(std::string_view token) {
  auto label = ParseLabel(token);
  if (!label) return std::nullopt;
  return label->claims;
}

Result<LabelClaims> VerifyLabelToken(std::string_view token,
                                     const std::vector<LabelPublicKey>& keys, int64_t now) {
  auto label = ParseLabel(token);
  if (!label || label->signature.size() != crypto_sign_BYTES) return Invalid("malformed");
  // A long token names its key; a compact one carries a 2-byte tag that two keys may share.
  const LabelPublicKey* matched = nullptr;
  bool known = false;
  for (const auto& k : keys) {
    if (k.public_key.size() != crypto_sign_PUBLICKEYBYTES) continue;
    bool named = label->claims.key_tag.empty() ? k.kid == label->claims.kid
                                               : LabelKeyTag(k.public_key) == label->claims.key_tag;
    if (!named) continue;
    known = true;
    if (crypto_sign_verify_detached(
            reinterpret_cast<const unsigned char*>(label->signature.data()),
            reinterpret_cast<const unsigned char*>(label->payload.data()), label->payload.size(),
            reinterpret_cast<const unsigned char*>(k.public_key.data())) == 0) {
      matched = &k;
      break;
    }
  }
  if (!known) return Invalid("unknown_key");
  if (!matched) return Invalid("bad_signature");
  if (now > matched->not_after) return Invalid("key_expired");
  LabelClaims claims = std::move(label->claims);
  claims.kid = matched->kid;
  return claims;
}

}  // namespace mvis::domain
