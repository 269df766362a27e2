#include "services/verification/reminder_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "store/label_keys_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

Result<ReminderReport> ReminderService::RunDaily(const std::string& today) {
  std::vector<int> days = config_.reminder_days;
  std::sort(days.begin(), days.end());
  return db_.Write([&](store::Tx& tx) -> Result<ReminderReport> {
    ReminderReport report;
    const int64_t now = domain::NowSeconds();
    if (!store::ClaimJobRun(tx, "verification_reminders", today, now)) {
      report.already_done = true;
      return report;
    }
    if (!days.empty()) {
      // Each instrument gets the reminder of the smallest threshold it has reached, once.
      std::map<int64_t, std::vector<store::ExpiringInstrument>> per_org;
      for (auto& e : store::InstrumentsExpiring(tx, today, domain::AddDays(today, days.back()))) {
        int64_t left = domain::DaysBetween(today, e.valid_until);
        auto threshold = std::ranges::lower_bound(days, static_cast<int>(left));
        if (threshold == days.end()) continue;
        if (!store::ClaimReminder(tx, e.id, e.valid_until, *threshold, now)) continue;
        per_org[e.org_id].push_back(std::move(e));
        ++report.reminded;
      }
      for (const auto& [org_id, items] : per_org) {
        std::string list;
        for (size_t i = 0; i < items.size() && i < 5; ++i)
          list += (i ? "、" : "") + items[i].serial_no + "（" + items[i].valid_until + "）";
        if (items.size() > 5) list += "等";
        NotifyOrg(tx, org_id,
                  {"verification_due", "器具检定即将到期",
                   "您有" + std::to_string(items.size()) + "台器具检定即将到期：" + list +
                       "。请及时预约检定，逾期不得用于贸易结算。"});
      }
    }
    for (const auto& [region, count] : store::OverdueByRegion(tx, today)) {
      NotifyBureaus(tx, region,
                    {"verification_overdue", "辖区内器具检定逾期",
                     "截至" + today + "，辖区内有" + std::to_string(count) +
                         "台已备案器具检定逾期，详见“检定监管”。"});
      report.overdue_listed += static_cast<int>(count);
    }
    return report;
  });
}

Result<ReminderReport> ReminderService::RunNow(const Actor& actor) {
  if (!actor.Is(domain::Role::kSysadmin)) return Forbidden();
  auto report = RunDaily(domain::TodayChina());
  if (report) {
    (void)db_.Write([&](store::Tx& tx) -> Status {
      Audit(tx, actor,
            {"job.reminders.run", "job", "verification_reminders",
             "reminded " + std::to_string(report->reminded) + ", overdue " +
                 std::to_string(report->overdue_listed) +
                 (report->already_done ? ", already done today" : "")});
      return {};
    });
  }
  return report;
}

Result<std::vector<SummaryRow>> ReminderService::Summary(const Actor& actor) {
  if (!actor.Is(domain::Role::kDistrictRegulator) && !actor.Is(domain::Role::kCityRegulator))
    return Forbidden();
  return db_.Read([&](store::Tx& tx) -> Result<std::vector<SummaryRow>> {
    std::vector<SummaryRow> out;
    for (auto& row : store::VerificationSummary(tx, actor.region_codes, domain::TodayChina(),
                                                config_.due_soon_days)) {
      auto region = store::FindRegion(tx, row.region_code);
      out.push_back({row, region ? region->name : row.region_code});
    }
    return out;
  });
}

DailyScheduler::DailyScheduler(ReminderService& reminders)
    : reminders_(reminders), thread_([this] { Loop(); }) {}

DailyScheduler::~DailyScheduler() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void DailyScheduler::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    auto report = reminders_.RunDaily(domain::TodayChina());
    if (report && !report->already_done) {
      spdlog::info("verification reminders: {} reminded, {} overdue listed", report->reminded,
                   report->overdue_listed);
    } else if (!report) {
      spdlog::warn("verification reminders failed: {}", report.error().code);
    }
    lock.lock();
    cv_.wait_for(lock, std::chrono::hours(1), [this] { return stop_; });
  }
}

}  // namespace mvis::services
