// Dashboards (统计分析): the figures of each card for the caller's jurisdiction — the city bureau
// and the city DRC see every district, a district bureau or 发改局 its own; enterprises and
// institutes none. Computed from an in-process copy of the trigger-kept tallies, refreshed before
// every card (tally_mirror.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/core/context.hpp"
#include "services/reporting/tally_mirror.hpp"
#include "store/statistics_store.hpp"

namespace mvis::services {

struct StatisticsQuery {
  std::string region_code;        // one district in scope ("" = the whole scope)
  std::string type_code;          // "" = every type
  std::optional<int64_t> org_id;  // one operator
  int year = 0;                   // 0 = this year
  int limit = 0;                  // breakdowns: largest groups kept (0 = default)
  std::string sort;               // operators: filed | overdue
};

struct OverviewFigures {
  store::StateCounts counts;
  int64_t enterprises = 0;
  int64_t first_use_unverified = 0;
  std::string first_use_date;
  std::string as_of;
};

struct BreakdownRow {
  std::string key, key2, name;
  int64_t org_id = 0;
  store::StateCounts counts;
};

struct TrendMonth {
  std::string month;
  int64_t filed = 0, verified = 0, passed = 0, failed = 0, first = 0, first_passed = 0, expired = 0;
};
struct TrendFigures {
  int year = 0;
  std::vector<TrendMonth> months;  // the twelve months
  TrendMonth totals;               // month empty, expired summed
};

struct SupervisionFigures {
  int64_t sampling_plans = 0, samples = 0, sampled_verified = 0, strata = 0, strata_covered = 0;
  store::InspectionFigures inspections;
  store::RectificationFigures rectifications;
};

class StatisticsService {
 public:
  explicit StatisticsService(const ServiceContext& ctx)
      : ctx_(ctx), mirror_(std::make_unique<TallyMirror>(ctx.db)) {}

  Result<OverviewFigures> Overview(const Actor& actor, const StatisticsQuery& q);
  // dimension: district | type | use | brand | operator.
  Result<std::vector<BreakdownRow>> Breakdown(const Actor& actor, const StatisticsQuery& q,
                                              const std::string& dimension);
  Result<TrendFigures> Trends(const Actor& actor, const StatisticsQuery& q);
  Result<std::vector<store::FailureCount>> FailureItems(const Actor& actor,
                                                        const StatisticsQuery& q);
  Result<SupervisionFigures> Supervision(const Actor& actor, const StatisticsQuery& q);

  // The date from which a charger put into use must be verified first (JJG; the notice's
  // 2021-07-01); setting statistics.first_use_date.
  std::string FirstUseDate();
  // Folds the tallies' delta rows (the hourly job); returns the rows folded.
  Result<int64_t> Compact();
  // The in-process copy of the tallies (tests read its counters).
  TallyMirror& mirror() { return *mirror_; }

 private:
  struct Resolved {
    store::StatFilter filter;
    int year = 0;
  };
  Result<Resolved> Resolve(const Actor& actor, const StatisticsQuery& q);
  // fn(const TallyView&) on the copy brought up to date.
  template <typename F>
  auto FromTallies(F&& fn) -> std::invoke_result_t<F, const TallyView&>;

  const ServiceContext& ctx_;
  std::unique_ptr<TallyMirror> mirror_;
};

}  // namespace mvis::services
