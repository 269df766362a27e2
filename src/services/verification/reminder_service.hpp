// Verification due dates: the daily reminder job (owners are told before expiry, district
// bureaus get the list of overdue instruments) and the regulators' per-district overview.
// The job is safe with several server instances: each run and each reminder is claimed by
// inserting a ledger row (job_runs, reminder_ledger) in the transaction that sends it.
//
// Thread safety: RunDaily and Summary may be called from any thread; DailyScheduler owns one
// background thread.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "services/core/actor.hpp"
#include "services/core/config.hpp"
#include "store/database.hpp"
#include "store/instruments_store.hpp"

namespace mvis::services {

struct ReminderReport {
  int reminded = 0;           // owner reminders sent this run
  int overdue_listed = 0;     // overdue instruments reported to district bureaus
  bool already_done = false;  // another run (or instance) already handled `today`
};

struct SummaryRow {
  store::VerificationSummaryRow counts;
  std::string region_name;
};

class ReminderService {
 public:
  ReminderService(store::Database& db, const ServiceConfig& config) : db_(db), config_(config) {}

  // Runs the job for `today` (YYYY-MM-DD, China) once; later calls for the same day report
  // already_done and send nothing.
  Result<ReminderReport> RunDaily(const std::string& today);
  // Sysadmin's "run now" (audited).
  Result<ReminderReport> RunNow(const Actor& actor);
  // Regulators: approved instruments per district in scope, by verification situation.
  Result<std::vector<SummaryRow>> Summary(const Actor& actor);
  int due_soon_days() const { return config_.due_soon_days; }

 private:
  store::Database& db_;
  const ServiceConfig& config_;
};

// Runs ReminderService::RunDaily for the current China date once an hour (the claim makes the
// extra calls no-ops). Stops when destroyed.
class DailyScheduler {
 public:
  explicit DailyScheduler(ReminderService& reminders);
  ~DailyScheduler();

 private:
  void Loop();
  ReminderService& reminders_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace mvis::services
