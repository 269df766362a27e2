// The streaming spreadsheet reader on hand-built packages (the SpreadsheetML variants writers in
// the wild produce) and on CSV. Files from real writers are in tests/spreadsheet/writers_test.cpp,
// hostile input in hostile_test.cpp, date and number formatting in values_test.cpp.
#include "io/spreadsheet_reader.hpp"

#include <gtest/gtest.h>
#include <iconv.h>

#include "test_util.hpp"

namespace mvis::test {
namespace {

using io::Cell;
using Type = Cell::Type;
// --- hand-built packages ------------------------------------------------------------------

TEST(SpreadsheetXlsx, SharedRichAndPhoneticStrings) {
  std::string sst = SstXml(
      "<si><t>器具名称</t></si>"
      "<si><r><rPr><b/></rPr><t>加粗</t></r><r><t xml:space=\"preserve\"> 普通</t></r></si>"
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><t>第一行_x000D_\n第二行</t></si>"
      "<si><t/></si>");
  auto read =
      ReadAll(XlsxWithRows("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                           "<c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
                           "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c>"
                           "</row>",
                           sst));
  ASSERT_TRUE(read) << read.error().code;
  ASSERT_EQ(read->rows.at(1).size(), 4u);  // E1 is an empty string: dropped as trailing empty
  EXPECT_EQ(read->At(1, 0).type, Type::kString);
  EXPECT_EQ(read->Text(1, 0), "器具名称");
  EXPECT_EQ(read->Text(1, 1), "加粗 普通");
  EXPECT_EQ(read->Text(1, 2), "東京");
  EXPECT_EQ(read->Text(1, 3), "第一行\r\n第二行");
}

TEST(SpreadsheetXlsx, EveryCellType) {
  std::string rows =
      "<row r=\"2\">"
      "<c r=\"A2\" t=\"inlineStr\"><is><t>内联</t></is></c>"
      "<c r=\"B2\" t=\"inlineStr\"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></is></c>"
      "<c r=\"C2\" t=\"str\"><f>\"ab\"&amp;\"c\"</f><v>abc</v></c>"
      "<c r=\"D2\"><f>1+2</f><v>3</v></c>"
      "<c r=\"E2\" t=\"b\"><v>1</v></c><c r=\"F2\" t=\"b\"><v>0</v></c>"
      "<c r=\"G2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
      "<c r=\"H2\" t=\"n\"><v>1.5E+3</v></c>"
      "<c r=\"I2\" t=\"d\"><v>2024-03-01T00:00:00Z</v></c>"
      "<c r=\"J2\" s=\"0\"/>"
      "<c r=\"K2\"><v> 42 </v></c>"
      "</row>";
  auto read = ReadAll(XlsxWithRows(rows));
  ASSERT_TRUE(read) << read.error().code;
  ASSERT_EQ(read->order, std::vector<int64_t>{2});
  const auto& r = read->rows.at(2);
  ASSERT_EQ(r.size(), 11u);
  EXPECT_EQ(r[0].type, Type::kString);
  EXPECT_EQ(r[0].text, "内联");
  EXPECT_EQ(r[1].text, "富文本");
  EXPECT_EQ(r[2].type, Type::kString);
  EXPECT_EQ(r[2].text, "abc");
  EXPECT_EQ(r[3].type, Type::kNumber);
  EXPECT_EQ(r[3].text, "3");
  EXPECT_EQ(r[3].number, 3);
  EXPECT_EQ(r[4].type, Type::kBool);
  EXPECT_EQ(r[4].text, "TRUE");
  EXPECT_EQ(r[5].text, "FALSE");
  EXPECT_EQ(r[5].number, 0);
  EXPECT_EQ(r[6].type, Type::kError);
  EXPECT_EQ(r[6].text, "#DIV/0!");
  EXPECT_EQ(r[7].type, Type::kNumber);
  EXPECT_EQ(r[7].text, "1500");
  EXPECT_EQ(r[7].number, 1500);
  EXPECT_EQ(r[8].type, Type::kDate);
  EXPECT_EQ(r[8].text, "2024-03-01");
  EXPECT_EQ(r[8].number, 45352);
  EXPECT_EQ(r[9].type, Type::kEmpty);
  EXPECT_EQ(r[10].text, "42");
}

TEST(SpreadsheetXlsx, MissingReferencesCountOnFromThePrevious) {
  // No r on rows or cells (some streaming writers), mixed with explicit ones.
  std::string rows =
      "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c></row>"
      "<row><c r=\"C2\"><v>2</v></c><c><v>3</v></c></row>"
      "<row r=\"5\"><c r=\"B5\"><v>4</v></c></row>"
      "<row><c><v>5</v></c></row>";
  auto read = ReadAll(XlsxWithRows(rows));
  ASSERT_TRUE(read) << read.error().code;
  EXPECT_EQ(read->order, (std::vector<int64_t>{1, 2, 5, 6}));
  EXPECT_EQ(read->Text(1, 0), "a");
  EXPECT_EQ(read->Text(1, 1), "1");
  ASSERT_EQ(read->rows.at(2).size(), 4u);
  EXPECT_EQ(read->At(2, 0).type, Type::kEmpty);
  EXPECT_EQ(read->At(2, 1).type, Type::kEmpty);
  EXPECT_EQ(read->Text(2, 2), "2");
  EXPECT_EQ(read->Text(2, 3), "3");
  EXPECT_EQ(read->Text(5, 1), "4");
  EXPECT_EQ(read->Text(6, 0), "5");
}

TEST(SpreadsheetXlsx, NamespacePrefixesAndNoStyles) {
  // .NET OpenXML SDK style: every element prefixed, relationships with absolute targets.
  const std::string ns = std::string(kMainNs);
  XlsxParts parts;
  parts.workbook = "<x:workbook xmlns:x=\"" + ns + "\" xmlns:r=\"" + std::string(kRelNs) +
                   "\"><x:workbookPr date1904=\"true\"/><x:sheets>"
                   "<x:sheet name=\"数据\" sheetId=\"1\" r:id=\"R1a2\"/></x:sheets></x:workbook>";
  parts.workbook_rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"R1a2\" Type=\"" +
      std::string(kRelNs) +
      "/worksheet\" "
      "Target=\"/xl/worksheets/sheet1.xml\"/><Relationship Id=\"R9\" Type=\"" +
      std::string(kRelNs) + "/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/></Relationships>";
  parts.sheet = "<x:worksheet xmlns:x=\"" + ns +
                "\"><x:sheetData><x:row r=\"1\">"
                "<x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
                "<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>行内</x:t></x:is></x:c>"
                "<x:c r=\"C1\"><x:v>43890</x:v></x:c>"
                "</x:row></x:sheetData></x:worksheet>";
  parts.shared_strings = "<x:sst xmlns:x=\"" + ns + "\"><x:si><x:t>共享</x:t></x:si></x:sst>";
  auto read = ReadAll(BuildXlsx(parts));
  ASSERT_TRUE(read) << read.error().code << " " << read.error().message;
  EXPECT_EQ(read->Text(1, 0), "共享");
  EXPECT_EQ(read->Text(1, 1), "行内");
  // No styles part: numbers stay numbers even in a 1904 workbook.
  EXPECT_EQ(read->At(1, 2).type, Type::kNumber);
  EXPECT_EQ(read->Text(1, 2), "43890");
}

TEST(SpreadsheetXlsx, DateFormatsBuiltinAndCustom) {
  // xf index:          0   1   2    3    4    5    6    7    8   9
  std::vector<int> xfs{0, 14, 22, 164, 165, 166, 167, 168, 20, 31};
  std::string styles = StylesXml(
      "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/>"
      "<numFmt numFmtId=\"167\" formatCode=\"0&quot; d&quot;\"/>"
      "<numFmt numFmtId=\"168\" formatCode=\"mmm-yy\"/>",
      xfs);
  std::string rows =
      "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>1</v></c><c r=\"B1\" s=\"1\"><v>59</v></c>"
      "<c r=\"C1\" s=\"1\"><v>60</v></c><c r=\"D1\" s=\"1\"><v>61</v></c>"
      "<c r=\"E1\" s=\"2\"><v>45352.5</v></c><c r=\"F1\" s=\"3\"><v>45291</v></c>"
      "<c r=\"G1\" s=\"4\"><v>-2.5</v></c><c r=\"H1\" s=\"5\"><v>0.75</v></c>"
      "<c r=\"I1\" s=\"6\"><v>12</v></c><c r=\"J1\" s=\"7\"><v>45352</v></c>"
      "<c r=\"K1\" s=\"8\"><v>0.5</v></c><c r=\"L1\" s=\"9\"><v>45352</v></c>"
      "<c r=\"M1\" s=\"1\"><v>-5</v></c><c r=\"N1\" s=\"99\"><v>45352</v></c></row>";
  auto read = ReadAll(XlsxWithRows(rows, {}, styles));
  ASSERT_TRUE(read) << read.error().code;
  const auto& r = read->rows.at(1);
  ASSERT_EQ(r.size(), 14u);
  const char* want[] = {
      "1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "2024-03-01T12:00:00",
      "2023-12-31", "-2.5",       "18:00:00",   "12",         "2024-03-01",
      "12:00:00",   "2024-03-01", "-5",         "45352"};
  Type types[] = {Type::kDate, Type::kDate,   Type::kDate,   Type::kDate,   Type::kDate,
                  Type::kDate, Type::kNumber, Type::kDate,   Type::kNumber, Type::kDate,
                  Type::kDate, Type::kDate,   Type::kNumber, Type::kNumber};
  for (size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r[i].text, want[i]) << "column " << i;
    EXPECT_EQ(r[i].type, types[i]) << "column " << i;
  }
  EXPECT_EQ(r[4].number, 45352.5);  // the serial stays available
}

TEST(SpreadsheetXlsx, Date1904WithBuiltinFormat) {
  XlsxParts parts;
  parts.workbook = "<workbook xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" +
                   std::string(kRelNs) +
                   "\"><workbookPr date1904=\"1\"/><sheets><sheet name=\"S\" sheetId=\"1\" "
                   "r:id=\"rId1\"/></sheets></workbook>";
  parts.sheet = SheetXml("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43890</v></c></row>");
  parts.styles = StylesXml("", {0, 14});
  auto read = ReadAll(BuildXlsx(parts));
  ASSERT_TRUE(read) << read.error().code;
  EXPECT_EQ(read->At(1, 0).type, Type::kDate);
  EXPECT_EQ(read->Text(1, 0), "2024-03-01");
}

std::string TwoSheetWorkbook(std::string_view first_state) {
  return "<workbook xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" + std::string(kRelNs) +
         "\"><sheets><sheet name=\"说明\" sheetId=\"1\" state=\"" + std::string(first_state) +
         "\" r:id=\"rId2\"/><sheet name=\"器具清单\" sheetId=\"2\" r:id=\"rId1\"/></sheets>"
         "</workbook>";
}

std::string TwoSheetXlsx(std::string_view first_state) {
  XlsxParts parts;
  parts.workbook = TwoSheetWorkbook(first_state);
  parts.workbook_rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"" +
      std::string(kRelNs) +
      "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
      std::string(kRelNs) +
      "/worksheet\" Target=\"./worksheets/../worksheets/notes.xml\"/>"
      "</Relationships>";
  parts.sheet = SheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>清单</t></is></c></row>");
  parts.extra = {{"xl/worksheets/notes.xml",
                  SheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>说明页</t></is></c>"
                           "</row>")}};
  return BuildXlsx(parts);
}

TEST(SpreadsheetXlsx, FirstVisibleSheetAndNamedSheet) {
  for (const char* state : {"hidden", "veryHidden"}) {
    std::string file = TwoSheetXlsx(state);
    auto read = ReadAll(file);
    ASSERT_TRUE(read) << read.error().code;
    EXPECT_EQ(read->Text(1, 0), "清单") << state;

    io::ReadOptions named;
    named.sheet_name = "说明";  // hidden, but asked for by name
    read = ReadAll(file, {}, named);
    ASSERT_TRUE(read) << read.error().code;
    EXPECT_EQ(read->Text(1, 0), "说明页");
  }
  std::string visible = TwoSheetXlsx("visible");
  auto read = ReadAll(visible);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->Text(1, 0), "说明页");

  io::ReadOptions named;
  named.sheet_name = " 器具清单 ";
  read = ReadAll(visible, {}, named);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->Text(1, 0), "清单");

  named.sheet_name = "不存在";
  read = ReadAll(visible, {}, named);  // falls back to the first visible sheet
  ASSERT_TRUE(read);
  EXPECT_EQ(read->Text(1, 0), "说明页");
  named.require_sheet_name = true;
  read = ReadAll(visible, {}, named);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "sheet_not_found");
  EXPECT_NE(read.error().message.find("不存在"), std::string::npos);
}

TEST(SpreadsheetXlsx, NoVisibleSheet) {
  XlsxParts parts;
  parts.workbook = "<workbook xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" +
                   std::string(kRelNs) +
                   "\"><sheets><sheet name=\"S\" sheetId=\"1\" "
                   "state=\"hidden\" r:id=\"rId1\"/></sheets></workbook>";
  parts.sheet = SheetXml("");
  EXPECT_EQ(ErrorCode(BuildXlsx(parts)), "sheet_not_found");
}

TEST(SpreadsheetXlsx, StopsWhenTheCallbackSaysSo) {
  std::string rows;
  for (int i = 1; i <= 100; ++i) rows += "<row><c><v>" + std::to_string(i) + "</v></c></row>";
  std::string file = XlsxWithRows(rows);
  std::vector<std::string> seen;
  auto status = io::ReadSpreadsheet(file, "a.xlsx", {}, [&](int64_t, const std::vector<Cell>& c) {
    seen.push_back(c.at(0).text);
    return seen.size() < 3;
  });
  ASSERT_TRUE(status);
  EXPECT_EQ(seen, (std::vector<std::string>{"1", "2", "3"}));
}

TEST(SpreadsheetXlsx, RowAndColumnLimits) {
  io::SheetLimits limits;
  limits.max_rows = 3;
  limits.max_columns = 2;
  // Empty rows and empty styled cells past the limits are ignored.
  auto read = ReadAll(XlsxWithRows("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\" s=\"0\"/>"
                                   "</row><row r=\"3\"><c r=\"B3\"><v>2</v></c></row>"
                                   "<row r=\"9\" ht=\"20\"/><row r=\"10\"><c r=\"A10\"/></row>"),
                      limits);
  ASSERT_TRUE(read) << read.error().code;
  EXPECT_EQ(read->order, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(read->rows.at(1).size(), 1u);
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"4\"><c r=\"A4\"><v>1</v></c></row>"), limits),
            "too_many_rows");
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"1\"><c r=\"C1\"><v>1</v></c></row>"), limits),
            "too_many_columns");
  limits.max_cell_bytes = 8;
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>123456789"
                                   "</t></is></c></row>"),
                      limits),
            "cell_too_large");
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                                   SstXml("<si><t>一二三</t></si>")),
                      limits),
            "cell_too_large");
}

TEST(SpreadsheetXlsx, StructuralErrors) {
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"2\"/><row r=\"2\"/>")), "xlsx_invalid");
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>1</v>"
                                   "</c></row>")),
            "xlsx_invalid");
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>",
                                   SstXml("<si><t>x</t></si>"))),
            "xlsx_invalid");
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"1\"><c r=\"A1\"><row r=\"2\"><c r=\"A2\"/></row>"
                                   "<v>1</v></c></row>")),
            "xlsx_invalid");
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"1\"><c r=\"A1\"><v>1</v></row>")), "xml_invalid");
  EXPECT_EQ(ErrorCode(XlsxWithRows("<row r=\"1\"><c r=\"A1\"><v>&bogus;</v></c></row>")),
            "xml_invalid");
  std::string nested;
  for (int i = 0; i < 300; ++i) nested += "<a>";
  EXPECT_EQ(ErrorCode(XlsxWithRows(nested)), "xml_invalid");
  XlsxParts no_sheet;  // the workbook names a sheet part the package lacks
  EXPECT_EQ(ErrorCode(BuildXlsx(no_sheet)), "xlsx_invalid");
}

// --- CSV ----------------------------------------------------------------------------------

std::string ToGb18030(std::string_view utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

const char kCsv[] =
    "名称,数量,备注\r\n"
    "电子秤,3,\"含逗号,和\"\"引号\"\"\"\r\n"
    "压力表,,\"第一行\n第二行\"\r\n"
    "\r\n"
    "末行,5,\n";

void ExpectCsvTable(const Result<ReadSheet>& read) {
  ASSERT_TRUE(read) << read.error().code;
  EXPECT_EQ(read->order, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(read->Text(1, 0), "名称");
  EXPECT_EQ(read->At(2, 1).type, Type::kString);  // CSV has no numbers: the caller decides
  EXPECT_EQ(read->Text(2, 1), "3");
  EXPECT_EQ(read->Text(2, 2), "含逗号,和\"引号\"");
  EXPECT_EQ(read->At(3, 1).type, Type::kEmpty);
  EXPECT_EQ(read->Text(3, 2), "第一行\n第二行");
  EXPECT_TRUE(read->rows.at(4).empty());
  EXPECT_EQ(read->rows.at(5).size(), 2u);
  EXPECT_EQ(read->Text(5, 0), "末行");
}

TEST(SpreadsheetCsv, Utf8WithAndWithoutBom) {
  EXPECT_EQ(io::DetectSpreadsheetFormat(kCsv), io::SpreadsheetFormat::kCsv);
  ExpectCsvTable(ReadAll(kCsv, {}, {}, "a.csv"));
  ExpectCsvTable(ReadAll("\xEF\xBB\xBF" + std::string(kCsv), {}, {}, "a.csv"));
}

TEST(SpreadsheetCsv, Gb18030) {
  std::string gb = ToGb18030(kCsv);
  ASSERT_NE(gb, kCsv);
  ASSERT_EQ(gb.substr(0, 4), "\xC3\xFB\xB3\xC6");  // 名称 in GBK
  ExpectCsvTable(ReadAll(gb, {}, {}, "a.csv"));
  // A character outside GBK (four-byte GB18030) survives too.
  auto read = ReadAll(ToGb18030("𠀀,é\n"), {}, {}, "a.csv");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->Text(1, 0), "𠀀");
  EXPECT_EQ(read->Text(1, 1), "é");
}

TEST(SpreadsheetCsv, TextStartingWithALessThanSignIsNoMarkup) {
  EXPECT_EQ(io::DetectSpreadsheetFormat("<100,小于一百\n"), io::SpreadsheetFormat::kCsv);
  EXPECT_EQ(io::DetectSpreadsheetFormat("<!DOCTYPE html><html>"), io::SpreadsheetFormat::kUnknown);
  auto read = ReadAll("<100,小于一百\n", {}, {}, "a.csv");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->Text(1, 0), "<100");
}

TEST(SpreadsheetCsv, LineEndsAndKeepsSpaces) {
  auto read = ReadAll(" a ,b\rc,\"d\"\"\"\n\"unterminated,x", {}, {}, "a.csv");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->order, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(read->Text(1, 0), " a ");
  EXPECT_EQ(read->Text(2, 1), "d\"");
  EXPECT_EQ(read->Text(3, 0), "unterminated,x");
}

TEST(SpreadsheetCsv, Limits) {
  io::SheetLimits limits;
  limits.max_rows = 2;
  limits.max_columns = 2;
  limits.max_cell_bytes = 6;
  EXPECT_EQ(ErrorCode("a\nb\nc\n", limits), "too_many_rows");
  EXPECT_EQ(ErrorCode("a\nb\n\n\n", limits), "");  // empty records past the limit are ignored
  EXPECT_EQ(ErrorCode("a,b,c\n", limits), "too_many_columns");
  EXPECT_EQ(ErrorCode("a,b,,,\n", limits), "");
  EXPECT_EQ(ErrorCode("1234567\n", limits), "cell_too_large");
  EXPECT_EQ(ErrorCode("\"a\n\nb\"\n", limits), "");  // one record: newlines inside quotes
}

}  // namespace
}  // namespace mvis::test
