// An in-process copy of the folded statistics tallies (stat_org, stat_monthly, stat_failures,
// stat_first_use), brought up to date from the tallies' delta rows before every dashboard read,
// so a card is computed in memory over a few hundred thousand entries instead of summing them in
// SQL on every request (docs/performance.md, "Statistics dashboards"). The copy is exact: each
// refresh applies every delta committed before it started (store/tally_log.hpp); a compaction
// raises the tallies' generation and the next refresh reloads them.
//
// Thread safety: shared by all request threads. Refresh serialises the database reads (a caller
// whose request arrived while another refresh was under way may skip its own once that one
// finishes after it arrived); Read holds a shared lock while the card is computed.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "store/database.hpp"
#include "store/statistics_store.hpp"
#include "store/tally_log.hpp"

namespace mvis::services {

struct TallyData;

// The figures of the copy, the same as the store's tally queries give (statistics_store.hpp).
class TallyView {
 public:
  explicit TallyView(const TallyData& d) : d_(d) {}

  // Registry figures grouped by one dimension; `order_by` "filed" or "overdue" with `limit` > 0
  // keeps the largest groups. kNone gives one group (zeros when nothing is in scope).
  std::vector<store::StatGroup> Counts(const store::StatFilter& f, store::StatDimension by,
                                       const std::string& order_by = "", int limit = 0) const;
  // Operators with filed instruments in scope.
  int64_t Enterprises(const store::StatFilter& f) const;
  // Approved instruments put into use on or after `since` with no standing verification.
  int64_t FirstUseUnverified(const store::StatFilter& f, const std::string& since) const;
  // Monthly flows of `year` (the operator filter does not apply: flows are kept per district).
  std::vector<store::MonthFigures> MonthlyFlows(const store::StatFilter& f, int year) const;
  // Per month of `year`: approved instruments whose certificate ran out then, still overdue.
  std::vector<store::MonthFigures> ExpiredByMonth(const store::StatFilter& f, int year) const;
  std::vector<store::FailureCount> FailureItems(const store::StatFilter& f, int year,
                                                int limit) const;

 private:
  const TallyData& d_;
};

class TallyMirror {
 public:
  explicit TallyMirror(store::Database& db);
  ~TallyMirror();

  // Applies every delta committed before the call (one read transaction).
  Status Refresh();

  template <typename F>
  auto Read(F&& fn) {
    std::shared_lock lock(mu_);
    return fn(TallyView(*data_));
  }

  // Rows read from the database so far, and full reloads (tests, logs).
  int64_t rows_read() const { return rows_read_.load(); }
  int64_t reloads() const { return reloads_.load(); }

 private:
  store::Database& db_;
  std::mutex refresh_mu_;
  std::atomic<uint64_t> requested_{0};
  uint64_t served_ = 0;  // under refresh_mu_: requests up to this one are covered
  store::TallyCursor cursor_;
  std::shared_mutex mu_;
  std::unique_ptr<TallyData> data_;
  std::atomic<int64_t> rows_read_{0}, reloads_{0};
};

}  // namespace mvis::services
