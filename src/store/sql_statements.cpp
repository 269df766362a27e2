#include "store/sql_statements.hpp"

#include <soci/soci.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <set>
#include <stdexcept>

namespace mvis::store {

std::string NumberPlaceholders(const std::string& sql, std::string_view prefix) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += prefix;
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<Row> StatementCache::Query(const std::string& sql, const std::vector<Param>& params) {
  using namespace sqlite_api;
  sqlite3_stmt* st = Prepare(sql);
  int i = 0;
  for (const auto& param : params) {
    ++i;
    if (std::holds_alternative<std::nullptr_t>(param)) {
      sqlite3_bind_null(st, i);
    } else if (const auto* v = std::get_if<int64_t>(&param)) {
      sqlite3_bind_int64(st, i, *v);
    } else if (const auto* d = std::get_if<double>(&param)) {
      sqlite3_bind_double(st, i, *d);
    } else {
      const auto& t = std::get<std::string>(param);
      sqlite3_bind_text(st, i, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
    }
  }
  std::vector<Row> rows;
  const int n = sqlite3_column_count(st);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<Value> cells;
    cells.reserve(n);
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(st, c)) {
        case SQLITE_INTEGER:
          cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(st, c)));
          break;
        case SQLITE_FLOAT:
          cells.emplace_back(sqlite3_column_double(st, c));
          break;
        case SQLITE_NULL:
          cells.emplace_back(std::monostate{});
          break;
        default:
          cells.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)),
                                         sqlite3_column_bytes(st, c)));
      }
    }
    rows.emplace_back(std::move(cells));
  }
  std::string error = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (!error.empty()) throw std::runtime_error(error);
  return rows;
}

sqlite_api::sqlite3_stmt* StatementCache::Prepare(const std::string& sql) {
  using namespace sqlite_api;
  if (auto it = stmts_.find(sql); it != stmts_.end()) return it->second;
  if (stmts_.size() >= kMaxStatements) Clear();
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) !=
      SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db_));
  }
  stmts_.emplace(sql, st);
  return st;
}

void StatementCache::Clear() {
  for (auto& [sql, st] : stmts_) sqlite_api::sqlite3_finalize(st);
  stmts_.clear();
}

namespace {

// PostgreSQL type OIDs read as numbers (pg_type.h): int8, int2, int4, oid; float4, float8, numeric.
bool IsIntegerType(Oid t) { return t == 20 || t == 21 || t == 23 || t == 26; }
bool IsRealType(Oid t) { return t == 700 || t == 701 || t == 1700; }

// A result's rows, cells read by column type; the result is cleared.
std::vector<Row> RowsOf(PGresult* result) {
  const int n = PQntuples(result), columns = PQnfields(result);
  std::vector<Row> rows;
  rows.reserve(static_cast<size_t>(n));
  for (int r = 0; r < n; ++r) {
    std::vector<Value> cells;
    cells.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result, r, c)) {
        cells.emplace_back(std::monostate{});
        continue;
      }
      const char* text = PQgetvalue(result, r, c);
      const Oid type = PQftype(result, c);
      if (IsIntegerType(type)) {
        cells.emplace_back(static_cast<int64_t>(std::strtoll(text, nullptr, 10)));
      } else if (IsRealType(type)) {
        cells.emplace_back(std::strtod(text, nullptr));
      } else {
        cells.emplace_back(std::string(text, static_cast<size_t>(PQgetlength(result, r, c))));
      }
    }
    rows.emplace_back(std::move(cells));
  }
  PQclear(result);
  return rows;
}

}  // namespace

// Parameters as libpq takes them: text, NULL as a null pointer (the strings are not copied).
class ParamTexts {
 public:
  explicit ParamTexts(const std::vector<Param>& params)
      : texts_(params.size()), values_(params.size(), nullptr) {
    for (size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) continue;
      if (const auto* v = std::get_if<int64_t>(&p)) {
        texts_[i] = std::to_string(*v);
      } else if (const auto* d = std::get_if<double>(&p)) {
        char buf[32];  // the shortest text that reads back as the same double
        texts_[i].assign(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);
      } else {
        values_[i] = std::get<std::string>(p).c_str();  // no copy: `params` outlives the call
        continue;
      }
      values_[i] = texts_[i].c_str();
    }
  }
  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }

 private:
  std::vector<std::string> texts_;
  std::vector<const char*> values_;
};

void PgStatementCache::MakeRoom(size_t fresh) {
  if (fresh == 0 || names_.size() + fresh <= kMaxStatements) return;
  PQclear(PQexec(conn_, "DEALLOCATE ALL"));
  names_.clear();
}

std::pair<std::string, bool> PgStatementCache::NameFor(const std::string& sql) {
  if (auto it = names_.find(sql); it != names_.end()) return {it->second, false};
  std::string name = "mvis_" + std::to_string(++next_);
  names_.emplace(sql, name);
  return {std::move(name), true};
}

void PgStatementCache::Forget(const std::string& sql, bool deallocate) {
  auto it = names_.find(sql);
  if (it == names_.end()) return;
  if (deallocate) PQclear(PQexec(conn_, ("DEALLOCATE " + it->second).c_str()));
  names_.erase(it);
}

namespace {

// A statement prepared before a table changed ("cached plan must not change result type") is
// prepared again on its next use.
bool StalePlan(const std::string& error) { return error.find("cached plan") != std::string::npos; }

}  // namespace

PGresult* PgStatementCache::Run(const std::string& sql, const std::vector<Param>& params) {
  if (!deferred_.empty()) {
    const Statement last{sql, params};
    return RunPipelined(&last);
  }
  if (!names_.contains(sql)) MakeRoom(1);
  auto [name, fresh] = NameFor(sql);
  if (fresh) {
    PGresult* prepared = PQprepare(conn_, name.c_str(), NumberPlaceholders(sql, "$").c_str(),
                                   static_cast<int>(params.size()), nullptr);
    const bool ok = PQresultStatus(prepared) == PGRES_COMMAND_OK;
    std::string error = ok ? "" : PQresultErrorMessage(prepared);
    PQclear(prepared);
    if (!ok) {
      Forget(sql, false);
      throw std::runtime_error(error);
    }
  }
  const ParamTexts texts(params);
  PGresult* result =
      PQexecPrepared(conn_, name.c_str(), texts.count(), texts.values(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string error = PQresultErrorMessage(result);
    PQclear(result);
    if (StalePlan(error)) Forget(sql, true);
    throw std::runtime_error(error);
  }
  return result;
}

void PgStatementCache::Defer(std::string sql, std::vector<Param> params) {
  deferred_.push_back({std::move(sql), std::move(params)});
}

void PgStatementCache::Flush() {
  if (deferred_.empty()) return;
  PQclear(RunPipelined(nullptr));
}

PGresult* PgStatementCache::RunPipelined(const Statement* last) {
  const std::vector<Statement> deferred = std::move(deferred_);
  deferred_.clear();
  std::vector<const Statement*> pending;
  for (const auto& st : deferred) pending.push_back(&st);
  if (last) pending.push_back(last);
  // Room first, for all of them: a full cache is emptied (a plain DEALLOCATE ALL) before any is
  // named, never between — that would drop statements this round trip is about to run.
  std::set<std::string_view> unknown;
  for (const auto* st : pending)
    if (!names_.contains(st->sql)) unknown.insert(st->sql);
  MakeRoom(unknown.size());
  std::vector<std::pair<std::string, bool>> names;
  for (const auto* st : pending) names.push_back(NameFor(st->sql));
  if (PQenterPipelineMode(conn_) != 1)
    throw std::runtime_error(std::string("pipeline mode: ") + PQerrorMessage(conn_));
  // One entry per result expected, in order: the statement and whether it is its preparation.
  std::vector<std::pair<size_t, bool>> expected;
  bool sent = true;
  for (size_t i = 0; i < pending.size() && sent; ++i) {
    const auto& [name, fresh] = names[i];
    const auto& params = pending[i]->params;
    if (fresh) {
      sent = PQsendPrepare(conn_, name.c_str(), NumberPlaceholders(pending[i]->sql, "$").c_str(),
                           static_cast<int>(params.size()), nullptr) == 1;
      if (sent) expected.emplace_back(i, true);
    }
    const ParamTexts texts(params);
    sent = sent && PQsendQueryPrepared(conn_, name.c_str(), texts.count(), texts.values(), nullptr,
                                       nullptr, 0) == 1;
    if (sent) expected.emplace_back(i, false);
  }
  sent = PQpipelineSync(conn_) == 1 && sent;
  std::string error = sent ? "" : PQerrorMessage(conn_);
  // The results in order, up to the sync. A statement's results end with a null; two nulls in a
  // row mean nothing more is coming (a broken connection).
  PGresult* answer = nullptr;
  std::vector<bool> prepared(pending.size(), false);  // fresh statements the server now knows
  std::vector<bool> stale(pending.size(), false);     // to prepare again (the table changed)
  size_t next = 0;
  int nulls = 0;
  for (;;) {
    PGresult* r = PQgetResult(conn_);
    if (!r) {
      if (++nulls > 1) {
        if (error.empty()) error = std::string("pipeline: ") + PQerrorMessage(conn_);
        break;
      }
      continue;
    }
    nulls = 0;
    const auto status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    if (next >= expected.size()) {
      PQclear(r);
      continue;
    }
    const auto [i, preparing] = expected[next++];
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      if (preparing) {
        prepared[i] = true;
      } else if (last && i + 1 == pending.size()) {
        answer = r;
        continue;
      } else if (pending[i]->keep > 0) {
        results_[pending[i]->keep] = RowsOf(r);
        continue;
      }
      PQclear(r);
      continue;
    }
    // Failed, or skipped after a failure (PGRES_PIPELINE_ABORTED): the first error is reported.
    if (status != PGRES_PIPELINE_ABORTED) {
      const std::string message = PQresultErrorMessage(r);
      if (!preparing && StalePlan(message)) stale[i] = true;
      if (error.empty()) error = message;
    }
    PQclear(r);
  }
  PQexitPipelineMode(conn_);
  for (size_t i = 0; i < pending.size(); ++i)
    if ((names[i].second && !prepared[i]) || stale[i]) Forget(pending[i]->sql, stale[i]);
  if (error.empty() && (answer || !last)) return answer;
  PQclear(answer);
  throw std::runtime_error(error.empty() ? "pipeline: no result" : error);
}

std::vector<Row> PgStatementCache::Query(const std::string& sql, const std::vector<Param>& params) {
  return RowsOf(Run(sql, params));
}

int64_t PgStatementCache::Send(std::string sql, std::vector<Param> params) {
  deferred_.push_back({std::move(sql), std::move(params), ++next_sent_});
  return next_sent_;
}

std::vector<Row> PgStatementCache::Take(int64_t sent) {
  auto it = results_.find(sent);
  if (it == results_.end()) {
    Flush();
    it = results_.find(sent);
    if (it == results_.end()) throw std::logic_error("Take: nothing sent under that number");
  }
  auto rows = std::move(it->second);
  results_.erase(it);
  return rows;
}

int64_t PgStatementCache::Exec(const std::string& sql, const std::vector<Param>& params) {
  PGresult* result = Run(sql, params);
  const char* affected = PQcmdTuples(result);
  const int64_t n = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
  PQclear(result);
  return n;
}

struct BatchStatement::Impl {
  std::vector<ParamType> types;
  std::deque<long long> ints;
  std::deque<double> reals;
  std::deque<std::string> texts;
  std::deque<soci::indicator> inds;
  std::vector<void*> slots;  // per position: the bound variable
  std::unique_ptr<soci::statement> statement;
};

BatchStatement::BatchStatement(Tx& tx, const std::string& sql, std::vector<ParamType> types)
    : impl_(std::make_unique<Impl>()) {
  impl_->types = std::move(types);
  soci::details::prepare_temp_type p = (tx.session().prepare << NumberPlaceholders(sql));
  for (ParamType t : impl_->types) {
    impl_->inds.push_back(soci::i_ok);
    switch (t) {
      case ParamType::kInt:
        impl_->ints.push_back(0);
        impl_->slots.push_back(&impl_->ints.back());
        p, soci::use(impl_->ints.back(), impl_->inds.back());
        break;
      case ParamType::kReal:
        impl_->reals.push_back(0);
        impl_->slots.push_back(&impl_->reals.back());
        p, soci::use(impl_->reals.back(), impl_->inds.back());
        break;
      case ParamType::kText:
        impl_->texts.emplace_back();
        impl_->slots.push_back(&impl_->texts.back());
        p, soci::use(impl_->texts.back(), impl_->inds.back());
        break;
    }
  }
  impl_->statement = std::make_unique<soci::statement>(p);
}

BatchStatement::~BatchStatement() = default;

void BatchStatement::Run(const std::vector<Param>& values) {
  for (size_t i = 0; i < impl_->types.size(); ++i) {
    const Param& v = values.at(i);
    soci::indicator& ind = impl_->inds[i];
    if (std::holds_alternative<std::nullptr_t>(v)) {
      ind = soci::i_null;
      continue;
    }
    ind = soci::i_ok;
    switch (impl_->types[i]) {
      case ParamType::kInt:
        *static_cast<long long*>(impl_->slots[i]) =
            std::holds_alternative<int64_t>(v) ? std::get<int64_t>(v)
                                               : static_cast<long long>(std::get<double>(v));
        break;
      case ParamType::kReal:
        *static_cast<double*>(impl_->slots[i]) = std::holds_alternative<double>(v)
                                                     ? std::get<double>(v)
                                                     : static_cast<double>(std::get<int64_t>(v));
        break;
      case ParamType::kText:
        *static_cast<std::string*>(impl_->slots[i]) = std::get<std::string>(v);
        break;
    }
  }
  impl_->statement->execute(true);
}

}  // namespace mvis::store
