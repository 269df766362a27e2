// One-time SMS codes (stored as keyed hashes) and the counts that rate-limit sending them.
#pragma once

#include <optional>
#include <string>

#include "domain/phone.hpp"
#include "store/database.hpp"

namespace mvis::store {

struct CodeRow {
  int64_t id = 0;
  std::string phone;
  domain::CodePurpose purpose = domain::CodePurpose::kRegister;
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
                                        domain::CodePurpose purpose, int64_t now);
// Spends one of the code's `max_attempts` checks; false (nothing written) when none is left or
// the code has been used. Taking the attempt before comparing makes the cap hold under
// concurrent guesses.
bool TakeCodeAttempt(Tx& tx, int64_t code_id, int max_attempts);
// Marks an unused code used; false when another request used it first.
bool MarkCodeUsed(Tx& tx, int64_t code_id, int64_t now);
// Removes codes that expired or were used before `before` (the purge job).
int64_t DeleteCodesBefore(Tx& tx, int64_t before);

}  // namespace mvis::store
