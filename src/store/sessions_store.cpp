#include "store/sessions_store.hpp"

namespace mvis::store {

int64_t InsertSession(Tx& tx, const SessionRow& s) {
  return tx
      .QueryOne(
          "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip, "
          "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.ip, s.user_agent})
      ->Int(0);
}

std::optional<SessionRow> FindSessionByTokenHash(Tx& tx, const std::string& token_hash) {
  auto r = tx.QueryOne(
      "SELECT id, token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent "
      "FROM sessions WHERE token_hash = ?",
      {token_hash});
  if (!r) return std::nullopt;
  return SessionRow{r->Int(0), r->Str(1), r->Int(2), r->Str(3),
                    r->Int(4), r->Int(5), r->Str(6), r->Str(7)};
}

void TouchSession(Tx& tx, int64_t session_id, int64_t now) {
  tx.Exec("UPDATE sessions SET last_seen_at = ? WHERE id = ?", {now, session_id});
}

void DeleteSession(Tx& tx, int64_t session_id) {
  tx.Exec("DELETE FROM sessions WHERE id = ?", {session_id});
}

void DeleteUserSessions(Tx& tx, int64_t user_id, int64_t keep_session_id) {
  tx.Exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", {user_id, keep_session_id});
}

int64_t DeleteExpiredSessions(Tx& tx, int64_t idle_before, int64_t created_before) {
  return tx.Exec("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?",
                 {idle_before, created_before});
}

}  // namespace mvis::store
