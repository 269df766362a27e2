// Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose last one is a
// check character over the first 17.
#pragma once

#include <string_view>

namespace mvis::domain {

// True when `code` is 18 characters from the GB 32100 charset with a correct check character.
bool IsValidCreditCode(std::string_view code);

// The check character for a 17-character prefix, or '\0' when the prefix is not 17 charset
// characters. Used by tests and demo data to make valid codes.
char CreditCodeCheckChar(std::string_view prefix17);

}  // namespace mvis::domain
