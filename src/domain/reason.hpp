// The free-text reason a user gives for a step (退回, 注销, 撤回 …): the one rule for all of them.
#pragma once

#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

inline constexpr size_t kMaxReasonChars = 500;

// invalid_argument on field "reason": `reason_required` with `missing_zh` when `required` and
// the reason is blank, `reason_too_long` past 500 characters.
Status CheckReason(std::string_view reason, bool required = true,
                   std::string_view missing_zh = "请填写原因");

}  // namespace mvis::domain
