// Signed label tokens for the QR code of a pass label (合格标识). Two formats, both checked
// offline with the published Ed25519 public keys:
//  - compact (issued since 2026-12; docs/verification.md): `/V/<token>`, token = RFC 4648
//    base32 without padding (A–Z 2–7, all in the QR alphanumeric set) of
//      0x02 | key tag (2 bytes) | valid until (uint16 days since 2000-01-01) | year − 2000 (1) |
//      sequence (uint24) | institute code (1–16 bytes) | Ed25519 signature over the preceding
//    where the key tag is the first two bytes of BLAKE2b-256(public key). 116–140 characters,
//    so a label URL with an upper-case host fits a version-7 QR code at error correction M.
//  - long (v1, still accepted): `/v/<token>`, token = base64url(payload) "." base64url(sig),
//    payload = "v1|<certificate number>|<valid until>|<key id>".
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
  std::string kid;          // long tokens: the key id; compact ones: "" (see key_tag)
  std::string key_tag;      // compact tokens: 2 bytes of the key's fingerprint; long ones: ""
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

// The long (v1) token for `claims` signed by `key` (claims.kid is taken from the key).
std::string SignLabelToken(LabelClaims claims, const LabelKeyPair& key);

// The compact token for `claims` signed by `key`, when the number has the platform's form
// "<institute code>-<year>-<sequence>" (domain::CertificateNumber); otherwise the long token.
std::string SignCompactLabelToken(const LabelClaims& claims, const LabelKeyPair& key);

// The two-byte tag compact tokens name their key by.
std::string LabelKeyTag(std::string_view public_key);

// The URL a label's QR code holds: `<public url>/V/<token>` for compact tokens, with the scheme
// and host upper-cased (they are case-insensitive; upper case keeps the QR alphanumeric), or
// `<public url>/v/<token>` for long ones.
std::string LabelUrl(std::string_view public_url, std::string_view token);

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
// RFC 4648 base32 without padding; decoding also takes lower case, nullopt on anything else.
std::string Base32Encode(std::string_view bytes);
std::optional<std::string> Base32Decode(std::string_view text);
// Decodes unpadded base64url; nullopt on any other character.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace mvis::domain
