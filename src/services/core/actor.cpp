#include "services/core/actor.hpp"

#include "store/regions_store.hpp"

namespace mvis::services {

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
  a.role = user.role;
  a.org_id = user.org_id;
  a.duties = user.duties;
  bool city_level = false;
  std::string region;
  if (user.org_id) {
    if (auto org = store::FindOrg(tx, *user.org_id)) {
      region = org->region_code;
      if (auto r = store::FindRegion(tx, region))
        city_level = r->level == domain::RegionLevel::kCity;
    }
  }
  a.scope = domain::ScopeOf(a.role, city_level);
  if ((a.scope == domain::ScopeKind::kDistrict || a.scope == domain::ScopeKind::kCity) &&
      !region.empty()) {
    a.region_codes = store::RegionSubtree(tx, region);
  }
  return a;
}

}  // namespace mvis::services
