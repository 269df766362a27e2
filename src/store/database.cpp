#include "store/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <deque>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "store/sql_statements.hpp"

namespace mvis::store {
namespace {

// Keeps bound values alive (at stable addresses) for the life of a statement.
struct Bindings {
  std::deque<long long> ints;
  std::deque<double> reals;
  std::deque<std::string> texts;
  std::deque<soci::indicator> inds;

  void Bind(soci::details::prepare_temp_type& p, const std::vector<Param>& params) {
    for (const auto& param : params) {
      if (std::holds_alternative<std::nullptr_t>(param)) {
        texts.emplace_back();
        inds.push_back(soci::i_null);
        p, soci::use(texts.back(), inds.back());
      } else if (auto* i = std::get_if<int64_t>(&param)) {
        ints.push_back(*i);
        p, soci::use(ints.back());
      } else if (auto* d = std::get_if<double>(&param)) {
        reals.push_back(*d);
        p, soci::use(reals.back());
      } else {
        texts.push_back(std::get<std::string>(param));
        p, soci::use(texts.back());
      }
    }
  }
};

Value ReadCell(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::monostate{};
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return static_cast<int64_t>(r.get<int>(i));
    case soci::dt_long_long:
      return static_cast<int64_t>(r.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_date: {
      std::tm tm = r.get<std::tm>(i);
      char buf[32];
      std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
      return std::string(buf);
    }
    default:
      return r.get<std::string>(i);
  }
}

// SOCI hands its connect string to libpq but first splits it as "key=value" pairs, so a
// postgresql:// URI is turned into that form here (libpq does the URI parsing).
std::string PostgresConninfo(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &err);
  if (!options) {
    std::string message = err ? err : "invalid PostgreSQL URL";
    PQfreemem(err);
    throw std::runtime_error(message);
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    out += std::string(o->keyword) + "='" + value + "' ";
  }
  PQconninfoFree(options);
  return out;
}

bool IsUniqueViolation(const std::string& what) {
  return what.find("UNIQUE constraint failed") != std::string::npos ||
         what.find("duplicate key value") != std::string::npos;
}

}  // namespace

int64_t Row::Int(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto* p = std::get_if<int64_t>(&v)) return *p;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string Row::Str(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::vector<Row> Tx::Query(const std::string& sql, const std::vector<Param>& params) {
  if (statements_) return statements_->Query(sql, params);
  if (pg_) return pg_->Query(sql, params);
  Bindings bindings;
  soci::row row;
  soci::details::prepare_temp_type p = (session_.prepare << NumberPlaceholders(sql));
  p, soci::into(row);
  bindings.Bind(p, params);
  soci::statement st(p);
  std::vector<Row> rows;
  if (st.execute(true)) {
    do {
      std::vector<Value> cells;
      cells.reserve(row.size());
      for (size_t i = 0; i < row.size(); ++i) cells.push_back(ReadCell(row, i));
      rows.emplace_back(std::move(cells));
    } while (st.fetch());
  }
  return rows;
}

std::optional<Row> Tx::QueryOne(const std::string& sql, const std::vector<Param>& params) {
  auto rows = Query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

int64_t Tx::Exec(const std::string& sql, const std::vector<Param>& params) {
  if (pg_) return pg_->Exec(sql, params);
  Bindings bindings;
  soci::details::prepare_temp_type p = (session_.prepare << NumberPlaceholders(sql));
  bindings.Bind(p, params);
  soci::statement st(p);
  st.execute(true);
  return st.get_affected_rows();
}

void Tx::Defer(const std::string& sql, std::vector<Param> params) {
  if (pg_) {
    pg_->Defer(sql, std::move(params));
    return;
  }
  Exec(sql, params);
}

Tx::Pending Tx::Send(const std::string& sql, std::vector<Param> params) {
  if (pg_) return pg_->Send(sql, std::move(params));
  sent_.emplace(++next_pending_, Query(sql, params));
  return next_pending_;
}

std::vector<Row> Tx::Take(Pending pending) {
  if (pg_) return pg_->Take(pending);
  auto it = sent_.find(pending);
  if (it == sent_.end()) throw std::logic_error("Tx::Take: nothing sent under that number");
  auto rows = std::move(it->second);
  sent_.erase(it);
  return rows;
}

soci::session& Tx::session() {
  if (pg_) pg_->Flush();
  return session_;
}

void Tx::ExecScript(const std::string& sql) {
  if (pg_) pg_->Flush();
  // The engines run the whole script themselves (comments, quotes, SQLite trigger bodies and
  // PostgreSQL $$ function bodies included), inside the current transaction.
  if (backend_ == Backend::kSqlite) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session_.get_backend());
    char* error = nullptr;
    if (sqlite_api::sqlite3_exec(backend->conn_, sql.c_str(), nullptr, nullptr, &error) !=
        SQLITE_OK) {
      std::string message = error ? error : "sqlite3_exec failed";
      sqlite_api::sqlite3_free(error);
      throw std::runtime_error("migration script: " + message);
    }
    return;
  }
  auto* backend = static_cast<soci::postgresql_session_backend*>(session_.get_backend());
  PGresult* result = PQexec(backend->conn_, sql.c_str());
  const auto status = PQresultStatus(result);
  std::string message = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error("migration script: " + message);
}

std::string ForUpdate(const Tx& tx, const char* alias) {
  return tx.backend() == Backend::kPostgres ? std::string(" FOR UPDATE OF ") + alias : "";
}

void LockKey(Tx& tx, const std::string& key) {
  if (tx.backend() != Backend::kPostgres) return;
  tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", {key});
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, int pool_size) {
  Backend backend;
  if (url.rfind("sqlite:", 0) == 0) {
    backend = Backend::kSqlite;
    std::filesystem::path path = url.substr(7);
    if (path.empty())
      return InvalidField("db", "db_url_invalid", "数据库地址无效：缺少 SQLite 文件路径");
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    backend = Backend::kPostgres;
  } else {
    return InvalidField("db", "db_url_invalid",
                        "数据库地址无效：应为 sqlite:PATH 或 postgresql://…");
  }
  if (backend == Backend::kSqlite) {
    // SQLite's memory statistics take a process-wide lock on every allocation; nothing here
    // reads them. Must run before the first connection initialises the library.
    static std::once_flag once;
    std::call_once(once, [] { sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  }
  std::unique_ptr<Database> db(new Database(url, backend, std::max(1, pool_size)));
  try {
    db->Release(db->Acquire());  // connect once now so a bad URL fails at startup
  } catch (const std::exception& e) {
    spdlog::error("database connection failed: {}", e.what());
    return Fail(ErrorKind::kUnavailable, "db_unavailable",
                std::string("无法连接数据库：") + e.what());
  }
  return db;
}

Database::Database(std::string url, Backend backend, int pool_size)
    : url_(std::move(url)), backend_(backend), pool_size_(pool_size) {}

Database::~Database() = default;

std::unique_ptr<soci::session> Database::Connect() {
  if (backend_ == Backend::kSqlite) {
    auto s = std::make_unique<soci::session>(soci::sqlite3, "db=" + url_.substr(7));
    // WAL lets readers run beside the single writer. Switching a new file to WAL needs an
    // exclusive lock; when two processes open the same new file at once SQLite answers one of
    // them "locked" at once, without waiting (it would deadlock), so that one tries again.
    // synchronous=FULL: a committed filing, decision or audit row survives power loss (see
    // docs/storage.md).
    *s << "PRAGMA busy_timeout=10000";
    for (int attempt = 1;; ++attempt) {
      try {
        *s << "PRAGMA journal_mode=WAL";
        break;
      } catch (const soci::soci_error& e) {
        if (attempt == 200 || std::string_view(e.what()).find("locked") == std::string_view::npos)
          throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(10 + attempt % 7));
      }
    }
    *s << "PRAGMA synchronous=FULL";
    *s << "PRAGMA foreign_keys=ON";
    *s << "PRAGMA cache_size=-32768";  // 32 MiB page cache: bulk imports update several indexes
    return s;
  }
  auto s = std::make_unique<soci::session>(soci::postgresql, PostgresConninfo(url_));
  *s << "SET client_min_messages TO WARNING";
  return s;
}

soci::session* Database::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < pool_size_; });
  if (!idle_.empty()) {
    auto s = std::move(idle_.back());
    idle_.pop_back();
    return s.release();
  }
  ++open_;
  lock.unlock();
  try {
    return Connect().release();
  } catch (...) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
    throw;
  }
}

void Database::Release(soci::session* s) {
  {
    std::lock_guard lock(mu_);
    idle_.emplace_back(s);
  }
  cv_.notify_one();
}

std::optional<Error> Database::Transact(bool write, const std::function<bool(Tx&)>& body) {
  soci::session* s = nullptr;
  try {
    s = Acquire();
  } catch (const std::exception& e) {
    spdlog::error("database unavailable: {}", e.what());
    return Error{ErrorKind::kUnavailable, "db_unavailable", "数据库暂时不可用，请稍后重试", {}, {}};
  }
  StatementCache* statements = nullptr;
  if (backend_ == Backend::kSqlite) {
    std::lock_guard lock(mu_);
    auto& cache = statements_[s];
    if (!cache) {
      auto* backend = static_cast<soci::sqlite3_session_backend*>(s->get_backend());
      cache = std::make_unique<StatementCache>(backend->conn_);
    }
    statements = cache.get();
  }
  PgStatementCache* pg_statements = nullptr;
  if (backend_ == Backend::kPostgres) {
    std::lock_guard lock(mu_);
    auto& cache = pg_statements_[s];
    if (!cache) {
      auto* backend = static_cast<soci::postgresql_session_backend*>(s->get_backend());
      cache = std::make_unique<PgStatementCache>(backend->conn_);
    }
    pg_statements = cache.get();
  }
  Tx tx(*s, backend_, statements, pg_statements);
  bool open = false;
  try {
    if (backend_ == Backend::kSqlite) {
      *s << (write ? "BEGIN IMMEDIATE" : "BEGIN");
    } else {
      // Sent with the transaction's first statement, in one round trip (and COMMIT with the
      // statements deferred last).
      pg_statements->Defer(write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", {});
    }
    open = true;
    bool commit = body(tx);
    if (pg_statements)
      pg_statements->Exec(commit ? "COMMIT" : "ROLLBACK", {});
    else
      *s << (commit ? "COMMIT" : "ROLLBACK");
    open = false;
    Release(s);
    return std::nullopt;
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (pg_statements) pg_statements->Discard();
    if (open) {
      try {
        *s << "ROLLBACK";
      } catch (const std::exception& e2) {
        spdlog::error("rollback failed: {}", e2.what());
      }
    }
    Release(s);
    if (IsUniqueViolation(what)) {
      return Error{ErrorKind::kConflict, "duplicate", "数据已存在，请勿重复提交", {}, {}};
    }
    // SOCI may append the bound values ("… with :p1=…"): keep them (phone numbers, names) out
    // of the log.
    if (auto cut = what.find(" with :p"); cut != std::string::npos) what.resize(cut);
    spdlog::error("database error: {}", what);
    return Internal("database error: " + what).error();
  }
}

}  // namespace mvis::store
