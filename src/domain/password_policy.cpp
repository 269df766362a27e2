#include "domain/password_policy.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "domain/text.hpp"

namespace mvis::domain {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Status CheckPassword(const PasswordPolicy& policy, std::string_view password,
                     std::string_view username) {
  const std::string rule = "密码须为" + std::to_string(policy.min_length) + "至" +
                           std::to_string(policy.max_length) +
                           "位，且包含大写字母、小写字母、数字、" + "特殊字符中的至少" +
                           std::to_string(policy.min_classes) + "类";
  int length = static_cast<int>(CodePoints(password));
  if (length < policy.min_length || length > policy.max_length) {
    return InvalidField("password", "password_too_weak", rule);
  }
  bool lower = false, upper = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (std::islower(c))
      lower = true;
    else if (std::isupper(c))
      upper = true;
    else if (std::isdigit(c))
      digit = true;
    else
      symbol = true;  // punctuation, space and any non-ASCII character
  }
  if (lower + upper + digit + symbol < policy.min_classes) {
    return InvalidField("password", "password_too_weak", rule);
  }
  if (username.size() >= 3 && Lower(password).find(Lower(username)) != std::string::npos) {
    return InvalidField("password", "password_too_weak", "密码不能包含用户名");
  }
  return {};
}

}  // namespace mvis::domain
