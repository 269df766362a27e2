// Mainland China mobile numbers: validation and masking for display and logs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mvis::domain {

// True for 11 digits matching 1[3-9]\d{9}.
bool IsValidMobile(std::string_view phone);

// An office or service line as the public dials it: 3–20 characters of digits, '-' and
// spaces, starting and ending with a digit ("12315", "027-82831234", "400 888 1234").
bool IsValidOfficePhone(std::string_view phone);

// "13812341234" -> "138****1234"; anything else is masked to keep at most its first 3 and last
// 2 characters, so nothing that looks like a number leaks whole.
std::string MaskPhone(std::string_view phone);

// What a one-time SMS code is for; the API and the store name it "register" / "reset_password".
enum class CodePurpose { kRegister, kResetPassword };
std::string_view ToString(CodePurpose p);
std::optional<CodePurpose> ParseCodePurpose(std::string_view s);
std::string_view DisplayName(CodePurpose p);  // 企业注册, 重置密码

}  // namespace mvis::domain
