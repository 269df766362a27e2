#include "domain/audit_chain.hpp"

#include <sodium.h>

namespace mvis::domain {
namespace {

void Put(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

std::string OptionalToString(const std::optional<int64_t>& v) {
  return v ? std::to_string(*v) : std::string("-");
}

}  // namespace

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string ComputeAuditHash(const AuditEntry& e) {
  std::string canonical;
  Put(canonical, e.prev_hash);
  Put(canonical, std::to_string(e.seq));
  Put(canonical, std::to_string(e.at));
  Put(canonical, OptionalToString(e.user_id));
  Put(canonical, e.username);
  Put(canonical, e.role);
  Put(canonical, OptionalToString(e.org_id));
  Put(canonical, e.action);
  Put(canonical, e.object_type);
  Put(canonical, e.object_id);
  Put(canonical, e.summary);
  Put(canonical, e.ip);
  Put(canonical, e.result);
  return Sha256Hex(canonical);
}

std::optional<ChainBreak> VerifyAuditChain(const std::vector<AuditEntry>& rows,
                                           const std::string& head_hash, int64_t head_seq) {
  std::string prev = kGenesisHash;
  int64_t expected_seq = 1;
  for (const auto& row : rows) {
    if (row.seq != expected_seq) {
      return ChainBreak{row.seq, "sequence gap: expected " + std::to_string(expected_seq)};
    }
    if (row.prev_hash != prev) return ChainBreak{row.seq, "prev_hash does not link"};
    if (ComputeAuditHash(row) != row.hash) return ChainBreak{row.seq, "content hash mismatch"};
    prev = row.hash;
    ++expected_seq;
  }
  if (expected_seq - 1 != head_seq || prev != head_hash) {
    return ChainBreak{expected_seq, "chain head does not match the last row (rows deleted?)"};
  }
  return std::nullopt;
}

}  // namespace mvis::domain
