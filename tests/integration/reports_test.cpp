// The reporting side's documents: a district's 年度工作报告 (figures from the statistics as of a
// cut-off date, equal to a brute-force recount; frozen at submission; returned and resubmitted;
// the city's compilation; PDF and XLSX), 重大问题上报 with attachments, and 通报 to the DRC.
#include <latch>
#include <thread>

#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

class ReportsTest : public VerificationTest {
 protected:
  // Brute-force recount over the base tables of 江岸区 (420102) for the year up to `cut_off`.
  json Recount(const std::string& cut_off) {
    const std::string from = cut_off.substr(0, 4) + "-01-01";
    auto n = [&](const std::string& sql, std::vector<store::Param> p = {}) {
      return Scalar(runtime_->db(), sql, std::move(p));
    };
    const std::string mine = " AND install_region_code = '420102'";
    return {{"filed", n("SELECT COUNT(*) FROM instruments WHERE mandatory = 1 AND status IN "
                        "('submitted', 'returned', 'approved')" +
                        mine)},
            {"approved", n("SELECT COUNT(*) FROM instruments WHERE mandatory = 1 AND status = "
                           "'approved'" +
                           mine)},
            {"valid", n("SELECT COUNT(*) FROM instruments WHERE mandatory = 1 AND status = "
                        "'approved' AND verification_state = 'passed' AND valid_until >= ?" +
                            mine,
                        {cut_off})},
            {"verified", n("SELECT COUNT(*) FROM certificates WHERE revision = 1 AND verified_on "
                           ">= ? AND verified_on <= ?" +
                               mine,
                           {from, cut_off})},
            {"passed", n("SELECT COUNT(*) FROM certificates WHERE revision = 1 AND kind = "
                         "'certificate' AND verified_on >= ? AND verified_on <= ?" +
                             mine,
                         {from, cut_off})},
            {"new_filings", n("SELECT COUNT(*) FROM instruments WHERE mandatory = 1 AND "
                              "approved_at IS NOT NULL AND status IN ('approved', 'deregistered')" +
                              mine)}};
  }

  static void ExpectTotals(const json& figures, const json& expected) {
    for (auto it = expected.begin(); it != expected.end(); ++it)
      EXPECT_EQ(figures["totals"][it.key()], it.value()) << it.key();
  }

  int64_t Inbox(const std::string& template_name) {
    return Scalar(runtime_->db(),
                  "SELECT COUNT(*) FROM notifications WHERE channel = 'inbox' AND template = ?",
                  {template_name});
  }

  int64_t JianganStaff() {
    return Scalar(runtime_->db(),
                  "SELECT COUNT(*) FROM users WHERE org_id = (SELECT org_id FROM "
                  "users WHERE username = 'jiangan')");
  }

  const json narratives_ = {{"work", "一、全面完成充电桩备案。\n二、开展双随机抽查。"},
                            {"problems", "部分企业未按期申请检定。"},
                            {"plan", "明年实现备案全覆盖。"}};
};

TEST_F(ReportsTest, AnnualReportIsFrozenReturnedResubmittedAcceptedAndCompiled) {
  auto ids = Filed(3);
  int64_t appointment = Scheduled({ids[0], ids[1]});
  Verified(appointment, ids[0]);
  Verified(appointment, ids[1], 5.0);  // fails
  const std::string today = clock_->Today();
  const int year = std::stoi(today.substr(0, 4));
  Client city = SignIn("city");
  Client jiangan = SignIn("jiangan");
  Client hongshan = SignIn("hongshan");

  // Who may open one, and bad input.
  EXPECT_EQ(city.Post("/api/v1/annual-reports", {{"year", year}}).status, 403);
  EXPECT_EQ(enterprise_->Get("/api/v1/annual-reports").status, 403);
  EXPECT_EQ(jiangan.Post("/api/v1/annual-reports", {{"year", year}, {"region_code", "420111"}})
                .error_code(),
            "region_out_of_scope");
  EXPECT_EQ(jiangan.Post("/api/v1/annual-reports", {{"year", year + 1}}).error_code(),
            "year_invalid");
  EXPECT_EQ(jiangan.Post("/api/v1/annual-reports", {{"year", year}, {"cut_off", "2000-01-01"}})
                .error_code(),
            "cut_off_invalid");
  EXPECT_EQ(Scalar(runtime_->db(), "SELECT COUNT(*) FROM annual_reports"), 0);

  auto created = jiangan.Post("/api/v1/annual-reports", {{"year", year}});
  ASSERT_EQ(created.status, 201) << created.body;
  json report = created.json();
  EXPECT_EQ(report["status"], "draft");
  EXPECT_EQ(report["cut_off"], today);
  EXPECT_EQ(report["region_name"], "江岸区");
  EXPECT_FALSE(report["figures_frozen"].get<bool>());
  ExpectTotals(report["figures"], Recount(today));
  EXPECT_EQ(report["figures"]["totals"]["failed_verifications"], 1);
  EXPECT_EQ(report["figures"]["totals"]["fees_waived"], 2);
  EXPECT_EQ(jiangan.Post("/api/v1/annual-reports", {{"year", year}}).error_code(),
            "annual_report_exists");
  const std::string path = "/api/v1/annual-reports/" + report["id"].dump();
  EXPECT_EQ(hongshan.Get(path).status, 404) << "another district's report is hidden";
  EXPECT_EQ(city.Get(path).status, 200);

  // Submitting needs the three narratives.
  auto refused = jiangan.Post(path + "/submit");
  EXPECT_EQ(refused.error_code(), "narrative_required");
  EXPECT_EQ(refused.json()["error"]["details"]["field"], "work");
  ASSERT_EQ(jiangan.Put(path, narratives_).status, 200);
  EXPECT_EQ(city.Post(path + "/accept").error_code(), "report_not_submitted");
  auto submitted = jiangan.Post(path + "/submit");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_TRUE(submitted.json()["figures_frozen"].get<bool>());
  EXPECT_TRUE(submitted.json()["frozen_at"].is_string());
  EXPECT_EQ(Inbox("annual_report_submitted"), 1) << "the city bureau is told";
  const json frozen = submitted.json()["figures"];
  EXPECT_EQ(jiangan.Put(path, narratives_).error_code(), "report_not_editable");
  EXPECT_EQ(jiangan.Post(path + "/accept").status, 403);

  // The registry moves on; the submitted figures do not.
  Filed(2);
  EXPECT_EQ(jiangan.Get(path).json()["figures"], frozen);
  EXPECT_EQ(frozen["totals"]["filed"], 3);

  // Returned once with a reason, edited, resubmitted with the figures as they are now.
  EXPECT_EQ(city.Post(path + "/return", {{"reason", " "}}).error_code(), "reason_required");
  auto returned = city.Post(path + "/return", {{"reason", "请补充抽查公示情况"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json()["status"], "returned");
  EXPECT_EQ(returned.json()["return_reason"], "请补充抽查公示情况");
  EXPECT_FALSE(returned.json()["figures_frozen"].get<bool>());
  EXPECT_EQ(returned.json()["figures"]["totals"]["filed"], 5) << "a returned report previews live";
  EXPECT_EQ(Inbox("annual_report_returned"), JianganStaff()) << "every user of the bureau";
  json edited = narratives_;
  edited["work"] = "一、全面完成充电桩备案。\n二、开展双随机抽查，结果全部公示。";
  ASSERT_EQ(jiangan.Put(path, edited).status, 200);
  ASSERT_EQ(jiangan.Post(path + "/submit").status, 200);
  auto accepted = city.Post(path + "/accept");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  report = accepted.json();
  EXPECT_EQ(report["status"], "accepted");
  EXPECT_EQ(report["figures"]["totals"]["filed"], 5);
  ExpectTotals(report["figures"], Recount(today));
  std::vector<std::string> actions;
  for (const auto& e : report["events"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "edit", "submit", "return", "edit",
                                               "submit", "accept"}));
  EXPECT_EQ(
      Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'annual_report.%'"),
      7);

  // Documents.
  auto pdf = jiangan.Get(path + "/report.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto xlsx = city.Get(path + "/report.xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  // The city's compilation: every district listed, the accepted one summed, its narratives.
  EXPECT_EQ(jiangan.Get("/api/v1/annual-reports/city").status, 403);
  auto compiled = city.Get("/api/v1/annual-reports/city?year=" + std::to_string(year));
  ASSERT_EQ(compiled.status, 200) << compiled.body;
  const json c = compiled.json();
  EXPECT_EQ(c["accepted"], 1);
  EXPECT_EQ(c["submitted"], 1);
  EXPECT_GE(c["total_districts"].get<int>(), 13);
  EXPECT_EQ(c["figures"]["totals"], report["figures"]["totals"]);
  ASSERT_EQ(c["annex"].size(), 1u);
  EXPECT_EQ(c["annex"][0]["work"], edited["work"]);
  int listed = 0;
  for (const auto& d : c["districts"])
    if (d["region_code"] == "420102") {
      ++listed;
      EXPECT_EQ(d["status"], "accepted");
    } else {
      EXPECT_TRUE(d["status"].is_null());
    }
  EXPECT_EQ(listed, 1);
  auto city_pdf = city.Get("/api/v1/annual-reports/city/report.pdf?year=" + std::to_string(year));
  ASSERT_EQ(city_pdf.status, 200);
  EXPECT_EQ(city_pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(city.Get("/api/v1/annual-reports/city/report.xlsx").body.substr(0, 2), "PK");
}

TEST_F(ReportsTest, ConcurrentDecisionsAndCreationsHaveOneWinner) {
  const int year = std::stoi(clock_->Today().substr(0, 4));
  // Two sessions of the district open the year's report at once: one report.
  {
    std::latch go(2);
    std::vector<int> status(2);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([&, i] {
        Client c = SignIn("jiangan");
        go.arrive_and_wait();
        status[i] = c.Post("/api/v1/annual-reports", {{"year", year}}).status;
      });
    for (auto& th : threads) th.join();
    std::ranges::sort(status);
    EXPECT_EQ(status, (std::vector<int>{201, 409}));
  }
  const int64_t id = Scalar(runtime_->db(), "SELECT id FROM annual_reports");
  const std::string path = "/api/v1/annual-reports/" + std::to_string(id);
  Client jiangan = SignIn("jiangan");
  ASSERT_EQ(jiangan.Put(path, narratives_).status, 200);
  ASSERT_EQ(jiangan.Post(path + "/submit").status, 200);
  // The city accepts and returns at once: exactly one decision.
  std::latch go(2);
  std::vector<int> status(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      Client c = SignIn("city");
      go.arrive_and_wait();
      status[i] = i ? c.Post(path + "/accept").status
                    : c.Post(path + "/return", {{"reason", "数据有误"}}).status;
    });
  for (auto& th : threads) th.join();
  std::ranges::sort(status);
  EXPECT_EQ(status, (std::vector<int>{200, 409}));
  EXPECT_EQ(Scalar(runtime_->db(),
                   "SELECT COUNT(*) FROM audit_log WHERE action IN "
                   "('annual_report.accept', 'annual_report.return')"),
            1);
}

TEST_F(ReportsTest, ProblemReportWithAttachmentsIsAcknowledged) {
  Client city = SignIn("city");
  Client jiangan = SignIn("jiangan");
  Client hongshan = SignIn("hongshan");
  EXPECT_EQ(city.Post("/api/v1/problem-reports", {{"title", "x"}, {"body", "y"}}).status, 403);
  EXPECT_EQ(jiangan.Post("/api/v1/problem-reports", {{"title", " "}, {"body", "y"}}).error_code(),
            "title_required");
  EXPECT_EQ(jiangan.Post("/api/v1/problem-reports", {{"title", "x"}, {"body", ""}}).error_code(),
            "body_required");
  auto created = jiangan.Post("/api/v1/problem-reports",
                              {{"title", "某充电站计量作弊嫌疑"},
                               {"body", "群众举报某充电站充电量明显偏大，已现场封存。"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/problem-reports/" + created.json()["id"].dump();
  EXPECT_EQ(created.json()["status"], "submitted");
  EXPECT_EQ(created.json()["region_name"], "江岸区");
  EXPECT_EQ(Inbox("problem_report_submitted"), 1);
  EXPECT_EQ(hongshan.Get(path).status, 404);

  const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  auto up = jiangan.Upload(path + "/attachments", "file", "../../现场照片说明.pdf", pdf);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json()["file_name"], "现场照片说明.pdf");
  EXPECT_EQ(up.json()["mime"], "application/pdf");
  EXPECT_EQ(jiangan.Upload(path + "/attachments", "file", "a.exe", "MZ\x90").error_code(),
            "file_type_invalid");
  EXPECT_EQ(jiangan.Upload(path + "/attachments", "file", "a.zip", "PK\x03\x04zzz").error_code(),
            "file_type_invalid");
  EXPECT_EQ(hongshan.Upload(path + "/attachments", "file", "b.pdf", pdf).status, 404);
  auto got = city.Get(path + "/attachments/" + up.json()["id"].dump());
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, pdf);

  EXPECT_EQ(jiangan.Post(path + "/acknowledge").status, 403);
  auto ack = city.Post(path + "/acknowledge", {{"note", "已转稽查处理"}});
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(ack.json()["status"], "acknowledged");
  EXPECT_EQ(ack.json()["ack_note"], "已转稽查处理");
  EXPECT_EQ(ack.json()["attachments"].size(), 1u);
  EXPECT_EQ(Inbox("problem_report_acknowledged"), JianganStaff());
  EXPECT_EQ(city.Post(path + "/acknowledge").error_code(), "report_acknowledged");
  EXPECT_EQ(jiangan.Upload(path + "/attachments", "file", "c.pdf", pdf).error_code(),
            "report_acknowledged");
  std::vector<std::string> actions;
  const json detail = jiangan.Get(path).json();
  for (const auto& e : detail["events"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "attach", "acknowledge"}));
  EXPECT_EQ(city.Get("/api/v1/problem-reports?status=submitted").json()["total"], 0);
  EXPECT_EQ(city.Get("/api/v1/problem-reports?q=作弊").json()["total"], 1);
  EXPECT_EQ(hongshan.Get("/api/v1/problem-reports").json()["total"], 0);
}

TEST_F(ReportsTest, BulletinFreezesTheCityFiguresForTheDrc) {
  Filed(2);
  Client city = SignIn("city");
  Client drc = SignIn("drc");
  Client jiangan = SignIn("jiangan");
  const std::string month = clock_->Today().substr(0, 7);
  EXPECT_EQ(drc.Post("/api/v1/bulletins", {{"title", "x"}, {"period", month}}).status, 403);
  EXPECT_EQ(city.Post("/api/v1/bulletins", {{"title", "x"}, {"period", "2026-13"}}).error_code(),
            "period_invalid");
  EXPECT_EQ(city.Post("/api/v1/bulletins", {{"title", ""}, {"period", month}}).error_code(),
            "title_required");
  auto published = city.Post(
      "/api/v1/bulletins",
      {{"title", "全市充电设施强制检定情况通报"}, {"note", "请各区加快推进。"}, {"period", month}});
  ASSERT_EQ(published.status, 201) << published.body;
  const json b = published.json();
  const auto overview = city.Get("/api/v1/statistics/overview").json();
  for (const char* k : {"filed", "approved", "valid", "overdue", "never_verified", "failed"})
    EXPECT_EQ(b["figures"]["overview"][k], overview[k]) << k;
  EXPECT_GE(b["figures"]["districts"].size(), 13u);
  EXPECT_GE(Inbox("bulletin_published"), 1) << "the DRC is told";

  const std::string path = "/api/v1/bulletins/" + b["id"].dump();
  Filed(1);  // frozen: later filings do not change it
  EXPECT_EQ(drc.Get(path).json()["figures"], b["figures"]);
  EXPECT_EQ(drc.Get("/api/v1/bulletins").json()["total"], 1);
  EXPECT_EQ(jiangan.Get("/api/v1/bulletins").status, 403);
  EXPECT_EQ(enterprise_->Get(path).status, 404);
  auto pdf = drc.Get(path + "/bulletin.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
}

TEST_F(ReportsTest, InstituteReportCountsItsOwnWork) {
  auto ids = Filed(4);
  int64_t appointment = Scheduled({ids[0], ids[1], ids[2]});
  Verified(appointment, ids[0]);
  Verified(appointment, ids[1], 5.0);  // fails on the working error
  Verified(appointment, ids[2], 0.9);
  // One booking refused, with its reason.
  auto booked = enterprise_->Post("/api/v1/appointments", Booking({ids[3]}));
  ASSERT_EQ(booked.status, 201) << booked.body;
  ASSERT_EQ(approver_
                ->Post("/api/v1/appointments/" + booked.json()["id"].dump() + "/reject",
                       {{"reason", "检定装置送修，暂停受理"}})
                .status,
            200);

  auto r = verifier_->Get("/api/v1/institute-report");
  ASSERT_EQ(r.status, 200) << r.body;
  const json f = r.json();
  EXPECT_EQ(f["institute_org_id"], institute_);
  EXPECT_EQ(f["totals"]["verified"], 3);
  EXPECT_EQ(f["totals"]["passed"], 2);
  EXPECT_EQ(f["totals"]["failed"], 1);
  EXPECT_EQ(f["totals"]["refused"], 1);
  ASSERT_EQ(f["refusals"].size(), 1u);
  EXPECT_EQ(f["refusals"][0]["reason"], "检定装置送修，暂停受理");
  EXPECT_EQ(f["by_kind"][0]["key"], "first");
  EXPECT_EQ(f["by_kind"][0]["verified"], 3);
  int64_t district_total = 0;
  for (const auto& d : f["by_district"]) district_total += d["verified"].get<int64_t>();
  EXPECT_EQ(district_total, 3);
  // Two load points per record: 6 in all; the 5 % point is beyond its limit.
  const json& all = f["error_distribution"]["models"][0];
  EXPECT_EQ(all["points"], 6);
  EXPECT_EQ(all["counts"][5], 1) << all.dump();
  ASSERT_FALSE(f["failure_items"].empty());
  EXPECT_EQ(f["failure_items"][0]["count"], 1);
  EXPECT_EQ(f["turnaround"][3]["step"], "total");
  EXPECT_EQ(f["turnaround"][3]["n"], 3);

  // Who sees it: the institute its own; the city bureau names an institute; nobody else.
  EXPECT_EQ(SignIn("jiangan").Get("/api/v1/institute-report").status, 403);
  EXPECT_EQ(enterprise_->Get("/api/v1/institute-report").status, 403);
  Client city = SignIn("city");
  EXPECT_EQ(city.Get("/api/v1/institute-report").error_code(), "institute_required");
  auto as_city =
      city.Get("/api/v1/institute-report?institute_org_id=" + std::to_string(institute_));
  ASSERT_EQ(as_city.status, 200);
  EXPECT_EQ(as_city.json()["totals"], f["totals"]);
  EXPECT_EQ(city.Get("/api/v1/institute-report?institute_org_id=999999").status, 404);
  EXPECT_EQ(verifier_->Get("/api/v1/institute-report?from=2026-13-01").error_code(),
            "date_invalid");
  auto pdf = verifier_->Get("/api/v1/institute-report/report.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(verifier_->Get("/api/v1/institute-report/report.xlsx").body.substr(0, 2), "PK");
}

TEST_F(ReportsTest, MilestoneProgressPerDistrict) {
  auto ids = Filed(2);
  int64_t appointment = Scheduled({ids[0]});
  Verified(appointment, ids[0]);
  Client city = SignIn("city");
  Client jiangan = SignIn("jiangan");
  const std::string deadline = domain::AddDays(clock_->Today(), 30);
  const json valid = {{"title", "在用充电桩全部检定"},
                      {"kind", "periodic_verification"},
                      {"deadline", deadline},
                      {"target_pct", 100}};
  EXPECT_EQ(jiangan.Post("/api/v1/milestones", valid).status, 403);
  auto bad = valid;
  bad["kind"] = "everything";
  EXPECT_EQ(city.Post("/api/v1/milestones", bad).error_code(), "kind_invalid");
  bad = valid;
  bad["kind"] = "first_verification";
  EXPECT_EQ(city.Post("/api/v1/milestones", bad).error_code(), "date_invalid") << "needs since";
  bad = valid;
  bad["target_pct"] = 0;
  EXPECT_EQ(city.Post("/api/v1/milestones", bad).error_code(), "target_invalid");
  auto created = city.Post("/api/v1/milestones", valid);
  ASSERT_EQ(created.status, 201) << created.body;
  auto first = valid;
  first["title"] = "新建充电桩投运前首次检定";
  first["kind"] = "first_verification";
  first["since"] = "2021-07-01";
  first["target_pct"] = 50;
  ASSERT_EQ(city.Post("/api/v1/milestones", first).status, 201);

  // The registry recounted for 江岸区: 1 of the 2 approved chargers is valid.
  const int64_t approved = Scalar(runtime_->db(),
                                  "SELECT COUNT(*) FROM instruments WHERE mandatory = 1 AND "
                                  "status = 'approved' AND install_region_code = '420102'");
  auto progress = jiangan.Get("/api/v1/milestones/progress");
  ASSERT_EQ(progress.status, 200) << progress.body;
  const json p = progress.json();
  ASSERT_EQ(p["milestones"].size(), 2u);
  const json& periodic = p["milestones"][0];
  ASSERT_EQ(periodic["districts"].size(), 1u) << "a district sees its own";
  EXPECT_EQ(periodic["districts"][0]["region_code"], "420102");
  EXPECT_EQ(periodic["districts"][0]["numerator"], 1);
  EXPECT_EQ(periodic["districts"][0]["denominator"], approved);
  EXPECT_FALSE(periodic["districts"][0]["met"].get<bool>());
  EXPECT_FALSE(periodic["districts"][0]["overdue"].get<bool>()) << "before the deadline";
  const json& firsts = p["milestones"][1];
  EXPECT_EQ(firsts["districts"][0]["denominator"], approved);
  EXPECT_EQ(firsts["districts"][0]["met"], approved <= 2);

  const json all = city.Get("/api/v1/milestones/progress").json();
  EXPECT_GE(all["milestones"][0]["districts"].size(), 13u);
  EXPECT_EQ(city.Get("/api/v1/milestones/progress?region_code=420102")
                .json()["milestones"][0]["districts"]
                .size(),
            1u);
  EXPECT_EQ(jiangan.Get("/api/v1/milestones/progress?region_code=420111").status, 403);
  EXPECT_EQ(SignIn("drc").Get("/api/v1/milestones/progress").status, 200);
  EXPECT_EQ(enterprise_->Get("/api/v1/milestones/progress").status, 403);

  // After the deadline an unmet district is overdue; a withdrawn milestone drops out.
  clock_->Advance(31 * 86400);
  Client later = SignIn("jiangan");
  const json overdue = later.Get("/api/v1/milestones/progress").json();
  EXPECT_TRUE(overdue["milestones"][0]["districts"][0]["overdue"].get<bool>());
  Client city2 = SignIn("city");
  const std::string path = "/api/v1/milestones/" + created.json()["id"].dump();
  ASSERT_EQ(city2.Post(path + "/withdraw").status, 200);
  EXPECT_EQ(city2.Post(path + "/withdraw").error_code(), "milestone_withdrawn");
  EXPECT_EQ(later.Get("/api/v1/milestones/progress").json()["milestones"].size(), 1u);
  EXPECT_EQ(
      Scalar(runtime_->db(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'milestone.%'"), 3);
}

// The dashboards' drill-down lands on the registry list narrowed the same way: by use, and the
// 30-day window of the "due within 30 days" card.
TEST_F(ReportsTest, RegistryListNarrowsByUseAndDueWindow) {
  auto ids = Filed(2);
  int64_t appointment = Scheduled({ids[0], ids[1]});
  Verified(appointment, ids[0]);
  Verified(appointment, ids[1]);
  auto ok = runtime_->db().Write([&](store::Tx& tx) -> Status {
    tx.Exec("UPDATE instruments SET valid_until = ? WHERE id = ?",
            {domain::AddDays(clock_->Today(), 20), ids[0]});
    return {};
  });
  ASSERT_TRUE(ok.has_value());
  Client jiangan = SignIn("jiangan");
  auto total = [&](const std::string& query) {
    auto r = jiangan.Get("/api/v1/instruments?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["total"].get<int64_t>();
  };
  EXPECT_EQ(total("verification=due_soon&due_days=30"), 1);
  EXPECT_EQ(total("verification=due_soon&due_days=10"), 0);
  const int64_t trade = Scalar(runtime_->db(),
                               "SELECT COUNT(*) FROM instruments WHERE use = 'trade_settlement' "
                               "AND status <> 'draft' AND mandatory = 1 AND install_region_code "
                               "= '420102'");
  EXPECT_EQ(total("use=trade_settlement"), trade);
  EXPECT_EQ(total("use=safety"), 0);
  EXPECT_EQ(jiangan.Get("/api/v1/instruments?use=everything").error_code(), "use_invalid");
  EXPECT_EQ(jiangan.Get("/api/v1/instruments?verification=due_soon&due_days=x").error_code(),
            "due_days_invalid");
}

}  // namespace
}  // namespace mvis::testing
