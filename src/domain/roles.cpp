#include "domain/roles.hpp"

#include <array>
#include <utility>

namespace mvis::domain {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles = {{
    {Role::kEnterprise, "enterprise"},
    {Role::kDistrictRegulator, "district_regulator"},
    {Role::kCityRegulator, "city_regulator"},
    {Role::kDrc, "drc"},
    {Role::kInstitute, "institute"},
    {Role::kSysadmin, "sysadmin"},
}};
constexpr std::array<std::pair<OrgKind, std::string_view>, 5> kOrgKinds = {{
    {OrgKind::kEnterprise, "enterprise"},
    {OrgKind::kDistrictBureau, "district_bureau"},
    {OrgKind::kCityBureau, "city_bureau"},
    {OrgKind::kDrc, "drc"},
    {OrgKind::kInstitute, "institute"},
}};
constexpr std::array<std::pair<Duty, std::string_view>, 3> kDuties = {{
    {Duty::kVerifier, "verifier"},
    {Duty::kChecker, "checker"},
    {Duty::kApprover, "approver"},
}};

template <typename E, size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return {};
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view s) {
  for (const auto& [e, name] : table) {
    if (name == s) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Role role) { return Name(kRoles, role); }
std::string_view ToString(OrgKind kind) { return Name(kOrgKinds, kind); }
std::string_view ToString(Duty duty) { return Name(kDuties, duty); }
std::optional<Role> ParseRole(std::string_view s) { return Parse(kRoles, s); }
std::optional<OrgKind> ParseOrgKind(std::string_view s) { return Parse(kOrgKinds, s); }
std::optional<Duty> ParseDuty(std::string_view s) { return Parse(kDuties, s); }

std::string_view ToString(ScopeKind scope) {
  switch (scope) {
    case ScopeKind::kOrg:
      return "org";
    case ScopeKind::kDistrict:
      return "district";
    case ScopeKind::kCity:
      return "city";
    case ScopeKind::kInstitute:
      return "institute";
    case ScopeKind::kPlatform:
      return "platform";
  }
  return {};
}

std::string_view DisplayName(Role role) {
  switch (role) {
    case Role::kEnterprise:
      return "运营企业";
    case Role::kDistrictRegulator:
      return "区市场监管局";
    case Role::kCityRegulator:
      return "市市场监管局";
    case Role::kDrc:
      return "发改部门";
    case Role::kInstitute:
      return "计量技术机构";
    case Role::kSysadmin:
      return "系统管理员";
  }
  return {};
}

std::string_view DisplayName(Duty duty) {
  switch (duty) {
    case Duty::kVerifier:
      return "检定员";
    case Duty::kChecker:
      return "核验员";
    case Duty::kApprover:
      return "批准人";
  }
  return {};
}

std::string_view DisplayName(OrgKind kind) {
  switch (kind) {
    case OrgKind::kEnterprise:
      return "企业";
    case OrgKind::kDistrictBureau:
      return "区市场监管局";
    case OrgKind::kCityBureau:
      return "市市场监管局";
    case OrgKind::kDrc:
      return "发改部门";
    case OrgKind::kInstitute:
      return "计量技术机构";
  }
  return {};
}

bool RoleFitsOrgKind(Role role, std::optional<OrgKind> kind) {
  switch (role) {
    case Role::kSysadmin:
      return !kind.has_value();
    case Role::kEnterprise:
      return kind == OrgKind::kEnterprise;
    case Role::kDistrictRegulator:
      return kind == OrgKind::kDistrictBureau;
    case Role::kCityRegulator:
      return kind == OrgKind::kCityBureau;
    case Role::kDrc:
      return kind == OrgKind::kDrc;
    case Role::kInstitute:
      return kind == OrgKind::kInstitute;
  }
  return false;
}

ScopeKind ScopeOf(Role role, bool city_level) {
  switch (role) {
    case Role::kEnterprise:
      return ScopeKind::kOrg;
    case Role::kDistrictRegulator:
      return ScopeKind::kDistrict;
    case Role::kCityRegulator:
      return ScopeKind::kCity;
    case Role::kDrc:
      return city_level ? ScopeKind::kCity : ScopeKind::kDistrict;
    case Role::kInstitute:
      return ScopeKind::kInstitute;
    case Role::kSysadmin:
      return ScopeKind::kPlatform;
  }
  return ScopeKind::kOrg;
}

std::string JoinDuties(const std::vector<Duty>& duties) {
  std::string out;
  for (Duty d : duties) {
    if (!out.empty()) out += ',';
    out += ToString(d);
  }
  return out;
}

std::optional<std::vector<Duty>> ParseDuties(std::string_view csv) {
  std::vector<Duty> out;
  while (!csv.empty()) {
    auto comma = csv.find(',');
    auto part = csv.substr(0, comma);
    auto duty = ParseDuty(part);
    if (!duty) return std::nullopt;
    bool seen = false;
    for (Duty d : out) seen = seen || d == *duty;
    if (!seen) out.push_back(*duty);
    if (comma == std::string_view::npos) break;
    csv.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace mvis::domain
