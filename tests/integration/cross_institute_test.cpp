// A second verification institute must not reach the first one's appointments, records,
// certificates, standards or profile: every institute endpoint answers 404, and lists leave them
// out.
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

class CrossInstituteTest : public VerificationTest {
 protected:
  // A third institute (新港) with one member holding every duty, and its profile (types and regions
  // that overlap the first institute's).
  Client OtherInstitute() {
    Client admin = Admin();
    auto org = admin.Post("/api/v1/admin/orgs", {{"kind", "institute"},
                                                 {"name", "武汉新港计量检测所"},
                                                 {"region_code", "420100"},
                                                 {"address", "武汉市洪山区"},
                                                 {"contact_name", "王主任"},
                                                 {"phone", "13900000099"}});
    EXPECT_EQ(org.status, 201) << org.body;
    int64_t id = org.json()["id"];
    auto user =
        admin.Post("/api/v1/admin/users", {{"username", "xgjl"},
                                           {"password", "Other!Passw0rd1"},
                                           {"role", "institute"},
                                           {"org_id", id},
                                           {"display_name", "新港所检定员"},
                                           {"duties", {"verifier", "checker", "approver"}}});
    EXPECT_EQ(user.status, 201) << user.body;
    auto profile = admin.Put("/api/v1/institutes/" + std::to_string(id) + "/profile",
                             {{"code", "XGJL"},
                              {"type_codes", {"ev_ac_charger", "ev_dc_charger"}},
                              {"region_codes", {"420100"}},
                              {"contact_name", "王主任"},
                              {"contact_phone", "13900000099"},
                              {"address", "武汉市新洲区"}});
    EXPECT_EQ(profile.status, 200) << profile.body;
    other_institute_ = id;
    return SignIn("xgjl", "Other!Passw0rd1");
  }

  int64_t other_institute_ = 0;
};

TEST_F(CrossInstituteTest, EveryInstituteEndpointAnswersNotFound) {
  auto ids = Filed(3);
  int64_t appointment = Scheduled({ids[0], ids[1]});
  json issued = Verified(appointment, ids[0]);
  std::string number = issued["certificate"]["number"];
  auto draft = verifier_->Post("/api/v1/verifications", Record(appointment, ids[1]));
  ASSERT_EQ(draft.status, 201) << draft.body;
  int64_t record = draft.json()["id"];
  // A booking still waiting for the first institute's acceptance.
  auto waiting = enterprise_->Post("/api/v1/appointments", Booking({ids[2]}));
  ASSERT_EQ(waiting.status, 201) << waiting.body;
  int64_t submitted = waiting.json()["id"];

  Client other = OtherInstitute();
  const std::string a = "/api/v1/appointments/" + std::to_string(appointment);
  const std::string s = "/api/v1/appointments/" + std::to_string(submitted);
  const std::string v = "/api/v1/verifications/" + std::to_string(record);
  const std::string c = "/api/v1/certificates/" + number;
  std::vector<std::pair<std::string, HttpResult>> answers = {
      {"GET appointment", other.Get(a)},
      {"accept", other.Post(s + "/accept")},
      {"reject", other.Post(s + "/reject", {{"reason", "不受理"}})},
      {"schedule", other.Post(a + "/schedule",
                              {{"date", clock_->Today()}, {"verifier_user_ids", {verifier_id_}}})},
      {"POST record", other.Post("/api/v1/verifications", Record(appointment, ids[1]))},
      {"GET record", other.Get(v)},
      {"PUT record", other.Put(v, Record(appointment, ids[1]))},
      {"sign", other.Post(v + "/sign", {{"duty", "verifier"}, {"password", "Other!Passw0rd1"}})},
      {"send back", other.Post(v + "/send-back", {{"reason", "退回"}})},
      {"GET certificate", other.Get(c)},
      {"certificate PDF", other.Get(c + "/pdf")},
      {"label PDF", other.Get(c + "/label.pdf")},
      {"label sheet", other.Get("/api/v1/certificates/labels.pdf?numbers=" + number)},
      {"revise", other.Post(c + "/revise", {{"reason", "修订"}, {"password", "Other!Passw0rd1"}})},
      {"revoke", other.Post(c + "/revoke", {{"reason", "注销"}, {"password", "Other!Passw0rd1"}})},
      {"PUT standard", other.Put("/api/v1/standards/" + std::to_string(standard_),
                                 {{"name", "标准器"},
                                  {"serial_no", "X"},
                                  {"certificate_no", "Y"},
                                  {"valid_until", "2030-01-01"}})},
      {"PUT profile", other.Put("/api/v1/institutes/" + std::to_string(institute_) + "/profile",
                                {{"code", "WHJL"},
                                 {"type_codes", {"ev_ac_charger"}},
                                 {"region_codes", {"420100"}},
                                 {"contact_name", "某人"},
                                 {"contact_phone", "13900000098"}})},
  };
  for (const auto& [what, r] : answers) {
    EXPECT_EQ(r.status, 404) << what << ": " << r.body;
    EXPECT_EQ(r.error_code(), "not_found") << what;
  }
  // Lists leave the first institute's work out.
  EXPECT_EQ(other.Get("/api/v1/appointments").json()["total"], 0);
  EXPECT_EQ(other.Get("/api/v1/verifications").json()["total"], 0);
  EXPECT_EQ(other.Get("/api/v1/certificates").json()["total"], 0);
  EXPECT_TRUE(other.Get("/api/v1/standards").json()["items"].empty());
  const json staff = other.Get("/api/v1/institute/staff").json();  // kept: the loop reads into it
  ASSERT_FALSE(staff["items"].empty());
  for (const auto& u : staff["items"]) EXPECT_EQ(u["display_name"], "新港所检定员");
  // Nothing changed for the first institute.
  EXPECT_EQ(approver_->Get(s).json()["status"], "submitted");
  EXPECT_EQ(approver_->Get(c).json()["live_status"], "valid");
  EXPECT_EQ(verifier_->Get(v).json()["status"], "draft");
}

TEST_F(CrossInstituteTest, TheOtherInstituteWorksOnItsOwnBookings) {
  Client other = OtherInstitute();
  auto ids = Filed(1);
  json booking = Booking(ids);
  booking["institute_org_id"] = other_institute_;
  auto r = enterprise_->Post("/api/v1/appointments", booking);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string path = "/api/v1/appointments/" + std::to_string(r.json()["id"].get<int64_t>());
  EXPECT_EQ(other.Post(path + "/accept").status, 200);
  // …and the first institute cannot reach it.
  EXPECT_EQ(approver_->Get(path).status, 404);
  EXPECT_EQ(approver_->Post(path + "/reject", {{"reason", "不受理"}}).status, 404);
}

}  // namespace
}  // namespace mvis::testing
