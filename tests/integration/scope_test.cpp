// Data scope: other organisations' objects are invisible whatever id is tried.
#include "fixture.hpp"

namespace mvis::testing {
namespace {

class ScopeTest : public ApiTest {
 protected:
  int64_t OrgIdOf(const std::string& name_part) {
    auto orgs = SignIn("admin").Get("/api/v1/admin/orgs?q=" + name_part).json();
    EXPECT_EQ(orgs["total"], 1) << name_part;
    return orgs["items"][0]["id"];
  }
  std::string OrgPath(int64_t id) { return "/api/v1/orgs/" + std::to_string(id); }
};

TEST_F(ScopeTest, OrganisationsAreVisibleOnlyWithinScope) {
  SeedDemo();
  int64_t jiangan_ent = OrgIdOf("%E6%96%B0%E8%83%BD%E6%BA%90");  // 新能源 (in 江岸区)
  int64_t hongshan_ent = OrgIdOf("%E6%B9%96%E5%8C%97%E5%BF%AB%E5%85%85");  // 湖北快充 (洪山区)

  Client ent = SignIn("charger");  // belongs to the 江岸 enterprise
  EXPECT_EQ(ent.Get(OrgPath(jiangan_ent)).status, 200);
  auto other = ent.Get(OrgPath(hongshan_ent));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.error_code(), "not_found");

  Client jiangan = SignIn("jiangan");
  EXPECT_EQ(jiangan.Get(OrgPath(jiangan_ent)).status, 200);
  EXPECT_EQ(jiangan.Get(OrgPath(hongshan_ent)).status, 404);
  Client hongshan = SignIn("hongshan");
  EXPECT_EQ(hongshan.Get(OrgPath(hongshan_ent)).status, 200);
  EXPECT_EQ(hongshan.Get(OrgPath(jiangan_ent)).status, 404);

  Client city = SignIn("city");
  EXPECT_EQ(city.Get(OrgPath(jiangan_ent)).status, 200);
  EXPECT_EQ(city.Get(OrgPath(hongshan_ent)).status, 200);

  Client institute = SignIn("verifier");
  EXPECT_EQ(institute.Get(OrgPath(jiangan_ent)).status, 404);

  EXPECT_EQ(ent.Get("/api/v1/orgs/999999").status, 404);
  EXPECT_EQ(ent.Get("/api/v1/orgs/abc").status, 400);
  EXPECT_EQ(NewClient().Get(OrgPath(jiangan_ent)).status, 401);
}

TEST_F(ScopeTest, OrgPhoneIsMaskedForEveryViewer) {
  SeedDemo();
  int64_t id = OrgIdOf("%E6%96%B0%E8%83%BD%E6%BA%90");
  auto org = SignIn("jiangan").Get(OrgPath(id)).json();
  EXPECT_EQ(org["phone_masked"], "139****0006");
  EXPECT_EQ(org.dump().find("13900000006"), std::string::npos);
}

TEST_F(ScopeTest, InboxMessagesOfOthersCannotBeTouched) {
  std::string credit_a = CreditCode(11), credit_b = CreditCode(12);
  ASSERT_EQ(RegisterEnterprise(credit_a, "ent_a", "13911112001").status, 201);
  ASSERT_EQ(RegisterEnterprise(credit_b, "ent_b", "13911112002", "420111").status, 201);
  Client a = SignIn("ent_a", "Str0ng!Passw0rd");
  Client b = SignIn("ent_b", "Str0ng!Passw0rd");
  int64_t a_message = a.Get("/api/v1/inbox").json()["items"][0]["id"];
  auto r = b.Post("/api/v1/inbox/" + std::to_string(a_message) + "/read");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(a.Get("/api/v1/inbox?unread=true").json()["total"], 1);
  EXPECT_EQ(a.Post("/api/v1/inbox/" + std::to_string(a_message) + "/read").status, 204);
  EXPECT_EQ(a.Get("/api/v1/inbox?unread=true").json()["total"], 0);
  EXPECT_EQ(a.Get("/api/v1/home").json()["unread_messages"], 0);
}

}  // namespace
}  // namespace mvis::testing
