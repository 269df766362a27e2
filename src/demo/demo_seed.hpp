// Demo data for `mvis demo` and `make demo`: the Wuhan bureaus, an institute, a DRC, two
// enterprises and one account per role. Idempotent: existing accounts are left as they are.
#pragma once

#include <string>
#include <vector>

#include "services/accounts/admin_service.hpp"
#include "services/announcements/announcement_service.hpp"
#include "services/registry/instrument_service.hpp"
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

// A sampling plan of the city bureau with a finished draw. Skipped when any plan exists. Returns
// the sample size.
Result<int> SeedDemoSampling(const services::ServiceContext& ctx,
                             services::SamplingService& sampling);

}  // namespace mvis::demo
