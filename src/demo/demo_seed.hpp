// Demo data for `mvis demo` and `make demo`: the Wuhan bureaus, an institute, a DRC, two
// enterprises and one account per role. Idempotent: existing accounts are left as they are.
#pragma once

#include <string>
#include <vector>

#include "services/accounts/admin_service.hpp"
#include "services/announcements/announcement_service.hpp"
#include "services/exchange/exchange_service.hpp"
#include "services/registry/instrument_service.hpp"
#include "services/reporting/report_service.hpp"
#include "services/supervision/inspection_service.hpp"
#include "services/supervision/rectification_service.hpp"
#include "services/supervision/sampling_service.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/institute_service.hpp"
#include "services/verification/verification_service.hpp"

namespace mvis::demo {

struct DemoAccount {
  std::string username;
  std::string password;  // empty when the account already existed
  std::string role;
  std::string org_name;
};

inline constexpr char kDemoPassword[] = "Mvis@Demo2026";

Result<std::vector<DemoAccount>> SeedDemo(const services::ServiceContext& ctx,
                                          services::AdminService& admin);

// A realistic registry for the demo enterprises: a few hundred chargers (and some other
// instruments) across districts in every filing state, made through the same service calls
// users make. Skipped when the demo enterprises already have instruments. Returns how many
// instruments were created.
Result<int> SeedDemoInstruments(const services::ServiceContext& ctx,
                                services::InstrumentService& instruments);

// The actor of demo account `username`.
Result<services::Actor> DemoActor(store::Database& db, const std::string& username);

// The verification business of the demo: appointments in every state, records awaiting each
// signature and issued certificates (pass and fail), made through the services. Skipped when
// appointments exist. Returns how many certificates were issued.
Result<int> SeedDemoVerifications(const services::ServiceContext& ctx,
                                  services::AppointmentService& appointments,
                                  services::VerificationService& verifications);

// The city bureau's 通知公告 (two published, one draft). Skipped when any exist. Returns how
// many were written.
Result<int> SeedDemoAnnouncements(const services::ServiceContext& ctx,
                                  services::AnnouncementService& announcements);

// A sampling plan of the city bureau with a finished draw, its tasks dispatched and partly
// executed: two units passed, one failed (its rectification answered by the enterprise, awaiting
// the district's decision), one marked 不具备检定条件. Skipped when any plan exists. Returns the
// sample size.
Result<int> SeedDemoSampling(const services::ServiceContext& ctx,
                             services::SamplingService& sampling,
                             services::AppointmentService& appointments,
                             services::VerificationService& verifications,
                             services::RectificationService& rectifications);

// 双随机一公开: inspectors of four bureaus, annual plans, a holiday calendar and a task in every
// state (published, completed awaiting publication, being inspected, draft). Skipped when any task
// exists. Returns the number of enterprises drawn.
Result<int> SeedDemoInspections(const services::ServiceContext& ctx,
                                services::InspectionService& inspections);

// The reporting side: campaign milestones, annual reports in three states, two 重大问题 reports
// and last month's 通报. Skipped when any bulletin exists. Returns the documents made.
Result<int> SeedDemoReports(const services::ServiceContext& ctx, services::ReportService& reports);

// The exchange with the charging platform: the sysadmin opens it for the enterprise of `charger`,
// and the platform reports its stations through real T/CEC 102 envelopes, with three chargers in
// use but not filed and one whose filing differs, then a month of charge orders with planted
// anomalies (one each for money_split, energy_over_rated, connector_overlap; orders on unfiled
// chargers). Skipped when any operator account exists.
// Returns the stations reported.
Result<int> SeedDemoExchange(const services::ServiceContext& ctx,
                             services::ExchangeService& exchange,
                             services::InstrumentService& instruments);

// A verification record of `instrument` in `appointment_id` with three load points, `error_pct`
// at the middle one, kind `kind`.
services::VerificationInput DemoRecord(const services::ServiceContext& ctx, int64_t appointment_id,
                                       const domain::Instrument& instrument,
                                       const std::vector<int64_t>& standards, double error_pct,
                                       const std::string& kind = "first");
// The institute's standards valid today.
Result<std::vector<int64_t>> DemoStandards(const services::ServiceContext& ctx,
                                           int64_t institute_org_id);
// Signs record `id` as verifier, checker and approver (the first `signatures` of them).
Status DemoSign(services::VerificationService& verifications, store::Database& db, int64_t id,
                int signatures = 3);

}  // namespace mvis::demo
