#include "http/exports.hpp"

#include <fmt/format.h>

#include "domain/time.hpp"

namespace mvis::http {

Response XlsxDownload(Result<std::string> bytes, std::string_view ascii_name,
                      std::string_view file_name) {
  return FileDownload(std::move(bytes),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      ascii_name, file_name);
}

Response FileDownload(Result<std::string> bytes, std::string_view content_type,
                      std::string_view ascii_name, std::string_view file_name) {
  if (!bytes) return ErrorResponse(bytes.error());
  std::string encoded;
  for (unsigned char c : file_name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  Response r;
  r.content_type = std::string(content_type);
  r.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"; "
                                                            "filename*=UTF-8''{}",
                                                            ascii_name, encoded));
  r.headers.emplace_back("Cache-Control", "no-store");
  r.body = std::move(*bytes);
  return r;
}

std::string ExportTime(int64_t unix_seconds) {
  if (unix_seconds == 0) return "";
  return domain::ChinaDateTime(unix_seconds).substr(0, 16);
}

}  // namespace mvis::http
