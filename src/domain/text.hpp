// Small text helpers shared by validation code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mvis::domain {

// `s` without leading and trailing spaces, tabs and line breaks.
std::string Trim(std::string_view s);

// Length in Unicode code points of UTF-8 text (what a user counts as characters).
size_t CodePoints(std::string_view s);

// {"a", "b"} joined by `separator`: "a, b".
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace mvis::domain
