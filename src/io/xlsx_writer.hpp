// Writes tabular exports as real .xlsx workbooks (libxlsxwriter, constant-memory mode).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>
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

// A workbook of several plain sheets, each with a bold frozen header, optionally with a bar chart
// of some numeric columns placed below the table.
using XlsxValue = std::variant<std::string, double>;
struct XlsxBarChart {
  std::string title;
  int category_column = 0;
  std::vector<int> value_columns;
};
struct XlsxSheet {
  std::string name;
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<XlsxValue>> rows;
  std::optional<XlsxBarChart> chart;
};
Result<std::string> WriteXlsxWorkbook(const std::vector<XlsxSheet>& sheets);

// The escaping rule above, for one cell.
std::string EscapeCell(const std::string& text);

// An import template: one data sheet with a marked header, an example row, drop-down lists and
// date checks, plus an instructions sheet. Lists live on a hidden sheet so they can be long.
struct TemplateColumn {
  std::string header;  // shown with a trailing * when required
  bool required = false;
  double width = 16;
  std::string list;   // name of a list in TemplateSpec::lists for a drop-down, or ""
  bool date = false;  // a date column (validated, formatted yyyy-mm-dd)
  std::string hint;   // input message shown when a cell is selected
};

struct TemplateSpec {
  std::string sheet_name;  // e.g. 器具清单
  std::vector<TemplateColumn> columns;
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
  std::vector<std::string> example_row;   // row 2; dates as YYYY-MM-DD
  std::string instructions_sheet;         // e.g. 填写说明
  std::vector<std::string> instructions;  // one line per row
  int validated_rows = 20000;             // rows below the header carrying validations
};

Result<std::string> WriteTemplate(const TemplateSpec& spec);

}  // namespace mvis::io
