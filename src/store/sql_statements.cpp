#include "store/sql_statements.hpp"

#include <soci/soci.h>

#include <deque>
#include <stdexcept>

namespace mvis::store {

std::string NumberPlaceholders(const std::string& sql) {
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
      out += ":p" + std::to_string(++n);
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
