// Wires the layers together: database, services, SMS dispatcher, API and HTTP server. Used by
// `mvis serve` and by the in-process HTTP tests, so both run exactly the same composition.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "services/accounts/admin_service.hpp"
#include "services/accounts/auth_service.hpp"
#include "services/accounts/inbox_service.hpp"
#include "services/accounts/org_service.hpp"
#include "services/core/sms_dispatcher.hpp"
#include "services/imports/import_service.hpp"
#include "services/registry/instrument_service.hpp"
#include "services/reporting/home_service.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/institute_service.hpp"
#include "services/verification/reminder_service.hpp"
#include "services/verification/verification_service.hpp"
#include "store/database.hpp"

namespace mvis::app {

class Runtime {
 public:
  // Opens the database, applies migrations and builds every component (nothing listens yet).
  static Result<std::unique_ptr<Runtime>> Create(const AppConfig& config);
  ~Runtime();

  // Binds the listener (port 0 picks a free one) and starts the SMS dispatcher.
  Status Start();
  void Run();              // blocks until SIGINT/SIGTERM
  void RunInBackground();  // returns at once; Stop() ends it
  void Stop();

  unsigned short port() const { return server_->port(); }
  store::Database& db() { return *db_; }
  services::AdminService& admin() { return *admin_; }
  services::InstrumentService& instruments() { return *instruments_; }
  services::ImportService& imports() { return *imports_; }
  services::SmsDispatcher& dispatcher() { return *dispatcher_; }
  services::CertificateService& certificates() { return *certificates_; }
  services::ReminderService& reminders() { return *reminders_; }
  http::Api& api() { return *api_; }

 private:
  Runtime() = default;
  AppConfig config_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<services::SmsDispatcher> dispatcher_;
  std::unique_ptr<services::AuthService> auth_;
  std::unique_ptr<services::AdminService> admin_;
  std::unique_ptr<services::OrgService> orgs_;
  std::unique_ptr<services::InboxService> inbox_;
  std::unique_ptr<services::InstrumentService> instruments_;
  std::unique_ptr<services::InstituteService> institutes_;
  std::unique_ptr<services::AppointmentService> appointments_;
  std::unique_ptr<services::CertificateService> certificates_;
  std::unique_ptr<services::VerificationService> verifications_;
  std::unique_ptr<services::ReminderService> reminders_;
  std::unique_ptr<services::DailyScheduler> scheduler_;
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
