// 双随机一公开: the annual plan goes to the city and back; a task draws enterprises per credit
// class and two eligible inspectors each (never an expired certificate or a conflict; fewer than
// two is refused and changes nothing); swap and 回避 replace an inspector; the on-site record with
// a photo (metadata stripped), two signatures, the rectification a finding opens, completion with
// a deadline of 20 working days across a holiday, publication on the public page, statistics,
// and scope (concurrent signatures and draws: inspection_concurrency_test.cpp).
#include <cstdio>
#include <fstream>

#include "domain/working_days.hpp"
#include "inspection_fixture.hpp"

namespace mvis::testing {
namespace {

TEST_F(InspectionTest, AnnualPlanIsFiledWithTheCityReturnedAndAccepted) {
  Client city = SignIn("city");
  Client hongshan = SignIn("hongshan");
  const json plan = {{"year", 2027},
                     {"region_code", "420102"},
                     {"title", "江岸区2027年度双随机抽查工作计划"},
                     {"scope", "辖区内贸易结算用电动汽车充电桩运营企业"},
                     {"batches", 2},
                     {"timing", "第一批4月，第二批10月"}};
  EXPECT_EQ(city.Post("/api/v1/inspection-plans", plan).status, 403) << "districts draft plans";
  auto other = plan;
  other["region_code"] = "420111";
  EXPECT_EQ(jiangan_->Post("/api/v1/inspection-plans", other).error_code(), "region_out_of_scope");
  auto created = jiangan_->Post("/api/v1/inspection-plans", plan);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/inspection-plans/" + created.json()["id"].dump();
  EXPECT_EQ(hongshan.Get(path).status, 404);
  EXPECT_EQ(enterprise_->Get("/api/v1/inspection-plans").status, 403);
  EXPECT_EQ(city.Post(path + "/accept").error_code(), "plan_not_submitted");
  ASSERT_EQ(jiangan_->Post(path + "/submit").status, 200);
  EXPECT_EQ(jiangan_->Put(path, plan).error_code(), "plan_not_editable");
  EXPECT_EQ(jiangan_->Post(path + "/accept").status, 403);
  EXPECT_EQ(city.Post(path + "/return", {{"reason", " "}}).error_code(), "reason_required");
  auto returned = city.Post(path + "/return", {{"reason", "请细化批次安排"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json()["status"], "returned");
  EXPECT_EQ(returned.json()["return_reason"], "请细化批次安排");
  auto edited = plan;
  edited["timing"] = "第一批4月1日至4月30日，第二批10月8日至10月31日";
  ASSERT_EQ(jiangan_->Put(path, edited).status, 200);
  ASSERT_EQ(jiangan_->Post(path + "/submit").status, 200);
  // Not public before the city accepts it.
  Client anonymous = NewClient();
  EXPECT_EQ(anonymous.Get("/api/v1/public/announcements?kind=plan").json()["total"], 0);
  auto accepted = city.Post(path + "/accept");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "accepted");
  std::vector<std::string> actions;
  const json accepted_plan = accepted.json();
  for (const auto& e : accepted_plan["events"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"create", "submit", "return", "edit", "submit", "accept"}));
  const json pub = anonymous.Get("/api/v1/public/announcements?kind=plan").json();
  ASSERT_EQ(pub["total"], 1);
  EXPECT_EQ(pub["items"][0]["title"], "江岸区2027年度双随机抽查工作计划");
  EXPECT_NE(pub["items"][0]["body"].get<std::string>().find("10月8日"), std::string::npos);
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'inspection_plan.%'"),
            6);
}

// 线索核查: a task fixed on one enterprise (whatever its class and the ratios) draws only the two
// inspectors; the basis is required and shown; the target must be an enterprise.
TEST_F(InspectionTest, TargetedTaskDrawsOnlyItsInspectors) {
  const json items = jiangan_->Get("/api/v1/inspection-items").json()["items"];
  json body = {{"name", "线索核查：快充 EQ-1"},   {"item_id", items[0]["id"]},
               {"region_code", "420102"},         {"task_date", clock_->Today()},
               {"target_org_id", kuaichong_org_}, {"basis", " "}};
  EXPECT_EQ(jiangan_->Post("/api/v1/inspection-tasks", body).error_code(), "basis_required");
  body["basis"] = "计量作弊线索：订单电量超过额定功率×充电时长";
  const int64_t bureau = jiangan_->Get("/api/v1/me").json()["user"]["org_id"];
  body["target_org_id"] = bureau;
  EXPECT_EQ(jiangan_->Post("/api/v1/inspection-tasks", body).error_code(), "org_invalid");
  body["target_org_id"] = kuaichong_org_;
  EXPECT_EQ(SignIn("wuchang").Post("/api/v1/inspection-tasks", body).error_code(),
            "region_out_of_scope");
  auto created = jiangan_->Post("/api/v1/inspection-tasks", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["target_org_id"], kuaichong_org_);
  EXPECT_EQ(created.json()["target_org_name"],
            SignIn("kuaichong").Get("/api/v1/me").json()["org"]["name"]);
  EXPECT_EQ(created.json()["basis"], body["basis"]);
  EXPECT_FALSE(created.json()["directed"].get<bool>());
  const std::string task = "/api/v1/inspection-tasks/" + created.json()["id"].dump();

  const std::string next_year = domain::AddDays(clock_->Today(), 365);
  AddInspector("江岸区局计量科", next_year);
  AddInspector("李建国", next_year);
  AddInspector("周明", next_year);
  auto drawn = jiangan_->Post(task + "/draw", {{"seed", kSeed}});
  ASSERT_EQ(drawn.status, 200) << drawn.body;
  const json t = drawn.json();
  EXPECT_EQ(t["frame_size"], 1);
  ASSERT_EQ(t["objects"].size(), 1u) << "only the target, never a random enterprise";
  EXPECT_EQ(t["objects"][0]["org_id"], kuaichong_org_);
  EXPECT_EQ(ActiveNames(t["objects"][0]).size(), 2u);
  EXPECT_TRUE(jiangan_->Get(task + "/replay").json()["matches"].get<bool>());
}

TEST_F(InspectionTest, DrawRecordSignPublishAndCount) {
  const std::string today = clock_->Today();
  const std::string yesterday = domain::AddDays(today, -1);
  const std::string next_year = domain::AddDays(today, 365);
  const std::string task = NewTask();

  // Bad input is refused before anything is written.
  const json items = jiangan_->Get("/api/v1/inspection-items").json()["items"];
  auto bad = jiangan_->Post("/api/v1/inspection-tasks", {{"name", "x"},
                                                         {"item_id", items[0]["id"]},
                                                         {"region_code", "420102"},
                                                         {"task_date", today},
                                                         {"ratios", {{"A", 0.5}}}});
  EXPECT_EQ(bad.error_code(), "ratio_out_of_range") << bad.body;
  EXPECT_EQ(jiangan_->Post(task + "/draw", {{"seed", "123"}}).error_code(), "seed_invalid");

  // No officer in the library: refused, nothing changes.
  auto none = jiangan_->Post(task + "/draw", {{"seed", kSeed}});
  EXPECT_EQ(none.error_code(), "inspectors_insufficient") << none.body;
  const int64_t jiangan = AddInspector("江岸区局计量科", next_year);
  const int64_t li = AddInspector("李建国", next_year);
  const int64_t zhou = AddInspector("周明", yesterday);  // certificate expired
  // 李建国 declares a conflict with 快充: only 江岸区局计量科 is left for it.
  ASSERT_EQ(jiangan_
                ->Post("/api/v1/inspectors/" + std::to_string(li) + "/conflicts",
                       {{"org_id", kuaichong_org_}, {"reason", "配偶在该企业任职"}})
                .status,
            200);
  auto short_of = jiangan_->Post(task + "/draw", {{"seed", kSeed}});
  EXPECT_EQ(short_of.error_code(), "inspectors_insufficient") << short_of.body;
  EXPECT_EQ(jiangan_->Get(task).json()["status"], "draft");
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM inspection_objects"), 0);

  // 周明's certificate renewed: the draw goes through.
  ASSERT_EQ(jiangan_
                ->Put("/api/v1/inspectors/" + std::to_string(zhou),
                      {{"cert_no", "鄂执420102周明"}, {"cert_expiry", next_year}, {"active", true}})
                .status,
            200);
  auto drawn = jiangan_->Post(task + "/draw", {{"seed", kSeed}});
  ASSERT_EQ(drawn.status, 200) << drawn.body;
  json t = drawn.json();
  EXPECT_EQ(t["status"], "drawn");
  EXPECT_EQ(t["frame_size"], 2);
  EXPECT_EQ(t["frame_sizes"], (json{{"A", 0}, {"B", 1}, {"C", 0}, {"D", 1}}));
  EXPECT_EQ(t["sample_sizes"], (json{{"A", 0}, {"B", 1}, {"C", 0}, {"D", 1}}));
  ASSERT_EQ(t["objects"].size(), 2u);
  EXPECT_EQ(t["objects"][0]["credit_class"], "B") << "classes in order A, B, C, D";
  const json kc = ObjectOf(t, kuaichong_org_);
  auto kc_names = ActiveNames(kc);
  ASSERT_EQ(kc_names.size(), 2u);
  EXPECT_EQ(std::ranges::count(kc_names, "李建国"), 0) << "conflicted officers are never drawn";
  for (const auto& b : t["objects"]) EXPECT_EQ(ActiveNames(b).size(), 2u);
  EXPECT_TRUE(jiangan_->Get(task + "/replay").json()["matches"].get<bool>());
  {  // Anyone can replay the objects from the frame with a script of their own.
    auto frame = jiangan_->Get(task + "/frame");
    ASSERT_EQ(frame.status, 200) << frame.body;
    EXPECT_EQ(frame.json()["items"].size(), 2u);
    const std::string file = ::testing::TempDir() + "inspection-frame.json";
    std::ofstream(file) << frame.body;
    FILE* out = popen(
        ("python3 " MVIS_SOURCE_DIR "/scripts/replay-inspection-draw.py " + file).c_str(), "r");
    ASSERT_NE(out, nullptr);
    std::vector<int64_t> replayed;
    long long id = 0;
    while (fscanf(out, "%lld", &id) == 1) replayed.push_back(id);
    pclose(out);
    std::vector<int64_t> picked;
    for (const auto& b : t["objects"]) picked.push_back(b["org_id"]);
    EXPECT_EQ(replayed, picked);
  }
  EXPECT_EQ(jiangan_->Post(task + "/draw", {{"seed", kSeed}}).error_code(), "task_already_drawn");
  (void)jiangan;

  // Swap needs a reason; 回避 by a drawn officer draws the remaining eligible one.
  const json ch = ObjectOf(t, charger_org_);
  const std::string ch_path = task + "/objects/" + ch["id"].dump();
  const std::string kc_path = task + "/objects/" + kc["id"].dump();
  auto ch_names = ActiveNames(ch);
  EXPECT_EQ(
      jiangan_->Post(ch_path + "/swap", {{"inspector_id", ch["inspectors"][0]["inspector_id"]}})
          .error_code(),
      "reason_required");
  Client& recusing = ClientOf(ch_names[0]);
  auto recused = recusing.Post(ch_path + "/recuse", {{"reason", "曾在该企业任职"}});
  ASSERT_EQ(recused.status, 200) << recused.body;
  auto after = ActiveNames(recused.json());
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(std::ranges::count(after, ch_names[0]), 0);
  // Nobody eligible is left for a second 回避 on this object.
  auto again = ClientOf(after[0]).Post(ch_path + "/recuse", {{"reason", "x"}});
  EXPECT_EQ(again.error_code(), "inspectors_insufficient") << again.body;
  EXPECT_EQ(ActiveNames(jiangan_->Get(ch_path).json()), after) << "the refusal changed nothing";

  // Only a drawn officer records; another bureau does not even see the task.
  Client hongshan = SignIn("hongshan");
  EXPECT_EQ(hongshan.Get(task).status, 404);
  EXPECT_EQ(hongshan.Get("/api/v1/inspection-tasks").json()["total"], 0);
  EXPECT_EQ(enterprise_->Get("/api/v1/inspection-tasks").status, 403);
  json finding = {{"checks",
                   {{{"code", "filed"}, {"ok", true}, {"finding", "已备案"}},
                    {{"code", "label"}, {"ok", false}, {"finding", "合格标识缺失"}}}},
                  {"result", "corrected"},
                  {"follow_up", "none"},
                  {"note", "现场检查发现1台充电桩未张贴检定合格标识"}};
  Client& first = ClientOf(after[0]);
  Client& second = ClientOf(after[1]);
  EXPECT_EQ(first.Put(ch_path + "/record", finding).error_code(), "follow_up_inconsistent");
  finding["follow_up"] = "order_correction";
  EXPECT_EQ(first.Put(ch_path + "/record", finding).error_code(), "items_required");
  finding["rectification_items"] = {"补贴检定合格标识"};
  auto recorded = first.Put(ch_path + "/record", finding);
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_EQ(recorded.json()["status"], "recorded");
  EXPECT_EQ(recorded.json()["checks"][2]["ok"], false) << "checks in the item's order";
  EXPECT_EQ(recorded.json()["rectification_items"][0], "补贴检定合格标识") << "shown back to both";

  // A photo: stored without its text chunk, hashed; a non-image is refused.
  const std::string png = PngWithText();
  auto photo = UploadPhoto(first, ch_path + "/photos", png, "label");
  ASSERT_EQ(photo.status, 201) << photo.body;
  EXPECT_LT(photo.json()["size"].get<int64_t>(), static_cast<int64_t>(png.size()));
  auto bytes = first.Get(ch_path + "/photos/" + photo.json()["id"].dump());
  ASSERT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.body.find("tEXt"), std::string::npos);
  EXPECT_EQ(bytes.body.find("GPS"), std::string::npos);
  EXPECT_EQ(UploadPhoto(first, ch_path + "/photos", "not an image", "label").error_code(),
            "photo_invalid");

  // Two signatures: the rectification order opens with the second.
  EXPECT_EQ(first.Post(kc_path + "/sign").error_code(), "object_not_recorded");
  ASSERT_EQ(first.Post(ch_path + "/sign").status, 200);
  EXPECT_EQ(first.Post(ch_path + "/sign").error_code(), "already_signed");
  auto signed_ = second.Post(ch_path + "/sign");
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_EQ(signed_.json()["status"], "signed");
  ASSERT_TRUE(signed_.json()["rectification_id"].is_number());
  const std::string order = "/api/v1/rectifications/" + signed_.json()["rectification_id"].dump();
  auto seen = enterprise_->Get(order);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["source"], "inspection");
  EXPECT_EQ(seen.json()["items"][0], "补贴检定合格标识");
  EXPECT_EQ(first.Put(ch_path + "/record", finding).error_code(), "object_signed");
  // The enterprise answers with a photo as evidence (stored without metadata); the bureau sees
  // it, another district's bureau does not; once answered no more photos.
  auto evidence = enterprise_->Upload(order + "/photos", "file", "fixed.png", png);
  ASSERT_EQ(evidence.status, 201) << evidence.body;
  const std::string evidence_path = order + "/photos/" + evidence.json()["id"].dump();
  EXPECT_EQ(jiangan_->Get(evidence_path).status, 200);
  EXPECT_EQ(jiangan_->Get(evidence_path).body.find("tEXt"), std::string::npos);
  EXPECT_EQ(hongshan.Get(evidence_path).status, 404);
  EXPECT_EQ(jiangan_->Upload(order + "/photos", "file", "x.png", png).status, 403);
  ASSERT_EQ(enterprise_->Post(order + "/answer", {{"answer", "已补贴合格标识，见照片"}}).status,
            200);
  EXPECT_EQ(enterprise_->Get(order).json()["photos"].size(), 1u);
  EXPECT_EQ(enterprise_->Upload(order + "/photos", "file", "late.png", png).error_code(),
            "rectification_not_open");

  // A holiday the day after tomorrow moves the publication deadline by one working day.
  Client city = SignIn("city");
  const std::string holiday = domain::AddDays(today, 2);
  ASSERT_EQ(
      city.Put("/api/v1/work-calendar/" + holiday, {{"kind", "holiday"}, {"name", "测试假日"}})
          .status,
      200);
  EXPECT_EQ(jiangan_->Put("/api/v1/work-calendar/" + holiday, {{"kind", "holiday"}}).status, 403);

  // The last object: no problem found; the task completes.
  auto kc_names_now = ActiveNames(jiangan_->Get(kc_path).json());
  ASSERT_EQ(ClientOf(kc_names_now[0])
                .Put(kc_path + "/record",
                     {{"checks", json::array()}, {"result", "no_problem"}, {"follow_up", "none"}})
                .status,
            200);
  ASSERT_EQ(ClientOf(kc_names_now[0]).Post(kc_path + "/sign").status, 200);
  ASSERT_EQ(ClientOf(kc_names_now[1]).Post(kc_path + "/sign").status, 200);
  t = jiangan_->Get(task).json();
  EXPECT_EQ(t["status"], "completed");
  domain::WorkCalendar cal{{holiday, domain::DayKind::kHoliday}};
  const std::string deadline = domain::AddWorkingDays(today, 20, cal);
  EXPECT_EQ(t["publish_deadline"], deadline);
  EXPECT_NE(deadline, domain::AddWorkingDays(today, 20, {}))
      << "unless the holiday fell on a weekend";
  EXPECT_FALSE(t["overdue"].get<bool>());

  // Published results appear on the public page (no login) with name, credit code, result.
  Client anonymous = NewClient();
  EXPECT_EQ(anonymous.Get("/api/v1/public/announcements?kind=result").json()["total"], 0);
  EXPECT_EQ(anonymous.Get("/api/v1/public/announcements?kind=task").json()["total"], 1);
  EXPECT_EQ(anonymous.Get("/api/v1/public/announcements?kind=bogus").error_code(), "kind_invalid");
  EXPECT_EQ(li_->Post(task + "/publish").status, 200) << "any officer of the bureau may publish";
  EXPECT_EQ(jiangan_->Post(task + "/publish").error_code(), "task_not_completed");
  const json results = anonymous.Get("/api/v1/public/announcements?kind=result").json();
  ASSERT_EQ(results["total"], 2);
  bool found = false;
  for (const auto& r : results["items"]) {
    if (r["result"] != "corrected") continue;
    found = true;
    EXPECT_EQ(r["result_name"], "发现问题已责令改正");
    EXPECT_EQ(r["inspection_date"], today);
    EXPECT_EQ(r["credit_code"].get<std::string>().size(), 18u);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(
      anonymous.Get("/api/v1/public/announcements?kind=item_list").json()["items"][0]["title"],
      "在用强制检定计量器具（贸易结算用电动汽车充电桩）监督检查");

  // Statistics: 2 of 2 inspected and published; one finished (no follow-up), one awaits its
  // rectification.
  const json stats =
      jiangan_->Get("/api/v1/inspection-statistics?year=" + today.substr(0, 4)).json();
  ASSERT_EQ(stats["districts"].size(), 1u) << stats;
  const json d = stats["districts"][0];
  EXPECT_EQ(d["frame"], 2);
  EXPECT_EQ(d["objects"], 2);
  EXPECT_EQ(d["published"], 2);
  EXPECT_EQ(d["unpublished"], 0);
  EXPECT_EQ(d["completion_rate"], 1.0);
  EXPECT_EQ(d["closed"], 1);
  EXPECT_EQ(d["closure_rate"], 0.5);
  EXPECT_EQ(hongshan.Get("/api/v1/inspection-statistics").json()["districts"].size(), 0u);

  // Every step is audited; the timeline tells the story.
  EXPECT_GE(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'inspection_task.%'"),
            10);
  std::vector<std::string> actions;
  const json timeline = jiangan_->Get(task).json();
  for (const auto& e : timeline["events"]) actions.push_back(e["action"]);
  for (const char* a :
       {"create", "draw", "recuse", "record", "photo", "sign", "complete", "publish"})
    EXPECT_EQ(std::ranges::count(actions, a) > 0, true) << a;
}

}  // namespace
}  // namespace mvis::testing
