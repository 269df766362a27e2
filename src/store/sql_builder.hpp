// Builds WHERE clauses (text search: "LOWER(col) LIKE ? ESCAPE '!'" with LikePattern) from optional
// filters while keeping every value a bound parameter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace mvis::store {

class Where {
 public:
  // Adds "AND <condition>"; `condition` holds one `?` per entry of `params`.
  void Add(const std::string& condition, std::vector<Param> params = {}) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += condition;
    for (auto& p : params) params_.push_back(std::move(p));
  }
  // Adds "AND column IN (?, ?, …)" (texts or integers); an empty list matches nothing.
  template <typename T>
  void AddIn(const std::string& column, const std::vector<T>& values) {
    if (values.empty()) {
      Add("1 = 0");
      return;
    }
    std::string cond = column + " IN (";
    std::vector<Param> params;
    for (size_t i = 0; i < values.size(); ++i) {
      cond += i ? ", ?" : "?";
      params.emplace_back(values[i]);
    }
    Add(cond + ")", std::move(params));
  }
  const std::string& sql() const { return sql_; }
  const std::vector<Param>& params() const { return params_; }

 private:
  std::string sql_;
  std::vector<Param> params_;
};

// "%text%" for LIKE, lower-cased ASCII, with LIKE wildcards in `text` matched literally.
std::string LikePattern(const std::string& text);

// A short list kept in one text column: "a,b,c" (values never contain commas).
std::string JoinCsv(const std::vector<std::string>& values);
std::vector<std::string> SplitCsv(const std::string& csv);

// "column IN (…)" over the texts of a JSON array bound as one parameter (JsonList(values)):
// one statement text for any number of values (a prepared statement each, not one per
// list length). PostgreSQL: "= ANY(ARRAY(…))", which a generic plan answers from an index on
// `column` (a semi-join with the JSON's rows would guess 100 of them and may scan the table).
std::string InJsonList(const Tx& tx, const std::string& column);

// `text` as a JSON string ("…", with quotes, backslashes and control characters escaped),
// appended to `out`; the text is UTF-8 already (it came from parsed JSON or the database).
void AppendJsonString(std::string& out, std::string_view text);

// The JSON array of `values` (texts): InJsonList's parameter, written directly (the ingest's
// writer builds one per batch; through nlohmann::json each string was copied twice).
template <typename Texts>
std::string JsonList(const Texts& values) {
  std::string out = "[";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    AppendJsonString(out, v);
  }
  return out + "]";
}

}  // namespace mvis::store
