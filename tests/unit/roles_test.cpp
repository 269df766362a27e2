#include "domain/roles.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

TEST(Roles, StringsRoundTrip) {
  for (Role r : {Role::kEnterprise, Role::kDistrictRegulator, Role::kCityRegulator, Role::kDrc,
                 Role::kInstitute, Role::kSysadmin}) {
    EXPECT_EQ(ParseRole(ToString(r)), r);
  }
  for (OrgKind k : {OrgKind::kEnterprise, OrgKind::kDistrictBureau, OrgKind::kCityBureau,
                    OrgKind::kDrc, OrgKind::kInstitute}) {
    EXPECT_EQ(ParseOrgKind(ToString(k)), k);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_EQ(ToString(Role::kDistrictRegulator), "district_regulator");
}

TEST(Roles, EachRoleBelongsToItsKindOfOrganisation) {
  EXPECT_TRUE(RoleFitsOrgKind(Role::kSysadmin, std::nullopt));
  EXPECT_FALSE(RoleFitsOrgKind(Role::kSysadmin, OrgKind::kCityBureau));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kEnterprise, OrgKind::kEnterprise));
  EXPECT_FALSE(RoleFitsOrgKind(Role::kEnterprise, std::nullopt));
  EXPECT_FALSE(RoleFitsOrgKind(Role::kEnterprise, OrgKind::kDistrictBureau));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kDistrictRegulator, OrgKind::kDistrictBureau));
  EXPECT_FALSE(RoleFitsOrgKind(Role::kDistrictRegulator, OrgKind::kCityBureau));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kCityRegulator, OrgKind::kCityBureau));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kDrc, OrgKind::kDrc));
  EXPECT_TRUE(RoleFitsOrgKind(Role::kInstitute, OrgKind::kInstitute));
}

TEST(Roles, ScopeFollowsRoleAndRegionLevel) {
  constexpr bool kCity = true, kDistrict = false;
  EXPECT_EQ(ScopeOf(Role::kEnterprise, kDistrict), ScopeKind::kOrg);
  EXPECT_EQ(ScopeOf(Role::kDistrictRegulator, kDistrict), ScopeKind::kDistrict);
  EXPECT_EQ(ScopeOf(Role::kCityRegulator, kCity), ScopeKind::kCity);
  EXPECT_EQ(ScopeOf(Role::kDrc, kCity), ScopeKind::kCity);
  EXPECT_EQ(ScopeOf(Role::kDrc, kDistrict), ScopeKind::kDistrict);
  EXPECT_EQ(ScopeOf(Role::kInstitute, kCity), ScopeKind::kInstitute);
  EXPECT_EQ(ScopeOf(Role::kSysadmin, kDistrict), ScopeKind::kPlatform);
}

TEST(Roles, Duties) {
  auto d = ParseDuties("verifier,checker,verifier");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->size(), 2u);
  EXPECT_EQ(JoinDuties(*d), "verifier,checker");
  EXPECT_TRUE(ParseDuties("")->empty());
  EXPECT_FALSE(ParseDuties("verifier,boss").has_value());
}

}  // namespace
}  // namespace mvis::domain
