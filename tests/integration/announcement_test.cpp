// 通知公告: the city bureau writes, publishes and withdraws notices; each user reads those
// addressed to their role and districts, and nothing else.
#include <latch>
#include <thread>

#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

int64_t Total(Client& c, const std::string& query = "") {
  auto r = c.Get("/api/v1/announcements" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json()["total"];
}

json Notice(const std::string& title, json roles = json::array(), json regions = json::array()) {
  return {{"title", title},
          {"body", "各运营企业：\n请于月底前核对备案信息。"},
          {"roles", roles},
          {"region_codes", regions}};
}

TEST_F(ApiTest, AnnouncementReachesOnlyItsAudienceUntilWithdrawn) {
  SeedDemo();
  Client city = SignIn("city");
  auto draft = city.Post("/api/v1/announcements",
                         Notice("关于核查江岸区充电桩备案信息的通知", {"enterprise"}, {"420102"}));
  ASSERT_EQ(draft.status, 201) << draft.body;
  const int64_t id = draft.json()["id"];
  EXPECT_EQ(draft.json()["status"], "draft");
  EXPECT_EQ(draft.json()["audience"]["region_names"], json::array({"江岸区"}));
  EXPECT_EQ(draft.json()["org_name"], "武汉市市场监督管理局");
  EXPECT_EQ(draft.json()["author_name"], "市局计量处");
  const std::string path = "/api/v1/announcements/" + std::to_string(id);

  Client charger = SignIn("charger");      // enterprise in 江岸区: addressed
  Client kuaichong = SignIn("kuaichong");  // enterprise in 洪山区: not addressed
  Client jiangan = SignIn("jiangan");      // 江岸区 bureau: its role is not addressed
  Client verifier = SignIn("verifier");    // institute: not addressed
  EXPECT_EQ(Total(charger), 0) << "a draft stays with the bureau";
  EXPECT_EQ(charger.Get(path).status, 404);

  auto published = city.Post(path + "/publish");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json()["status"], "published");
  EXPECT_FALSE(published.json()["published_at"].is_null());
  EXPECT_EQ(city.Post(path + "/publish").error_code(), "announcement_not_draft");
  EXPECT_EQ(city.Get("/api/v1/announcements").json()["unread"], 0)
      << "a notice to enterprises is not unread for the bureau";

  auto list = charger.Get("/api/v1/announcements").json();
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["unread"], 1);
  EXPECT_FALSE(list["items"][0]["read"].get<bool>());
  EXPECT_TRUE(list["items"][0]["read_count"].is_null()) << "readers do not see the read count";
  for (Client* other : {&kuaichong, &jiangan, &verifier}) {
    EXPECT_EQ(Total(*other), 0);
    EXPECT_EQ(other->Get(path).status, 404);
    EXPECT_EQ(other->Post(path + "/read").status, 404);
  }

  EXPECT_EQ(charger.Post(path + "/read").status, 204);
  EXPECT_EQ(charger.Post(path + "/read").status, 204) << "idempotent";
  list = charger.Get("/api/v1/announcements").json();
  EXPECT_TRUE(list["items"][0]["read"].get<bool>());
  EXPECT_EQ(list["unread"], 0);
  EXPECT_EQ(Total(charger, "?unread=true"), 0);
  EXPECT_EQ(city.Get(path).json()["read_count"], 1);
  EXPECT_EQ(city.Post(path + "/read").status, 204);
  EXPECT_EQ(city.Get(path).json()["read_count"], 1) << "the bureau is not its own audience";

  // Readers cannot change it.
  EXPECT_EQ(charger.Put(path, Notice("改标题")).error_code(), "permission_denied");
  EXPECT_EQ(charger.Post(path + "/withdraw", {{"reason", "x"}}).error_code(), "permission_denied");
  EXPECT_EQ(charger.Post("/api/v1/announcements", Notice("企业发公告")).error_code(),
            "permission_denied");
  EXPECT_EQ(jiangan.Post("/api/v1/announcements", Notice("区局发公告")).status, 403);

  auto no_reason = city.Post(path + "/withdraw", {{"reason", " "}});
  EXPECT_EQ(no_reason.error_code(), "reason_required");
  auto withdrawn = city.Post(path + "/withdraw", {{"reason", "内容有误，重新发布"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["status"], "withdrawn");
  EXPECT_EQ(withdrawn.json()["withdraw_reason"], "内容有误，重新发布");
  EXPECT_EQ(Total(charger), 0);
  EXPECT_EQ(charger.Get(path).status, 404);
  EXPECT_EQ(city.Put(path, Notice("再改")).error_code(), "announcement_not_draft");
  EXPECT_EQ(city.Delete(path).error_code(), "announcement_not_draft");
  EXPECT_EQ(Total(city, "?status=withdrawn"), 1);

  // Every step is on the audit log and the announcement's timeline.
  auto& db = runtime_->db();
  for (const char* action : {"announcement.create", "announcement.publish", "announcement.withdraw",
                             "announcement.read"}) {
    EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = ?", {action}), 1) << action;
  }
  EXPECT_EQ(Scalar(db,
                   "SELECT COUNT(*) FROM object_events WHERE object_type = 'announcement' AND "
                   "object_id = ?",
                   {std::to_string(id)}),
            3);
}

TEST_F(ApiTest, AnnouncementToEveryoneAndToDistrictsOfUse) {
  SeedDemo();
  Client city = SignIn("city");
  auto all = city.Post("/api/v1/announcements", Notice("致全体用户"));
  ASSERT_EQ(all.status, 201) << all.body;
  ASSERT_EQ(city.Post("/api/v1/announcements/" + all.json()["id"].dump() + "/publish").status, 200);
  for (const char* user :
       {"charger", "kuaichong", "jiangan", "hongshan", "drc", "verifier", "admin"}) {
    Client c = SignIn(user);
    EXPECT_EQ(Total(c), 1) << user;
  }

  // A notice to 洪山区 reaches its bureau and the enterprise registered there, and an enterprise
  // registered elsewhere once it has a charger installed there.
  auto hongshan_notice =
      city.Post("/api/v1/announcements", Notice("洪山区充电桩检定安排", json::array(), {"420111"}));
  ASSERT_EQ(hongshan_notice.status, 201);
  const std::string path = "/api/v1/announcements/" + hongshan_notice.json()["id"].dump();
  ASSERT_EQ(city.Post(path + "/publish").status, 200);
  Client hongshan = SignIn("hongshan");
  Client kuaichong = SignIn("kuaichong");
  Client charger = SignIn("charger");
  EXPECT_EQ(hongshan.Get(path).status, 200);
  EXPECT_EQ(kuaichong.Get(path).status, 200);
  EXPECT_EQ(SignIn("drc").Get(path).status, 200) << "the city DRC covers every district";
  EXPECT_EQ(charger.Get(path).status, 404);
  auto body = Charger("ANN-1");
  body["install_region_code"] = "420111";
  body["install_address"] = "武汉市洪山区珞喻路1号";
  ASSERT_EQ(charger.Post("/api/v1/instruments", body).status, 201);
  EXPECT_EQ(charger.Get(path).status, 200);
  EXPECT_EQ(Total(charger, "?q=洪山"), 1);
  EXPECT_EQ(Total(charger, "?q=不存在的词"), 0);
}

TEST_F(ApiTest, AnnouncementInputIsCheckedAndChangesNothing) {
  SeedDemo();
  Client city = SignIn("city");
  struct Case {
    json body;
    const char* code;
  };
  const Case cases[] = {
      {Notice(""), "title_required"},
      {Notice(std::string(101 * 3, 'x').substr(0, 101)), "title_too_long"},
      {{{"title", "无正文"}, {"body", "  "}}, "body_required"},
      {{{"title", "过长"}, {"body", std::string(10001, 'x')}}, "body_too_long"},
      {Notice("角色", {"sysadmin"}), "role_invalid"},
      {Notice("角色", {"mayor"}), "role_invalid"},
      {Notice("角色", {5}), "role_invalid"},
      {Notice("区域", json::array(), {"999999"}), "region_invalid"},
      {Notice("区域", json::array(), {"420100"}), "region_invalid"},
  };
  for (const auto& c : cases) {
    auto r = city.Post("/api/v1/announcements", c.body);
    EXPECT_EQ(r.status, 400) << c.code;
    EXPECT_EQ(r.error_code(), c.code) << r.body;
  }
  EXPECT_EQ(city.Get("/api/v1/announcements?status=bogus").error_code(), "status_invalid");
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM announcements"), 0);

  // A draft is changed and deleted; the change shows in the audit log.
  auto draft = city.Post("/api/v1/announcements", Notice("初稿"));
  ASSERT_EQ(draft.status, 201);
  const std::string path = "/api/v1/announcements/" + draft.json()["id"].dump();
  auto edited = city.Put(path, Notice("定稿", {"enterprise", "institute"}));
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["title"], "定稿");
  EXPECT_EQ(edited.json()["audience"]["roles"], json::array({"enterprise", "institute"}));
  EXPECT_EQ(city.Put(path, Notice("")).error_code(), "title_required");
  EXPECT_EQ(city.Get(path).json()["title"], "定稿");
  EXPECT_EQ(city.Delete(path).status, 204);
  EXPECT_EQ(city.Get(path).status, 404);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action = ?",
                   {"announcement.edit"}),
            1);
}

// Two clerks of the bureau publish the same draft at once: it is published once, on one
// timeline row; one withdraws while the other edits: exactly one wins.
TEST_F(ApiTest, AnnouncementStepsRaceSafely) {
  SeedDemo();
  constexpr int kThreads = 8;
  std::vector<Client> clerks;
  for (int i = 0; i < kThreads; ++i) clerks.push_back(SignIn("city"));
  auto draft = clerks[0].Post("/api/v1/announcements", Notice("并发发布"));
  ASSERT_EQ(draft.status, 201);
  const std::string path = "/api/v1/announcements/" + draft.json()["id"].dump();

  auto together = [&](const std::function<HttpResult(int)>& fn) {
    std::vector<HttpResult> out(kThreads);
    std::latch start(kThreads);
    {
      std::vector<std::jthread> threads;
      for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&, i] {
          start.arrive_and_wait();
          out[i] = fn(i);
        });
    }
    return out;
  };
  int ok = 0, conflict = 0;
  for (const auto& r : together([&](int i) { return clerks[i].Post(path + "/publish"); })) {
    if (r.status == 200) ++ok;
    if (r.status == 409) ++conflict;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, kThreads - 1);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM object_events WHERE object_type = 'announcement' AND "
                   "action = 'publish'"),
            1);

  // Readers opening it at once are counted once each.
  std::vector<Client> readers;
  for (int i = 0; i < kThreads; ++i) readers.push_back(SignIn("charger"));
  for (const auto& r : together([&](int i) { return readers[i].Post(path + "/read"); }))
    EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(clerks[0].Get(path).json()["read_count"], 1);

  auto second = clerks[0].Post("/api/v1/announcements", Notice("并发修改"));
  const std::string second_path = "/api/v1/announcements/" + second.json()["id"].dump();
  auto results = together([&](int i) {
    return i % 2 ? clerks[i].Put(second_path, Notice("改" + std::to_string(i)))
                 : clerks[i].Delete(second_path);
  });
  int deleted = 0;
  for (const auto& r : results) {
    if (r.status == 204) ++deleted;
    EXPECT_TRUE(r.status == 200 || r.status == 204 || r.status == 404 || r.status == 409)
        << r.status << " " << r.body;
  }
  EXPECT_EQ(deleted, 1);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM announcements WHERE id = ?",
                   {second.json()["id"].get<int64_t>()}),
            0);
}

}  // namespace
}  // namespace mvis::testing
