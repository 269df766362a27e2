// Verification institutes (计量技术机构): their capability profile (what types and regions they
// verify, the contact named to enterprises), their staff with duties, their standard equipment
// (计量标准器) and the verification rules of each instrument type.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/core/actor.hpp"
#include "store/database.hpp"
#include "store/institutes_store.hpp"
#include "store/users_store.hpp"

namespace mvis::services {

struct InstituteView {
  store::InstituteProfileRow profile;
  bool suggested = false;  // covers the queried type and region
};

struct VerificationRules {
  std::string type_code, regulation;
  int period_months = 0;
  std::vector<domain::CheckItem> checklist;
  std::vector<domain::LimitRule> limits;
};

class InstituteService {
 public:
  explicit InstituteService(store::Database& db) : db_(db) {}

  // Institutes with a profile; those covering `type_code` and `region_code` (when given) first.
  Result<std::vector<InstituteView>> List(const Actor& actor, const std::string& type_code,
                                          const std::string& region_code);
  // Sysadmin, or a user of that institute. Audited.
  Result<store::InstituteProfileRow> SaveProfile(const Actor& actor,
                                                 store::InstituteProfileRow profile);
  // Active users of the actor's institute with their duties.
  Result<std::vector<store::UserRow>> Staff(const Actor& actor);

  Result<std::vector<store::StandardRow>> Standards(const Actor& actor, bool active_only);
  Result<store::StandardRow> SaveStandard(const Actor& actor, store::StandardRow standard);

  Result<VerificationRules> Rules(const Actor& actor, const std::string& type_code);

 private:
  store::Database& db_;
};

// Whether `profile` serves `region_code` (a listed region or a district of a listed city).
bool ServesRegion(const store::InstituteProfileRow& profile, const std::string& region_code);

}  // namespace mvis::services
