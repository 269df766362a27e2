// Reads the rows of an uploaded spreadsheet — an .xlsx workbook or a CSV file — one row at a
// time, without building the sheet in memory. Meant for imports of user files, so every input
// is treated as hostile: sizes, entry counts, compression ratios, rows, columns and cell sizes
// are bounded by SheetLimits, XML parts with a DTD are refused, and every failure is an Error
// with a stable code and a Chinese message fit to show the user (see docs/spreadsheet-reader.md).
//
// Thread safety: ReadSpreadsheet keeps no global state; concurrent calls are safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace mvis::io {

struct Cell {
  enum class Type { kEmpty, kString, kNumber, kBool, kDate, kError };
  Type type = Type::kEmpty;
  // kString: the text. kNumber: the value printed with up to 15 significant digits, whole
  // numbers without ".0" ("20240001", "12.5", "-0.25"). kBool: "TRUE" or "FALSE".
  // kDate: ISO "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" when the time of day is not midnight, or
  // "HH:MM:SS" for a value under one day shown with a time-only format. kError: e.g. "#DIV/0!".
  // kEmpty: "".
  std::string text;
  // kNumber: the value; kDate: the serial as stored in the file (1900 or 1904 system);
  // kBool: 1 or 0; otherwise 0.
  double number = 0;
};

struct SheetLimits {
  size_t max_file_bytes = 20 << 20;           // the upload itself
  size_t max_uncompressed_bytes = 200 << 20;  // .xlsx: all entries, declared and inflated
  double max_compression_ratio = 100;         // .xlsx: per entry, once it passes 1 MiB
  size_t max_entries = 1000;                  // .xlsx: entries in the zip
  size_t max_rows = 200000;                   // highest row number that may hold a value
  size_t max_columns = 200;                   // highest column count that may hold a value
  size_t max_cell_bytes = 32 << 10;           // UTF-8 bytes of one cell's text
};

struct ReadOptions {
  // .xlsx: the sheet to read, matched exactly, then ignoring ASCII case and surrounding spaces
  // (e.g. the template's "器具清单"), even when hidden. Empty, or not in the workbook: the first
  // visible sheet in workbook order. Ignored for CSV.
  std::string sheet_name;
  // When true, a sheet_name missing from the workbook is an error (sheet_not_found) instead of
  // falling back to the first visible sheet.
  bool require_sheet_name = false;
};

// row_number is 1-based as in the sheet (CSV: the record number); cells[i] is column i (A = 0).
// Trailing empty cells are dropped, so a row may be shorter than the header or even empty. A cell
// is kEmpty exactly when its text is empty. The vector is reused for the next row: copy what you
// keep. Return false to stop reading early (ReadSpreadsheet then succeeds). The callback runs on
// the calling thread and must not throw (it is called from inside the XML parser).
using RowCallback = std::function<bool(int64_t row_number, const std::vector<Cell>& cells)>;

enum class SpreadsheetFormat { kXlsx, kCsv, kUnknown };

// The format of `bytes` judged by content only: "PK\3\4" is an .xlsx candidate; text that is
// neither a known binary format nor markup (PDF, .xls/OLE, HTML, …) is a CSV candidate.
SpreadsheetFormat DetectSpreadsheetFormat(std::string_view bytes);

// Calls on_row for every row the sheet records, in order. XLSX: rows present in the file (an
// empty <row> gives an empty vector; rows the file leaves out are skipped, so numbers may jump).
// CSV (RFC 4180, comma separated, UTF-8 with or without BOM, else GB18030): every record.
// Rows past max_rows and cells past max_columns are ignored while empty and an error otherwise.
// The format comes from the content; filename_hint only sharpens error messages.
// Errors (Error::code): file_empty, file_too_large, not_a_spreadsheet, zip_invalid,
// zip_too_many_entries, zip_bomb, uncompressed_too_large, xml_forbidden_dtd, xml_invalid,
// xlsx_invalid, sheet_not_found, too_many_rows, too_many_columns, cell_too_large.
// An error may come after some rows were delivered: callers should commit nothing until it
// returns success.
Status ReadSpreadsheet(std::string_view bytes, std::string_view filename_hint,
                       const SheetLimits& limits, const RowCallback& on_row,
                       const ReadOptions& options = {});

}  // namespace mvis::io
