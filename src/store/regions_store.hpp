// Regions (GB/T 2260 tree plus local codes for functional zones).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace mvis::store {

struct RegionRow {
  std::string code;
  std::string name;
  std::string parent_code;  // empty for the root
  std::string level;        // province, city, district, zone
  bool standard = true;
};

// Children of `parent` in display order, or every region when parent is empty.
std::vector<RegionRow> ListRegions(Tx& tx, const std::string& parent);
std::optional<RegionRow> FindRegion(Tx& tx, const std::string& code);
// `root` and every region below it.
std::vector<std::string> RegionSubtree(Tx& tx, const std::string& root);
void InsertRegion(Tx& tx, const RegionRow& region);

}  // namespace mvis::store
