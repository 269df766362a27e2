// Regions (GB/T 2260 tree plus local codes for functional zones) and organisations (enterprises,
// bureaus, DRCs, institutes) as plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/roles.hpp"

namespace mvis::domain {

enum class RegionLevel { kProvince, kCity, kDistrict, kZone };
std::string_view ToString(RegionLevel level);
std::optional<RegionLevel> ParseRegionLevel(std::string_view s);

struct Region {
  std::string code;
  std::string name;
  std::string parent_code;  // empty for the root
  RegionLevel level = RegionLevel::kDistrict;
  bool standard = true;  // a GB/T 2260 code (functional zones have local codes)

  // Districts and functional zones: where instruments are installed and enterprises registered.
  bool IsDistrictLike() const {
    return level == RegionLevel::kDistrict || level == RegionLevel::kZone;
  }
};

// Accounts and organisations are active or disabled (停用).
enum class AccountStatus { kActive, kDisabled };
std::string_view ToString(AccountStatus status);
std::optional<AccountStatus> ParseAccountStatus(std::string_view s);

struct Organisation {
  int64_t id = 0;
  OrgKind kind = OrgKind::kEnterprise;
  std::string name;
  std::string credit_code;  // empty when the organisation has none
  std::string region_code;
  std::string region_name;
  std::string address;
  std::string contact_name;
  std::string contact_phone;  // full number; views decide whether it is shown whole
  AccountStatus status = AccountStatus::kActive;
  int64_t created_at = 0;
  std::string public_phone;  // the office line the public may call (bureaus: complaints)
};

}  // namespace mvis::domain
