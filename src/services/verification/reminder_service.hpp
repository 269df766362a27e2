// Verification due dates: the daily reminder job (owners are told before expiry, district
// bureaus get the list of overdue instruments) and the regulators' per-district overview.
// The job is safe with several server instances: each run and each reminder is claimed by
// inserting a ledger row (job_runs, reminder_ledger) in the transaction that sends it.
//
// Thread safety: RunDaily and Summary may be called from any thread.
#pragma once

#include <string>
#include <vector>

#include "services/core/context.hpp"
#include "services/verification/verification_views.hpp"

namespace mvis::services {

struct ReminderReport {
  int reminded = 0;           // owner reminders sent this run
  int overdue_listed = 0;     // overdue instruments reported to district bureaus
  bool already_done = false;  // another run (or instance) already handled `today`
};

class ReminderService {
 public:
  explicit ReminderService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Runs the job for the clock's today (China date) once; later calls on the same day report
  // already_done and send nothing.
  Result<ReminderReport> RunDaily();
  // Sysadmin's "run now" (audited).
  Result<ReminderReport> RunNow(const Actor& actor);
  // Regulators: approved instruments per district in scope, by verification situation.
  Result<std::vector<SummaryRow>> Summary(const Actor& actor);
  int due_soon_days() const { return ctx_.config.due_soon_days; }

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
