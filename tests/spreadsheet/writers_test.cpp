// The reader on files saved by real writers: openpyxl, SheetJS, exceljs and LibreOffice (made by
// make_corpus.sh, run once on first use) and libxlsxwriter (made here, in-process). Each writer
// saves the same "core" table, so one set of expectations covers them all.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "test_util.hpp"

namespace mvis::test {
namespace {

using io::Cell;
using Type = Cell::Type;
namespace fs = std::filesystem;

// Runs make_corpus.sh once per process; true when it succeeded.
bool CorpusReady() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    std::string command = std::string("bash '") + MVIS_SPREADSHEET_DIR + "/make_corpus.sh' '" +
                          MVIS_SPREADSHEET_CORPUS + "'";
    std::fflush(stdout);
    ok = std::system(command.c_str()) == 0;
  });
  return ok;
}

std::string CorpusFile(const std::string& name) {
  return std::string(MVIS_SPREADSHEET_CORPUS) + "/" + name;
}

void ExpectCell(const ReadSheet& s, int64_t row, size_t col, Type type, std::string_view text) {
  Cell c = s.At(row, col);
  EXPECT_EQ(c.type, type) << "row " << row << " column " << col << ": " << c.text;
  EXPECT_EQ(c.text, text) << "row " << row << " column " << col;
}

void ExpectCoreTable(const ReadSheet& s) {
  std::vector<int64_t> with_cells;
  for (const auto& [row, cells] : s.rows) {
    if (!cells.empty()) with_cells.push_back(row);
  }
  EXPECT_EQ(with_cells, (std::vector<int64_t>{1, 2, 3, 5}));
  const char* header[] = {"名称", "数量", "单价", "启用", "检定日期", "登记时间", "备注"};
  for (size_t i = 0; i < 7; ++i) ExpectCell(s, 1, i, Type::kString, header[i]);

  ExpectCell(s, 2, 0, Type::kString, "电子秤");
  ExpectCell(s, 2, 1, Type::kNumber, "3");
  ExpectCell(s, 2, 2, Type::kNumber, "12.5");
  EXPECT_EQ(s.At(2, 2).number, 12.5);
  ExpectCell(s, 2, 3, Type::kBool, "TRUE");
  ExpectCell(s, 2, 4, Type::kDate, "2024-03-01");
  EXPECT_EQ(s.At(2, 4).number, 45352);
  ExpectCell(s, 2, 5, Type::kDate, "2024-03-01T08:30:15");
  ExpectCell(s, 2, 6, Type::kString, "A&B <\"引号\">");

  ASSERT_EQ(s.rows.count(3), 1u);
  EXPECT_EQ(s.rows.at(3).size(), 5u);
  ExpectCell(s, 3, 0, Type::kString, "压力表");
  ExpectCell(s, 3, 1, Type::kNumber, "20240001");
  EXPECT_EQ(s.At(3, 1).number, 20240001);
  ExpectCell(s, 3, 2, Type::kNumber, "-0.25");
  ExpectCell(s, 3, 3, Type::kBool, "FALSE");
  ExpectCell(s, 3, 4, Type::kDate, "2000-02-29");

  ASSERT_EQ(s.rows.count(5), 1u);
  EXPECT_EQ(s.rows.at(5).size(), 3u);
  ExpectCell(s, 5, 0, Type::kString, "间隔");
  ExpectCell(s, 5, 1, Type::kEmpty, "");
  ExpectCell(s, 5, 2, Type::kString, "跳过B列");
}

// The core table written by libxlsxwriter; constant_memory mode writes inline strings.
std::string LibxlsxwriterCore(bool constant_memory) {
  std::string path = (fs::temp_directory_path() / ("mvis-lxw-" + std::to_string(getpid()) + "-" +
                                                   std::to_string(constant_memory) + ".xlsx"))
                         .string();
  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* notes = workbook_add_worksheet(wb, "说明");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "器具清单");
  lxw_worksheet* extra = workbook_add_worksheet(wb, "公式");
  worksheet_write_string(notes, 0, 0, "隐藏的说明页", nullptr);
  worksheet_activate(ws);
  worksheet_hide(notes);

  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* date_time = workbook_add_format(wb);
  format_set_num_format(date_time, "yyyy-mm-dd hh:mm:ss");
  lxw_format* builtin14 = workbook_add_format(wb);
  format_set_num_format_index(builtin14, 14);

  const char* header[] = {"名称", "数量", "单价", "启用", "检定日期", "登记时间", "备注"};
  for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_write_string(ws, 1, 0, "电子秤", nullptr);
  worksheet_write_number(ws, 1, 1, 3, nullptr);
  worksheet_write_number(ws, 1, 2, 12.5, nullptr);
  worksheet_write_boolean(ws, 1, 3, 1, nullptr);
  lxw_datetime d1 = {2024, 3, 1, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 4, &d1, date);
  lxw_datetime d2 = {2024, 3, 1, 8, 30, 15};
  worksheet_write_datetime(ws, 1, 5, &d2, date_time);
  worksheet_write_string(ws, 1, 6, "A&B <\"引号\">", nullptr);
  worksheet_write_string(ws, 2, 0, "压力表", nullptr);
  worksheet_write_number(ws, 2, 1, 20240001, nullptr);
  worksheet_write_number(ws, 2, 2, -0.25, nullptr);
  worksheet_write_boolean(ws, 2, 3, 0, nullptr);
  lxw_datetime d3 = {2000, 2, 29, 0, 0, 0};
  worksheet_write_datetime(ws, 2, 4, &d3, builtin14);
  worksheet_write_string(ws, 4, 0, "间隔", nullptr);
  worksheet_write_string(ws, 4, 2, "跳过B列", nullptr);

  worksheet_write_number(extra, 0, 0, 3, nullptr);
  worksheet_write_formula_num(extra, 0, 1, "=A1*2", nullptr, 6);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_rich_string_tuple part1 = {bold, const_cast<char*>("加粗")};
  lxw_rich_string_tuple part2 = {nullptr, const_cast<char*>("普通")};
  lxw_rich_string_tuple* rich[] = {&part1, &part2, nullptr};
  worksheet_write_rich_string(extra, 0, 2, rich, nullptr);

  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = FileBytes(path);
  std::remove(path.c_str());
  return bytes;
}

class CoreTable : public ::testing::TestWithParam<std::string> {};

TEST_P(CoreTable, ReadsTheSameFromEveryWriter) {
  std::string name = GetParam();
  std::string bytes;
  if (name.starts_with("libxlsxwriter")) {
    bytes = LibxlsxwriterCore(name == "libxlsxwriter-constant-memory");
  } else {
    ASSERT_TRUE(CorpusReady()) << "make_corpus.sh failed";
    std::string path = CorpusFile(name + ".xlsx");
    if (name.starts_with("libreoffice") && !fs::exists(path)) {
      GTEST_SKIP() << "soffice is not installed: no LibreOffice file";
    }
    bytes = FileBytes(path);
  }
  ASSERT_FALSE(bytes.empty()) << name;
  EXPECT_EQ(io::DetectSpreadsheetFormat(bytes), io::SpreadsheetFormat::kXlsx);

  auto read = ReadAll(bytes);  // the hidden first sheet is passed over
  ASSERT_TRUE(read) << read.error().code << ": " << read.error().message;
  ExpectCoreTable(*read);

  io::ReadOptions named;
  named.sheet_name = "器具清单";
  named.require_sheet_name = true;
  read = ReadAll(bytes, {}, named);
  ASSERT_TRUE(read) << read.error().code;
  ExpectCoreTable(*read);

  named.sheet_name = "说明";
  read = ReadAll(bytes, {}, named);
  ASSERT_TRUE(read) << read.error().code;
  ExpectCell(*read, 1, 0, Type::kString, "隐藏的说明页");

  if (name.starts_with("libxlsxwriter")) {
    named.sheet_name = "公式";
    read = ReadAll(bytes, {}, named);
    ASSERT_TRUE(read) << read.error().code;
    ExpectCell(*read, 1, 1, Type::kNumber, "6");
    ExpectCell(*read, 1, 2, Type::kString, "加粗普通");
  }
}

INSTANTIATE_TEST_SUITE_P(Writers, CoreTable,
                         ::testing::Values("openpyxl-core", "sheetjs-core", "sheetjs-core-nosst",
                                           "exceljs-core", "libreoffice-core", "libxlsxwriter",
                                           "libxlsxwriter-constant-memory"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (c == '-') c = '_';
                           }
                           return n;
                         });

class Date1904 : public ::testing::TestWithParam<std::string> {};

TEST_P(Date1904, ReadsDatesOfThe1904System) {
  ASSERT_TRUE(CorpusReady());
  auto read = ReadAll(FileBytes(CorpusFile(GetParam())));
  ASSERT_TRUE(read) << read.error().code;
  ExpectCell(*read, 1, 0, Type::kDate, "2024-03-01");
  EXPECT_EQ(read->At(1, 0).number, 43890);  // the serial as stored
  ExpectCell(*read, 2, 0, Type::kDate, "1990-05-06T12:00:00");
}

INSTANTIATE_TEST_SUITE_P(Writers, Date1904,
                         ::testing::Values("openpyxl-1904.xlsx", "sheetjs-1904.xlsx",
                                           "exceljs-1904.xlsx"));

TEST(SpreadsheetWriters, FormulaCachedValuesErrorsAndRichText) {
  ASSERT_TRUE(CorpusReady());
  for (const char* file : {"sheetjs-formulas.xlsx", "exceljs-formulas.xlsx"}) {
    SCOPED_TRACE(file);
    auto read = ReadAll(FileBytes(CorpusFile(file)));
    ASSERT_TRUE(read) << read.error().code;
    ExpectCell(*read, 1, 0, Type::kNumber, "3");
    ExpectCell(*read, 1, 1, Type::kNumber, "6");
    ExpectCell(*read, 1, 2, Type::kString, "abc");
    ExpectCell(*read, 2, 0, Type::kError, "#DIV/0!");
  }
  auto sheetjs = ReadAll(FileBytes(CorpusFile("sheetjs-formulas.xlsx")));
  ASSERT_TRUE(sheetjs);
  ExpectCell(*sheetjs, 2, 1, Type::kNumber, "1500");
  auto exceljs = ReadAll(FileBytes(CorpusFile("exceljs-formulas.xlsx")));
  ASSERT_TRUE(exceljs);
  ExpectCell(*exceljs, 2, 1, Type::kString, "红色普通");
}

TEST(SpreadsheetWriters, ExceljsStreamingWriter) {
  ASSERT_TRUE(CorpusReady());
  auto read = ReadAll(FileBytes(CorpusFile("exceljs-stream.xlsx")));
  ASSERT_TRUE(read) << read.error().code;
  ExpectCell(*read, 1, 6, Type::kString, "备注");
  ExpectCell(*read, 2, 0, Type::kString, "电子秤");
  ExpectCell(*read, 2, 2, Type::kNumber, "12.5");
  ExpectCell(*read, 2, 3, Type::kBool, "TRUE");
}

void ExpectFormats(const ReadSheet& s, bool formula_cached) {
  ExpectCell(s, 1, 0, Type::kDate, "2023-12-31");
  ExpectCell(s, 2, 0, Type::kDate, "12:00:00");
  ExpectCell(s, 3, 0, Type::kNumber, "3.14159");
  ExpectCell(s, 4, 0, Type::kNumber, "1234567");
  ExpectCell(s, 5, 0, Type::kNumber, "-2.5");
  ExpectCell(s, 6, 0, Type::kNumber, "45000");
  ExpectCell(s, 7, 0, Type::kNumber, "3");
  if (formula_cached) {
    ExpectCell(s, 7, 1, Type::kNumber, "6");
  } else {
    ExpectCell(s, 7, 1, Type::kEmpty, "");  // openpyxl stores the formula without a value
  }
}

TEST(SpreadsheetWriters, NumberFormats) {
  ASSERT_TRUE(CorpusReady());
  auto openpyxl = ReadAll(FileBytes(CorpusFile("openpyxl-formats.xlsx")));
  ASSERT_TRUE(openpyxl) << openpyxl.error().code;
  ExpectFormats(*openpyxl, false);

  std::string lo = CorpusFile("libreoffice-formats.xlsx");
  if (!fs::exists(lo)) GTEST_SKIP() << "soffice is not installed: no LibreOffice file";
  auto libreoffice = ReadAll(FileBytes(lo));
  ASSERT_TRUE(libreoffice) << libreoffice.error().code;
  ExpectFormats(*libreoffice, true);
}

TEST(SpreadsheetWriters, ManyRowsAcrossBufferBoundaries) {
  std::string path =
      (fs::temp_directory_path() / ("mvis-lxw-many-" + std::to_string(getpid()) + ".xlsx"))
          .string();
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "数据");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  const int kRows = 20000;
  for (int r = 0; r < kRows; ++r) {
    std::string text = "器具" + std::to_string(r) + std::string(r % 50, 'x');
    worksheet_write_string(ws, r, 0, text.c_str(), nullptr);
    worksheet_write_number(ws, r, 1, r * 1.5, nullptr);
    worksheet_write_number(ws, r, 3, 45352 + r % 365, date);
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = FileBytes(path);
  std::remove(path.c_str());

  int64_t rows = 0;
  auto status = io::ReadSpreadsheet(bytes, "many.xlsx", {}, [&](int64_t n, const auto& cells) {
    int r = static_cast<int>(n - 1);
    bool ok = n == rows + 1 && cells.size() == 4 &&
              cells[0].text == "器具" + std::to_string(r) + std::string(r % 50, 'x') &&
              cells[1].number == r * 1.5 && cells[2].type == Type::kEmpty &&
              cells[3].type == Type::kDate;
    EXPECT_TRUE(ok) << "row " << n;
    ++rows;
    return ok;
  });
  ASSERT_TRUE(status) << status.error().code;
  EXPECT_EQ(rows, kRows);
}

}  // namespace
}  // namespace mvis::test
