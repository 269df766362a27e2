// Helpers for the spreadsheet-reader tests: read a whole sheet into a map, build small .xlsx
// packages from XML strings, and print cells readably in failures.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "io/spreadsheet_reader.hpp"
#include "zip_writer.hpp"

namespace mvis::io {

inline const char* TypeName(Cell::Type t) {
  switch (t) {
    case Cell::Type::kEmpty:
      return "empty";
    case Cell::Type::kString:
      return "string";
    case Cell::Type::kNumber:
      return "number";
    case Cell::Type::kBool:
      return "bool";
    case Cell::Type::kDate:
      return "date";
    case Cell::Type::kError:
      return "error";
  }
  return "?";
}

inline void PrintTo(const Cell& c, std::ostream* os) {
  *os << TypeName(c.type) << "(\"" << c.text << "\", " << c.number << ")";
}

}  // namespace mvis::io

namespace mvis::test {

using io::Cell;

// Every row the reader delivered, keyed by row number, plus the order they came in.
struct ReadSheet {
  std::map<int64_t, std::vector<Cell>> rows;
  std::vector<int64_t> order;

  // The cell at row (1-based) and column (0-based), kEmpty when absent.
  Cell At(int64_t row, size_t column) const {
    auto it = rows.find(row);
    if (it == rows.end() || column >= it->second.size()) return Cell{};
    return it->second[column];
  }
  std::string Text(int64_t row, size_t column) const { return At(row, column).text; }
};

inline Result<ReadSheet> ReadAll(std::string_view bytes, const io::SheetLimits& limits = {},
                                 const io::ReadOptions& options = {},
                                 std::string_view name = "upload.xlsx") {
  ReadSheet sheet;
  auto status = io::ReadSpreadsheet(
      bytes, name, limits,
      [&](int64_t row, const std::vector<Cell>& cells) {
        sheet.rows[row] = cells;
        sheet.order.push_back(row);
        return true;
      },
      options);
  if (!status) return std::unexpected(status.error());
  return sheet;
}

// The error code of a read that must fail ("" when it succeeded).
inline std::string ErrorCode(std::string_view bytes, const io::SheetLimits& limits = {},
                             const io::ReadOptions& options = {}) {
  auto read = ReadAll(bytes, limits, options);
  return read ? std::string() : read.error().code;
}

inline std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline constexpr std::string_view kMainNs =
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A <worksheet> around `rows` (the content of <sheetData>).
inline std::string SheetXml(std::string_view rows) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" +
         std::string(kMainNs) + "\"><sheetData>" + std::string(rows) + "</sheetData></worksheet>";
}

inline std::string SstXml(std::string_view items) {
  return "<sst xmlns=\"" + std::string(kMainNs) + "\">" + std::string(items) + "</sst>";
}

// A <styleSheet> with `num_fmts` (numFmt elements) and one cellXfs xf per numFmtId in `xfs`.
inline std::string StylesXml(std::string_view num_fmts, const std::vector<int>& xfs) {
  std::string s = "<styleSheet xmlns=\"" + std::string(kMainNs) + "\"><numFmts>" +
                  std::string(num_fmts) +
                  "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>";
  for (int id : xfs) s += "<xf numFmtId=\"" + std::to_string(id) + "\" xfId=\"0\"/>";
  return s + "</cellXfs></styleSheet>";
}

struct XlsxParts {
  std::string sheet;           // xl/worksheets/sheet1.xml
  std::string shared_strings;  // xl/sharedStrings.xml, when not empty
  std::string styles;          // xl/styles.xml, when not empty
  // Defaults: one visible sheet "Sheet1" (rId1) and its relationships.
  std::string workbook;
  std::string workbook_rels;
  std::vector<std::pair<std::string, std::string>> extra;  // more entries: name, content
};

inline std::string BuildXlsx(const XlsxParts& parts) {
  std::string workbook = parts.workbook;
  if (workbook.empty()) {
    workbook = "<workbook xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" + std::string(kRelNs) +
               "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
               "</workbook>";
  }
  std::string rels = parts.workbook_rels;
  if (rels.empty()) {
    rels = std::string(
               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
               "relationships\">") +
           "<Relationship Id=\"rId1\" Type=\"" + std::string(kRelNs) +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" + "<Relationship Id=\"rId8\" Type=\"" +
           std::string(kRelNs) + "/styles\" Target=\"styles.xml\"/>" +
           "<Relationship Id=\"rId9\" Type=\"" + std::string(kRelNs) +
           "/sharedStrings\" Target=\"sharedStrings.xml\"/>" + "</Relationships>";
  }
  ZipWriter zip;
  zip.Add("[Content_Types].xml",
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  zip.Add("_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
          "2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  zip.Add("xl/workbook.xml", workbook);
  zip.Add("xl/_rels/workbook.xml.rels", rels);
  if (!parts.sheet.empty()) zip.Add("xl/worksheets/sheet1.xml", parts.sheet);
  if (!parts.shared_strings.empty()) zip.Add("xl/sharedStrings.xml", parts.shared_strings);
  if (!parts.styles.empty()) zip.Add("xl/styles.xml", parts.styles);
  for (const auto& [name, content] : parts.extra) zip.Add(name, content);
  return zip.Finish();
}

// The one-sheet package for `rows` (the content of <sheetData>), with optional extras.
inline std::string XlsxWithRows(std::string_view rows, std::string shared_strings = {},
                                std::string styles = {}) {
  XlsxParts parts;
  parts.sheet = SheetXml(rows);
  parts.shared_strings = std::move(shared_strings);
  parts.styles = std::move(styles);
  return BuildXlsx(parts);
}

}  // namespace mvis::test
