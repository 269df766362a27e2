// 工作日历: working days for legal deadlines (a 双随机 result is published within 20 working
// days of the inspection's completion). Monday to Friday are working days and Saturday and
// Sunday are not, unless the calendar says otherwise: a public holiday (法定节假日) on a weekday,
// or an adjusted working day (调休上班) on a weekend.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mvis::domain {

enum class DayKind { kHoliday, kWorkday };
std::string_view ToString(DayKind k);  // holiday | workday
std::optional<DayKind> ParseDayKind(std::string_view s);

// Overrides of the weekday rule by ISO date.
using WorkCalendar = std::map<std::string, DayKind, std::less<>>;

inline constexpr int kPublicationWorkingDays = 20;     // 20 个工作日内公示
inline constexpr int kPublicationWarnWorkingDays = 5;  // on the to-do list this many days ahead

// 0 = Monday … 6 = Sunday. Precondition: a valid ISO date.
int Weekday(std::string_view iso_date);
bool IsWorkingDay(std::string_view iso_date, const WorkCalendar& calendar);
// The n-th working day after `iso_date` (n ≥ 1): the day itself does not count.
std::string AddWorkingDays(std::string_view iso_date, int n, const WorkCalendar& calendar);
// Working days d with from < d ≤ to (0 when to ≤ from).
int WorkingDaysBetween(std::string_view from, std::string_view to, const WorkCalendar& calendar);

}  // namespace mvis::domain
