// The application's HTTP surface: routes under /api/v1, authentication and CSRF checks,
// request logging, the OpenAPI document and the web UI's static files.
#pragma once

#include <string>

#include "http/router.hpp"
#include "services/accounts/admin_service.hpp"
#include "services/accounts/auth_service.hpp"
#include "services/accounts/inbox_service.hpp"
#include "services/accounts/org_service.hpp"
#include "services/announcements/announcement_service.hpp"
#include "services/imports/import_service.hpp"
#include "services/registry/instrument_service.hpp"
#include "services/reporting/home_service.hpp"
#include "services/supervision/credit_service.hpp"
#include "services/supervision/rectification_service.hpp"
#include "services/supervision/sampling_service.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/institute_service.hpp"
#include "services/verification/reminder_service.hpp"
#include "services/verification/verification_service.hpp"

namespace mvis::services {
class InspectionService;  // services/supervision/inspection_service.hpp (routes_inspections only)
class StatisticsService;  // services/reporting/statistics_service.hpp (routes_statistics only)
class AcceptanceService;  // services/reporting/acceptance_service.hpp (routes_acceptance only)
class ExchangeService;    // services/exchange/exchange_service.hpp (routes_exchange only)
class ReportService;      // services/reporting/report_service.hpp (routes_reports only)
}  // namespace mvis::services

namespace mvis::http {

struct AppServices {
  const domain::Clock& clock;
  services::AuthService& auth;
  services::AdminService& admin;
  services::OrgService& orgs;
  services::InboxService& inbox;
  services::InstrumentService& instruments;
  services::HomeService& home;
  services::ImportService& imports;
  services::InstituteService& institutes;
  services::AppointmentService& appointments;
  services::VerificationService& verifications;
  services::CertificateService& certificates;
  services::ReminderService& reminders;
  services::AnnouncementService& announcements;
  services::SamplingService& sampling;
  services::CreditService& credit;
  services::RectificationService& rectifications;
  services::InspectionService& inspections;
  services::StatisticsService& statistics;
  services::AcceptanceService& acceptance;
  services::ReportService& reports;
  services::ExchangeService& exchange;
};

struct ApiOptions {
  std::string web_dir;               // built web UI (web/dist); empty: no UI
  bool cookie_secure = false;        // add Secure to the session cookie (behind TLS)
  bool trust_proxy = false;          // take the client address from X-Forwarded-For
  int public_rate_per_minute = 120;  // per client on /v/ and /api/v1/public/; 0: unlimited
  bool access_log = true;            // log one info line per request
  int login_rate_per_minute = 300;   // per client address on login and CAPTCHA; 0: unlimited
};

inline constexpr char kSessionCookie[] = "mvis_session";

class Api {
 public:
  Api(AppServices services, ApiOptions options);

  // Handles one request (thread-safe).
  Response Handle(Request& request);
  const Router& router() const { return router_; }

 private:
  Response Dispatch(Request& request);
  Response ServeStatic(const Request& request) const;

  AppServices services_;
  ApiOptions options_;
  Router router_;
};

// Route groups, one file each.
void AddSystemRoutes(Router& router, AppServices& services);
void AddExportRoutes(Router& router, AppServices& services);
void AddAuthRoutes(Router& router, AppServices& services, const ApiOptions& options);
void AddAdminRoutes(Router& router, AppServices& services);
void AddInboxRoutes(Router& router, AppServices& services);
void AddAnnouncementRoutes(Router& router, AppServices& services);
void AddSamplingRoutes(Router& router, AppServices& services);
void AddCreditRoutes(Router& router, AppServices& services);
void AddRectificationRoutes(Router& router, AppServices& services);
void AddInspectionRoutes(Router& router, AppServices& services, int public_per_minute);
void AddInstrumentRoutes(Router& router, AppServices& services);
void AddImportRoutes(Router& router, AppServices& services);
void AddAppointmentRoutes(Router& router, AppServices& services);
void AddVerificationRoutes(Router& router, AppServices& services);
void AddPublicRoutes(Router& router, AppServices& services, int per_minute);
void AddStatisticsRoutes(Router& router, AppServices& services);
void AddAcceptanceRoutes(Router& router, AppServices& services, int public_per_minute);
void AddReportRoutes(Router& router, AppServices& services);
void AddMeterValueRoutes(Router& router, AppServices& services, int public_per_minute);
void AddExchangeRoutes(Router& router, AppServices& services);

// The embedded OpenAPI document (src/http/openapi.json).
const std::string& OpenApiDocument();

// Value of the named cookie in a Cookie header, or "".
std::string CookieValue(const std::string& cookie_header, const std::string& name);

}  // namespace mvis::http
