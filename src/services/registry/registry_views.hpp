// What the registry's use cases return besides instruments themselves.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "domain/filing.hpp"
#include "domain/organisation.hpp"

namespace mvis::services {

// One enterprise of a district's archive (运营企业档案) with its filings by status.
struct ArchiveEntry {
  domain::Organisation org;
  std::string contact_phone;  // whole for the district's own bureau, masked otherwise
  std::map<domain::FilingStatus, int64_t> counts;
};

}  // namespace mvis::services
