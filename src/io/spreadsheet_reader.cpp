#include "io/spreadsheet_reader.hpp"

#include <string>

#include "io/csv_reader.hpp"
#include "io/xlsx_common.hpp"
#include "io/xlsx_reader.hpp"

namespace mvis::io {
namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool EndsWithIgnoringCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// Text that opens like markup ("<html", "<?xml", "<!DOCTYPE"): HTML or XML saved under a
// spreadsheet's name, as some systems export "Excel" files.
bool LooksLikeMarkup(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  size_t i = bytes.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || bytes[i] != '<' || i + 1 >= bytes.size()) return false;
  char next = bytes[i + 1];
  return next == '!' || next == '?' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
}

// Text per DetectTextEncoding, unless it is a known non-spreadsheet text format.
sheet::TextEncoding CsvEncoding(std::string_view bytes) {
  if (bytes.empty() || bytes.starts_with("%PDF") || LooksLikeMarkup(bytes)) {
    return sheet::TextEncoding::kNotText;
  }
  return sheet::DetectTextEncoding(bytes);
}

// The error for content that is neither .xlsx nor CSV.
std::unexpected<Error> Unrecognized(std::string_view bytes, std::string_view filename_hint) {
  if (bytes.starts_with(kOleMagic)) {
    return sheet::NotASpreadsheet(
        "文件是旧版 Excel（.xls）格式或已设置打开密码，请在 Excel 中另存为未加密的 .xlsx "
        "文件后上传");
  }
  if (bytes.starts_with("%PDF")) {
    return sheet::NotASpreadsheet("文件是 PDF，请上传 Excel（.xlsx）或 CSV 文件");
  }
  if (LooksLikeMarkup(bytes)) {
    return sheet::NotASpreadsheet(
        "文件是网页或 XML 格式（并非真正的 Excel 文件），请在 Excel 中另存为 .xlsx 后上传");
  }
  if (EndsWithIgnoringCase(filename_hint, ".xls") || EndsWithIgnoringCase(filename_hint, ".et")) {
    return sheet::NotASpreadsheet("不支持旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 后上传");
  }
  return sheet::NotASpreadsheet();
}

}  // namespace

SpreadsheetFormat DetectSpreadsheetFormat(std::string_view bytes) {
  if (bytes.starts_with(kZipMagic)) return SpreadsheetFormat::kXlsx;
  if (CsvEncoding(bytes) == sheet::TextEncoding::kNotText) return SpreadsheetFormat::kUnknown;
  return SpreadsheetFormat::kCsv;
}

Status ReadSpreadsheet(std::string_view bytes, std::string_view filename_hint,
                       const SheetLimits& limits, const RowCallback& on_row,
                       const ReadOptions& options) {
  if (bytes.size() > limits.max_file_bytes) return sheet::FileTooLarge(limits.max_file_bytes);
  if (bytes.empty()) return sheet::FileEmpty();
  sheet::RowSink sink(limits, on_row);
  if (bytes.starts_with(kZipMagic)) return sheet::ReadXlsx(bytes, limits, options, sink);
  sheet::TextEncoding encoding = CsvEncoding(bytes);
  if (encoding == sheet::TextEncoding::kNotText) return Unrecognized(bytes, filename_hint);
  return sheet::ReadCsv(bytes, encoding, limits, sink);
}

}  // namespace mvis::io
