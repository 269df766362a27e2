// Database access for every repository: a URL-selected backend (SQLite file or PostgreSQL), a
// pool of connections (each used by one thread at a time), and transactions. SQL is written
// once with `?` placeholders and runs unchanged on both engines.
//
// Thread safety: Database is shared by all threads; a Tx belongs to the thread that got it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include "domain/error.hpp"

namespace soci {
class session;
}

namespace mvis::store {

enum class Backend { kSqlite, kPostgres };

// A bound parameter: NULL, an integer, a real or text.
using Param = std::variant<std::nullptr_t, int64_t, double, std::string>;
// A result cell: NULL (monostate), integer, real or text.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

// One result row with typed accessors; NULL reads as 0 / "" / nullopt.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  std::string Str(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(cells_.at(i)); }
  size_t size() const { return cells_.size(); }

 private:
  std::vector<Value> cells_;
};

inline Param OptParam(const std::optional<int64_t>& v) { return v ? Param(*v) : Param(nullptr); }

// A stored name read back as its enum. A name the code does not know means the data was written
// by something else: the transaction fails (logged as an internal error naming the column).
template <typename E>
E Stored(std::optional<E> parsed, const char* column, const std::string& text) {
  if (!parsed) throw std::runtime_error(std::string("unknown value '") + text + "' in " + column);
  return *parsed;
}

// A transaction (or, for Database::Read, a plain connection) handed to repository functions.
// Prepared SQLite statements of one connection, reused by Tx::Query (defined in database.cpp).
class StatementCache;
// Prepared PostgreSQL statements of one connection (sql_statements.hpp).
class PgStatementCache;

class Tx {
 public:
  Tx(soci::session& session, Backend backend, StatementCache* statements = nullptr,
     PgStatementCache* pg_statements = nullptr)
      : session_(session), backend_(backend), statements_(statements), pg_(pg_statements) {}
  Backend backend() const { return backend_; }

  // Runs a statement that returns rows. Throws on SQL errors (Database turns them into Error).
  std::vector<Row> Query(const std::string& sql, const std::vector<Param>& params = {});
  // First row, or nullopt when there is none.
  std::optional<Row> QueryOne(const std::string& sql, const std::vector<Param>& params = {});
  // Runs a statement without rows; returns the number of affected rows.
  int64_t Exec(const std::string& sql, const std::vector<Param>& params = {});
  // Runs a statement whose result is not needed later, with the next statement that is waited
  // for (PostgreSQL: in the same round trip), so before it; its error is raised there, at the
  // latest at commit. SQLite runs it at once.
  void Defer(const std::string& sql, std::vector<Param> params = {});
  // A read whose rows are taken later (Take): on PostgreSQL it is sent with the next statement
  // waited for, so that several reads and writes share one round trip. SQLite runs it at once.
  using Pending = int64_t;
  Pending Send(const std::string& sql, std::vector<Param> params = {});
  // The rows of a statement sent before (each taken once).
  std::vector<Row> Take(Pending pending);
  // Runs several statements separated by ';' with no parameters (migrations).
  void ExecScript(const std::string& sql);

  // The connection for SOCI itself (deferred statements are sent first).
  soci::session& session();

 private:
  soci::session& session_;
  Backend backend_;
  StatementCache* statements_;
  PgStatementCache* pg_;
  std::unordered_map<Pending, std::vector<Row>> sent_;  // SQLite: the rows Send read
  Pending next_pending_ = 0;
};

// Row locking for read-then-write steps inside a write transaction. On PostgreSQL (READ
// COMMITTED) a plain SELECT does not stop a concurrent writer; on SQLite a write transaction
// (BEGIN IMMEDIATE) already excludes every other writer, so both helpers are no-ops there.
//
// " FOR UPDATE OF <alias>" for a SELECT that reads the row it will change; "" on SQLite.
std::string ForUpdate(const Tx& tx, const char* alias);
// Holds a lock named `key` until the transaction ends (PostgreSQL: pg_advisory_xact_lock on a
// 64-bit hash of the key). Serialises check-then-insert steps that have no row to lock, such as
// rate limits counted over inserted rows, or a first-time creation.
void LockKey(Tx& tx, const std::string& key);

enum class ParamType { kInt, kReal, kText };

// A statement prepared once and run many times with different values (bulk inserts).
// Each position has a fixed type; any value may be NULL (nullptr).
class BatchStatement {
 public:
  BatchStatement(Tx& tx, const std::string& sql, std::vector<ParamType> types);
  ~BatchStatement();
  // Runs the statement with `values` (one per position). Throws on SQL errors.
  void Run(const std::vector<Param>& values);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Database {
 public:
  // url: "sqlite:PATH" (the file and its folder are created) or "postgresql://…".
  static Result<std::unique_ptr<Database>> Open(const std::string& url, int pool_size = 8);
  ~Database();

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }

  // Runs fn(Tx&) in a write transaction (BEGIN IMMEDIATE on SQLite). Commits when fn returns a
  // value (or Status ok), rolls back when it returns an error or throws. SQL errors become an
  // Error: unique violations kConflict, everything else kInternal (logged, not shown).
  template <typename F>
  auto Write(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return Run<std::invoke_result_t<F, Tx&>>(true, std::forward<F>(fn));
  }

  // Runs fn(Tx&) on a pooled connection inside a read transaction (a consistent snapshot).
  template <typename F>
  auto Read(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return Run<std::invoke_result_t<F, Tx&>>(false, std::forward<F>(fn));
  }

 private:
  class Lease;
  Database(std::string url, Backend backend, int pool_size);
  std::unique_ptr<soci::session> Connect();
  soci::session* Acquire();
  void Release(soci::session* s);

  // Type-erased core of Write/Read: begin, call body, commit or roll back.
  // body returns true to commit. Returns an Error when SQL threw.
  std::optional<Error> Transact(bool write, const std::function<bool(Tx&)>& body);

  template <typename R, typename F>
  R Run(bool write, F&& fn) {
    std::optional<R> out;
    auto failure = Transact(write, [&](Tx& tx) {
      out.emplace(fn(tx));
      return out->has_value();
    });
    if (failure) return std::unexpected(*failure);
    return std::move(*out);
  }

  std::string url_;
  Backend backend_;
  int pool_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<soci::session>> idle_;
  // Declared after idle_ so the statements are finalized before their connections close.
  std::unordered_map<soci::session*, std::unique_ptr<StatementCache>> statements_;
  std::unordered_map<soci::session*, std::unique_ptr<PgStatementCache>> pg_statements_;
  int open_ = 0;
};

}  // namespace mvis::store
