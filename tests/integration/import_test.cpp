// Batch import over HTTP: template, upload with errors, correction in place, all-or-nothing
// commit, idempotent re-import, hostile files, and the command-line import.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "domain/credit_code.hpp"
#include "domain/import_mapping.hpp"
#include "fixture.hpp"
#include "io/spreadsheet_reader.hpp"
#include "io/xlsx_writer.hpp"

namespace mvis::testing {
namespace {

using nlohmann::json;

const char kHeader[] =
    "器具类型*,器具名称*,型号规格*,出厂编号*,制造单位*,品牌*,准确度等级*,测量范围,安装地址*,"
    "安装区域*,用途*,"
    "投入使用日期*,资产编号,备注,交直流,额定功率(kW),额定电压(V),最大电流(A),最小电流(A),接口数量,"
    "充电站名称,"
    "设备编码,分时计费,经度,纬度\n";

std::string CsvRow(const std::string& serial, const std::string& date = "2024-03-01",
                   const std::string& region = "江汉区") {
  return "电动汽车交流充电桩,交流充电桩,AC7-X," + serial +
         ",武汉某电气有限公司,某品牌,2,,武汉市江汉区某路1号," + region + ",贸易结算," + date +
         ",,,AC,7,220,32,6,1,某充电站,EQ" + serial + ",是,,\n";
}

// The same rows as a real .xlsx written by libxlsxwriter (header, example row, data).
std::string Xlsx(const std::vector<std::string>& serials) {
  std::vector<io::XlsxColumn> columns;
  for (const auto& c : domain::ImportColumns())
    columns.push_back({std::string(c.header) + (c.required ? "*" : ""), 12});
  size_t i = 0;
  auto bytes =
      io::WriteXlsxTable(domain::kTemplateSheet, columns, [&](std::vector<std::string>& cells) {
        if (i > serials.size()) return false;
        std::string serial = i == 0 ? "EXAMPLE-0001" : serials[i - 1];
        std::string name = i == 0 ? std::string(domain::kExampleMarker) + "示例" : "交流充电桩";
        cells = {"电动汽车交流充电桩",
                 name,
                 "AC7-X",
                 serial,
                 "武汉某电气有限公司",
                 "某品牌",
                 "2",
                 "",
                 "武汉市江汉区某路1号",
                 "江汉区",
                 "贸易结算",
                 "2024-03-01",
                 "",
                 "",
                 "AC",
                 "7",
                 "220",
                 "32",
                 "6",
                 "1",
                 "某充电站",
                 "EQ" + serial,
                 "是"};
        ++i;
        return true;
      });
  return *bytes;
}

class ImportTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    SeedDemo();
  }
  int64_t Count(Client& c, const std::string& query = "") {
    return c.Get("/api/v1/instruments?" + query).json()["total"];
  }
};

TEST_F(ImportTest, TemplateIsARealWorkbookWithTheHeaderAndExampleRow) {
  Client ent = SignIn("charger");
  auto r = ent.Get("/api/v1/instruments/import-template");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.headers["content-disposition"].find("attachment"), std::string::npos);
  std::vector<std::vector<std::string>> rows;
  auto read = io::ReadSpreadsheet(r.body, "t.xlsx", {},
                                  [&](int64_t, const std::vector<io::Cell>& cells) {
                                    std::vector<std::string> texts;
                                    for (const auto& c : cells) texts.push_back(c.text);
                                    rows.push_back(texts);
                                    return true;
                                  },
                                  {domain::kTemplateSheet, true});
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "器具类型*");
  EXPECT_EQ(rows[0][7], "测量范围");
  // Required as the field table says: charger items for chargers, optional items without a mark.
  for (const char* h : {"额定功率(kW)*", "接口数量*", "充电站名称*", "资产编号", "设备编码"})
    EXPECT_NE(std::find(rows[0].begin(), rows[0].end(), h), rows[0].end()) << h;
  EXPECT_TRUE(domain::MatchHeader(rows[0]).has_value());
  EXPECT_EQ(rows[1][1].rfind(domain::kExampleMarker, 0), 0u);
  EXPECT_EQ(rows[1][11], "2024-03-01");  // a real date cell
  // Uploading the untouched template finds nothing to import (the example row is skipped).
  auto empty = ent.Upload("/api/v1/instruments/imports", "file", "template.xlsx", r.body);
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.error_code(), "import_empty");
  EXPECT_EQ(SignIn("jiangan").Get("/api/v1/instruments/import-template").status, 403);
}

TEST_F(ImportTest, ErrorsAreCorrectedInPlaceThenSavedAtOnceAndNotTwice) {
  Client ent = SignIn("charger");
  std::string csv = std::string(kHeader) + CsvRow("SN-1") + CsvRow("SN-2", "2024-13-45") +
                    CsvRow("SN-1") + CsvRow("SN-3");
  auto up = ent.Upload("/api/v1/instruments/imports", "file", "chargers.csv", csv);
  ASSERT_EQ(up.status, 201) << up.body;
  auto summary = up.json();
  EXPECT_EQ(summary["rows_total"], 4);
  EXPECT_EQ(summary["rows_valid"], 2);
  ASSERT_EQ(summary["errors"].size(), 2u);
  EXPECT_EQ(summary["errors"][0], json({{"row", 3},
                                        {"column", "投入使用日期"},
                                        {"field", "in_use_date"},
                                        {"code", "in_use_date_invalid"},
                                        {"message", summary["errors"][0]["message"]}}));
  EXPECT_EQ(summary["errors"][1]["row"], 4);
  EXPECT_EQ(summary["errors"][1]["code"], "import_duplicate_row");
  int64_t id = summary["id"];
  std::string path = "/api/v1/instruments/imports/" + std::to_string(id);

  auto refused = ent.Post(path + "/commit");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code(), "import_has_errors");
  EXPECT_EQ(Count(ent), 0);

  auto preview = ent.Get(path + "?state=error").json();
  EXPECT_EQ(preview["rows"]["total"], 2);
  json fixed = preview["rows"]["items"][0]["data"];
  fixed["in_use_date"] = "2024-02-15";
  auto corrected = ent.Put(path + "/rows/3", fixed);
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.json()["state"], "valid");
  EXPECT_EQ(ent.Delete(path + "/rows/4").status, 204);
  EXPECT_EQ(ent.Get(path).json()["rows_valid"], 3);

  auto report = ent.Get(path + "/error-report");
  EXPECT_EQ(report.status, 200);
  EXPECT_EQ(report.body.substr(0, 2), "PK");

  auto saved = ent.Post(path + "/commit");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["created"], 3);
  EXPECT_EQ(Count(ent, "status=draft"), 3);
  EXPECT_EQ(ent.Post(path + "/commit").error_code(), "import_already_committed");
  json e_list = ent.Get("/api/v1/instruments?status=draft").json()["items"];
  auto history =
      ent.Get("/api/v1/instruments/" + std::to_string(e_list[0]["id"].get<int64_t>()) + "/history")
          .json();
  EXPECT_NE(history["items"][0]["reason"].get<std::string>().find("批量导入"), std::string::npos);

  // The same file again: every row is already registered and skipped.
  auto again = ent.Upload("/api/v1/instruments/imports", "file", "chargers.xlsx",
                          Xlsx({"SN-1", "SN-2", "SN-3"}));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["rows_existing"], 3);
  EXPECT_EQ(again.json()["rows_valid"], 0);
  auto second = ent.Post("/api/v1/instruments/imports/" +
                         std::to_string(again.json()["id"].get<int64_t>()) + "/commit");
  EXPECT_EQ(second.json()["created"], 0);
  EXPECT_EQ(Count(ent), 3);
  auto audit = SignIn("admin").Get("/api/v1/admin/audit?action=import.commit").json();
  EXPECT_EQ(audit["total"], 2);
}

TEST_F(ImportTest, AFailureDuringSaveLeavesNothingWritten) {
  Client ent = SignIn("charger");
  // More rows than one commit chunk, so the conflict is found after earlier rows were inserted.
  std::string csv = kHeader;
  for (int i = 0; i < 5100; ++i) csv += CsvRow("BULK-" + std::to_string(i));
  auto up = ent.Upload("/api/v1/instruments/imports", "file", "bulk.csv", csv);
  ASSERT_EQ(up.status, 201) << up.body.substr(0, 300);
  EXPECT_EQ(up.json()["rows_valid"], 5100);
  // Meanwhile another enterprise registers the last serial number.
  json other = {{"type_code", "ev_ac_charger"},
                {"name", "交流充电桩"},
                {"model", "AC7-X"},
                {"serial_no", "BULK-5099"},
                {"manufacturer", "武汉某电气有限公司"},
                {"brand", "某品牌"},
                {"accuracy_class", "2"},
                {"install_address", "洪山区某路"},
                {"install_region_code", "420111"},
                {"use", "trade_settlement"},
                {"in_use_date", "2024-01-01"},
                {"charger",
                 {{"current_type", "AC"},
                  {"rated_power_kw", 7},
                  {"rated_voltage_v", 220},
                  {"max_current_a", 32},
                  {"min_current_a", 6},
                  {"connector_count", 1},
                  {"station_name", "站"},
                  {"tou_billing", false}}}};
  ASSERT_EQ(SignIn("kuaichong").Post("/api/v1/instruments", other).status, 201);
  auto commit = ent.Post("/api/v1/instruments/imports/" +
                         std::to_string(up.json()["id"].get<int64_t>()) + "/commit");
  EXPECT_EQ(commit.status, 409);
  EXPECT_EQ(commit.error_code(), "import_has_errors");
  EXPECT_NE(commit.json()["error"]["message"].get<std::string>().find("5101"),
            std::string::npos);  // sheet row
  EXPECT_EQ(Count(ent), 0);
}

TEST_F(ImportTest, BadFilesAreRefusedWithClearErrors) {
  Client ent = SignIn("charger");
  auto pdf = ent.Upload("/api/v1/instruments/imports", "file", "chargers.xlsx",
                        "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj");
  EXPECT_EQ(pdf.status, 400);
  EXPECT_EQ(pdf.error_code(), "not_a_spreadsheet");
  EXPECT_FALSE(pdf.json()["error"]["message"].get<std::string>().empty());
  auto missing = ent.Upload("/api/v1/instruments/imports", "file", "x.csv",
                            "器具类型,器具名称,型号规格,出厂编号\na,b,c,d\n");
  EXPECT_EQ(missing.error_code(), "import_columns_missing");
  auto truncated = Xlsx({"SN-T"});
  auto cut = ent.Upload("/api/v1/instruments/imports", "file", "cut.xlsx",
                        truncated.substr(0, truncated.size() / 2));
  EXPECT_EQ(cut.status, 400);
  auto no_file = ent.Upload("/api/v1/instruments/imports", "other", "x.csv", "a");
  EXPECT_EQ(no_file.error_code(), "file_required");
  EXPECT_EQ(
      SignIn("jiangan").Upload("/api/v1/instruments/imports", "file", "x.csv", kHeader).status,
      403);
  EXPECT_EQ(Count(ent), 0);

  Restart([](app::AppConfig& c) { c.upload_max_bytes = 64 * 1024; });
  Client small = SignIn("charger");
  auto big = small.Upload("/api/v1/instruments/imports", "file", "big.csv",
                          std::string(kHeader) + std::string(100 * 1024, 'x'));
  EXPECT_EQ(big.status, 413);
}

TEST_F(ImportTest, ImportsOfOtherEnterprisesAreInvisible) {
  Client ent = SignIn("charger");
  auto up = ent.Upload("/api/v1/instruments/imports", "file", "a.csv",
                       std::string(kHeader) + CsvRow("SN-P"));
  ASSERT_EQ(up.status, 201);
  std::string path =
      "/api/v1/instruments/imports/" + std::to_string(up.json()["id"].get<int64_t>());
  Client other = SignIn("kuaichong");
  EXPECT_EQ(other.Get(path).status, 404);
  EXPECT_EQ(other.Post(path + "/commit").status, 404);
  EXPECT_EQ(other.Delete(path + "/rows/2").status, 404);
  EXPECT_EQ(other.Get(path + "/error-report").status, 404);
  EXPECT_EQ(ent.Get(path).status, 200);
}

TEST_F(ImportTest, AsyncUploadReportsProgressThenTheResult) {
  Client ent = SignIn("charger");
  std::string csv = kHeader;
  for (int i = 0; i < 300; ++i) csv += CsvRow("AS-" + std::to_string(i));
  auto up = ent.Upload("/api/v1/instruments/imports?async=true", "file", "a.csv", csv);
  ASSERT_EQ(up.status, 202) << up.body;
  std::string path =
      "/api/v1/instruments/imports/" + std::to_string(up.json()["id"].get<int64_t>());
  json status;
  for (int i = 0; i < 200; ++i) {
    status = ent.Get(path).json();
    if (status["status"] != "parsing") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status["status"], "ready");
  EXPECT_EQ(status["rows_valid"], 300);
  EXPECT_EQ(status["rows"]["total"], 300);
}

TEST_F(ImportTest, CommandLineImport) {
  std::string dir = ::testing::TempDir();
  std::string file = dir + "cli-import.csv";
  std::ofstream(file) << kHeader << CsvRow("CLI-1") << CsvRow("CLI-2");
  std::string credit = "91420102MA4K12345";
  credit += domain::CreditCodeCheckChar(credit);
  // The command line uses the server's master key, as every instance of one installation does.
  std::string cmd = "MVIS_SECRET_KEY='" + config_.secret_key + "' " + std::string(MVIS_BINARY) +
                    " import --db '" + config_.db + "' --org " + credit + " " + file + " > " + dir +
                    "cli-out.txt 2>&1";
  int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 0);
  std::ifstream out(dir + "cli-out.txt");
  std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("已保存 2 台"), std::string::npos) << text;
  EXPECT_EQ(Count(*std::make_unique<Client>(SignIn("charger")), "status=draft"), 2);

  std::ofstream(file) << kHeader << CsvRow("CLI-3", "someday");
  rc = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(rc), 1);
  std::ifstream out2(dir + "cli-out.txt");
  std::string text2((std::istreambuf_iterator<char>(out2)), std::istreambuf_iterator<char>());
  EXPECT_NE(text2.find("第2行"), std::string::npos) << text2;
  Client c = SignIn("charger");
  EXPECT_EQ(Count(c), 2);
}

}  // namespace
}  // namespace mvis::testing
