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

// The bytes of the multipart field `name` of a request body. Errors: multipart_invalid;
// file_required (field `name`, saying `missing_zh`) when there is no such field.
Result<std::string> UploadedFile(std::string_view content_type, std::string_view body,
                                 const std::string& name, const std::string& missing_zh);

}  // namespace mvis::http
