// Signed label tokens for the QR code of a pass label (合格标识): `/v/<token>` where
//   token = base64url(payload) "." base64url(Ed25519 signature over payload)
//   payload = "v1|<certificate number>|<valid until>|<key id>"
// Anyone holding the published public keys can check a label offline.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace mvis::domain {

struct LabelClaims {
  std::string number;
  std::string valid_until;  // YYYY-MM-DD
  std::string kid;
};

struct LabelKeyPair {
  std::string kid;
  std::string public_key;  // 32 raw bytes
  std::string secret_key;  // 64 raw bytes (libsodium layout)
};

struct LabelPublicKey {
  std::string kid;
  std::string public_key;  // 32 raw bytes
  int64_t not_after = 0;   // unix seconds; tokens of this key are refused after it
};

// A fresh key pair with key id `kid`.
LabelKeyPair GenerateLabelKey(std::string kid);

// The token for `claims` signed by `key` (claims.kid is taken from the key).
std::string SignLabelToken(LabelClaims claims, const LabelKeyPair& key);

// Checks `token` against `keys` at time `now`. Errors (invalid argument): "label_invalid"
// for anything malformed, an unknown key id, a bad signature or a key past its not_after;
// `Error::field` carries the precise reason (malformed, unknown_key, bad_signature, key_expired)
// for logs and tests, the message is one for the public.
Result<LabelClaims> VerifyLabelToken(std::string_view token,
                                     const std::vector<LabelPublicKey>& keys, int64_t now);

// The claims of a well-formed token WITHOUT checking its signature (to look the certificate up
// before deciding how to verify); nullopt when malformed.
std::optional<LabelClaims> PeekLabelToken(std::string_view token);

std::string Base64UrlEncode(std::string_view bytes);
// Decodes unpadded base64url; nullopt on any other character.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace mvis::domain
