// The .xlsx half of ReadSpreadsheet: opens the package, finds the workbook and the sheet to read
// through the package relationships, loads shared strings and date styles, then streams the
// sheet into the sink.
#pragma once

#include <string_view>

#include "domain/error.hpp"
#include "io/spreadsheet_reader.hpp"
#include "io/xlsx_common.hpp"

namespace mvis::io::sheet {

// `bytes` start with "PK\3\4" and are within limits.max_file_bytes.
Status ReadXlsx(std::string_view bytes, const SheetLimits& limits, const ReadOptions& options,
                RowSink& sink);

}  // namespace mvis::io::sheet
