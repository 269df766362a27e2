// Statistics (统计分析) read from the tallies that triggers keep (migrations 0016, 0019) with SQL:
// the reports' figures as of a cut-off date, milestone progress, compaction. The dashboards
// compute the same figures from an in-process copy (services/reporting/tally_mirror.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace mvis::store {

// What the figures are counted over. Every query filters by `regions` (the caller's districts).
struct StatFilter {
  std::vector<std::string> regions;
  std::string type_code;          // "" = every type
  std::optional<int64_t> org_id;  // one operator
  std::string today;              // YYYY-MM-DD (China)
  std::string soon;               // today + 30 days
};

// The seven registry figures of the contract (GET /statistics/overview).
struct StateCounts {
  int64_t filed = 0;           // submitted, returned or approved
  int64_t approved = 0;        // approved
  int64_t valid = 0;           // passed, certificate valid today
  int64_t due_30d = 0;         // valid, expiring within 30 days
  int64_t overdue = 0;         // approved, certificate expired
  int64_t never_verified = 0;  // approved, no standing verification (never, or revoked)
  int64_t failed = 0;          // last verification failed (stop-use)
  int64_t connectors = 0;      // connectors of the filed instruments
};

enum class StatDimension { kNone, kRegion, kType, kUse, kBrandModel, kOrg };

struct StatGroup {
  std::string key;   // region code, type code, use, org id, or brand
  std::string key2;  // model (brand/model groups)
  StateCounts counts;
};

// Figures grouped by one dimension, from the tallies. `order_by` "filed" or "overdue" with
// `limit` > 0 keeps the largest groups (brand/model, operators).
std::vector<StatGroup> TallyCounts(Tx& tx, const StatFilter& f, StatDimension by,
                                   const std::string& order_by = "", int limit = 0);
// Operators with filed instruments in scope.
int64_t TallyEnterprises(Tx& tx, const StatFilter& f);

struct MonthFigures {
  std::string month;  // YYYY-MM
  std::string metric;
  int64_t n = 0;
};

struct FailureCount {
  std::string item, name;
  int64_t n = 0;
};

// Names for the keys of a breakdown.
std::vector<std::pair<int64_t, std::string>> OrgNames(Tx& tx, const std::vector<int64_t>& ids);
std::vector<std::pair<std::string, std::string>> TypeNames(Tx& tx);
bool TypeExists(Tx& tx, const std::string& code);

// Supervision figures of a year in the districts (small tables, read directly).
struct SamplingDrawItems {
  int64_t plan_id = 0;
  std::string items;  // JSON [[instrument_id, "stratum"], …]
  int64_t drawn_at = 0;
};
int64_t SamplingPlanCount(Tx& tx, int year);
std::vector<SamplingDrawItems> CurrentSamplingDraws(Tx& tx, int year);
struct StatSampledInstrument {
  int64_t id = 0;
  std::string region_code, last_verified_on;
};
std::vector<StatSampledInstrument> StatSampledInstruments(Tx& tx, const std::vector<int64_t>& ids);
struct InspectionFigures {
  int64_t tasks = 0, objects = 0, done = 0, published = 0;
};
InspectionFigures InspectionCounts(Tx& tx, const std::vector<std::string>& regions, int year);
struct RectificationFigures {
  int64_t open = 0, overdue = 0, closed = 0;
};
RectificationFigures RectificationCounts(Tx& tx, const std::vector<std::string>& regions,
                                         const std::string& today);

// SQL for the month (YYYY-MM, China time) of the Unix-time column `column`.
std::string MonthOfUnix(const Tx& tx, const std::string& column);

// Folds the +1/-1 delta rows of every tally into one row per key; returns the rows removed.
// Safe beside concurrent writers and other compactions (PostgreSQL: DELETE … RETURNING).
int64_t CompactStatistics(Tx& tx);

}  // namespace mvis::store
