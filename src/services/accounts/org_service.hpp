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

  // The enterprise's 营业执照 scan: JPEG, PNG or PDF (judged by content), at most 5 MB; replaces
  // an earlier one. Users of that enterprise; audited. Errors: license_invalid,
  // license_too_large.
  Status SaveLicense(const Actor& actor, int64_t org_id, const std::string& bytes);
  struct License {
    std::string content_type, bytes, sha256;
    int64_t uploaded_at = 0;
  };
  // The scan, for the enterprise and the regulators whose region it is in. Errors: not_found.
  Result<License> GetLicense(const Actor& actor, int64_t org_id);

  // Public: children of `parent`, or every region when empty.
  Result<std::vector<domain::Region>> Regions(const std::string& parent);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
