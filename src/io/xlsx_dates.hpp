// Dates in .xlsx files: which number formats show a number as a date or a time, and the Excel
// serial (1900 or 1904 date system) as ISO 8601 text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mvis::io::sheet {

enum class DateKind : uint8_t {
  kNone,  // not a date format
  kDate,  // a date, possibly with a time
  kTime,  // a time or duration only (h:mm, mm:ss, [h]:mm:ss, h"时"mm"分")
};

// Built-in number formats: 14–22, 45–47 and the zh-CN ones (27–36, 50–58).
DateKind BuiltinFormatKind(int num_fmt_id);

// A custom format code: date tokens y m d h s count outside quotes, escapes, fills and brackets
// ("[Red]", "[$-804]"), except the elapsed-time brackets [h] [m] [s]. "m" next to h or s is a
// minute.
DateKind FormatCodeKind(std::string_view code);

// Appends the ISO text for `serial` in the 1900 system (Excel's fake 1900-02-29 is serial 60;
// later serials count one day too many) or the 1904 system. "YYYY-MM-DD", with "THH:MM:SS" when
// the time of day, rounded to the second, is not midnight; "HH:MM:SS" for a value under one day
// that has a time, or that a kTime format shows. False (nothing appended) for negative or
// non-finite serials and ones past 9999-12-31.
bool SerialToIso(double serial, bool date1904, DateKind kind, std::string& out);

// A cell of type "d": ISO 8601 "YYYY-MM-DD", optionally "THH:MM[:SS[.fff]]" and a zone suffix
// (ignored), or a time "HH:MM[:SS]". Sets the serial and the normalised ISO text as above.
bool ParseIsoDateTime(std::string_view text, bool date1904, double& serial, std::string& iso);

}  // namespace mvis::io::sheet
