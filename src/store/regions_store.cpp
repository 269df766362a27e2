#include "store/regions_store.hpp"

namespace mvis::store {
namespace {

constexpr char kColumns[] =
    "SELECT code, name, COALESCE(parent_code, ''), level, standard FROM regions";

domain::Region ToRegion(const Row& r) {
  return domain::Region{r.Str(0), r.Str(1), r.Str(2),
                        Stored(domain::ParseRegionLevel(r.Str(3)), "regions.level", r.Str(3)),
                        r.Int(4) != 0};
}

}  // namespace

std::vector<domain::Region> ListRegions(Tx& tx, const std::string& parent) {
  std::vector<Row> rows =
      parent.empty()
          ? tx.Query(std::string(kColumns) + " ORDER BY code")
          : tx.Query(std::string(kColumns) + " WHERE parent_code = ? ORDER BY sort, code",
                     {parent});
  std::vector<domain::Region> out;
  for (const auto& r : rows) out.push_back(ToRegion(r));
  return out;
}

std::optional<domain::Region> FindRegion(Tx& tx, const std::string& code) {
  auto r = tx.QueryOne(std::string(kColumns) + " WHERE code = ?", {code});
  if (!r) return std::nullopt;
  return ToRegion(*r);
}

std::vector<std::string> RegionSubtree(Tx& tx, const std::string& root) {
  // One recursive query, not one per region (a city has some twenty).
  std::vector<std::string> out{root};
  for (const auto& r : tx.Query(
           "WITH RECURSIVE sub(code, depth) AS (SELECT code, 0 FROM regions WHERE parent_code = ? "
           "UNION ALL SELECT r.code, sub.depth + 1 FROM regions r JOIN sub ON r.parent_code = "
           "sub.code) SELECT code FROM sub ORDER BY depth, code",
           {root}))
    out.push_back(r.Str(0));
  return out;
}

void InsertRegion(Tx& tx, const domain::Region& region) {
  tx.Exec("INSERT INTO regions (code, name, parent_code, level, standard) VALUES (?, ?, ?, ?, ?)",
          {region.code, region.name,
           region.parent_code.empty() ? Param(nullptr) : Param(region.parent_code),
           std::string(domain::ToString(region.level)), int64_t{region.standard ? 1 : 0}});
}

}  // namespace mvis::store
