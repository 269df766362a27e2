// The audit log's hash chain: each row's hash covers its own content and the previous row's
// hash, so an edited, deleted or reordered row breaks every hash after it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mvis::domain {

struct AuditEntry {
  int64_t seq = 0;  // 1, 2, 3 … without gaps
  int64_t at = 0;   // unix seconds
  std::optional<int64_t> user_id;
  std::string username;
  std::string role;
  std::optional<int64_t> org_id;
  std::string action;       // e.g. "auth.login", "admin.user.create"
  std::string object_type;  // e.g. "user"
  std::string object_id;
  std::string summary;  // before/after summary; never secrets or full phone numbers
  std::string ip;
  std::string result;     // "ok" or "denied" / "failed"
  std::string prev_hash;  // hex; 64 zeros for the first row
  std::string hash;       // hex SHA-256
};

inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 (hex) over prev_hash and every field of `entry` except `hash`, length-prefixed so
// that no two different rows serialise alike.
std::string ComputeAuditHash(const AuditEntry& entry);

struct ChainBreak {
  int64_t seq = 0;
  std::string reason;
};

// Checks rows in seq order: seq continuity, prev_hash links and each row's hash; also that the
// last row's hash equals `head_hash` (the stored chain head), which catches a deleted tail.
// Returns the first break, or nullopt when the chain is intact.
std::optional<ChainBreak> VerifyAuditChain(const std::vector<AuditEntry>& rows,
                                           const std::string& head_hash, int64_t head_seq);

// Hex SHA-256 of arbitrary bytes (shared helper for token hashing).
std::string Sha256Hex(const std::string& data);

}  // namespace mvis::domain
