// Platform administration through the API, and that only sysadmin may use it.
#include "fixture.hpp"

namespace mvis::testing {
namespace {

TEST_F(ApiTest, OnlySysadminUsesAdminEndpoints) {
  SeedDemo();
  for (const char* user : {"charger", "jiangan", "city", "drc", "verifier"}) {
    Client c = SignIn(user);
    EXPECT_EQ(c.Get("/api/v1/admin/users").status, 403) << user;
    EXPECT_EQ(c.Get("/api/v1/admin/orgs").status, 403) << user;
    EXPECT_EQ(c.Get("/api/v1/admin/notifications").status, 403) << user;
    EXPECT_EQ(c.Get("/api/v1/admin/audit").status, 403) << user;
    auto r = c.Post("/api/v1/admin/orgs",
                    {{"kind", "district_bureau"}, {"name", "伪造机构"}, {"region_code", "420103"}});
    EXPECT_EQ(r.status, 403) << user;
    EXPECT_EQ(c.Post("/api/v1/admin/users/1/disable").status, 403) << user;
    EXPECT_EQ(c.Post("/api/v1/admin/users/1/reset-password").status, 403) << user;
  }
  auto orgs = SignIn("admin").Get("/api/v1/admin/orgs?q=伪造").json();
  EXPECT_EQ(orgs["total"], 0);
}

TEST_F(ApiTest, SysadminCreatesBureauAndRegulatorAccount) {
  Client admin = Admin();
  auto org = admin.Post("/api/v1/admin/orgs", {{"kind", "district_bureau"},
                                               {"name", "武汉市江汉区市场监督管理局"},
                                               {"region_code", "420103"},
                                               {"phone", "13900001111"}});
  ASSERT_EQ(org.status, 201) << org.body;
  int64_t org_id = org.json()["id"];
  EXPECT_EQ(org.json()["phone_masked"], "139****1111");

  auto mismatch = admin.Post("/api/v1/admin/users", {{"username", "jianghan"},
                                                     {"password", "Reg!Passw0rd#1"},
                                                     {"role", "enterprise"},
                                                     {"org_id", org_id}});
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(mismatch.error_code(), "role_org_mismatch");

  auto user = admin.Post("/api/v1/admin/users", {{"username", "jianghan"},
                                                 {"password", "Reg!Passw0rd#1"},
                                                 {"role", "district_regulator"},
                                                 {"org_id", org_id},
                                                 {"phone", "13900002222"},
                                                 {"display_name", "江汉区局"}});
  ASSERT_EQ(user.status, 201) << user.body;
  auto dup = admin.Post("/api/v1/admin/users", {{"username", "jianghan"},
                                                {"password", "Reg!Passw0rd#1"},
                                                {"role", "district_regulator"},
                                                {"org_id", org_id}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.error_code(), "username_taken");

  Client reg = SignIn("jianghan", "Reg!Passw0rd#1");
  auto me = reg.Get("/api/v1/me").json();
  EXPECT_EQ(me["scope"]["kind"], "district");
  EXPECT_EQ(me["scope"]["region_codes"], nlohmann::json::array({"420103"}));

  auto list = admin.Get("/api/v1/admin/users?role=district_regulator").json();
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["org_name"], "武汉市江汉区市场监督管理局");
}

TEST_F(ApiTest, InstituteStaffCarryDutiesOthersCannot) {
  SeedDemo();
  Client admin = SignIn("admin");
  auto orgs = admin.Get("/api/v1/admin/orgs?kind=institute&q=12420100MB").json();
  ASSERT_EQ(orgs["total"], 1);  // the demo also has the provincial institute
  int64_t institute = orgs["items"][0]["id"];
  auto staff = admin.Post("/api/v1/admin/users", {{"username", "staff1"},
                                                  {"role", "institute"},
                                                  {"org_id", institute},
                                                  {"duties", {"verifier", "checker"}}});
  ASSERT_EQ(staff.status, 201) << staff.body;
  EXPECT_EQ(staff.json()["duties"], nlohmann::json::array({"verifier", "checker"}));
  EXPECT_GE(staff.json()["password"].get<std::string>().size(), 12u);  // generated, shown once
  auto bad = admin.Post("/api/v1/admin/users", {{"username", "staff2"},
                                                {"role", "institute"},
                                                {"org_id", institute},
                                                {"duties", {"janitor"}}});
  EXPECT_EQ(bad.error_code(), "duty_invalid");
}

TEST_F(ApiTest, DisablingAUserEndsItsSessionsAndResetGivesANewPassword) {
  SeedDemo();
  Client admin = SignIn("admin");
  Client victim = SignIn("kuaichong");
  auto users = admin.Get("/api/v1/admin/users?q=kuaichong").json();
  int64_t id = users["items"][0]["id"];

  ASSERT_EQ(admin.Post("/api/v1/admin/users/" + std::to_string(id) + "/disable").status, 200);
  EXPECT_EQ(victim.Get("/api/v1/me").status, 401);
  auto refused = NewClient().Login("kuaichong", kDemoPassword);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_code(), "account_disabled");

  ASSERT_EQ(admin.Post("/api/v1/admin/users/" + std::to_string(id) + "/enable").status, 200);
  auto reset = admin.Post("/api/v1/admin/users/" + std::to_string(id) + "/reset-password");
  ASSERT_EQ(reset.status, 200);
  std::string password = reset.json()["password"];
  EXPECT_EQ(NewClient().Login("kuaichong", kDemoPassword).status, 401);
  EXPECT_EQ(NewClient().Login("kuaichong", password).status, 200);
  EXPECT_EQ(admin.Post("/api/v1/admin/users/999999/disable").status, 404);
}

TEST_F(ApiTest, AdminCannotDisableItself) {
  Client admin = Admin();
  int64_t self = admin.Get("/api/v1/me").json()["user"]["id"];
  auto r = admin.Post("/api/v1/admin/users/" + std::to_string(self) + "/disable");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "cannot_disable_self");
}

TEST_F(ApiTest, OrganisationValidation) {
  Client admin = Admin();
  auto wrong_level = admin.Post(
      "/api/v1/admin/orgs", {{"kind", "city_bureau"}, {"name", "某局"}, {"region_code", "420102"}});
  EXPECT_EQ(wrong_level.error_code(), "region_invalid");
  auto bad_kind = admin.Post("/api/v1/admin/orgs",
                             {{"kind", "bank"}, {"name", "某行"}, {"region_code", "420102"}});
  EXPECT_EQ(bad_kind.error_code(), "org_kind_invalid");
  auto no_credit =
      admin.Post("/api/v1/admin/orgs",
                 {{"kind", "enterprise"}, {"name", "某企业"}, {"region_code", "420102"}});
  EXPECT_EQ(no_credit.error_code(), "credit_code_invalid");
  EXPECT_EQ(admin.Get("/api/v1/admin/orgs").json()["total"], 0);
}

}  // namespace
}  // namespace mvis::testing
