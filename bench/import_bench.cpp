// Import benchmark driver.
//   mvis_bench_import generate N FILE   writes an N-row filled template (.xlsx with shared
//                                       strings, like Excel/WPS) with libxlsxwriter
//   mvis_bench_import parse FILE        parse-only with the mvis streaming reader
//   mvis_bench_import e2e FILE          parse + validate + commit into a fresh SQLite file
// Each timing line is "<what> rows=<n> seconds=<s> peak_rss_mb=<m>".
#include <sys/resource.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/runtime.hpp"
#include "demo/demo_seed.hpp"
#include "domain/credit_code.hpp"
#include "domain/import_mapping.hpp"
#include "io/spreadsheet_reader.hpp"
#include "services/core/job_runner.hpp"
#include "services/imports/import_service.hpp"
#include "store/users_store.hpp"

namespace {

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int Generate(int n, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, mvis::domain::kTemplateSheet);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  int c = 0;
  for (const auto& col : mvis::domain::ImportColumns()) {
    std::string h = std::string(col.header) + (col.required ? "*" : "");
    worksheet_write_string(ws, 0, c++, h.c_str(), nullptr);
  }
  const char* regions[] = {"江岸区", "江汉区", "硚口区", "汉阳区",
                           "武昌区", "青山区", "洪山区", "东湖新技术开发区"};
  const char* brands[] = {"特来电", "星星充电", "国家电网", "小桔充电", "云快充"};
  for (int r = 1; r <= n; ++r) {
    bool dc = r % 3 == 0;
    std::string serial = "BENCH" + std::to_string(1000000 + r);
    worksheet_write_string(ws, r, 0, dc ? "电动汽车非车载充电机" : "电动汽车交流充电桩", nullptr);
    worksheet_write_string(ws, r, 1, dc ? "直流充电机" : "交流充电桩", nullptr);
    worksheet_write_string(ws, r, 2, dc ? "DC120-A" : "AC7-A", nullptr);
    worksheet_write_string(ws, r, 3, serial.c_str(), nullptr);
    worksheet_write_string(ws, r, 4, "青岛某某新能源科技有限公司", nullptr);
    worksheet_write_string(ws, r, 5, brands[r % 5], nullptr);
    worksheet_write_string(ws, r, 6, r % 4 ? "2" : "1", nullptr);
    worksheet_write_string(
        ws, r, 8, ("武汉市某某路" + std::to_string(r % 500) + "号停车场").c_str(), nullptr);
    worksheet_write_string(ws, r, 9, regions[r % 8], nullptr);
    worksheet_write_string(ws, r, 10, "贸易结算", nullptr);
    lxw_datetime d = {2020 + r % 5, 1 + r % 12, 1 + r % 28, 0, 0, 0};
    worksheet_write_datetime(ws, r, 11, &d, date);
    worksheet_write_string(ws, r, 12, ("ZC" + std::to_string(r)).c_str(), nullptr);
    worksheet_write_string(ws, r, 14, dc ? "DC" : "AC", nullptr);
    worksheet_write_number(ws, r, 15, dc ? 120 : 7, nullptr);
    worksheet_write_number(ws, r, 16, dc ? 750 : 220, nullptr);
    worksheet_write_number(ws, r, 17, dc ? 160 : 32, nullptr);
    worksheet_write_number(ws, r, 18, dc ? 16 : 6, nullptr);
    worksheet_write_number(ws, r, 19, dc ? 2 : 1, nullptr);
    worksheet_write_string(ws, r, 20, ("某某充电站" + std::to_string(r % 700)).c_str(), nullptr);
    worksheet_write_string(ws, r, 21, ("EQ" + serial).c_str(), nullptr);
    worksheet_write_string(ws, r, 22, r % 2 ? "是" : "否", nullptr);
  }
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

int Parse(const std::string& path) {
  std::string bytes = ReadFile(path);
  auto start = std::chrono::steady_clock::now();
  int64_t rows = 0;
  size_t cells = 0;
  auto ok = mvis::io::ReadSpreadsheet(bytes, path, {},
                                      [&](int64_t, const std::vector<mvis::io::Cell>& c) {
                                        ++rows;
                                        cells += c.size();
                                        return true;
                                      });
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!ok) {
    std::cerr << ok.error().message << "\n";
    return 1;
  }
  std::printf("mvis-parse rows=%lld seconds=%.4f peak_rss_mb=%.1f cells=%zu\n",
              static_cast<long long>(rows), s, PeakRssMb(), cells);
  return 0;
}

int EndToEnd(const std::string& path) {
  std::string dir =
      std::filesystem::temp_directory_path() / ("mvis-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  mvis::app::AppConfig config;
  config.db = "sqlite:" + dir + "/bench.db";
  auto rt = mvis::app::Runtime::Create(config);
  if (!rt) return 1;
  if (!mvis::demo::SeedDemo((*rt)->context(), (*rt)->admin())) return 1;
  auto actor = mvis::demo::DemoActor((*rt)->db(), "charger");
  if (!actor) return 1;
  std::string bytes = ReadFile(path);
  auto& imports = (*rt)->imports();
  auto start = std::chrono::steady_clock::now();
  auto summary = imports.Upload(*actor, path, std::move(bytes), true);
  if (!summary) {
    std::cerr << summary.error().message << "\n";
    return 1;
  }
  double parsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto created = imports.Commit(*actor, summary->record.id);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!created) {
    std::cerr << created.error().message << "\n";
    return 1;
  }
  std::printf(
      "mvis-e2e rows=%lld seconds=%.4f peak_rss_mb=%.1f upload_validate_seconds=%.4f "
      "created=%lld\n",
      static_cast<long long>(summary->record.rows_total), s, PeakRssMb(), parsed,
      static_cast<long long>(*created));
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "generate" && argc == 4) return Generate(std::stoi(argv[2]), argv[3]);
  if (cmd == "parse" && argc == 3) return Parse(argv[2]);
  if (cmd == "e2e" && argc == 3) return EndToEnd(argv[2]);
  std::cerr << "usage: mvis_bench_import generate N FILE | parse FILE | e2e FILE\n";
  return 2;
}
