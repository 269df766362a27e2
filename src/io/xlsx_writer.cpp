#include "io/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mvis::io {

std::string EscapeCell(const std::string& text) {
  if (text.empty()) return text;
  char c = text[0];
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\0') {
    std::string out = "'" + text;
    for (auto& ch : out) {
      if (ch == '\0') ch = ' ';  // XML cannot carry NUL
    }
    return out;
  }
  return text;
}

Result<std::string> WriteXlsxTable(const std::string& sheet_name,
                                   const std::vector<XlsxColumn>& columns,
                                   const std::function<bool(std::vector<std::string>&)>& next_row) {
  auto dir = std::filesystem::temp_directory_path();
  static std::atomic<uint64_t> counter{0};
  std::string path = (dir / ("mvis-export-" + std::to_string(getpid()) + "-" +
                             std::to_string(counter++) + ".xlsx"))
                         .string();
  std::string tmpdir = dir.string();
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir.data();
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) return Fail(ErrorKind::kInternal, "export_failed", "导出文件生成失败");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDDEBF7);
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_set_column(sheet, c, c, columns[c].width, nullptr);
    worksheet_write_string(sheet, 0, c, columns[c].header.c_str(), bold);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  lxw_row_t row = 1;
  std::vector<std::string> cells;
  while (true) {
    cells.clear();
    if (!next_row(cells)) break;
    for (size_t c = 0; c < cells.size() && c < columns.size(); ++c) {
      if (!cells[c].empty()) worksheet_write_string(sheet, row, c, EscapeCell(cells[c]).c_str(), nullptr);
    }
    ++row;
  }
  if (row > 1) worksheet_autofilter(sheet, 0, 0, row - 1, columns.size() - 1);
  lxw_error err = workbook_close(workbook);
  if (err != LXW_NO_ERROR) {
    std::remove(path.c_str());
    return Fail(ErrorKind::kInternal, "export_failed", "导出文件生成失败");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::remove(path.c_str());
  return bytes.str();
}

}  // namespace mvis::io
