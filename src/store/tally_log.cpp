// The statistics tallies read as a log: see tally_log.hpp.
#include "store/tally_log.hpp"

#include <string>

namespace mvis::store {

namespace {

struct LogTable {
  const char* table;
  const char* columns;
};
constexpr LogTable kLogTables[kTallyLogs] = {
    {"stat_org",
     "org_id, region_code, type_code, use, brand, model, status, verification_state, "
     "valid_until, n, connectors"},
    {"stat_monthly", "region_code, type_code, month, metric, n"},
    {"stat_failures", "region_code, type_code, month, item, name, n"},
    {"stat_first_use", "org_id, region_code, type_code, in_use_date, n"},
};
constexpr size_t kColumns[kTallyLogs] = {11, 5, 6, 5};

// A full read goes through the table in chunks by id, so memory stays flat at any size.
constexpr int64_t kChunk = 20000;

uint64_t Xid(const Row& r, size_t i) { return std::stoull(r.Str(i)); }

}  // namespace

TallyRead ReadTallyLog(Tx& tx, const TallyCursor& cursor, const std::function<void(bool)>& start,
                       const std::function<void(TallyLog, const Row&)>& sink) {
  const bool pg = tx.backend() == Backend::kPostgres;
  auto gen = tx.QueryOne("SELECT generation FROM tally_generation WHERE id = 1");
  const int64_t generation = gen ? gen->Int(0) : 0;
  TallyRead out;
  out.full = cursor.generation != generation;
  out.cursor = out.full ? TallyCursor{} : cursor;
  out.cursor.generation = generation;
  uint64_t xmin = 0;
  if (pg) {
    // Every transaction below the snapshot's xmin has finished: its rows are all visible now.
    auto r = tx.QueryOne("SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT)");
    xmin = Xid(*r, 0);
  }
  start(out.full);
  for (size_t t = 0; t < kTallyLogs; ++t) {
    const auto kind = static_cast<TallyLog>(t);
    const size_t id_col = kColumns[t], xid_col = kColumns[t] + 1;
    const std::string select = std::string("SELECT ") + kLogTables[t].columns + ", id" +
                               (pg ? ", CAST(tx AS TEXT)" : "") + " FROM " + kLogTables[t].table;
    if (out.full || !pg) {
      // Everything above the last id applied (SQLite), or every row (a full read).
      int64_t after = out.cursor.after_id[t];
      for (;;) {
        auto rows =
            tx.Query(select + " WHERE id > ? ORDER BY id LIMIT " + std::to_string(kChunk), {after});
        for (const auto& r : rows) {
          sink(kind, r);
          after = r.Int(id_col);
          if (pg && Xid(r, xid_col) >= xmin) out.cursor.ahead[t].insert(after);
        }
        out.rows += static_cast<int64_t>(rows.size());
        if (static_cast<int64_t>(rows.size()) < kChunk) break;
      }
      out.cursor.after_id[t] = after;
      continue;
    }
    // PostgreSQL, incremental: the rows of every transaction from the last xmin on, less those
    // already applied ahead of it.
    std::set<int64_t> ahead;
    for (const auto& r :
         tx.Query(select + " WHERE tx >= CAST(? AS xid8)", {std::to_string(cursor.xmin)})) {
      const int64_t id = r.Int(id_col);
      if (!cursor.ahead[t].contains(id)) {
        sink(kind, r);
        ++out.rows;
      }
      if (Xid(r, xid_col) >= xmin) ahead.insert(id);
    }
    out.cursor.ahead[t] = std::move(ahead);
  }
  if (pg) out.cursor.xmin = xmin;
  return out;
}

}  // namespace mvis::store
