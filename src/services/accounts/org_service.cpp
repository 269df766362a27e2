#include "services/accounts/org_service.hpp"

#include "domain/access_resources.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

Result<domain::Organisation> OrgService::Get(const Actor& actor, int64_t org_id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Organisation> {
    auto org = store::FindOrg(tx, org_id);
    if (!org) return NotFound("机构");
    if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*org),
                                        domain::access::Op::kRead, "机构");
        !ok)
      return std::unexpected(ok.error());
    return *org;
  });
}

Result<std::vector<domain::Region>> OrgService::Regions(const std::string& parent) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<domain::Region>> {
    return store::ListRegions(tx, parent);
  });
}

}  // namespace mvis::services
