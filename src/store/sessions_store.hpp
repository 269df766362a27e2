// Server-side login sessions, looked up by the SHA-256 of the cookie token.
#pragma once

#include <optional>
#include <string>

#include "store/database.hpp"

namespace mvis::store {

struct SessionRow {
  int64_t id = 0;
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  std::string ip;
  std::string user_agent;
};

int64_t InsertSession(Tx& tx, const SessionRow& session);
std::optional<SessionRow> FindSessionByTokenHash(Tx& tx, const std::string& token_hash);
void TouchSession(Tx& tx, int64_t session_id, int64_t now);
void DeleteSession(Tx& tx, int64_t session_id);
// Ends every session of the user except `keep_session_id` (0 keeps none).
void DeleteUserSessions(Tx& tx, int64_t user_id, int64_t keep_session_id);
// Removes sessions idle since before `idle_before` or created before `created_before`.
int64_t DeleteExpiredSessions(Tx& tx, int64_t idle_before, int64_t created_before);

}  // namespace mvis::store
