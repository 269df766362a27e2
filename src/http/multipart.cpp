#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace mvis::http {
namespace {

std::unexpected<Error> Invalid() {
  return Fail(ErrorKind::kInvalidArgument, "multipart_invalid",
              "上传内容格式错误，请以表单方式上传文件");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Value of `key="…"` or `key=…` in a header parameter list.
std::string Param(std::string_view header, std::string_view key) {
  std::string lower = Lower(header);
  size_t pos = 0;
  while ((pos = lower.find(key, pos)) != std::string::npos) {
    bool boundary_ok = pos == 0 || lower[pos - 1] == ' ' || lower[pos - 1] == ';';
    size_t eq = pos + key.size();
    if (boundary_ok && eq < lower.size() && lower[eq] == '=') {
      std::string_view rest = header.substr(eq + 1);
      if (!rest.empty() && rest.front() == '"') {
        auto end = rest.find('"', 1);
        return std::string(
            rest.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1));
      }
      auto end = rest.find(';');
      std::string v(rest.substr(0, end));
      while (!v.empty() && v.back() == ' ') v.pop_back();
      return v;
    }
    pos = eq;
  }
  return {};
}

}  // namespace

Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (Lower(content_type).rfind("multipart/form-data", 0) != 0) return Invalid();
  std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return Invalid();
  const std::string delimiter = "--" + boundary;
  std::vector<FormPart> parts;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return Invalid();
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Invalid();
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return Invalid();
    FormPart part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    size_t line_start = 0;
    while (line_start <= headers.size()) {
      size_t line_end = headers.find("\r\n", line_start);
      std::string_view line =
          headers.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                        : line_end - line_start);
      auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = Lower(line.substr(0, colon));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (name == "content-disposition") {
          part.name = Param(value, "name");
          part.filename = Param(value, "filename");
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    size_t data_start = headers_end + 4;
    size_t next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) return Invalid();
    part.data = body.substr(data_start, next - data_start);
    parts.push_back(std::move(part));
    pos = next + 2;
    if (parts.size() > 20) return Invalid();
  }
  return parts;
}

Result<std::string> UploadedFile(std::string_view content_type, std::string_view body,
                                 const std::string& name, const std::string& missing_zh) {
  auto parts = ParseMultipart(content_type, body);
  if (!parts) return std::unexpected(parts.error());
  for (const auto& p : *parts)
    if (p.name == name) return std::string(p.data);
  return InvalidField(name, "file_required", missing_zh);
}

}  // namespace mvis::http
