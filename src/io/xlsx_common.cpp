#include "io/xlsx_common.hpp"

#include <cstdio>
#include <utility>

namespace mvis::io::sheet {
namespace {

constexpr ErrorKind kInvalid = ErrorKind::kInvalidArgument;
constexpr ErrorKind kTooLarge = ErrorKind::kPayloadTooLarge;

std::string SizeText(size_t bytes) {
  char buf[32];
  if (bytes >= (1u << 20)) {
    std::snprintf(buf, sizeof buf, "%.3g MB", static_cast<double>(bytes) / (1 << 20));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%.3g KB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buf, sizeof buf, "%zu 字节", bytes);
  }
  return buf;
}

}  // namespace

std::unexpected<Error> FileEmpty() { return Fail(kInvalid, "file_empty", "文件为空"); }

std::unexpected<Error> FileTooLarge(size_t limit) {
  return Fail(kTooLarge, "file_too_large", "文件超过大小上限（最大 " + SizeText(limit) + "）");
}

std::unexpected<Error> NotASpreadsheet(std::string message) {
  if (message.empty()) message = "文件不是有效的 Excel（.xlsx）或 CSV 文件";
  return Fail(kInvalid, "not_a_spreadsheet", std::move(message));
}

std::unexpected<Error> ZipInvalid(std::string_view why_zh) {
  return Fail(kInvalid, "zip_invalid",
              "Excel 文件已损坏或不完整（" + std::string(why_zh) + "），请重新保存后上传");
}

std::unexpected<Error> ZipTooManyEntries(size_t limit) {
  return Fail(kInvalid, "zip_too_many_entries",
              "Excel 文件内部结构异常（包含超过 " + std::to_string(limit) + " 个部件）");
}

std::unexpected<Error> ZipBomb() {
  return Fail(kInvalid, "zip_bomb", "文件压缩结构异常（疑似压缩炸弹），已拒绝处理");
}

std::unexpected<Error> UncompressedTooLarge(size_t limit) {
  return Fail(kTooLarge, "uncompressed_too_large",
              "Excel 文件解压后超过 " + SizeText(limit) + " 上限，请拆分后分批上传");
}

std::unexpected<Error> XmlForbiddenDtd(std::string_view part) {
  return Fail(kInvalid, "xml_forbidden_dtd",
              "Excel 文件包含不允许的 XML 文档类型声明（" + std::string(part) + "），已拒绝处理");
}

std::unexpected<Error> XmlInvalid(std::string_view part, int64_t line) {
  return Fail(kInvalid, "xml_invalid",
              "Excel 文件内容已损坏（" + std::string(part) + " 第 " + std::to_string(line) +
                  " 行格式错误），请重新保存后上传");
}

std::unexpected<Error> XlsxInvalid(std::string_view why_zh) {
  return Fail(kInvalid, "xlsx_invalid",
              "Excel 文件内容不完整或已损坏（" + std::string(why_zh) + "），请重新保存后上传");
}

std::unexpected<Error> SheetNotFound(std::string_view name) {
  if (name.empty()) return Fail(kInvalid, "sheet_not_found", "Excel 文件中没有可读取的工作表");
  return Fail(kInvalid, "sheet_not_found",
              "Excel 文件中未找到名为“" + std::string(name) + "”的工作表");
}

std::unexpected<Error> TooManyRows(size_t limit) {
  return Fail(kTooLarge, "too_many_rows",
              "表格行数超过上限（最多 " + std::to_string(limit) + " 行），请拆分后分批上传");
}

std::unexpected<Error> TooManyColumns(size_t limit) {
  return Fail(kTooLarge, "too_many_columns",
              "表格列数超过上限（最多 " + std::to_string(limit) + " 列）");
}

std::unexpected<Error> CellTooLarge(int64_t row, size_t column, size_t limit) {
  if (row <= 0) {  // found in the shared-string table, before any row
    return Fail(kTooLarge, "cell_too_large",
                "表格中有单元格内容过长（最多 " + SizeText(limit) + "）");
  }
  return Fail(kTooLarge, "cell_too_large",
              "第 " + std::to_string(row) + " 行 " + ColumnName(column) + " 列内容过长（最多 " +
                  SizeText(limit) + "）");
}

std::string ColumnName(size_t column) {
  std::string name;
  size_t n = column + 1;
  while (n > 0) {
    size_t rem = (n - 1) % 26;
    name.insert(name.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return name;
}

RowSink::RowSink(const SheetLimits& limits, const RowCallback& on_row)
    : limits_(limits), on_row_(on_row) {}

void RowSink::BeginRow(int64_t row_number) {
  Shrink(0);
  row_number_ = row_number;
  scratch_in_use_ = false;
  overflow_ = false;
}

Cell& RowSink::CellAt(size_t column) {
  if (scratch_in_use_ && scratch_.type != Cell::Type::kEmpty) overflow_ = true;
  if (column >= limits_.max_columns) {
    scratch_in_use_ = true;
    scratch_.type = Cell::Type::kEmpty;
    scratch_.text.clear();
    scratch_.number = 0;
    return scratch_;
  }
  scratch_in_use_ = false;
  while (cells_.size() <= column) {
    if (spare_.empty()) {
      cells_.emplace_back();
    } else {
      cells_.push_back(std::move(spare_.back()));
      spare_.pop_back();
    }
    Cell& c = cells_.back();
    c.type = Cell::Type::kEmpty;
    c.text.clear();
    c.number = 0;
  }
  Cell& c = cells_[column];
  c.type = Cell::Type::kEmpty;
  c.text.clear();
  c.number = 0;
  return c;
}

Result<bool> RowSink::EndRow() {
  if (scratch_in_use_ && scratch_.type != Cell::Type::kEmpty) overflow_ = true;
  scratch_in_use_ = false;
  size_t size = cells_.size();
  while (size > 0 && cells_[size - 1].type == Cell::Type::kEmpty) --size;
  Shrink(size);
  if (overflow_) return TooManyColumns(limits_.max_columns);
  if (row_number_ > static_cast<int64_t>(limits_.max_rows)) {
    if (!cells_.empty()) return TooManyRows(limits_.max_rows);
    return true;  // an empty row past the limit (e.g. kept for its formatting) is skipped
  }
  return on_row_(row_number_, cells_);
}

void RowSink::Shrink(size_t size) {
  while (cells_.size() > size) {
    spare_.push_back(std::move(cells_.back()));
    cells_.pop_back();
  }
}

}  // namespace mvis::io::sheet
