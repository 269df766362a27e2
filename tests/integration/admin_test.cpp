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
    EXPECT_EQ(c.Put("/api/v1/admin/orgs/1", {{"name", "改名"}, {"region_code", "420100"}}).status,
              403)
        << user;
    EXPECT_EQ(c.Put("/api/v1/admin/users/1", {{"display_name", "改名"}}).status, 403) << user;
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

TEST_F(ApiTest, SysadminEditsOrganisationsAndUsersWithAuditedChanges) {
  SeedDemo();
  Client admin = Admin();
  auto orgs = admin.Get("/api/v1/admin/orgs?q=江岸区市场").json()["items"];
  ASSERT_EQ(orgs.size(), 1u);
  const std::string path = "/api/v1/admin/orgs/" + std::to_string(orgs[0]["id"].get<int64_t>());
  nlohmann::json edit = {{"name", "武汉市江岸区市场监督管理局"},
                         {"region_code", "420102"},
                         {"address", "武汉市江岸区沿江大道1号"},
                         {"contact_name", "计量科"},
                         {"phone", "13900000002"},
                         {"public_phone", "027-82830000"}};
  auto r = admin.Put(path, edit);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["public_phone"], "027-82830000");
  EXPECT_EQ(r.json()["address"], "武汉市江岸区沿江大道1号");
  EXPECT_EQ(r.json()["kind"], "district_bureau");  // kind and credit code stay
  // Bad input changes nothing.
  auto bad = edit;
  bad["public_phone"] = "call us";
  EXPECT_EQ(admin.Put(path, bad).error_code(), "public_phone_invalid");
  bad = edit;
  bad["region_code"] = "420100";  // a city for a district bureau
  EXPECT_EQ(admin.Put(path, bad).error_code(), "region_invalid");
  EXPECT_EQ(admin.Put("/api/v1/admin/orgs/999999", edit).status, 404);
  EXPECT_EQ(admin.Get("/api/v1/admin/orgs?q=江岸区市场").json()["items"][0]["public_phone"],
            "027-82830000");

  auto users = admin.Get("/api/v1/admin/users?q=verifier").json()["items"];
  ASSERT_FALSE(users.empty());
  const std::string user = "/api/v1/admin/users/" + std::to_string(users[0]["id"].get<int64_t>());
  auto u = admin.Put(
      user,
      {{"display_name", "王检定"}, {"phone", "13900009999"}, {"duties", {"verifier", "checker"}}});
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_EQ(u.json()["display_name"], "王检定");
  EXPECT_EQ(u.json()["phone_masked"], "139****9999");
  EXPECT_EQ(u.json()["duties"], nlohmann::json::array({"verifier", "checker"}));
  EXPECT_EQ(admin.Put(user, {{"display_name", "王检定"}, {"phone", "12345"}}).error_code(),
            "phone_invalid");
  EXPECT_EQ(admin.Put(user, {{"display_name", ""}}).error_code(), "display_name_required");
  // Without "phone" the mobile stays (the form sees it only masked).
  auto kept = admin.Put(user, {{"display_name", "王检定"}, {"duties", {"verifier", "checker"}}});
  EXPECT_EQ(kept.json()["phone_masked"], "139****9999");
  auto jiangan = admin.Get("/api/v1/admin/users?q=jiangan").json()["items"][0];
  EXPECT_EQ(admin
                .Put("/api/v1/admin/users/" + std::to_string(jiangan["id"].get<int64_t>()),
                     {{"display_name", "江岸"}, {"duties", {"approver"}}})
                .error_code(),
            "duty_invalid");

  // Each change is audited with its before and after, phones masked.
  auto audit = admin.Get("/api/v1/admin/audit?q=修改").json()["items"];
  std::string summaries;
  for (const auto& row : audit) summaries += row["summary"].get<std::string>() + "\n";
  EXPECT_NE(summaries.find("对外电话：027-82831234 → 027-82830000"), std::string::npos)
      << summaries;
  EXPECT_NE(summaries.find("姓名："), std::string::npos) << summaries;
  EXPECT_NE(summaries.find("139****9999"), std::string::npos) << summaries;
  EXPECT_EQ(summaries.find("13900009999"), std::string::npos) << summaries;
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
