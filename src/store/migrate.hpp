// Numbered schema migrations, embedded in the binary from src/store/migrations/*.sql. The same
// files serve SQLite and PostgreSQL; the few dialect differences are written as tokens:
//   {{ID}}  an auto-increment integer primary key
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace mvis::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

extern const std::vector<Migration> kMigrations;

// Applies every migration newer than the database's version up to `up_to`, each in its own
// transaction. Idempotent; safe when several servers start together. Returns the number applied.
Result<int> Migrate(Database& db, int up_to = std::numeric_limits<int>::max());

// The dialect-specific form of a migration's SQL.
std::string RenderMigration(const std::string& sql, Backend backend);

}  // namespace mvis::store
