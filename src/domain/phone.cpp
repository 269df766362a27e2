#include "domain/phone.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {

bool IsValidMobile(std::string_view phone) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9') return false;
  for (char c : phone) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsValidOfficePhone(std::string_view phone) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (phone.size() < 3 || phone.size() > 20 || !digit(phone.front()) || !digit(phone.back()))
    return false;
  for (char c : phone) {
    if (!digit(c) && c != '-' && c != ' ') return false;
  }
  return true;
}

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) return {};
  if (phone.size() == 11)
    return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(7));
  if (phone.size() <= 5) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 5, '*') +
         std::string(phone.substr(phone.size() - 2));
}

namespace {
constexpr EnumName<CodePurpose> kPurposes[] = {{CodePurpose::kRegister, "register"},
                                               {CodePurpose::kResetPassword, "reset_password"}};
}  // namespace

std::string_view ToString(CodePurpose p) { return NameIn(kPurposes, p); }
std::optional<CodePurpose> ParseCodePurpose(std::string_view s) { return ParseIn(kPurposes, s); }
std::string_view DisplayName(CodePurpose p) {
  return p == CodePurpose::kRegister ? "企业注册" : "重置密码";
}

}  // namespace mvis::domain
