// Reading organisations within the caller's data scope, and the region tree.
#pragma once

#include "services/core/actor.hpp"
#include "store/database.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

class OrgService {
 public:
  explicit OrgService(store::Database& db) : db_(db) {}

  // The organisation if the actor may see it; otherwise not_found (existence is not revealed).
  // Enterprise and institute users see their own; district and city regulators and DRC users see
  // organisations located in their region subtree; sysadmin sees all.
  Result<store::OrgRow> Get(const Actor& actor, int64_t org_id);

  // Public: children of `parent`, or every region when empty.
  Result<std::vector<store::RegionRow>> Regions(const std::string& parent);

 private:
  store::Database& db_;
};

// Whether `actor` may see `org` (shared by every service that shows organisations).
bool CanSeeOrg(const Actor& actor, const store::OrgRow& org);

}  // namespace mvis::services
