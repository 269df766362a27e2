#include "domain/reason.hpp"

#include <string>

#include "domain/text.hpp"

namespace mvis::domain {

Status CheckReason(std::string_view reason, bool required, std::string_view missing_zh) {
  if (required && Trim(reason).empty())
    return InvalidField("reason", "reason_required", std::string(missing_zh));
  if (CodePoints(reason) > kMaxReasonChars)
    return InvalidField("reason", "reason_too_long", "原因不能超过500字");
  return {};
}

}  // namespace mvis::domain
