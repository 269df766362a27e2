// Verification institutes (计量技术机构): their capability profile (what types and regions they
// verify, the contact named to enterprises), their staff with duties, their standard equipment
// (计量标准器) and the verification rules of each instrument type.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/core/context.hpp"
#include "services/verification/verification_views.hpp"

namespace mvis::services {

class InstituteService {
 public:
  explicit InstituteService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Institutes with a profile; those covering `type_code` and `region_code` (when given) first.
  Result<std::vector<InstituteView>> List(const Actor& actor, const std::string& type_code,
                                          const std::string& region_code);
  // Sysadmin, or a user of that institute. Audited.
  Result<domain::InstituteProfile> SaveProfile(const Actor& actor,
                                               domain::InstituteProfile profile);
  // The profile of institute `org_id` (users of that institute, sysadmin). Errors: not_found
  // (also before the first save).
  Result<domain::InstituteProfile> Profile(const Actor& actor, int64_t org_id);
  // Stores the institute's 检定专用章 image (PNG up to 512 KB and 1200 × 1200 px) and returns its
  // SHA-256. Users of that institute or sysadmin; audited. Errors: seal_invalid, seal_too_large.
  Result<std::string> SaveSeal(const Actor& actor, int64_t org_id, const std::string& png);
  // The seal's PNG bytes. Errors: not_found when none was uploaded.
  Result<std::string> Seal(const Actor& actor, int64_t org_id);
  // Active users of the actor's institute with their duties.
  Result<std::vector<StaffMember>> Staff(const Actor& actor);

  Result<std::vector<StandardView>> Standards(const Actor& actor, bool active_only);
  Result<StandardView> SaveStandard(const Actor& actor, domain::Standard standard);

  Result<VerificationRules> Rules(const Actor& actor, const std::string& type_code);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
