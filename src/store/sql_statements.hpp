// How SQL text reaches a backend (private to the store): "?" placeholders numbered for soci, and
// the prepared SQLite statements each connection keeps (see StatementCache).
#pragma once

#include <libpq-fe.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"

namespace mvis::store {

// "a = ? AND b = ?" -> "a = :p1 AND b = :p2" (SOCI), or with `prefix` "$" -> "a = $1 AND b = $2"
// (libpq), leaving quoted text alone.
std::string NumberPlaceholders(const std::string& sql, std::string_view prefix = ":p");

// SQLite parses a statement on every prepare, and for the short joins of the read paths (the
// public label page above all) parsing costs more than running. Each connection keeps its
// prepared statements, keyed by SQL text; a connection is used by one thread at a time.
class StatementCache {
 public:
  explicit StatementCache(sqlite_api::sqlite3* db) : db_(db) {}
  ~StatementCache() { Clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // Runs `sql` with `params` bound in order; throws with SQLite's message on failure.
  std::vector<Row> Query(const std::string& sql, const std::vector<Param>& params);

 private:
  static constexpr size_t kMaxStatements = 512;  // dynamic IN lists must not grow it forever

  sqlite_api::sqlite3_stmt* Prepare(const std::string& sql);
  void Clear();

  sqlite_api::sqlite3* db_;
  std::unordered_map<std::string, sqlite_api::sqlite3_stmt*> stmts_;
};

// PostgreSQL: each statement of a connection is prepared once (PQprepare, named) and then only
// executed — one round trip instead of three (prepare, execute, deallocate) for SOCI's one-shot
// statements. Parameters go as text, their types inferred by the server as SOCI lets it; result
// cells are read by column type (integers, floating point and numeric, else text). A connection
// is used by one thread at a time.
//
// A statement whose result nobody waits for (BEGIN, SET LOCAL, an insert whose rows are not read)
// can be deferred: it is sent with the next statement that is awaited, in one round trip (libpq's
// pipeline mode), and its error is raised there. Nothing is left pending between calls: deferred
// statements are only held client-side until then. The connection stays blocking, so the server's
// answers wait in the socket's buffers while the rest of a round trip is sent: meant for the small
// answers of a batch's lookups, not for large reads.
class PgStatementCache {
 public:
  explicit PgStatementCache(PGconn* conn) : conn_(conn) {}
  PgStatementCache(const PgStatementCache&) = delete;
  PgStatementCache& operator=(const PgStatementCache&) = delete;

  // Runs `sql` ("?" placeholders) with `params` (after any deferred statements); throws with the
  // server's message on failure — the first failure, deferred statements' included.
  std::vector<Row> Query(const std::string& sql, const std::vector<Param>& params);
  // The same for a statement without rows: the number of rows affected.
  int64_t Exec(const std::string& sql, const std::vector<Param>& params);
  // Holds `sql` to be sent with the next Query, Exec or Flush.
  void Defer(std::string sql, std::vector<Param> params);
  // Holds a statement like Defer whose rows are kept for Take (a number).
  int64_t Send(std::string sql, std::vector<Param> params);
  // The rows of a statement sent (the deferred statements are sent first if it has not been).
  std::vector<Row> Take(int64_t sent);
  // Sends the deferred statements now (before anything else uses the connection).
  void Flush();
  // Drops the deferred statements unsent (the transaction is being abandoned).
  void Discard() {
    deferred_.clear();
    results_.clear();
  }

 private:
  static constexpr size_t kMaxStatements = 512;  // dynamic IN lists must not grow it forever

  struct Statement {
    std::string sql;
    std::vector<Param> params;
    int64_t keep = 0;  // > 0: its rows are kept under this number (Send)
  };

  // The executed statement's result (the caller clears it); throws on failure.
  PGresult* Run(const std::string& sql, const std::vector<Param>& params);
  // The deferred statements and then `last` (if any) in one round trip: `last`'s result.
  PGresult* RunPipelined(const Statement* last);
  // Empties the cache (DEALLOCATE ALL) if `fresh` more statements would overfill it.
  void MakeRoom(size_t fresh);
  // The name `sql` is prepared under, and whether it must be prepared first (registered now).
  std::pair<std::string, bool> NameFor(const std::string& sql);
  // Forgets a statement the server could not prepare or has to prepare again.
  void Forget(const std::string& sql, bool deallocate);

  PGconn* conn_;
  std::unordered_map<std::string, std::string> names_;  // SQL text → prepared statement name
  int64_t next_ = 0;
  std::vector<Statement> deferred_;
  std::unordered_map<int64_t, std::vector<Row>> results_;  // rows of sent statements, untaken
  int64_t next_sent_ = 0;
};

}  // namespace mvis::store
