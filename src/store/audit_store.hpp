// The append-only, hash-chained audit log.
#pragma once

#include <string>
#include <vector>

#include "domain/audit_chain.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

// Appends `entry` (seq, prev_hash and hash are assigned here) within the caller's transaction.
// Bumping the single chain-head row serialises concurrent appenders on both engines.
void AppendAudit(Tx& tx, domain::AuditEntry entry);

struct AuditFilter {
  std::string action;  // prefix match, e.g. "auth." or "auth.login"
  std::optional<int64_t> user_id;
  // Words: rows whose action is one of `named_actions`, or whose action, summary or username
  // contains `words`.
  std::string words;
  std::vector<std::string> named_actions;
  std::optional<int64_t> from;    // at >= from
  std::optional<int64_t> before;  // at < before
};
Page<domain::AuditEntry> ListAudit(Tx& tx, const AuditFilter& filter, const PageRequest& page);

// Every row in seq order, and the stored chain head (seq, hash).
std::vector<domain::AuditEntry> AllAudit(Tx& tx);
std::pair<int64_t, std::string> AuditHead(Tx& tx);

}  // namespace mvis::store
