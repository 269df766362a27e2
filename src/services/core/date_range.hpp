// A list filter's date range (date_from, date_to: YYYY-MM-DD, inclusive, either may be empty).
#pragma once

#include <string>

#include "domain/calendar.hpp"
#include "domain/error.hpp"

namespace mvis::services {

struct DateRange {
  std::string from, to;  // "" when open
};

// Errors: date_invalid (field date_from or date_to) for anything but a real YYYY-MM-DD date.
inline Status CheckDateRange(const DateRange& range) {
  for (auto [text, field] : {std::pair{&range.from, "date_from"}, {&range.to, "date_to"}}) {
    if (!text->empty() && (text->size() != 10 || !domain::DayNumber(*text)))
      return InvalidField(field, "date_invalid", "日期格式应为 YYYY-MM-DD");
  }
  return {};
}

}  // namespace mvis::services
