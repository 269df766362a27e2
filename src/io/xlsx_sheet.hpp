// Streams one worksheet part row by row into a RowSink: cell references (or their absence),
// the cell types of SpreadsheetML (shared, inline and formula strings, numbers, booleans,
// errors, ISO dates) and date formats. Formulas are not evaluated: their cached value is read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "io/spreadsheet_reader.hpp"
#include "io/xlsx_common.hpp"
#include "io/xlsx_dates.hpp"
#include "io/xlsx_parts.hpp"
#include "io/xlsx_zip.hpp"

namespace mvis::io::sheet {

struct SheetFormat {
  const SharedStrings* strings = nullptr;         // may be empty
  const std::vector<DateKind>* styles = nullptr;  // by cellXfs index; may be empty
  bool date1904 = false;
};

// Reads zip entry `entry` (a worksheet) into `sink`; stops early, successfully, when the
// callback behind the sink returns false.
Status ReadWorksheet(ZipPackage& package, size_t entry, const SheetFormat& format,
                     const SheetLimits& limits, RowSink& sink);

// A number as the reader shows it: `source` (the text in the file) when it already is the short
// form, else up to 15 significant digits, without a trailing ".0". Replaces `out`.
void FormatNumber(double value, std::string_view source, std::string& out);

}  // namespace mvis::io::sheet
