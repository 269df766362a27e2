#include "io/xlsx_reader.hpp"

#include <string>
#include <vector>

#include "io/xlsx_parts.hpp"
#include "io/xlsx_sheet.hpp"
#include "io/xlsx_zip.hpp"

namespace mvis::io::sheet {
namespace {

std::string NormalizedSheetName(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const Relationship* FindRelationship(const std::vector<Relationship>& rels, std::string_view id) {
  for (const Relationship& rel : rels) {
    if (rel.id == id && !rel.external) return &rel;
  }
  return nullptr;
}

// The part of the first internal relationship of `kind`, or `fallback`.
std::string PartOf(const std::vector<Relationship>& rels, std::string_view kind,
                   std::string fallback) {
  for (const Relationship& rel : rels) {
    if (!rel.external && TypeIs(rel, kind)) return rel.target;
  }
  return fallback;
}

std::string Folder(std::string_view part) {
  size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// The worksheet part to read, per the options.
Result<std::string> ChooseSheet(const Workbook& workbook, const std::vector<Relationship>& rels,
                                const ReadOptions& options) {
  auto worksheet = [&](const SheetEntry& sheet) -> const Relationship* {
    const Relationship* rel = FindRelationship(rels, sheet.rel_id);
    return rel != nullptr && TypeIs(*rel, "worksheet") ? rel : nullptr;
  };
  if (!options.sheet_name.empty()) {
    for (const SheetEntry& sheet : workbook.sheets) {
      if (sheet.name == options.sheet_name && worksheet(sheet)) return worksheet(sheet)->target;
    }
    std::string wanted = NormalizedSheetName(options.sheet_name);
    for (const SheetEntry& sheet : workbook.sheets) {
      if (NormalizedSheetName(sheet.name) == wanted && worksheet(sheet)) {
        return worksheet(sheet)->target;
      }
    }
    if (options.require_sheet_name) return SheetNotFound(options.sheet_name);
  }
  for (const SheetEntry& sheet : workbook.sheets) {
    if (sheet.visible && worksheet(sheet)) return worksheet(sheet)->target;
  }
  return SheetNotFound("");
}

}  // namespace

Status ReadXlsx(std::string_view bytes, const SheetLimits& limits, const ReadOptions& options,
                RowSink& sink) {
  auto opened = ZipPackage::Open(bytes, limits);
  if (!opened) return std::unexpected(opened.error());
  ZipPackage& package = **opened;

  auto root_rels = ReadRelationships(package, "");
  if (!root_rels) return std::unexpected(root_rels.error());
  std::string workbook_part = PartOf(*root_rels, "officeDocument", "xl/workbook.xml");
  auto workbook_entry = package.Find(workbook_part);
  if (!workbook_entry) workbook_entry = package.Find("xl/workbook.xml");
  if (!workbook_entry) {
    if (package.Find("xl/workbook.bin")) {
      return NotASpreadsheet("不支持 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 后上传");
    }
    if (package.Find("content.xml") && package.Find("mimetype")) {
      return NotASpreadsheet("不支持 OpenDocument（.ods）格式，请另存为 .xlsx 后上传");
    }
    return NotASpreadsheet();
  }
  workbook_part = package.name(*workbook_entry);

  auto workbook = ReadWorkbook(package, *workbook_entry);
  if (!workbook) return std::unexpected(workbook.error());
  auto rels = ReadRelationships(package, workbook_part);
  if (!rels) return std::unexpected(rels.error());

  auto sheet_part = ChooseSheet(*workbook, *rels, options);
  if (!sheet_part) return std::unexpected(sheet_part.error());
  auto sheet_entry = package.Find(*sheet_part);
  if (!sheet_entry) return XlsxInvalid("缺少工作表 " + *sheet_part);

  std::vector<DateKind> styles;
  if (auto entry = package.Find(PartOf(*rels, "styles", Folder(workbook_part) + "styles.xml"))) {
    auto read = ReadStyles(package, *entry);
    if (!read) return std::unexpected(read.error());
    styles = std::move(*read);
  }
  SharedStrings strings;
  if (auto entry = package.Find(
          PartOf(*rels, "sharedStrings", Folder(workbook_part) + "sharedStrings.xml"))) {
    auto read = ReadSharedStrings(package, *entry, limits);
    if (!read) return std::unexpected(read.error());
    strings = std::move(*read);
  }

  SheetFormat format{&strings, &styles, workbook->date1904};
  return ReadWorksheet(package, *sheet_entry, format, limits, sink);
}

}  // namespace mvis::io::sheet
