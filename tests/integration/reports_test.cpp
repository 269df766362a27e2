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
    return Scalar(runtime_->db(), "SELECT COUNT(*) FROM users WHERE org_id = (SELECT org_id FROM "
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

}  // namespace
}  // namespace mvis::testing
