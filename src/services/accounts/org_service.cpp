#include "services/accounts/org_service.hpp"

namespace mvis::services {

bool CanSeeOrg(const Actor& actor, const store::OrgRow& org) {
  switch (actor.scope) {
    case domain::ScopeKind::kPlatform:
      return true;
    case domain::ScopeKind::kOrg:
    case domain::ScopeKind::kInstitute:
      return actor.org_id == org.id;
    case domain::ScopeKind::kDistrict:
    case domain::ScopeKind::kCity:
      return actor.org_id == org.id || actor.CoversRegion(org.region_code);
  }
  return false;
}

Result<store::OrgRow> OrgService::Get(const Actor& actor, int64_t org_id) {
  return db_.Read([&](store::Tx& tx) -> Result<store::OrgRow> {
    auto org = store::FindOrg(tx, org_id);
    if (!org || !CanSeeOrg(actor, *org)) return NotFound("机构");
    return *org;
  });
}

Result<std::vector<store::RegionRow>> OrgService::Regions(const std::string& parent) {
  return db_.Read([&](store::Tx& tx) -> Result<std::vector<store::RegionRow>> {
    return store::ListRegions(tx, parent);
  });
}

}  // namespace mvis::services
