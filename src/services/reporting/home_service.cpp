#include "services/reporting/home_service.hpp"

#include "domain/working_days.hpp"
#include "store/inspections_store.hpp"
#include "store/notifications_store.hpp"

namespace mvis::services {

using domain::FilingStatus;

// Which to-do cards a role's home page shows is presentation, chosen by role here; every count
// behind them comes from a service that asks the access policy for the caller's scope.
Result<HomeView> HomeService::Home(const Actor& actor) {
  HomeView home;
  auto unread = inbox_.UnreadCount(actor);
  if (!unread) return std::unexpected(unread.error());
  home.unread_messages = *unread;
  switch (actor.role) {
    case domain::Role::kEnterprise: {
      auto counts = instruments_.StatusCounts(actor);
      if (!counts) return std::unexpected(counts.error());
      for (auto s : {FilingStatus::kDraft, FilingStatus::kSubmitted, FilingStatus::kApproved,
                     FilingStatus::kReturned}) {
        home.todos.push_back({"filing_" + std::string(domain::ToString(s)), counts->Of(s)});
      }
      home.todos.push_back({"filing_change_pending", counts->change_pending});
      auto open = appointments_.OpenCount(actor);
      if (!open) return std::unexpected(open.error());
      home.todos.push_back({"appointments_open", *open});
      break;
    }
    case domain::Role::kInstitute: {
      auto to_accept = appointments_.OpenCount(actor);
      auto to_sign = verifications_.AwaitingMe(actor);
      if (!to_accept) return std::unexpected(to_accept.error());
      if (!to_sign) return std::unexpected(to_sign.error());
      home.todos.push_back({"appointments_to_accept", *to_accept});
      home.todos.push_back({"verifications_to_sign", *to_sign});
      break;
    }
    case domain::Role::kDistrictRegulator:
    case domain::Role::kCityRegulator: {
      auto queue = instruments_.ReviewQueueSize(actor);
      auto counts = instruments_.StatusCounts(actor);
      auto overdue = instruments_.OverdueCount(actor);
      if (!queue) return std::unexpected(queue.error());
      if (!counts) return std::unexpected(counts.error());
      if (!overdue) return std::unexpected(overdue.error());
      home.todos.push_back({"review_pending", *queue});
      home.todos.push_back({"filing_approved", counts->Of(FilingStatus::kApproved)});
      home.todos.push_back({"filing_returned", counts->Of(FilingStatus::kReturned)});
      home.todos.push_back({"instruments_overdue", *overdue});
      // 双随机: results to publish (due within 5 working days or overdue) and my on-site checks.
      auto scope =
          domain::access::ScopeFor(SubjectOf(actor), domain::access::Kind::kInspectionTask);
      const std::string today = ctx_.clock.Today();
      auto inspections = ctx_.db.Read([&](store::Tx& tx) -> Result<std::pair<int64_t, int64_t>> {
        const auto calendar = store::LoadWorkCalendar(tx);
        int64_t due = 0;
        for (const auto& t : store::UnpublishedTasks(tx, scope.region_codes))
          if (t.publish_deadline <= today ||
              domain::WorkingDaysBetween(today, t.publish_deadline, calendar) <=
                  domain::kPublicationWarnWorkingDays)
            ++due;
        auto me = store::FindInspectorByUser(tx, actor.user_id);
        const int64_t mine = me ? static_cast<int64_t>(store::MyInspections(tx, me->id).size()) : 0;
        return std::pair{due, mine};
      });
      if (!inspections) return std::unexpected(inspections.error());
      home.todos.push_back({"inspections_to_publish", inspections->first});
      home.todos.push_back({"inspections_to_record", inspections->second});
      break;
    }
    case domain::Role::kSysadmin: {
      auto failed =
          ctx_.db.Read([](store::Tx& tx) -> Result<int64_t> { return store::CountFailedSms(tx); });
      if (!failed) return std::unexpected(failed.error());
      home.todos.push_back({"failed_sms", *failed});
      break;
    }
    case domain::Role::kDrc:
      break;
  }
  home.todos.push_back({"unread_messages", home.unread_messages});
  return home;
}

}  // namespace mvis::services
