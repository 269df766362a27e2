// 抽样检定 plans: the city bureau plans and draws, anyone replays, a redraw keeps the first draw,
// units verified recently stay out with their reason, and scope and races hold.
#include <latch>
#include <set>
#include <thread>

#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

constexpr char kSeed[] = "12345678901234567890";

class SamplingTest : public VerificationTest {
 protected:
  // Files and approves a charger of `brand` and `model` in 江岸区.
  int64_t FileCharger(const std::string& brand, const std::string& model) {
    auto body = Charger("SP" + std::to_string(++count_));
    body["brand"] = brand;
    body["model"] = model;
    body["submit"] = true;
    auto r = enterprise_->Post("/api/v1/instruments", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"];
  }

  void ApproveAll(const std::vector<int64_t>& ids) {
    auto r = SignIn("jiangan").Post("/api/v1/instruments/review",
                                    {{"ids", ids}, {"decision", "approve"}});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // 12 chargers in 3 strata once brand and model are normalised (full-width letters and extra
  // spaces fold into the same stratum).
  std::vector<int64_t> TwelveChargers() {
    std::vector<int64_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(FileCharger("特来电", "TCDZ-AC7"));
    ids.push_back(FileCharger("特来电 ", "ＴＣＤＺ－ＡＣ７"));
    ids.push_back(FileCharger("特来电", "tcdz-ac7"));
    for (int i = 0; i < 3; ++i) ids.push_back(FileCharger("星星充电", "X7"));
    ids.push_back(FileCharger("ABB", "AC22"));
    ids.push_back(FileCharger("ＡＢＢ", "AC22"));
    ApproveAll(ids);
    return ids;
  }

  json Plan(double ratio, int exclude_days = 0) {
    return {{"name", "2027年度充电桩抽样检定"},
            {"year", 2027},
            {"region_codes", {"420102"}},
            {"type_codes", {"ev_ac_charger"}},
            {"ratio", ratio},
            {"institute_org_id", institute_},
            {"exclude_verified_within_days", exclude_days},
            {"deadline", "2027-06-30"}};
  }

  int count_ = 0;
};

TEST_F(SamplingTest, PlanDrawReplayAndRedraw) {
  const auto ids = TwelveChargers();
  Client city = SignIn("city");
  auto low = city.Post("/api/v1/sampling-plans", Plan(0.04));
  EXPECT_EQ(low.status, 400);
  EXPECT_EQ(low.error_code(), "ratio_too_low");
  EXPECT_EQ(city.Post("/api/v1/sampling-plans", Plan(0.05001)).error_code(), "ratio_invalid");
  EXPECT_EQ(enterprise_->Post("/api/v1/sampling-plans", Plan(0.5)).status, 403);
  EXPECT_EQ(SignIn("jiangan").Post("/api/v1/sampling-plans", Plan(0.5)).status, 403);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM sampling_plans"), 0);

  auto plan = city.Post("/api/v1/sampling-plans", Plan(0.25));
  ASSERT_EQ(plan.status, 201) << plan.body;
  EXPECT_EQ(plan.json()["status"], "draft");
  EXPECT_EQ(plan.json()["ratio"], "0.25");
  EXPECT_EQ(plan.json()["region_names"], json::array({"江岸区"}));
  const std::string path = "/api/v1/sampling-plans/" + plan.json()["id"].dump();
  EXPECT_EQ(city.Get(path + "/replay").error_code(), "plan_not_drawn");

  EXPECT_EQ(city.Post(path + "/draw", {{"seed", "123"}}).error_code(), "seed_invalid");
  auto draw = city.Post(path + "/draw", {{"seed", kSeed}});
  ASSERT_EQ(draw.status, 200) << draw.body;
  json d = draw.json();
  EXPECT_EQ(d["seed"], kSeed);
  EXPECT_EQ(d["algorithm"], "sha256-mod-v1");
  EXPECT_EQ(d["frame_size"], 12);
  EXPECT_EQ(d["strata"], 3);
  ASSERT_EQ(d["items"].size(), 3u);  // ⌈0.25 × 12⌉ = 3 = the number of strata
  std::set<std::string> covered;
  for (const auto& u : d["items"]) covered.insert(u["stratum"]);
  EXPECT_EQ(covered, (std::set<std::string>{"abb|ac22", "星星充电|x7", "特来电|tcdz-ac7"}));

  // The frame is frozen in frame order: stratum bytes, then id.
  auto frame = city.Get(path + "/frame").json();
  ASSERT_EQ(frame["items"].size(), 12u);
  EXPECT_EQ(frame["items"][0]["stratum"], "abb|ac22");
  EXPECT_EQ(frame["items"][11]["stratum"], "特来电|tcdz-ac7");
  auto replay = city.Get(path + "/replay").json();
  EXPECT_TRUE(replay["matches"].get<bool>());
  EXPECT_EQ(replay["items"], d["items"]);

  // The command line replays it too.
  std::string cmd = "MVIS_SECRET_KEY='" + config_.secret_key + "' " + std::string(MVIS_BINARY) +
                    " sampling replay --db '" + config_.db + "' --plan " +
                    plan.json()["id"].dump() + " > /dev/null 2>&1";
  int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 0);

  // A redraw needs a reason; the first draw stays on record.
  EXPECT_EQ(city.Post(path + "/draw", json::object()).error_code(), "reason_required");
  auto again = city.Post(path + "/draw", {{"reason", "抽中器具已拆除，经批准重新抽取"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["seq"], 2);
  EXPECT_EQ(again.json()["seed"].get<std::string>().size(), 24u) << "a generated seed";
  auto full = city.Get(path).json();
  ASSERT_EQ(full["draws"].size(), 2u);
  EXPECT_EQ(full["draws"][0]["seed"], kSeed);
  EXPECT_EQ(full["draws"][0]["items"], d["items"]);
  EXPECT_EQ(full["draws"][1]["reason"], "抽中器具已拆除，经批准重新抽取");
  // The current sample with what identifies each unit on site.
  ASSERT_EQ(full["sample"].size(), again.json()["items"].size());
  EXPECT_EQ(full["sample"][0]["instrument_id"], again.json()["items"][0]["instrument_id"]);
  EXPECT_EQ(full["sample"][0]["org_name"], "武汉新能源充电科技有限公司");
  EXPECT_EQ(full["sample"][0]["region_name"], "江岸区");
  EXPECT_EQ(full["sample"][0]["serial_no"].get<std::string>().rfind("SP", 0), 0u);
  EXPECT_TRUE(city.Get(path + "/replay").json()["matches"].get<bool>());
  for (const char* action :
       {"sampling_plan.create", "sampling_plan.draw", "sampling_plan.redraw"}) {
    EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action = ?", {action}),
              1)
        << action;
  }

  // A tampered stored draw no longer replays.
  ASSERT_TRUE(runtime_->db()
                  .Write([&](store::Tx& tx) -> Status {
                    tx.Exec("UPDATE sampling_draws SET items = '[[1,\"x|y\"]]' WHERE seq = 2");
                    return {};
                  })
                  .has_value());
  EXPECT_FALSE(city.Get(path + "/replay").json()["matches"].get<bool>());
  rc = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(rc), 1);

  // Scope: the district it covers and the institute read it; others do not.
  EXPECT_EQ(SignIn("jiangan").Get(path).status, 200);
  EXPECT_EQ(verifier_->Get(path).status, 200);
  EXPECT_EQ(SignIn("hongshan").Get(path).status, 404);
  EXPECT_EQ(enterprise_->Get(path).status, 404);
  EXPECT_EQ(enterprise_->Get("/api/v1/sampling-plans").status, 403);
  EXPECT_EQ(SignIn("hongshan").Get("/api/v1/sampling-plans").json()["total"], 0);
  EXPECT_EQ(verifier_->Get("/api/v1/sampling-plans").json()["total"], 1);
  EXPECT_EQ(SignIn("jiangan").Post(path + "/draw", {{"reason", "x"}}).status, 403);
  EXPECT_TRUE(Notified(*verifier_, "抽样检定计划《2027年度充电桩抽样检定》已抽取样本"));
  (void)ids;
}

TEST_F(SamplingTest, RecentlyVerifiedUnitsStayOutWithTheirReason) {
  const auto verified = Filed(1);  // stratum 某品牌|ac7-v
  Verified(Scheduled(verified), verified[0]);
  const auto ids = TwelveChargers();
  Client city = SignIn("city");
  auto plan = city.Post("/api/v1/sampling-plans", Plan(0.05, 30));
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string path = "/api/v1/sampling-plans/" + plan.json()["id"].dump();
  auto d = city.Post(path + "/draw", {{"seed", kSeed}}).json();
  EXPECT_EQ(d["frame_size"], 12);
  EXPECT_EQ(d["strata"], 3);
  auto frame = city.Get(path + "/frame").json();
  ASSERT_EQ(frame["excluded"].size(), 1u);
  EXPECT_EQ(frame["excluded"][0]["instrument_id"], verified[0]);
  EXPECT_NE(frame["excluded"][0]["reason"].get<std::string>().find("近30日内已检定"),
            std::string::npos);
  // Without the exclusion the verified charger is in the frame, its brand a fourth stratum.
  auto all = city.Post("/api/v1/sampling-plans", Plan(0.05));
  auto d2 =
      city.Post("/api/v1/sampling-plans/" + all.json()["id"].dump() + "/draw", {{"seed", kSeed}})
          .json();
  EXPECT_EQ(d2["frame_size"], 13);
  EXPECT_EQ(d2["strata"], 4);
  EXPECT_EQ(d2["items"].size(), 4u);
  (void)ids;
}

TEST_F(SamplingTest, ConcurrentDrawsMakeOneDraw) {
  TwelveChargers();
  constexpr int kThreads = 8;
  std::vector<Client> clerks;
  for (int i = 0; i < kThreads; ++i) clerks.push_back(SignIn("city"));
  auto plan = clerks[0].Post("/api/v1/sampling-plans", Plan(0.5));
  ASSERT_EQ(plan.status, 201);
  const std::string path = "/api/v1/sampling-plans/" + plan.json()["id"].dump() + "/draw";
  std::vector<HttpResult> out(kThreads);
  std::latch start(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        out[i] = clerks[i].Post(path, json::object());
      });
  }
  int ok = 0;
  for (const auto& r : out) {
    if (r.status == 200) {
      ++ok;
      continue;
    }
    EXPECT_TRUE(r.error_code() == "reason_required" || r.error_code() == "state_changed") << r.body;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM sampling_draws"), 1);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT draws FROM sampling_plans"), 1);
}

}  // namespace
}  // namespace mvis::testing
