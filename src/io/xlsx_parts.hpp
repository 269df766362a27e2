// The package parts an .xlsx reader needs before the sheet itself: relationships (which file is
// the workbook, which are its sheets, shared strings and styles), the workbook's sheet list and
// date system, the shared-string table and, from the styles, which cell formats show dates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "io/spreadsheet_reader.hpp"
#include "io/xlsx_dates.hpp"
#include "io/xlsx_zip.hpp"

namespace mvis::io::sheet {

struct Relationship {
  std::string id;
  std::string type;    // full URI; compare with TypeIs
  std::string target;  // part name resolved against the source part, without a leading '/'
  bool external = false;
};

// True when the relationship type URI ends in "/<kind>" (transitional and strict URIs alike).
bool TypeIs(const Relationship& rel, std::string_view kind);

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels".
std::string RelsPartFor(std::string_view source_part);

// `target` relative to the folder of `source_part`, or from the package root when it starts
// with '/'; "." and ".." resolved.
std::string ResolveTarget(std::string_view source_part, std::string_view target);

// The relationships of `source_part`; empty when it has no relationship part.
Result<std::vector<Relationship>> ReadRelationships(ZipPackage& package,
                                                    std::string_view source_part);

struct SheetEntry {
  std::string name;
  std::string rel_id;
  bool visible = true;  // state is neither "hidden" nor "veryHidden"
};

struct Workbook {
  std::vector<SheetEntry> sheets;  // in workbook order
  bool date1904 = false;
};

Result<Workbook> ReadWorkbook(ZipPackage& package, size_t entry);

// All shared strings in one buffer; Get(i) views stay valid while the table lives.
class SharedStrings {
 public:
  size_t size() const { return ends_.size(); }
  std::string_view Get(size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(pool_).substr(begin, ends_[i] - begin);
  }

 private:
  friend class SharedStringsHandler;
  std::string pool_;
  std::vector<uint32_t> ends_;  // end offset of each string in pool_
};

// Rich-text runs are concatenated, phonetic runs (<rPh>) left out, _xHHHH_ escapes decoded.
// A string longer than limits.max_cell_bytes fails with cell_too_large.
Result<SharedStrings> ReadSharedStrings(ZipPackage& package, size_t entry,
                                        const SheetLimits& limits);

// For each cell format (cellXfs index, the "s" attribute of a cell), whether it shows a date.
Result<std::vector<DateKind>> ReadStyles(ZipPackage& package, size_t entry);

// Decodes the OOXML escapes _xHHHH_ (UTF-16 code units, "_x005F_" for "_") in place.
void DecodeOoxmlEscapes(std::string& text);

}  // namespace mvis::io::sheet
