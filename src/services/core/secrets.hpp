// The server's secrets, all derived from one 32-byte master key that lives outside the database
// (a 0600 key file or the configuration; app/config.hpp): the key that hashes one-time SMS codes
// and the key that seals data at rest (SMS text carrying a code until it is sent, label signing
// keys). A copy of the database alone reveals neither codes nor signing keys.
//
// Thread safety: immutable after construction.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::services {

class SecretKeys {
 public:
  // From the 32-byte master key; invalid_argument for any other length.
  static Result<SecretKeys> FromMaster(std::string_view master);
  // 32 random bytes, for a new key file.
  static std::string NewMaster();

  // Keys the hashes of one-time codes (KeyedHash).
  const std::string& code_hash_key() const { return code_hash_key_; }
  // base64url(nonce || XSalsa20-Poly1305 box of `plaintext`).
  std::string Seal(std::string_view plaintext) const;
  // The plaintext of Seal's output; internal error for anything else (a different key, altered).
  Result<std::string> Open(std::string_view sealed) const;

 private:
  SecretKeys() = default;
  std::string code_hash_key_;
  std::string sealing_key_;
};

}  // namespace mvis::services
