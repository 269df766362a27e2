// mvis as a T/CEC 102 client of the city's EV charging supervision platform: the platform's
// address and the values it issued to mvis (sysadmin; secrets sealed, never shown again), and the
// pull — query_token, query_stations_info page by page from the last complete pull's
// LastQueryTime into the platform inventory the reconciliation reads, then query_station_stats
// for each station with orders on the stats day (the metered energy rule 6 balances orders
// against). Daily from the scheduler when enabled, or on demand; one at a time; each request
// retried on transport failures, 5xx answers and a busy Ret; every pull logged with its counts.
//
// A station's OperatorID names the operator: the account of that OperatorID, or — the operator
// reports to the platform only — a record made for the enterprise whose credit code carries it
// (status "platform": its envelopes are refused until the sysadmin issues it secrets); stations
// of an OperatorID no enterprise carries are skipped and named in the log.
//
// Thread safety: shared by request threads and the scheduler (state lives in the database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/core/context.hpp"
#include "services/core/secrets.hpp"
#include "store/platform_pull_store.hpp"

namespace mvis::services {

class JobRunner;

struct PlatformInput {
  std::string base_url, operator_id;
  // Each kept when empty (a saved configuration); all four required the first time.
  std::string operator_secret, data_secret, data_secret_iv, sig_secret;
  bool enabled = false;
  int64_t page_size = 100;
};

struct PlatformView {
  bool configured = false;
  std::string base_url, operator_id;
  bool enabled = false;
  int64_t page_size = 100;
  std::string last_query_time;
  int64_t updated_at = 0;
};

struct PullOptions {
  int attempts = 3;         // per request
  int64_t retry_ms = 2000;  // the wait before the first retry, doubled each time
  long timeout_ms = 30000;  // per request
  int64_t max_pages = 10000;
};

class PlatformPull {
 public:
  PlatformPull(const ServiceContext& ctx, const SecretKeys& keys, JobRunner& jobs)
      : ctx_(ctx), keys_(keys), jobs_(jobs) {}

  void SetOptions(const PullOptions& options) { options_ = options; }

  // Sysadmin.
  Result<PlatformView> Get(const Actor& actor);
  // Sysadmin. Validates the address (http or https), the OperatorID and the secrets; a new
  // address or OperatorID starts the next pull from the whole inventory.
  Result<PlatformView> Save(const Actor& actor, const PlatformInput& in);
  // Sysadmin: a pull now, in the background, with the station stats of `stats_day` (default
  // yesterday; "" none). not_configured; run_in_progress.
  Result<store::PullRunRow> Start(const Actor& actor, std::optional<std::string> stats_day);
  Result<std::vector<store::PullRunRow>> Runs(const Actor& actor);
  // The scheduler: once a day when enabled, with yesterday's station stats. nullopt when not due.
  Result<std::optional<store::PullRunRow>> RunDaily();

 private:
  // Runs pull `row` (already started) to its end and records the outcome.
  store::PullRunRow Run(store::PullRunRow row);

  const ServiceContext& ctx_;
  const SecretKeys& keys_;
  JobRunner& jobs_;
  PullOptions options_;
};

}  // namespace mvis::services
