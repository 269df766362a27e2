// Error values shared by every layer: a small closed set of kinds plus a stable machine code
// and a Chinese message fit to show a user. Expected failures travel as Result<T>, never as
// exceptions; only the http layer turns a kind into a status code.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace mvis {

enum class ErrorKind {
  kInvalidArgument,     // the request is malformed or a field fails validation
  kUnauthenticated,     // no valid session, or wrong credentials
  kPermissionDenied,    // authenticated but not allowed
  kNotFound,            // absent, or outside the caller's data scope
  kConflict,            // would duplicate something unique
  kFailedPrecondition,  // illegal in the object's current state; do not retry until it changes
  kResourceExhausted,   // rate limit or lockout
  kPayloadTooLarge,     // upload or body over a configured limit
  kMethodNotAllowed,    // the path exists, not with this method
  kUnavailable,         // a dependency is down; retry later
  kInternal,            // a bug or an unexpected failure
};

struct FieldError {
  std::string field;
  std::string code;
  std::string message;
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;                // stable, snake_case, e.g. "credit_code_invalid"
  std::string message;             // Chinese, for the user
  std::string field;               // the offending input field, when there is exactly one
  std::vector<FieldError> fields;  // several offending fields (form validation)
  std::string detail;              // internal errors: what went wrong, for the log only
};

template <typename T>
using Result = std::expected<T, Error>;

// Result of an operation that yields nothing on success.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorKind kind, std::string code, std::string message,
                                   std::string field = {}) {
  return std::unexpected(Error{kind, std::move(code), std::move(message), std::move(field), {}});
}

inline std::unexpected<Error> InvalidField(std::string field, std::string code,
                                           std::string message) {
  return Fail(ErrorKind::kInvalidArgument, std::move(code), std::move(message), std::move(field));
}

inline std::unexpected<Error> NotFound(std::string what_zh) {
  return Fail(ErrorKind::kNotFound, "not_found", what_zh + "不存在或无权访问");
}

inline std::unexpected<Error> Forbidden() {
  return Fail(ErrorKind::kPermissionDenied, "permission_denied", "无权执行此操作");
}

// An unexpected failure: the user sees a generic message, `detail` goes to the log (never into
// a response).
inline std::unexpected<Error> Internal(std::string detail) {
  Error e{ErrorKind::kInternal, "internal", "服务器内部错误，请稍后重试", {}, {},
          std::move(detail)};
  return std::unexpected(std::move(e));
}

}  // namespace mvis
