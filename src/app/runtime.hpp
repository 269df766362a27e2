// Wires the layers together: database, secrets, clock, services, background jobs, API and HTTP
// server. Used by `mvis serve`, by the other subcommands (without listening) and by the
// in-process HTTP tests, so all run exactly the same composition.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "domain/clock.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "services/accounts/admin_service.hpp"
#include "services/accounts/auth_service.hpp"
#include "services/accounts/inbox_service.hpp"
#include "services/accounts/org_service.hpp"
#include "services/announcements/announcement_service.hpp"
#include "services/core/context.hpp"
#include "services/core/housekeeping.hpp"
#include "services/core/scheduler.hpp"
#include "services/core/secrets.hpp"
#include "services/core/sms_dispatcher.hpp"
#include "services/imports/import_service.hpp"
#include "services/registry/instrument_service.hpp"
#include "services/reporting/home_service.hpp"
#include "services/supervision/credit_service.hpp"
#include "services/supervision/rectification_service.hpp"
#include "services/supervision/sampling_service.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/institute_service.hpp"
#include "services/verification/label_keyring.hpp"
#include "services/verification/reminder_service.hpp"
#include "services/verification/verification_service.hpp"
#include "store/database.hpp"

namespace mvis::app {

class Runtime {
 public:
  // Opens the database, applies migrations, reads the master key and builds every component
  // (nothing listens yet). Services read the time from `clock` (tests pass a ManualClock).
  static Result<std::unique_ptr<Runtime>> Create(const AppConfig& config,
                                                 const domain::Clock& clock = domain::SystemTime());
  ~Runtime();

  // Binds the listener (port 0 picks a free one), starts the SMS dispatcher and, when configured,
  // the hourly jobs.
  Status Start();
  void Run();              // blocks until SIGINT/SIGTERM
  void RunInBackground();  // returns at once; Stop() ends it
  void Stop();

  unsigned short port() const { return server_->port(); }
  store::Database& db() { return *db_; }
  const services::ServiceContext& context() const { return *context_; }
  services::AuthService& auth() { return *auth_; }
  services::AdminService& admin() { return *admin_; }
  services::InstrumentService& instruments() { return *instruments_; }
  services::ImportService& imports() { return *imports_; }
  services::AppointmentService& appointments() { return *appointments_; }
  services::VerificationService& verifications() { return *verifications_; }
  services::SmsDispatcher& dispatcher() { return *dispatcher_; }
  services::CertificateService& certificates() { return *certificates_; }
  services::LabelKeyring& label_keys() { return *label_keys_; }
  services::ReminderService& reminders() { return *reminders_; }
  services::AnnouncementService& announcements() { return *announcements_; }
  services::SamplingService& sampling() { return *sampling_; }
  services::CreditService& credit() { return *credit_; }
  services::RectificationService& rectifications() { return *rectifications_; }
  services::InspectionService& inspections() { return *inspections_; }
  services::StatisticsService& statistics() { return *statistics_; }
  services::AcceptanceService& acceptance() { return *acceptance_; }
  services::ReportService& reports() { return *reports_; }
  services::ExchangeService& exchange() { return *exchange_; }
  services::Housekeeping& housekeeping() { return *housekeeping_; }
  http::Api& api() { return *api_; }

 private:
  Runtime() = default;
  AppConfig config_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<services::SecretKeys> secrets_;
  std::unique_ptr<services::ServiceContext> context_;
  std::unique_ptr<services::SmsDispatcher> dispatcher_;
  std::unique_ptr<services::LabelKeyring> label_keys_;
  std::unique_ptr<services::AuthService> auth_;
  std::unique_ptr<services::AdminService> admin_;
  std::unique_ptr<services::OrgService> orgs_;
  std::unique_ptr<services::InboxService> inbox_;
  std::unique_ptr<services::AnnouncementService> announcements_;
  std::unique_ptr<services::SamplingService> sampling_;
  std::unique_ptr<services::CreditService> credit_;
  std::unique_ptr<services::RectificationService> rectifications_;
  std::unique_ptr<services::InspectionService> inspections_;  // complete in runtime.cpp
  std::unique_ptr<services::StatisticsService> statistics_;   // complete in runtime.cpp
  std::unique_ptr<services::AcceptanceService> acceptance_;   // complete in runtime.cpp
  std::unique_ptr<services::ReportService> reports_;          // complete in runtime.cpp
  std::unique_ptr<services::ExchangeService> exchange_;       // complete in runtime.cpp
  std::unique_ptr<services::InstrumentService> instruments_;
  std::unique_ptr<services::InstituteService> institutes_;
  std::unique_ptr<services::AppointmentService> appointments_;
  std::unique_ptr<services::CertificateService> certificates_;
  std::unique_ptr<services::VerificationService> verifications_;
  std::unique_ptr<services::ReminderService> reminders_;
  std::unique_ptr<services::Housekeeping> housekeeping_;
  std::unique_ptr<services::Scheduler> scheduler_;
  std::unique_ptr<services::HomeService> home_;
  std::unique_ptr<services::ImportService> imports_;
  // Declared after imports_ so it is destroyed first: queued jobs finish while the services
  // they use still exist.
  std::unique_ptr<services::JobRunner> jobs_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::Server> server_;
};

// Opens the database named in `config` and applies migrations.
Result<std::unique_ptr<store::Database>> OpenAndMigrate(const AppConfig& config);

}  // namespace mvis::app
