// Writes tabular exports as real .xlsx workbooks (libxlsxwriter, constant-memory mode).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/error.hpp"

namespace mvis::io {

struct XlsxColumn {
  std::string header;
  double width = 16;  // in characters
};

// Calls next_row until it returns false; each filled row becomes one sheet row under a bold,
// frozen header with an autofilter. Cells starting with = + - @, tab, CR or NUL are prefixed
// with an apostrophe so no spreadsheet treats them as formulas. Returns the file's bytes.
Result<std::string> WriteXlsxTable(const std::string& sheet_name,
                                   const std::vector<XlsxColumn>& columns,
                                   const std::function<bool(std::vector<std::string>&)>& next_row);

// The escaping rule above, for one cell.
std::string EscapeCell(const std::string& text);

}  // namespace mvis::io
