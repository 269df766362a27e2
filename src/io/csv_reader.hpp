// The CSV half of ReadSpreadsheet: RFC 4180 records (comma separated, fields optionally quoted
// with "" for a quote, line breaks and commas allowed inside quotes, CRLF, LF or CR line ends).
// Text is UTF-8, with or without a byte-order mark, or else GB18030 (which covers GBK and
// GB2312, what Excel on a Chinese Windows saves as "CSV"), converted to UTF-8 with iconv.
#pragma once

#include <string_view>

#include "domain/error.hpp"
#include "io/spreadsheet_reader.hpp"
#include "io/xlsx_common.hpp"

namespace mvis::io::sheet {

enum class TextEncoding { kUtf8, kUtf8Bom, kGb18030, kNotText };

// How `bytes` decode: valid UTF-8 (after an optional BOM), else valid GB18030, and in either
// case free of control characters other than tab, line feed, vertical tab, form feed, carriage
// return and Ctrl-Z; otherwise kNotText.
TextEncoding DetectTextEncoding(std::string_view bytes);

// Every record becomes a row numbered from 1; fields are kString, empty fields kEmpty; nothing
// is trimmed. `encoding` is DetectTextEncoding(bytes), which must not be kNotText.
Status ReadCsv(std::string_view bytes, TextEncoding encoding, const SheetLimits& limits,
               RowSink& sink);

}  // namespace mvis::io::sheet
