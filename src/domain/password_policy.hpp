// Password strength rules. Defaults satisfy OWASP ASVS L2 (length >= 12, up to at least 64
// accepted, no truncation) and the MLPS level-3 complexity rule (at least three of upper case,
// lower case, digits, symbols); both the length and the class count are configurable.
#pragma once

#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

struct PasswordPolicy {
  int min_length = 12;
  int max_length = 128;
  int min_classes = 3;  // of: lower, upper, digit, symbol
};

// Ok when `password` satisfies `policy` and does not contain `username` (case-insensitive);
// otherwise an invalid-argument error with code "password_too_weak" and a Chinese explanation.
Status CheckPassword(const PasswordPolicy& policy, std::string_view password,
                     std::string_view username);

}  // namespace mvis::domain
