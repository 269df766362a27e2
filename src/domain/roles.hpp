// Roles, organisation kinds, institute staff duties and the data scope each role implies
// (DESIGN.md §1). Every string form here is part of the API contract.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mvis::domain {

enum class Role { kEnterprise, kDistrictRegulator, kCityRegulator, kDrc, kInstitute, kSysadmin };
enum class OrgKind { kEnterprise, kDistrictBureau, kCityBureau, kDrc, kInstitute };
enum class Duty { kVerifier, kChecker, kApprover };

// How far a user's view reaches; derived from role and organisation.
enum class ScopeKind {
  kOrg,        // own organisation only (enterprise)
  kDistrict,   // instruments installed and enterprises active in one district
  kCity,       // a whole city subtree
  kInstitute,  // what is assigned to the institute
  kPlatform,   // accounts and configuration, no business data (sysadmin)
};

std::string_view ToString(Role role);
std::string_view ToString(OrgKind kind);
std::string_view ToString(Duty duty);
std::string_view ToString(ScopeKind scope);
std::optional<Role> ParseRole(std::string_view s);
std::optional<OrgKind> ParseOrgKind(std::string_view s);
std::optional<Duty> ParseDuty(std::string_view s);

// Chinese display names, for notices and exports.
std::string_view DisplayName(Role role);
std::string_view DisplayName(OrgKind kind);
std::string_view DisplayName(Duty duty);  // 检定员, 核验员, 批准人

// True when a user of `role` may belong to an organisation of `kind` (sysadmin belongs to none).
bool RoleFitsOrgKind(Role role, std::optional<OrgKind> kind);

// The scope of a user of `role` whose organisation sits at a city-level region (`city_level`) or
// a district; a DRC at city level sees the city, at district level its district.
ScopeKind ScopeOf(Role role, bool city_level);

// "verifier,checker" <-> {kVerifier, kChecker}; unknown names are rejected by the parser.
std::string JoinDuties(const std::vector<Duty>& duties);
std::optional<std::vector<Duty>> ParseDuties(std::string_view csv);

}  // namespace mvis::domain
