#include "services/core/context.hpp"

#include "domain/time.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

std::string Work::Today() const { return domain::ChinaDate(now); }

const std::string& Work::OrgName() {
  if (!org_name_) {
    org_name_.emplace();
    if (actor.org_id)
      if (auto org = store::FindOrg(tx, *actor.org_id)) *org_name_ = org->name;
  }
  return *org_name_;
}

domain::access::Subject SubjectOf(const Actor& actor) {
  return {actor.role, actor.user_id, actor.org_id, actor.region_codes, actor.duties};
}

}  // namespace mvis::services
