#include "domain/organisation.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {
namespace {

constexpr EnumName<RegionLevel> kLevels[] = {{RegionLevel::kProvince, "province"},
                                             {RegionLevel::kCity, "city"},
                                             {RegionLevel::kDistrict, "district"},
                                             {RegionLevel::kZone, "zone"}};
constexpr EnumName<AccountStatus> kStatuses[] = {{AccountStatus::kActive, "active"},
                                                 {AccountStatus::kDisabled, "disabled"}};

}  // namespace

std::string_view ToString(RegionLevel level) { return NameIn(kLevels, level); }
std::optional<RegionLevel> ParseRegionLevel(std::string_view s) { return ParseIn(kLevels, s); }
std::string_view ToString(AccountStatus status) { return NameIn(kStatuses, status); }
std::optional<AccountStatus> ParseAccountStatus(std::string_view s) {
  return ParseIn(kStatuses, s);
}

}  // namespace mvis::domain
