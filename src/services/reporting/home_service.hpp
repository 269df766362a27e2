// The home page: to-do counts for the signed-in user's role.
#pragma once

#include <string>
#include <vector>

#include "services/accounts/inbox_service.hpp"
#include "services/core/context.hpp"
#include "services/registry/instrument_service.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/verification_service.hpp"

namespace mvis::services {

struct Todo {
  std::string key;  // stable; the UI labels it (todo.<key>)
  int64_t count = 0;
};

struct HomeView {
  std::vector<Todo> todos;
  int64_t unread_messages = 0;
};

class HomeService {
 public:
  HomeService(const ServiceContext& ctx, InboxService& inbox, InstrumentService& instruments,
              AppointmentService& appointments, VerificationService& verifications)
      : ctx_(ctx),
        inbox_(inbox),
        instruments_(instruments),
        appointments_(appointments),
        verifications_(verifications) {}

  // Enterprise: filings by status (待申报/审核中/已备案/退回, changes under review).
  // Regulators: filings and changes awaiting review, approved filings, overdue verification.
  // Institute: appointments to accept, records awaiting the user's signature. Sysadmin: failed SMS.
  Result<HomeView> Home(const Actor& actor);

 private:
  const ServiceContext& ctx_;
  InboxService& inbox_;
  InstrumentService& instruments_;
  AppointmentService& appointments_;
  VerificationService& verifications_;
};

}  // namespace mvis::services
