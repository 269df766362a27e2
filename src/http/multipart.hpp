// multipart/form-data bodies (file uploads), RFC 7578.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace mvis::http {

struct FormPart {
  std::string name;
  std::string filename;  // empty for plain fields
  std::string content_type;
  std::string_view data;  // points into the body
};

// Splits `body` by the boundary named in `content_type`. Errors: multipart_invalid.
Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace mvis::http
