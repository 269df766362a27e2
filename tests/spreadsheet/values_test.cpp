// Date and number formatting of the spreadsheet reader: Excel serials in both date systems,
// which number formats are dates, ISO date cells, number text and OOXML escapes.
#include <gtest/gtest.h>

#include <string>

#include "io/xlsx_dates.hpp"
#include "io/xlsx_parts.hpp"
#include "io/xlsx_sheet.hpp"

namespace mvis::test {
namespace {

using io::sheet::DateKind;

std::string Iso(double serial, bool date1904 = false, DateKind kind = DateKind::kDate) {
  std::string out;
  if (!io::sheet::SerialToIso(serial, date1904, kind, out)) return "<none>";
  return out;
}

TEST(SpreadsheetDates, Serial1900IncludingTheLeapYearBug) {
  EXPECT_EQ(Iso(1), "1900-01-01");
  EXPECT_EQ(Iso(59), "1900-02-28");
  EXPECT_EQ(Iso(60), "1900-02-29");  // Excel's fake day
  EXPECT_EQ(Iso(61), "1900-03-01");
  EXPECT_EQ(Iso(36585), "2000-02-29");
  EXPECT_EQ(Iso(45352), "2024-03-01");
  EXPECT_EQ(Iso(45352.35434027778), "2024-03-01T08:30:15");
  EXPECT_EQ(Iso(45352.99999999), "2024-03-02");  // rounds to the second
  EXPECT_EQ(Iso(2958465), "9999-12-31");
  EXPECT_EQ(Iso(2958466), "<none>");
  EXPECT_EQ(Iso(-1), "<none>");
  EXPECT_EQ(Iso(0.5), "12:00:00");
  EXPECT_EQ(Iso(0, false, DateKind::kTime), "00:00:00");
  EXPECT_EQ(Iso(1.25, false, DateKind::kTime), "1900-01-01T06:00:00");
}

TEST(SpreadsheetDates, Serial1904) {
  EXPECT_EQ(Iso(0, true), "1904-01-01");
  EXPECT_EQ(Iso(43890, true), "2024-03-01");
  EXPECT_EQ(Iso(31537.5, true), "1990-05-06T12:00:00");
}

TEST(SpreadsheetDates, IsoCells) {
  double serial = 0;
  std::string iso;
  ASSERT_TRUE(io::sheet::ParseIsoDateTime("2024-03-01T08:30:15.000Z", false, serial, iso));
  EXPECT_EQ(iso, "2024-03-01T08:30:15");
  EXPECT_DOUBLE_EQ(serial, 45352 + (8 * 3600 + 30 * 60 + 15) / 86400.0);
  ASSERT_TRUE(io::sheet::ParseIsoDateTime("1900-02-28", false, serial, iso));
  EXPECT_EQ(serial, 59);
  ASSERT_TRUE(io::sheet::ParseIsoDateTime("2024-03-01", true, serial, iso));
  EXPECT_EQ(serial, 43890);
  EXPECT_EQ(iso, "2024-03-01");
  ASSERT_TRUE(io::sheet::ParseIsoDateTime("08:30", false, serial, iso));
  EXPECT_EQ(iso, "08:30:00");
  EXPECT_FALSE(io::sheet::ParseIsoDateTime("2024-13-01", false, serial, iso));
  EXPECT_FALSE(io::sheet::ParseIsoDateTime("next tuesday", false, serial, iso));
}

TEST(SpreadsheetDates, FormatCodes) {
  using io::sheet::FormatCodeKind;
  EXPECT_EQ(FormatCodeKind("yyyy-mm-dd"), DateKind::kDate);
  EXPECT_EQ(FormatCodeKind("yyyy\"年\"m\"月\"d\"日\""), DateKind::kDate);
  EXPECT_EQ(FormatCodeKind("yyyy\\年m\\月d\\日"), DateKind::kDate);
  EXPECT_EQ(FormatCodeKind("[$-804]yyyy/m/d h:mm AM/PM"), DateKind::kDate);
  EXPECT_EQ(FormatCodeKind("mmm-yy"), DateKind::kDate);
  EXPECT_EQ(FormatCodeKind("mmmm"), DateKind::kDate);
  EXPECT_EQ(FormatCodeKind("h:mm"), DateKind::kTime);
  EXPECT_EQ(FormatCodeKind("[h]:mm:ss"), DateKind::kTime);
  EXPECT_EQ(FormatCodeKind("mm:ss.0"), DateKind::kTime);
  EXPECT_EQ(FormatCodeKind("h\"时\"mm\"分\""), DateKind::kTime);
  EXPECT_EQ(FormatCodeKind("General"), DateKind::kNone);
  EXPECT_EQ(FormatCodeKind("0.00"), DateKind::kNone);
  EXPECT_EQ(FormatCodeKind("[Red]0.00"), DateKind::kNone);
  EXPECT_EQ(FormatCodeKind("#,##0_);[Red](#,##0)"), DateKind::kNone);
  EXPECT_EQ(FormatCodeKind("0\" 天\""), DateKind::kNone);
  EXPECT_EQ(FormatCodeKind("\"days\" 0"), DateKind::kNone);
  EXPECT_EQ(FormatCodeKind("0.00E+00"), DateKind::kNone);
  EXPECT_EQ(FormatCodeKind("[DBNum1][$-804]General"), DateKind::kNone);
  EXPECT_EQ(FormatCodeKind("@"), DateKind::kNone);
}

TEST(SpreadsheetDates, BuiltinFormats) {
  using io::sheet::BuiltinFormatKind;
  for (int id : {14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58}) {
    EXPECT_EQ(BuiltinFormatKind(id), DateKind::kDate) << id;
  }
  for (int id : {18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56}) {
    EXPECT_EQ(BuiltinFormatKind(id), DateKind::kTime) << id;
  }
  for (int id : {0, 1, 2, 9, 10, 11, 12, 13, 23, 37, 44, 48, 49, 59, 164}) {
    EXPECT_EQ(BuiltinFormatKind(id), DateKind::kNone) << id;
  }
}

TEST(SpreadsheetNumbers, ShortestText) {
  auto fmt = [](std::string_view source) {
    double v = std::stod(std::string(source));
    std::string out;
    io::sheet::FormatNumber(v, source, out);
    return out;
  };
  EXPECT_EQ(fmt("20240001"), "20240001");
  EXPECT_EQ(fmt("12.5"), "12.5");
  EXPECT_EQ(fmt("-0.25"), "-0.25");
  EXPECT_EQ(fmt("1.5E+3"), "1500");
  EXPECT_EQ(fmt("3.0"), "3");
  EXPECT_EQ(fmt("007"), "7");
  EXPECT_EQ(fmt("-0"), "0");
  EXPECT_EQ(fmt("0.30000000000000004"), "0.3");
  EXPECT_EQ(fmt("45352.35434027778"), "45352.3543402778");
  EXPECT_EQ(fmt("123456789012345678"), "1.23456789012346e+17");
  EXPECT_EQ(fmt("0.000123"), "0.000123");
  EXPECT_EQ(fmt("1E-7"), "1e-07");
}

TEST(SpreadsheetEscapes, OoxmlUnicodeEscapes) {
  std::string s = "a_x000D_b_x005F_x000D_c_xD83D__xDE00_d_x12G4_";
  io::sheet::DecodeOoxmlEscapes(s);
  EXPECT_EQ(s,
            "a\rb_x000D_c\xF0\x9F\x98\x80"
            "d_x12G4_");
}

}  // namespace
}  // namespace mvis::test
