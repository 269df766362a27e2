// 抽样检定 execution and 整改: dispatch makes free in-service on-site tasks, the institute records
// them (a failure opens a rectification order) or marks a unit 不具备检定条件, the report renders,
// the enterprise answers, the district bureau returns and accepts, 举一反三 orders are asked
// once, scope holds and concurrent requests make one change.
#include <latch>
#include <thread>

#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

constexpr char kSeed[] = "12345678901234567890";

class RectificationTest : public VerificationTest {
 protected:
  // Three filed chargers of three brands in 江岸区 and a drawn plan sampling all of them.
  std::string DrawnPlan() {
    Client jiangan = SignIn("jiangan");
    std::vector<int64_t> ids;
    for (const char* brand : {"特来电", "星星充电", "ABB"}) {
      auto body = Charger("RX" + std::to_string(++count_));
      body["brand"] = brand;
      body["submit"] = true;
      auto r = enterprise_->Post("/api/v1/instruments", body);
      EXPECT_EQ(r.status, 201) << r.body;
      ids.push_back(r.json()["id"]);
    }
    EXPECT_EQ(
        jiangan.Post("/api/v1/instruments/review", {{"ids", ids}, {"decision", "approve"}}).status,
        200);
    Client city = SignIn("city");
    auto plan = city.Post("/api/v1/sampling-plans", {{"name", "抽样执行测试"},
                                                     {"year", 2027},
                                                     {"region_codes", {"420102"}},
                                                     {"type_codes", {"ev_ac_charger"}},
                                                     {"ratio", 0.05},
                                                     {"institute_org_id", institute_}});
    EXPECT_EQ(plan.status, 201) << plan.body;
    const std::string path = "/api/v1/sampling-plans/" + plan.json()["id"].dump();
    auto draw = city.Post(path + "/draw", {{"seed", kSeed}});
    EXPECT_EQ(draw.status, 200) << draw.body;
    EXPECT_EQ(draw.json()["items"].size(), 3u);  // one per brand
    return path;
  }

  // The plan's sampled units with their tasks, in pick order.
  json Sample(Client& c, const std::string& path) { return c.Get(path).json()["sample"]; }

  json InService(int64_t appointment, int64_t instrument, double error_pct) {
    json r = Record(appointment, instrument, error_pct);
    r["kind"] = "in_service";
    return r;
  }

  void Sign(int64_t record) {
    const std::string p = "/api/v1/verifications/" + std::to_string(record) + "/sign";
    ASSERT_EQ(verifier_->Post(p, {{"duty", "verifier"}, {"password", kDemoPassword}}).status, 200);
    ASSERT_EQ(checker_->Post(p, {{"duty", "checker"}, {"password", kDemoPassword}}).status, 200);
    auto r = approver_->Post(p, {{"duty", "approver"}, {"password", kDemoPassword}});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  int count_ = 0;
};

TEST_F(RectificationTest, SampleExecutionReportAndRectificationLoop) {
  const std::string path = DrawnPlan();
  Client city = SignIn("city");
  Client jiangan = SignIn("jiangan");
  Client hongshan = SignIn("hongshan");

  // Dispatch: only the city bureau; one free on-site task per unit; no redraw afterwards.
  EXPECT_EQ(jiangan.Post(path + "/dispatch").status, 403);
  auto dispatched = city.Post(path + "/dispatch");
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  EXPECT_EQ(dispatched.json()["created"], 3);
  EXPECT_EQ(dispatched.json()["plan"]["status"], "dispatched");
  EXPECT_EQ(city.Post(path + "/dispatch").error_code(), "sample_all_dispatched");
  EXPECT_EQ(city.Post(path + "/draw", {{"reason", "换一批"}}).error_code(), "plan_dispatched");
  EXPECT_TRUE(Notified(*enterprise_, "3 台充电桩被抽中"));
  EXPECT_TRUE(Notified(*approver_, "已下发 3 项现场检定任务"));

  json sample = Sample(city, path);
  ASSERT_EQ(sample.size(), 3u);
  std::vector<int64_t> task, unit;
  for (const auto& s : sample) {
    ASSERT_TRUE(s["appointment_id"].is_number()) << s;
    EXPECT_EQ(s["appointment_status"], "accepted");
    task.push_back(s["appointment_id"]);
    unit.push_back(s["instrument_id"]);
  }
  auto appointment = enterprise_->Get("/api/v1/appointments/" + std::to_string(task[0])).json();
  EXPECT_EQ(appointment["sampling_plan_name"], "抽样执行测试");
  EXPECT_EQ(appointment["mode"], "on_site");
  EXPECT_EQ(appointment["status"], "accepted");
  // A sampled unit is held by its task: the enterprise cannot book it elsewhere meanwhile.
  EXPECT_EQ(enterprise_->Post("/api/v1/appointments", Booking({unit[0]})).error_code(),
            "instrument_already_booked");

  // The institute records: kind in_service only; the first passes, the second fails.
  auto wrong = verifier_->Post("/api/v1/verifications", Record(task[0], unit[0]));
  EXPECT_EQ(wrong.error_code(), "kind_must_be_in_service") << wrong.body;
  auto r1 = verifier_->Post("/api/v1/verifications", InService(task[0], unit[0], 0.3));
  ASSERT_EQ(r1.status, 201) << r1.body;
  Sign(r1.json()["id"]);
  auto r2 = verifier_->Post("/api/v1/verifications", InService(task[1], unit[1], 3.0));
  ASSERT_EQ(r2.status, 201) << r2.body;
  EXPECT_EQ(r2.json()["conclusion"], "fail");
  Sign(r2.json()["id"]);
  // The third is 不具备检定条件: a reason is required; only the institute may mark it.
  const std::string mark = "/api/v1/appointments/" + std::to_string(task[2]) + "/instruments/" +
                           std::to_string(unit[2]) + "/unverifiable";
  EXPECT_EQ(approver_->Post(mark, {{"reason", " "}}).error_code(), "reason_required");
  EXPECT_EQ(enterprise_->Post(mark, {{"reason", "x"}}).status, 403);
  auto marked = approver_->Post(mark, {{"reason", "充电枪线缆过短，标准器无法接入"}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(marked.json()["status"], "completed") << "its only instrument needs no record";
  EXPECT_EQ(marked.json()["unverifiable"][0]["reason"], "充电枪线缆过短，标准器无法接入");
  EXPECT_EQ(approver_->Post(mark, {{"reason", "again"}}).status, 409);

  auto plan = city.Get(path).json();
  EXPECT_EQ(plan["progress"], json({{"sampled", 3},
                                    {"dispatched", 3},
                                    {"verified", 2},
                                    {"passed", 1},
                                    {"failed", 1},
                                    {"unverifiable", 1}}));
  EXPECT_EQ(plan["sample"][0]["conclusion"], "pass");
  EXPECT_FALSE(plan["sample"][0]["certificate_no"].get<std::string>().empty());
  EXPECT_EQ(plan["sample"][1]["conclusion"], "fail");
  ASSERT_TRUE(plan["sample"][1]["rectification_id"].is_number());
  ASSERT_TRUE(plan["sample"][2]["rectification_id"].is_number());
  EXPECT_EQ(plan["sample"][2]["unverifiable_reason"], "充电枪线缆过短，标准器无法接入");

  // The report, as PDF and XLSX.
  auto pdf = city.Get(path + "/report.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto xlsx = verifier_->Get(path + "/report.xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.body.find("xl/charts/chart1.xml"), std::string::npos) << "the workbook's chart";
  EXPECT_NE(xlsx.body.find("xl/worksheets/sheet5.xml"), std::string::npos) << "five sheets";
  EXPECT_EQ(enterprise_->Get(path + "/report.pdf").status, 404);

  // The orders: the enterprise and 江岸区 see both, 洪山区 none.
  EXPECT_EQ(enterprise_->Get("/api/v1/rectifications").json()["total"], 2);
  EXPECT_EQ(jiangan.Get("/api/v1/rectifications").json()["total"], 2);
  EXPECT_EQ(city.Get("/api/v1/rectifications?source=sampling_failure").json()["total"], 1);
  EXPECT_EQ(hongshan.Get("/api/v1/rectifications").json()["total"], 0);
  EXPECT_EQ(
      hongshan.Get("/api/v1/rectifications/" + plan["sample"][1]["rectification_id"].dump()).status,
      404);
  EXPECT_EQ(SignIn("drc").Get("/api/v1/rectifications").status, 403);
  EXPECT_EQ(city.Get("/api/v1/rectifications?status=nope").error_code(), "status_invalid");
  EXPECT_TRUE(Notified(*enterprise_, "抽样检定《抽样执行测试》不合格"));
  EXPECT_TRUE(Notified(jiangan, "发出整改通知"));

  // Until its order is closed the unverifiable unit cannot be booked.
  EXPECT_EQ(enterprise_->Post("/api/v1/appointments", Booking({unit[2]})).error_code(),
            "instrument_not_ready");

  const std::string order =
      "/api/v1/rectifications/" + plan["sample"][2]["rectification_id"].dump();
  auto o = enterprise_->Get(order).json();
  EXPECT_EQ(o["status"], "issued");
  EXPECT_EQ(o["source"], "unverifiable");
  EXPECT_EQ(o["items"][0], "充电枪线缆过短，标准器无法接入");
  EXPECT_EQ(jiangan.Post(order + "/accept").error_code(), "rectification_not_answered");
  EXPECT_EQ(enterprise_->Post(order + "/answer", {{"answer", ""}}).error_code(), "answer_required");
  EXPECT_EQ(jiangan.Post(order + "/answer", {{"answer", "x"}}).status, 403);
  auto answered = enterprise_->Post(order + "/answer", {{"answer", "已更换加长线缆"}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["status"], "answered");
  EXPECT_TRUE(Notified(jiangan, "提交整改情况，请验收"));
  EXPECT_EQ(enterprise_->Post(order + "/accept").status, 403);
  EXPECT_EQ(jiangan.Post(order + "/return", {{"reason", ""}}).error_code(), "reason_required");
  auto returned = jiangan.Post(order + "/return", {{"reason", "请附检定条件照片说明"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json()["status"], "returned");
  EXPECT_EQ(returned.json()["decision_reason"], "请附检定条件照片说明");
  EXPECT_TRUE(Notified(*enterprise_, "被退回，原因：请附检定条件照片说明"));
  ASSERT_EQ(
      enterprise_->Post(order + "/answer", {{"answer", "已更换加长线缆，照片见附件说明"}}).status,
      200);
  auto closed = jiangan.Post(order + "/accept");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  EXPECT_FALSE(closed.json()["closed_at"].is_null());
  EXPECT_EQ(closed.json()["events"].size(), 5u);  // create, answer, return, answer, accept
  EXPECT_EQ(enterprise_->Post(order + "/answer", {{"answer", "x"}}).error_code(),
            "rectification_not_open");
  for (const char* action : {"rectification.create", "rectification.answer", "rectification.return",
                             "rectification.accept"}) {
    EXPECT_GE(Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action = ?", {action}),
              1)
        << action;
  }
  // Closed: the unit can be booked again.
  EXPECT_EQ(enterprise_->Post("/api/v1/appointments", Booking({unit[2]})).status, 201);

  // 举一反三: asked once per enterprise and district; the plan shows who has answered.
  const std::string followups = path + "/followups";
  EXPECT_EQ(city.Post(followups, {{"deadline", "2020-01-01"}}).error_code(), "deadline_past");
  const std::string deadline = domain::AddDays(clock_->Today(), 20);
  auto asked = city.Post(followups, {{"deadline", deadline}, {"note", "重点检查同型号"}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.json()["created"], 1);
  EXPECT_EQ(city.Post(followups, {{"deadline", deadline}}).json()["created"], 0);
  json f = city.Get(path).json()["followups"];
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["org_name"], "武汉新能源充电科技有限公司");
  EXPECT_EQ(f[0]["status"], "issued");

  // Overdue: past the deadline while waiting for the enterprise.
  clock_->Advance(40 * 86400);
  ReSignIn();
  Client later = SignIn("jiangan");
  auto overdue = later.Get("/api/v1/rectifications?overdue=true").json();
  EXPECT_EQ(overdue["total"], 2);  // the failure's order and the 举一反三 one; not the closed one
  EXPECT_EQ(overdue["overdue"], 2);
  EXPECT_TRUE(overdue["items"][0]["overdue"].get<bool>());
  // 立案 on the overdue failure order: decided with a penalty, then closed.
  std::string failure_order;
  for (const auto& item : overdue["items"])
    if (item["source"] == "sampling_failure")
      failure_order = "/api/v1/rectifications/" + item["id"].dump();
  ASSERT_FALSE(failure_order.empty());
  EXPECT_EQ(
      later.Post(order + "/case", {{"legal_basis", "计量法"}, {"facts", "逾期"}}).error_code(),
      "rectification_not_overdue");
  EXPECT_EQ(later.Post(failure_order + "/case", {{"legal_basis", ""}, {"facts", "x"}}).error_code(),
            "legal_basis_required");
  EXPECT_EQ(
      enterprise_->Post(failure_order + "/case", {{"legal_basis", "x"}, {"facts", "x"}}).status,
      403);
  auto opened = later.Post(failure_order + "/case",
                           {{"legal_basis", "《中华人民共和国计量法》第二十六条"},
                            {"facts", "抽样检定不合格后逾期未整改，继续用于贸易结算"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["case"]["status"], "opened");
  EXPECT_EQ(
      later.Post(failure_order + "/case", {{"legal_basis", "x"}, {"facts", "x"}}).error_code(),
      "case_exists");
  EXPECT_EQ(later.Post(failure_order + "/case/close", {{"note", "x"}}).error_code(),
            "case_not_decided");
  EXPECT_EQ(later.Post(failure_order + "/case/decide", {{"decision", "x"}, {"penalty_yuan", -5}})
                .error_code(),
            "penalty_invalid");
  auto decided =
      later.Post(failure_order + "/case/decide",
                 {{"decision", "责令停止使用并限期整改，处以罚款"}, {"penalty_yuan", 2000}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["case"]["penalty_yuan"], 2000);
  auto closed_case = later.Post(failure_order + "/case/close", {{"note", "罚款已缴纳，整改完毕"}});
  ASSERT_EQ(closed_case.status, 200) << closed_case.body;
  EXPECT_EQ(closed_case.json()["case"]["status"], "closed");
  EXPECT_EQ(closed_case.json()["status"], "issued") << "the order itself is unchanged";
  EXPECT_TRUE(Notified(*enterprise_, "立案调查"));
  EXPECT_TRUE(Notified(*enterprise_, "罚款 2000 元"));
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'rectification.%_case'"),
            3);

  // The credit class counts them: 2 of the enterprise's 3 orders are overdue.
  const json org = enterprise_->Get("/api/v1/me").json()["org"];
  auto credit =
      SignIn("city").Post("/api/v1/enterprises/" + org["id"].dump() + "/credit/recompute");
  ASSERT_EQ(credit.status, 200) << credit.body;
  bool seen = false;
  const json indicators = credit.json()["indicators"];
  for (const auto& i : indicators) {
    if (i["code"] != "rectification_overdue") continue;
    seen = true;
    EXPECT_EQ(i["numerator"], 2);
    EXPECT_EQ(i["denominator"], 3);
  }
  EXPECT_TRUE(seen) << credit.body;
}

TEST_F(RectificationTest, ConcurrentDispatchAndDecisionsMakeOneChange) {
  const std::string path = DrawnPlan();
  constexpr int kThreads = 6;
  std::vector<Client> clerks;
  for (int i = 0; i < kThreads; ++i) clerks.push_back(SignIn("city"));
  std::vector<HttpResult> out(kThreads);
  {
    std::latch start(kThreads);
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        out[i] = clerks[i].Post(path + "/dispatch");
      });
  }
  int ok = 0;
  for (const auto& r : out) {
    if (r.status == 200) {
      ++ok;
      continue;
    }
    EXPECT_TRUE(r.error_code() == "sample_all_dispatched" || r.error_code() == "state_changed")
        << r.body;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM appointments WHERE sampling_plan_id > 0"),
            3);

  // Two bureau clerks decide on one answered order at once: one decision holds.
  json sample = clerks[0].Get(path).json()["sample"];
  const std::string mark = "/api/v1/appointments/" + sample[0]["appointment_id"].dump() +
                           "/instruments/" + sample[0]["instrument_id"].dump() + "/unverifiable";
  auto marked = approver_->Post(mark, {{"reason", "无法断电接线"}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  const std::string order =
      "/api/v1/rectifications/" + marked.json()["unverifiable"][0]["rectification_id"].dump();
  ASSERT_EQ(enterprise_->Post(order + "/answer", {{"answer", "已整改"}}).status, 200);
  std::vector<Client> bureau;
  for (int i = 0; i < kThreads; ++i) bureau.push_back(SignIn("jiangan"));
  {
    std::latch start(kThreads);
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        out[i] = i % 2 ? bureau[i].Post(order + "/accept")
                       : bureau[i].Post(order + "/return", {{"reason", "材料不全"}});
      });
  }
  ok = 0;
  for (const auto& r : out) {
    if (r.status == 200) {
      ++ok;
      continue;
    }
    EXPECT_TRUE(r.error_code() == "rectification_not_answered" || r.error_code() == "state_changed")
        << r.body;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(enterprise_->Get(order).json()["events"].size(), 3u);
}

}  // namespace
}  // namespace mvis::testing
