#include "services/verification/reminder_service.hpp"

#include <algorithm>
#include <map>

#include "domain/access_policy.hpp"
#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "store/instruments_store.hpp"
#include "store/label_keys_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

Result<ReminderReport> ReminderService::RunDaily() {
  std::vector<int> days = ctx_.config.reminder_days;
  std::sort(days.begin(), days.end());
  const int64_t now = ctx_.clock.Now();
  const std::string today = domain::ChinaDate(now);
  return ctx_.db.Write([&](store::Tx& tx) -> Result<ReminderReport> {
    ReminderReport report;
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
        Notify(tx, now, ToOrg{org_id},
               {"verification_due", "器具检定即将到期",
                "您有" + std::to_string(items.size()) + "台器具检定即将到期：" + list +
                    "。请及时预约检定，逾期不得用于贸易结算。"});
      }
    }
    for (const auto& [region, count] : store::OverdueByRegion(tx, today)) {
      Notify(tx, now, ToBureausOf{region},
             {"verification_overdue", "辖区内器具检定逾期",
              "截至" + today + "，辖区内有" + std::to_string(count) +
                  "台已备案器具检定逾期，详见“检定监管”。"});
      report.overdue_listed += static_cast<int>(count);
    }
    return report;
  });
}

Result<ReminderReport> ReminderService::RunNow(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), domain::access::Kind::kPlatform,
                                          domain::access::Op::kAdminister);
      !ok)
    return std::unexpected(ok.error());
  auto report = RunDaily();
  if (report) {
    (void)WriteAs(ctx_, actor, [&](Work& w) -> Status {
      Audit(w, {"job.reminders.run", "job", "verification_reminders",
                "提醒 " + std::to_string(report->reminded) + " 台，逾期 " +
                    std::to_string(report->overdue_listed) + " 台" +
                    (report->already_done ? "（今日已执行）" : "")});
      return {};
    });
  }
  return report;
}

Result<std::vector<SummaryRow>> ReminderService::Summary(const Actor& actor) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, domain::access::Kind::kOverview);
  if (!scope.allowed)
    return std::unexpected(domain::access::CheckRole(subject, domain::access::Kind::kOverview,
                                                     domain::access::Op::kRead)
                               .error());
  const auto regions = scope.region_codes.value_or(std::vector<std::string>{});
  const std::string today = ctx_.clock.Today();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<SummaryRow>> {
    std::vector<SummaryRow> out;
    for (auto& r : store::VerificationSummary(tx, regions, today, ctx_.config.due_soon_days)) {
      auto region = store::FindRegion(tx, r.region_code);
      out.push_back({r.region_code, region ? region->name : r.region_code, r.approved,
                     r.never_verified, r.valid, r.due_soon, r.overdue, r.failed});
    }
    return out;
  });
}

}  // namespace mvis::services
