// Reading organisations within the caller's data scope, and the region tree.
#pragma once

#include <vector>

#include "domain/organisation.hpp"
#include "services/core/context.hpp"

namespace mvis::services {

class OrgService {
 public:
  explicit OrgService(const ServiceContext& ctx) : ctx_(ctx) {}

  // The organisation if the actor may see it (the access policy); otherwise not_found, so its
  // existence is not revealed.
  Result<domain::Organisation> Get(const Actor& actor, int64_t org_id);

  // Public: children of `parent`, or every region when empty.
  Result<std::vector<domain::Region>> Regions(const std::string& parent);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
