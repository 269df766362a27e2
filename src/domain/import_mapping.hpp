// Batch import (从Excel中导入): the template's columns and the mapping of one spreadsheet row
// (cell texts) to InstrumentData, with per-column errors in Chinese. Pure: the catalogue and
// the districts are passed in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/instrument.hpp"

namespace mvis::domain {

// One column of the import template, in template order: a field of the instrument field table
// (domain/instrument_fields.hpp).
struct ImportColumn {
  std::string_view key;     // InstrumentData field, or charger.<field>
  std::string_view header;  // Chinese header without the required mark
  bool required;            // required for every row (marked '*' in the template)
  double width;
};
const std::vector<ImportColumn>& ImportColumns();

// Rows whose name starts with this are the template's example row and are skipped.
inline constexpr char kExampleMarker[] = "【示例】";
inline constexpr char kTemplateSheet[] = "器具清单";

// Where each field sits in an uploaded sheet, found from its header row.
struct HeaderMap {
  std::map<std::string, size_t> column_of;  // key -> column index
  std::vector<std::string> unknown;         // headers that match no column (ignored)
};

// Recognises a header row: cells matching the template's headers (ignoring '*', spaces,
// bracketed notes and ASCII case). Nullopt unless the row names at least 4 required columns.
std::optional<HeaderMap> MatchHeader(const std::vector<std::string>& cells);
// Required columns absent from a matched header (their Chinese names).
std::vector<std::string> MissingColumns(const HeaderMap& header);

// Lookups the mapping needs: catalogue types by code and by name, districts by code and name.
struct ImportCatalogue {
  std::map<std::string, InstrumentType> types_by_code;
  std::map<std::string, std::string> type_code_by_name;
  std::map<std::string, std::string> region_code_by_name;  // also code -> code
};

struct MappedRow {
  InstrumentData data;
  std::vector<FieldError> errors;  // field = InstrumentData field name (see ColumnHeaderOf)
  bool empty = false;              // nothing filled in: skip silently
  bool example = false;            // the template's example row: skip
};

// Converts a row's cell texts (dates as YYYY-MM-DD[THH:MM:SS]) to InstrumentData. Conversion
// problems (unknown type, bad number, bad date) are reported per column; field validation is
// left to ValidateInstrument.
MappedRow MapImportRow(const HeaderMap& header, const std::vector<std::string>& cells,
                       const ImportCatalogue& catalogue);

// The Chinese column header for an InstrumentData field name (e.g. "charger.rated_power_kw" ->
// "额定功率(kW)"); the field name itself when unknown.
std::string ColumnHeaderOf(const std::string& field);

// "2024/3/5", "2024.3.5", "2024年3月5日", "2024-03-05T00:00:00", Excel serial "45356" ->
// "2024-03-05"; nullopt when not a date.
std::optional<std::string> ParseLooseDate(const std::string& text);

}  // namespace mvis::domain
