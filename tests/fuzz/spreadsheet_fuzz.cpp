// libFuzzer harness for ReadSpreadsheet (built and run by scripts/fuzz-reader.sh).
//
// Input is either a file as uploaded (zip, CSV, anything), or — when it starts with "XML:" —
// up to four XML parts separated by two NUL bytes (worksheet, shared strings, styles,
// workbook) that the harness packs into a stored (uncompressed) .xlsx, so the fuzzer can mutate
// the XML directly instead of through deflate. Besides crashes and sanitizer reports, it traps on
// broken promises of the API: row order, row and column limits, trailing empty cells, cell size,
// and errors without a code or message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/spreadsheet_reader.hpp"
#include "zip_writer.hpp"

namespace {

constexpr std::string_view kPrefix = "XML:";
constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string PackParts(std::string_view input) {
  std::vector<std::string> parts;
  while (parts.size() < 3) {
    size_t sep = input.find(std::string_view("\0\0", 2));
    if (sep == std::string_view::npos) break;
    parts.emplace_back(input.substr(0, sep));
    input.remove_prefix(sep + 2);
  }
  parts.emplace_back(input);
  parts.resize(4);
  if (parts[3].empty()) {
    parts[3] = "<workbook xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" + std::string(kRelNs) +
               "\"><sheets><sheet name=\"Hidden\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
               "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  }
  std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" +
      std::string(kRelNs) +
      "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
      std::string(kRelNs) +
      "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId3\" Type=\"" +
      std::string(kRelNs) + "/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId4\" Type=\"" +
      std::string(kRelNs) + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
  mvis::test::ZipWriter zip;
  zip.Add("xl/workbook.xml", parts[3], false);
  zip.Add("xl/_rels/workbook.xml.rels", rels, false);
  zip.Add("xl/worksheets/sheet1.xml", parts[0], false);
  if (!parts[1].empty()) zip.Add("xl/sharedStrings.xml", parts[1], false);
  if (!parts[2].empty()) zip.Add("xl/styles.xml", parts[2], false);
  return zip.Finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using mvis::io::Cell;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string packed;
  if (input.starts_with(kPrefix)) {
    packed = PackParts(input.substr(kPrefix.size()));
    input = packed;
  }

  mvis::io::SheetLimits limits;
  limits.max_file_bytes = 2 << 20;
  limits.max_uncompressed_bytes = 16 << 20;
  limits.max_entries = 64;
  limits.max_rows = 5000;
  limits.max_columns = 64;
  limits.max_cell_bytes = 4096;
  mvis::io::ReadOptions options;
  if (size % 3 == 0) options.sheet_name = "Hidden";

  int64_t last_row = 0;
  auto status = mvis::io::ReadSpreadsheet(
      input, "fuzz.xlsx", limits,
      [&](int64_t row, const std::vector<Cell>& cells) {
        if (row <= last_row || row > static_cast<int64_t>(limits.max_rows)) __builtin_trap();
        last_row = row;
        if (cells.size() > limits.max_columns) __builtin_trap();
        if (!cells.empty() && cells.back().type == Cell::Type::kEmpty) __builtin_trap();
        for (const Cell& c : cells) {
          if (c.text.size() > limits.max_cell_bytes) __builtin_trap();
          if (c.type == Cell::Type::kEmpty && !c.text.empty()) __builtin_trap();
          if (c.type != Cell::Type::kEmpty && c.text.empty()) __builtin_trap();
        }
        return row < 4000;  // exercise the early stop too
      },
      options);
  if (!status && (status.error().code.empty() || status.error().message.empty())) {
    __builtin_trap();
  }
  return 0;
}
