#include "services/core/actor.hpp"

#include <algorithm>

#include "store/regions_store.hpp"

namespace mvis::services {

bool Actor::CoversRegion(const std::string& region_code) const {
  return std::find(region_codes.begin(), region_codes.end(), region_code) != region_codes.end();
}

Actor SystemActor(const std::string& name) {
  Actor a;
  a.username = name;
  a.role = domain::Role::kSysadmin;
  a.scope = domain::ScopeKind::kPlatform;
  a.request.ip = "local";
  return a;
}

Actor MakeActor(store::Tx& tx, const store::UserRow& user) {
  Actor a;
  a.user_id = user.id;
  a.username = user.username;
  a.role = domain::ParseRole(user.role).value_or(domain::Role::kEnterprise);
  a.org_id = user.org_id;
  a.duties = domain::ParseDuties(user.duties).value_or(std::vector<domain::Duty>{});
  std::string level;
  std::string region;
  if (user.org_id) {
    if (auto org = store::FindOrg(tx, *user.org_id)) {
      region = org->region_code;
      if (auto r = store::FindRegion(tx, region)) level = r->level;
    }
  }
  a.scope = domain::ScopeOf(a.role, level);
  if ((a.scope == domain::ScopeKind::kDistrict || a.scope == domain::ScopeKind::kCity) &&
      !region.empty()) {
    a.region_codes = store::RegionSubtree(tx, region);
  }
  return a;
}

}  // namespace mvis::services
