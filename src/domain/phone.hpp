// Mainland China mobile numbers: validation and masking for display and logs.
#pragma once

#include <string>
#include <string_view>

namespace mvis::domain {

// True for 11 digits matching 1[3-9]\d{9}.
bool IsValidMobile(std::string_view phone);

// "13812341234" -> "138****1234"; anything else is masked to keep at most its first 3 and last
// 2 characters, so nothing that looks like a number leaks whole.
std::string MaskPhone(std::string_view phone);

}  // namespace mvis::domain
