#include "services/core/passwords.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace mvis::services {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19 * 1024 * 1024;

struct SodiumInit {
  SodiumInit() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  }
};
const SodiumInit kSodiumInit;

}  // namespace

std::string HashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string GeneratePassword(const domain::PasswordPolicy& policy) {
  static constexpr char kLower[] = "abcdefghijkmnpqrstuvwxyz";
  static constexpr char kUpper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr char kDigit[] = "23456789";
  static constexpr char kSymbol[] = "#%+=@!";
  const char* sets[] = {kLower, kUpper, kDigit, kSymbol};
  size_t length = std::max(16, policy.min_length);
  std::string out;
  for (size_t i = 0; i < length; ++i) {
    const char* set = sets[i % 4];  // every class appears
    out += set[randombytes_uniform(static_cast<uint32_t>(strlen(set)))];
  }
  // Shuffle so the class pattern is not predictable.
  for (size_t i = out.size() - 1; i > 0; --i) {
    std::swap(out[i], out[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
  }
  return out;
}

std::string SixDigitCode() { return std::to_string(100000 + randombytes_uniform(900000)); }

std::string KeyedHash(const std::string& key, const std::string& text) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     std::min<size_t>(key.size(), crypto_generichash_KEYBYTES_MAX));
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace mvis::services
