// Regions (GB/T 2260 tree plus local codes for functional zones).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/organisation.hpp"
#include "store/database.hpp"

namespace mvis::store {

// Children of `parent` in display order, or every region when parent is empty.
std::vector<domain::Region> ListRegions(Tx& tx, const std::string& parent);
std::optional<domain::Region> FindRegion(Tx& tx, const std::string& code);
// `root` and every region below it.
std::vector<std::string> RegionSubtree(Tx& tx, const std::string& root);
void InsertRegion(Tx& tx, const domain::Region& region);

}  // namespace mvis::store
