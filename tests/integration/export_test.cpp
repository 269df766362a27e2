// 导出 of every list: the same rows the list shows the caller for the same filters, as a real
// .xlsx read back with the platform's own spreadsheet reader.
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "io/spreadsheet_reader.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// The first sheet's rows (header first) of an export response; fails the test if it is not one.
Rows Sheet(const HttpResult& r) {
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_NE(r.headers.at("content-type").find("spreadsheetml"), std::string::npos);
  EXPECT_NE(r.headers.at("content-disposition").find("filename*=UTF-8''"), std::string::npos);
  Rows rows;
  auto read = io::ReadSpreadsheet(r.body, "export.xlsx", {}, [&](int64_t, const auto& cells) {
    std::vector<std::string> row;
    for (const auto& c : cells) row.push_back(c.text);
    rows.push_back(row);
    return true;
  });
  EXPECT_TRUE(read.has_value()) << read.error().code;
  return rows;
}

bool HasCell(const Rows& rows, const std::string& text) {
  for (const auto& row : rows)
    for (const auto& cell : row)
      if (cell == text) return true;
  return false;
}

TEST_F(VerificationTest, EveryListExportsWhatItShows) {
  auto ids = Filed(2);
  json record = Verified(Scheduled(ids), ids[0]);
  std::string number = record["certificate"]["number"];

  // 证书: the owner's export has it with its Chinese status; another enterprise's has not.
  Rows mine = Sheet(enterprise_->Get("/api/v1/certificates/export"));
  ASSERT_GE(mine.size(), 2u);
  EXPECT_EQ(mine[0][0], "证书编号");
  EXPECT_TRUE(HasCell(mine, number));
  EXPECT_TRUE(HasCell(mine, "有效"));
  EXPECT_EQ(mine.size() - 1,
            enterprise_->Get("/api/v1/certificates?page_size=1").json()["total"].get<size_t>());
  EXPECT_FALSE(HasCell(Sheet(SignIn("kuaichong").Get("/api/v1/certificates/export")), number));
  // The list's filters apply: a date range after today finds nothing; bad dates are refused.
  std::string tomorrow = domain::AddDays(clock_->Today(), 1);
  EXPECT_EQ(Sheet(enterprise_->Get("/api/v1/certificates/export?date_from=" + tomorrow)).size(),
            1u);
  EXPECT_EQ(enterprise_->Get("/api/v1/certificates?date_from=" + tomorrow).json()["total"], 0);
  EXPECT_EQ(enterprise_->Get("/api/v1/certificates/export?date_to=2026-13-01").error_code(),
            "date_invalid");
  EXPECT_TRUE(HasCell(
      Sheet(enterprise_->Get("/api/v1/certificates/export?date_to=" + clock_->Today())), number));

  // 检定记录, with its date range.
  Rows records = Sheet(verifier_->Get("/api/v1/verifications/export"));
  EXPECT_EQ(records[0][0], "记录编号");
  EXPECT_TRUE(HasCell(records, number));
  EXPECT_TRUE(HasCell(records, "合格"));
  EXPECT_EQ(Sheet(verifier_->Get("/api/v1/verifications/export?date_from=" + tomorrow)).size(), 1u);
  EXPECT_EQ(verifier_->Get("/api/v1/verifications?date_from=x").error_code(), "date_invalid");

  // 预约: the enterprise's appointments with Chinese mode and status.
  Rows bookings = Sheet(enterprise_->Get("/api/v1/appointments/export"));
  EXPECT_EQ(bookings[0][0], "预约单号");
  EXPECT_EQ(bookings.size() - 1,
            enterprise_->Get("/api/v1/appointments?page_size=1").json()["total"].get<size_t>());
  EXPECT_TRUE(HasCell(bookings, "已安排") || HasCell(bookings, "已完成"));

  // 标准器: the institute's standards, the expired one marked so.
  Rows standards = Sheet(verifier_->Get("/api/v1/standards/export"));
  EXPECT_EQ(standards[0][0], "名称");
  EXPECT_EQ(standards.size() - 1, verifier_->Get("/api/v1/standards").json()["items"].size());
  EXPECT_TRUE(HasCell(standards, "已过期"));
  EXPECT_EQ(enterprise_->Get("/api/v1/standards/export").status, 403);

  // 企业档案 and 检定监管 for regulators.
  Client jiangan = SignIn("jiangan");
  Rows archive = Sheet(jiangan.Get("/api/v1/archive/enterprises/export"));
  EXPECT_EQ(archive[0][0], "企业名称");
  EXPECT_TRUE(HasCell(archive, "武汉新能源充电科技有限公司"));
  EXPECT_EQ(enterprise_->Get("/api/v1/archive/enterprises/export").status, 403);
  Rows summary = Sheet(SignIn("city").Get("/api/v1/supervision/verification-summary/export"));
  EXPECT_EQ(summary[0][0], "区域");
  EXPECT_TRUE(HasCell(summary, "江岸区"));

  // 审计日志: the administrator's, in Chinese; nobody else's.
  Rows audit = Sheet(Admin().Get("/api/v1/admin/audit/export?q=登录"));
  EXPECT_EQ(audit[0][1], "时间");
  EXPECT_TRUE(HasCell(audit, "登录"));
  EXPECT_TRUE(HasCell(audit, "成功"));
  EXPECT_EQ(jiangan.Get("/api/v1/admin/audit/export").status, 403);
}

TEST_F(VerificationTest, ExportedCellsCannotStartAFormula) {
  auto ids = Filed(1);
  Verified(Scheduled(ids), ids[0]);
  // A standard named like a formula is exported as text.
  json standards = verifier_->Get("/api/v1/standards").json()["items"];
  ASSERT_FALSE(standards.empty());
  json edited = standards[0];
  edited["name"] = "=HYPERLINK(\"http://evil\")";
  auto saved =
      verifier_->Put("/api/v1/standards/" + std::to_string(edited["id"].get<int64_t>()), edited);
  ASSERT_EQ(saved.status, 200) << saved.body;
  Rows rows = Sheet(verifier_->Get("/api/v1/standards/export"));
  EXPECT_TRUE(HasCell(rows, "'=HYPERLINK(\"http://evil\")"));
}

}  // namespace
}  // namespace mvis::testing
