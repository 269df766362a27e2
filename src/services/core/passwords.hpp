// Secrets: Argon2id password hashes, random tokens, one-time codes and keyed hashes.
#pragma once

#include <string>

#include "domain/password_policy.hpp"

namespace mvis::services {

// Argon2id (libsodium), t=2, m=19 MiB: the OWASP password-storage minimum, cheap enough that a
// burst of logins does not exhaust memory.
std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);

// `bytes` random bytes, base64url without padding.
std::string RandomToken(size_t bytes = 32);
// A random password that satisfies `policy`.
std::string GeneratePassword(const domain::PasswordPolicy& policy);
// Six random decimal digits.
std::string SixDigitCode();
// Hex keyed hash (BLAKE2b) of `text` under `key`: stores one-time codes without the code.
std::string KeyedHash(const std::string& key, const std::string& text);

}  // namespace mvis::services
