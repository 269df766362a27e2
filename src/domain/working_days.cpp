#include "domain/working_days.hpp"

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"

namespace mvis::domain {

namespace {

constexpr EnumName<DayKind> kDayKinds[] = {{DayKind::kHoliday, "holiday"},
                                           {DayKind::kWorkday, "workday"}};

// 1970-01-01 (day 0) was a Thursday.
int WeekdayOfDay(int64_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }

bool IsWorkingDay(int64_t day, const WorkCalendar& calendar) {
  if (auto it = calendar.find(DateOfDay(day)); it != calendar.end())
    return it->second == DayKind::kWorkday;
  return WeekdayOfDay(day) < 5;
}

}  // namespace

std::string_view ToString(DayKind k) { return NameIn(kDayKinds, k); }
std::optional<DayKind> ParseDayKind(std::string_view s) { return ParseIn(kDayKinds, s); }

int Weekday(std::string_view iso_date) { return WeekdayOfDay(*DayNumber(iso_date)); }

bool IsWorkingDay(std::string_view iso_date, const WorkCalendar& calendar) {
  return IsWorkingDay(*DayNumber(iso_date), calendar);
}

std::string AddWorkingDays(std::string_view iso_date, int n, const WorkCalendar& calendar) {
  int64_t day = *DayNumber(iso_date);
  for (int counted = 0; counted < n;)
    if (IsWorkingDay(++day, calendar)) ++counted;
  return DateOfDay(day);
}

int WorkingDaysBetween(std::string_view from, std::string_view to, const WorkCalendar& calendar) {
  int count = 0;
  for (int64_t day = *DayNumber(from) + 1, last = *DayNumber(to); day <= last; ++day)
    if (IsWorkingDay(day, calendar)) ++count;
  return count;
}

}  // namespace mvis::domain
