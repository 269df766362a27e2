#include "services/reporting/home_service.hpp"

#include "domain/time.hpp"
#include "store/instruments_store.hpp"
#include "store/notifications_store.hpp"

namespace mvis::services {

Result<HomeView> HomeService::Home(const Actor& actor) {
  HomeView home;
  auto unread = inbox_.UnreadCount(actor);
  if (!unread) return std::unexpected(unread.error());
  home.unread_messages = *unread;
  if (actor.Is(domain::Role::kEnterprise)) {
    auto counts = instruments_.StatusCounts(actor);
    if (!counts) return std::unexpected(counts.error());
    for (const char* key : {"draft", "submitted", "approved", "returned", "change_pending"}) {
      home.todos.push_back({std::string("filing_") + key, (*counts)[key]});
    }
    auto open = appointments_.OpenCount(actor);
    if (!open) return std::unexpected(open.error());
    home.todos.push_back({"appointments_open", *open});
  } else if (actor.Is(domain::Role::kInstitute)) {
    auto to_accept = appointments_.OpenCount(actor);
    auto to_sign = verifications_.AwaitingMe(actor);
    if (!to_accept) return std::unexpected(to_accept.error());
    if (!to_sign) return std::unexpected(to_sign.error());
    home.todos.push_back({"appointments_to_accept", *to_accept});
    home.todos.push_back({"verifications_to_sign", *to_sign});
  } else if (actor.Is(domain::Role::kDistrictRegulator) || actor.Is(domain::Role::kCityRegulator)) {
    auto queue = instruments_.ReviewQueueSize(actor);
    auto counts = instruments_.StatusCounts(actor);
    if (!queue) return std::unexpected(queue.error());
    if (!counts) return std::unexpected(counts.error());
    home.todos.push_back({"review_pending", *queue});
    home.todos.push_back({"filing_approved", (*counts)["approved"]});
    home.todos.push_back({"filing_returned", (*counts)["returned"]});
    store::InstrumentFilter overdue;
    overdue.region_codes = actor.region_codes;
    overdue.verification = "overdue";
    overdue.today = domain::TodayChina();
    auto n = db_.Read(
        [&](store::Tx& tx) -> Result<int64_t> { return store::CountInstruments(tx, overdue); });
    if (!n) return std::unexpected(n.error());
    home.todos.push_back({"instruments_overdue", *n});
  } else if (actor.Is(domain::Role::kSysadmin)) {
    auto failed =
        db_.Read([](store::Tx& tx) -> Result<int64_t> { return store::CountFailedSms(tx); });
    if (!failed) return std::unexpected(failed.error());
    home.todos.push_back({"failed_sms", *failed});
  }
  home.todos.push_back({"unread_messages", home.unread_messages});
  return home;
}

}  // namespace mvis::services
