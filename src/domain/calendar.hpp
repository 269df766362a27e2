// Calendar arithmetic on ISO dates (YYYY-MM-DD), for verification periods and reminders.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mvis::domain {

// Days since 1970-01-01 of a valid ISO date, or nullopt.
std::optional<int64_t> DayNumber(std::string_view iso_date);
// The ISO date of a day number.
std::string DateOfDay(int64_t day);
// `iso_date` plus `months`, clamped to the last day of a shorter month (2024-02-29 + 12 →
// 2025-02-28). Precondition: a valid ISO date.
std::string AddMonths(std::string_view iso_date, int months);
std::string AddDays(std::string_view iso_date, int64_t days);
// b − a in days. Precondition: both valid ISO dates.
int64_t DaysBetween(std::string_view a, std::string_view b);

}  // namespace mvis::domain
