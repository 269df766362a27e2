// 双随机一公开 under concurrency: two officers signing at once complete the task once, and two
// draws of one task at once draw once (PostgreSQL: row locks and conditional updates).
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "domain/calendar.hpp"
#include "inspection_fixture.hpp"

namespace mvis::testing {
namespace {

TEST_F(InspectionTest, ConcurrentSignaturesCompleteOnceAndConcurrentDrawsDrawOnce) {
  const std::string next_year = domain::AddDays(clock_->Today(), 365);
  AddInspector("江岸区局计量科", next_year);
  AddInspector("李建国", next_year);
  // Only the D-class enterprise is in scope of a directed task: one object, both officers.
  const json items = jiangan_->Get("/api/v1/inspection-items").json()["items"];
  std::vector<std::string> paths;
  for (int i = 0; i < 2; ++i) {
    auto r = jiangan_->Post("/api/v1/inspection-tasks",
                            {{"name", "定向抽查" + std::to_string(i)},
                             {"item_id", items[0]["id"]},
                             {"region_code", "420102"},
                             {"task_date", clock_->Today()},
                             {"directed", true},
                             {"scope_credit_classes", {"D"}},
                             {"ratios", {{"A", 0.05}, {"B", 0.2}, {"C", 0.3}, {"D", 1}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    paths.push_back("/api/v1/inspection-tasks/" + r.json()["id"].dump());
  }
  // Two bureau users draw the first task at once: one draw.
  {
    std::latch go(2);
    std::vector<int> status(2);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([&, i] {
        Client c = SignIn(i ? "jiangan_li" : "jiangan");
        go.arrive_and_wait();
        status[i] = c.Post(paths[0] + "/draw", {{"seed", kSeed}}).status;
      });
    for (auto& th : threads) th.join();
    std::ranges::sort(status);
    EXPECT_EQ(status, (std::vector<int>{200, 409})) << "one draws, the other finds it drawn";
    EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM inspection_objects"), 1);
  }
  const json t = jiangan_->Get(paths[0]).json();
  ASSERT_EQ(t["objects"].size(), 1u);
  EXPECT_EQ(t["objects"][0]["org_id"], charger_org_);
  const std::string obj = paths[0] + "/objects/" + t["objects"][0]["id"].dump();
  ASSERT_EQ(li_->Put(obj + "/record", {{"result", "no_problem"}, {"follow_up", "none"}}).status,
            200);
  // Both officers sign at once: the object and the task complete exactly once.
  std::latch go(2);
  std::vector<int> status(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      Client c = SignIn(i ? "jiangan_li" : "jiangan");
      go.arrive_and_wait();
      status[i] = c.Post(obj + "/sign").status;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(status, (std::vector<int>{200, 200}));
  const json done = jiangan_->Get(paths[0]).json();
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["objects"][0]["status"], "signed");
  int completes = 0;
  for (const auto& e : done["events"]) completes += e["action"] == "complete";
  EXPECT_EQ(completes, 1);
}

}  // namespace
}  // namespace mvis::testing
