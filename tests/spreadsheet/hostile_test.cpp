// Hostile and broken uploads: each must be refused with its stable code, quickly and without
// large allocations (no timing is asserted; a hang or an out-of-memory would fail the run).
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace mvis::test {
namespace {

const std::string kRelsXml =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

std::string ValidXlsx() {
  return XlsxWithRows(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>42</v></c></row>",
      SstXml("<si><t>正常</t></si>"));
}

TEST(SpreadsheetHostile, ValidBaselineReads) {
  auto read = ReadAll(ValidXlsx());
  ASSERT_TRUE(read) << read.error().code;
  EXPECT_EQ(read->Text(1, 0), "正常");
  EXPECT_EQ(read->Text(1, 1), "42");
}

std::string RandomLetters(size_t n) {
  std::string text;
  uint32_t seed = 12345;
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245 + 12345;
    text.push_back(static_cast<char>('a' + (seed >> 16) % 26));
  }
  return text;
}

// The "better zip bomb": many central-directory entries, one compressed stream.
std::string SharedStreamZip(const std::string& content) {
  ZipWriter zip;
  auto shared = zip.AddLocal("xl/worksheets/sheet0.xml", content);
  zip.Add("_rels/.rels", kRelsXml);
  for (int i = 0; i < 200; ++i) {
    auto c = shared;
    c.name = "xl/worksheets/sheet" + std::to_string(i) + ".xml";
    zip.AddCentral(c);
  }
  return zip.Finish();
}

TEST(SpreadsheetHostile, OverlappingEntriesSharingOneDeflateStream) {
  // Data that barely compresses, so only the overlap gives the bomb away (no ratio or total
  // limit is reached: 200 x 64 KiB).
  auto read = ReadAll(SharedStreamZip(RandomLetters(64 << 10)));
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "zip_bomb");
  EXPECT_EQ(read.error().kind, ErrorKind::kInvalidArgument);
  // The classic shape: a highly compressible stream shared 200 times.
  std::string bomb = SharedStreamZip(std::string(4 << 20, 'a'));
  EXPECT_LT(bomb.size(), 64u << 10);
  EXPECT_EQ(ErrorCode(bomb), "zip_bomb");
}

TEST(SpreadsheetHostile, EntryWhoseDataCoversTheNextHeader) {
  // Fifield's variant: an entry's compressed range runs over the following local header.
  ZipWriter zip;
  auto first = zip.AddLocal("xl/workbook.xml", "<workbook/>", false);
  auto second = zip.AddLocal("xl/worksheets/sheet1.xml", "<worksheet/>", false);
  first.compressed += 40;
  first.uncompressed = first.compressed;
  zip.AddCentral(first);
  zip.AddCentral(second);
  EXPECT_EQ(ErrorCode(zip.Finish()), "zip_bomb");
}

TEST(SpreadsheetHostile, HugeCompressionRatio) {
  ZipWriter zip;
  zip.Add("_rels/.rels", kRelsXml);
  zip.Add("xl/workbook.xml", std::string(50 << 20, '\0'));  // 50 MiB of zeros, ~50 KiB deflated
  std::string bomb = zip.Finish();
  EXPECT_LT(bomb.size(), 100u << 10);
  EXPECT_EQ(ErrorCode(bomb), "zip_bomb");

  io::SheetLimits lenient_ratio;  // the total limit still holds
  lenient_ratio.max_compression_ratio = 1e9;
  lenient_ratio.max_uncompressed_bytes = 10 << 20;
  auto read = ReadAll(bomb, lenient_ratio);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "uncompressed_too_large");
  EXPECT_EQ(read.error().kind, ErrorKind::kPayloadTooLarge);
}

TEST(SpreadsheetHostile, EntryInflatingPastItsDeclaredSize) {
  // The header claims 1000 bytes; the stream inflates to 8 MiB. Counting inflated bytes stops it.
  std::string sheet = SheetXml(std::string(8 << 20, ' '));
  ZipWriter zip;
  zip.Add("_rels/.rels", kRelsXml);
  zip.Add("xl/workbook.xml",
          "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
          "</sheets></workbook>");
  zip.Add("xl/_rels/workbook.xml.rels",
          "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
          "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
          "</Relationships>");
  zip.AddCentral(zip.AddLocal("xl/worksheets/sheet1.xml", sheet, true, 1000));
  EXPECT_EQ(ErrorCode(zip.Finish()), "zip_bomb");
}

// A package whose worksheet is `sheet`, stored as `sheet_entry` (which may lie).
std::string XlsxWithSheetEntry(ZipWriter::Central (*add)(ZipWriter&, const std::string&),
                               const std::string& sheet) {
  ZipWriter zip;
  zip.Add("xl/workbook.xml",
          "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
          "</sheets></workbook>");
  zip.Add("xl/_rels/workbook.xml.rels",
          "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
          "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
          "</Relationships>");
  zip.AddCentral(add(zip, sheet));
  return zip.Finish();
}

TEST(SpreadsheetHostile, LargeEntryInflatingPastItsDeclaredSize) {
  // Large enough to be inflated on the prefetch thread; the error must cross over to the reader.
  std::string sheet = "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row></sheetData><!--" +
                      RandomLetters(8 << 20) + "--></worksheet>";
  std::string file = XlsxWithSheetEntry(
      [](ZipWriter& zip, const std::string& s) {
        return zip.AddLocal("xl/worksheets/sheet1.xml", s, true, 3 << 20);
      },
      sheet);
  EXPECT_EQ(ErrorCode(file), "zip_bomb");
}

TEST(SpreadsheetHostile, LargeEntryWithABadChecksum) {
  std::string sheet = "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row></sheetData><!--" +
                      RandomLetters(4 << 20) + "--></worksheet>";
  std::string file = XlsxWithSheetEntry(
      [](ZipWriter& zip, const std::string& s) {
        auto c = zip.AddLocal("xl/worksheets/sheet1.xml", s, false);
        c.crc ^= 1;
        return c;
      },
      sheet);
  // The checksum fails at the end of the entry, after the row was delivered: callers commit
  // nothing until ReadSpreadsheet succeeds.
  int64_t rows = 0;
  auto status = io::ReadSpreadsheet(file, "x.xlsx", {}, [&](int64_t, const auto&) {
    ++rows;
    return true;
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, "zip_invalid");
  EXPECT_EQ(rows, 1);
}

TEST(SpreadsheetHostile, BillionLaughsInSharedStrings) {
  std::string dtd =
      "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
      "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
      "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
      "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">"
      "]><sst xmlns=\"" +
      std::string(kMainNs) + "\"><si><t>&i;</t></si></sst>";
  auto read = ReadAll(XlsxWithRows("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", dtd));
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "xml_forbidden_dtd");
  EXPECT_NE(read.error().message.find("sharedStrings.xml"), std::string::npos);
}

TEST(SpreadsheetHostile, ExternalEntityInTheSheet) {
  XlsxParts parts;
  parts.sheet =
      "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<worksheet xmlns=\"" +
      std::string(kMainNs) +
      "\"><sheetData><row r=\"1\">"
      "<c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData></worksheet>";
  EXPECT_EQ(ErrorCode(BuildXlsx(parts)), "xml_forbidden_dtd");

  XlsxParts external_dtd;  // a DOCTYPE without an internal subset is refused as well
  external_dtd.sheet = SheetXml("");
  external_dtd.workbook =
      "<!DOCTYPE workbook SYSTEM \"http://127.0.0.1:9/evil.dtd\"><workbook xmlns:r=\"" +
      std::string(kRelNs) +
      "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
      "</workbook>";
  EXPECT_EQ(ErrorCode(BuildXlsx(external_dtd)), "xml_forbidden_dtd");
}

TEST(SpreadsheetHostile, WrongMagic) {
  auto pdf = ReadAll("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n");
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, "not_a_spreadsheet");
  EXPECT_EQ(pdf.error().kind, ErrorKind::kInvalidArgument);

  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(4096, '\0');
  auto xls = ReadAll(ole);
  ASSERT_FALSE(xls);
  EXPECT_EQ(xls.error().code, "not_a_spreadsheet");
  EXPECT_NE(xls.error().message.find(".xls"), std::string::npos);

  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919 + 13) % 256));
  EXPECT_EQ(ErrorCode(junk), "not_a_spreadsheet");
  EXPECT_EQ(ErrorCode(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), "not_a_spreadsheet");
  EXPECT_EQ(ErrorCode("<html><table><tr><td>1</td></tr></table></html>"), "not_a_spreadsheet");
  EXPECT_EQ(ErrorCode(std::string("a,b\n\0c,d\n", 9)), "not_a_spreadsheet");
  EXPECT_EQ(ErrorCode(""), "file_empty");
  EXPECT_EQ(io::DetectSpreadsheetFormat(junk), io::SpreadsheetFormat::kUnknown);
}

TEST(SpreadsheetHostile, TruncatedAtEveryLength) {
  std::string file = ValidXlsx();
  EXPECT_EQ(ErrorCode(file.substr(0, file.size() / 2)), "zip_invalid");
  for (size_t n = 4; n < file.size(); n += 3) {
    std::string code = ErrorCode(file.substr(0, n));
    EXPECT_EQ(code, "zip_invalid") << "cut at " << n;
  }
}

TEST(SpreadsheetHostile, CorruptCompressedData) {
  std::string file = ValidXlsx();
  size_t corrupted = 0;
  for (size_t at = 40; at + 200 < file.size(); at += 11) {
    std::string bad = file;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    auto read = ReadAll(bad);
    if (!read) {
      ++corrupted;
      EXPECT_FALSE(read.error().code.empty());
    }
  }
  EXPECT_GT(corrupted, 0u);
}

TEST(SpreadsheetHostile, DuplicateEntryNames) {
  XlsxParts parts;
  parts.sheet = SheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  parts.extra = {{"xl/worksheets/sheet1.xml", SheetXml("")}};
  EXPECT_EQ(ErrorCode(BuildXlsx(parts)), "zip_invalid");
  parts.extra = {{"XL/Worksheets/Sheet1.xml", SheetXml("")}};  // part names ignore case
  EXPECT_EQ(ErrorCode(BuildXlsx(parts)), "zip_invalid");
}

TEST(SpreadsheetHostile, TooManyEntries) {
  ZipWriter zip;
  for (int i = 0; i < 1001; ++i) zip.Add("x/" + std::to_string(i), "x", false);
  auto read = ReadAll(zip.Finish());
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "zip_too_many_entries");
}

TEST(SpreadsheetHostile, EncryptedOrUnsupportedEntries) {
  ZipWriter encrypted;
  auto c = encrypted.AddLocal("xl/workbook.xml", "<workbook/>");
  c.flags = 1;
  encrypted.AddCentral(c);
  EXPECT_EQ(ErrorCode(encrypted.Finish()), "zip_invalid");

  ZipWriter bzip2;
  auto b = bzip2.AddLocal("xl/workbook.xml", "<workbook/>", false);
  b.method = 12;
  bzip2.AddCentral(b);
  EXPECT_EQ(ErrorCode(bzip2.Finish()), "zip_invalid");
}

TEST(SpreadsheetHostile, ZipThatIsNoWorkbook) {
  ZipWriter docx;
  docx.Add("word/document.xml", "<document/>");
  EXPECT_EQ(ErrorCode(docx.Finish()), "not_a_spreadsheet");
  ZipWriter ods;
  ods.Add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", false);
  ods.Add("content.xml", "<office:document-content/>");
  auto read = ReadAll(ods.Finish());
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "not_a_spreadsheet");
  EXPECT_NE(read.error().message.find(".ods"), std::string::npos);
}

TEST(SpreadsheetHostile, OverTheFileSizeLimit) {
  io::SheetLimits limits;
  limits.max_file_bytes = 1000;
  std::string file = ValidXlsx();
  ASSERT_GT(file.size(), 1000u);
  auto read = ReadAll(file, limits);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "file_too_large");
  EXPECT_EQ(read.error().kind, ErrorKind::kPayloadTooLarge);
  EXPECT_EQ(ErrorCode(std::string(1001, 'a'), limits), "file_too_large");
}

TEST(SpreadsheetHostile, OverMaxRows) {
  // Default limits: a value in row 200001 is one row too many, wherever it sits in the file.
  auto read =
      ReadAll(XlsxWithRows("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                           "<row r=\"200001\"><c r=\"A200001\"><v>1</v></c></row>"));
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "too_many_rows");
  EXPECT_EQ(read.error().kind, ErrorKind::kPayloadTooLarge);

  std::string csv;
  for (int i = 0; i < 11; ++i) csv += "行,1\n";
  io::SheetLimits limits;
  limits.max_rows = 10;
  EXPECT_EQ(ErrorCode(csv, limits), "too_many_rows");
}

TEST(SpreadsheetHostile, HugeCellInASheetIsCutOffWhileStreaming) {
  // Letters that do not compress well, so the ratio limit stays out of the way.
  std::string text = RandomLetters(1 << 20);
  auto read = ReadAll(XlsxWithRows("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>" + text +
                                   "</t></is></c></row>"));
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "cell_too_large");
  EXPECT_NE(read.error().message.find("第 3 行 B 列"), std::string::npos);
}

}  // namespace
}  // namespace mvis::test
