// One-time SMS codes (stored as keyed hashes) and the counts that rate-limit sending them.
#pragma once

#include <optional>
#include <string>

#include "store/database.hpp"

namespace mvis::store {

struct CodeRow {
  int64_t id = 0;
  std::string phone;
  std::string purpose;
  std::string code_hash;
  std::string ip;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  int attempts = 0;
};

void InsertCode(Tx& tx, const CodeRow& code);
int64_t CountCodesForPhoneSince(Tx& tx, const std::string& phone, int64_t since);
int64_t CountCodesForIpSince(Tx& tx, const std::string& ip, int64_t since);
// The newest unused, unexpired code for phone and purpose.
std::optional<CodeRow> LatestActiveCode(Tx& tx, const std::string& phone,
                                        const std::string& purpose, int64_t now);
void AddCodeAttempt(Tx& tx, int64_t code_id);
void MarkCodeUsed(Tx& tx, int64_t code_id, int64_t now);

}  // namespace mvis::store
