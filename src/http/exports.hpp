// List exports (导出): the rows a list endpoint shows for the same query and the same caller —
// every page of them — as an .xlsx workbook (io/xlsx_writer: escaped cells, bold frozen header).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/page.hpp"
#include "http/context.hpp"
#include "http/message.hpp"
#include "io/xlsx_writer.hpp"

namespace mvis::http {

inline constexpr int64_t kMaxExportRows = 100000;

// The workbook as a download named `file_name` (Chinese allowed; `ascii_name` for old clients),
// or the error.
Response XlsxDownload(Result<std::string> bytes, std::string_view ascii_name,
                      std::string_view file_name);
// Any file as a download (PDF, images, attachments), the same way.
Response FileDownload(Result<std::string> bytes, std::string_view content_type,
                      std::string_view ascii_name, std::string_view file_name);

// Writes all pages `fetch` answers (500 rows at a time) through `row`. Errors: those of fetch;
// export_too_large past kMaxExportRows.
template <typename T>
Result<std::string> ExportPages(
    const std::string& sheet, const std::vector<io::XlsxColumn>& columns,
    const std::function<Result<domain::Page<T>>(const domain::PageRequest&)>& fetch,
    const std::function<std::vector<std::string>(const T&)>& row) {
  domain::PageRequest page{1, 500};
  auto first = fetch(page);
  if (!first) return std::unexpected(first.error());
  if (first->total > kMaxExportRows) {
    return Fail(ErrorKind::kFailedPrecondition, "export_too_large",
                "导出数据超过10万条，请缩小筛选范围后再导出");
  }
  domain::Page<T> batch = std::move(*first);
  size_t next = 0;
  Status failure;
  auto bytes = io::WriteXlsxTable(sheet, columns, [&](std::vector<std::string>& cells) {
    if (next == batch.items.size()) {
      if (batch.items.size() < static_cast<size_t>(page.page_size)) return false;
      ++page.page;
      auto more = fetch(page);
      if (!more) {
        failure = std::unexpected(more.error());
        return false;
      }
      batch = std::move(*more);
      next = 0;
      if (batch.items.empty()) return false;
    }
    cells = row(batch.items[next++]);
    return true;
  });
  if (!failure) return std::unexpected(failure.error());
  return bytes;
}

// The same for a list that comes whole.
template <typename T>
Result<std::string> ExportList(const std::string& sheet, const std::vector<io::XlsxColumn>& columns,
                               const Result<std::vector<T>>& items,
                               const std::function<std::vector<std::string>(const T&)>& row) {
  if (!items) return std::unexpected(items.error());
  size_t next = 0;
  return io::WriteXlsxTable(sheet, columns, [&](std::vector<std::string>& cells) {
    if (next == items->size()) return false;
    cells = row((*items)[next++]);
    return true;
  });
}

// "2026-12-05 08:30" in China time for unix seconds; "" for 0.
std::string ExportTime(int64_t unix_seconds);

}  // namespace mvis::http
