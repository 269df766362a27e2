// Internals shared by the spreadsheet readers (xlsx_*.cpp and csv_reader.cpp): the errors they
// report, and RowSink, which assembles one row at a time, applies the row and column limits and
// hands the row to the caller's callback. Not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "io/spreadsheet_reader.hpp"

namespace mvis::io::sheet {

// Each returns the error documented in docs/spreadsheet-reader.md under the same code.
std::unexpected<Error> FileEmpty();
std::unexpected<Error> FileTooLarge(size_t limit);
std::unexpected<Error> NotASpreadsheet(std::string message = {});
std::unexpected<Error> ZipInvalid(std::string_view why_zh);
std::unexpected<Error> ZipTooManyEntries(size_t limit);
std::unexpected<Error> ZipBomb();
std::unexpected<Error> UncompressedTooLarge(size_t limit);
std::unexpected<Error> XmlForbiddenDtd(std::string_view part);
std::unexpected<Error> XmlInvalid(std::string_view part, int64_t line);
std::unexpected<Error> XlsxInvalid(std::string_view why_zh);
std::unexpected<Error> SheetNotFound(std::string_view name);
std::unexpected<Error> TooManyRows(size_t limit);
std::unexpected<Error> TooManyColumns(size_t limit);
std::unexpected<Error> CellTooLarge(int64_t row, size_t column, size_t limit);

// "A" for 0, "Z" for 25, "AA" for 26.
std::string ColumnName(size_t column);

// Builds rows for the callback. Strings of cells dropped from one row are kept for the next, so
// a steady stream of rows allocates nothing.
class RowSink {
 public:
  RowSink(const SheetLimits& limits, const RowCallback& on_row);

  void BeginRow(int64_t row_number);
  // The cell for 0-based `column`, reset to kEmpty; the cells before it that were not written are
  // kEmpty. Past max_columns it is a scratch cell: leaving it empty is fine, filling it makes
  // EndRow fail with too_many_columns.
  Cell& CellAt(size_t column);
  // Drops trailing empty cells, checks the limits and calls the callback.
  // Returns false when the callback asked to stop.
  Result<bool> EndRow();

  int64_t row_number() const { return row_number_; }

 private:
  void Shrink(size_t size);

  const SheetLimits& limits_;
  const RowCallback& on_row_;
  std::vector<Cell> cells_;
  std::vector<Cell> spare_;  // cells (with their string capacity) kept for reuse
  Cell scratch_;
  bool scratch_in_use_ = false;
  bool overflow_ = false;
  int64_t row_number_ = 0;
};

}  // namespace mvis::io::sheet
