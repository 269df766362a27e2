// Reading the statistics tallies as a log (migration 0019): everything a copy of the folded
// tallies has not applied yet, or every row when the tallies were compacted since (their
// generation changed) — for the in-process copy of services/reporting/tally_mirror.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <set>

#include "store/database.hpp"

namespace mvis::store {

// The tallies read as a log, in this order. Columns of each row handed to the sink:
//   kOrg:      org_id, region_code, type_code, use, brand, model, status, verification_state,
//              valid_until, n, connectors
//   kMonthly:  region_code, type_code, month, metric, n
//   kFailures: region_code, type_code, month, item, name, n
//   kFirstUse: org_id, region_code, type_code, in_use_date, n
enum class TallyLog { kOrg, kMonthly, kFailures, kFirstUse };
inline constexpr size_t kTallyLogs = 4;

// How far a copy has read. A default cursor has read nothing (the first read is a full one).
struct TallyCursor {
  int64_t generation = -1;  // tally_generation when last read; -1 = never read
  // SQLite: the highest id applied per tally (one writer at a time, so ids follow commit order).
  std::array<int64_t, kTallyLogs> after_id{};
  // PostgreSQL: every delta written by a transaction below `xmin` has been applied; `ahead`
  // holds the ids of rows applied from transactions at or above it (committed early), so they
  // are not applied twice when `xmin` passes them.
  uint64_t xmin = 0;
  std::array<std::set<int64_t>, kTallyLogs> ahead;
};

struct TallyRead {
  bool full = false;   // the sink received every row: start from empty before applying them
  TallyCursor cursor;  // where the next read starts, once the rows are applied
  int64_t rows = 0;
};

// Hands every row that `cursor` has not applied to `sink`, in one read transaction (a consistent
// snapshot): first start(full) — full when the copy must start from empty — then the rows. Pass
// the returned cursor to the next call only after applying the rows.
TallyRead ReadTallyLog(Tx& tx, const TallyCursor& cursor, const std::function<void(bool)>& start,
                       const std::function<void(TallyLog, const Row&)>& sink);

}  // namespace mvis::store
