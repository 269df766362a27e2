// The working-day calendar around a national-day holiday (expected dates checked with Python's
// datetime).
#include "domain/working_days.hpp"

#include <gtest/gtest.h>

namespace mvis::domain {
namespace {

// 国庆: 2026-10-01 … 07 off, Sunday 2026-09-27 and Saturday 2026-10-10 worked instead.
WorkCalendar NationalDay() {
  WorkCalendar c;
  for (int d = 1; d <= 7; ++d) c["2026-10-0" + std::to_string(d)] = DayKind::kHoliday;
  c["2026-09-27"] = DayKind::kWorkday;
  c["2026-10-10"] = DayKind::kWorkday;
  return c;
}

TEST(WorkingDays, WeekdaysOfKnownDates) {
  EXPECT_EQ(Weekday("1970-01-01"), 3);  // Thursday
  EXPECT_EQ(Weekday("1969-12-31"), 2);  // before the epoch
  EXPECT_EQ(Weekday("2000-02-29"), 1);
  EXPECT_EQ(Weekday("2024-12-30"), 0);
  EXPECT_EQ(Weekday("2026-09-27"), 6);
  EXPECT_EQ(Weekday("2026-10-01"), 3);
  EXPECT_EQ(Weekday("2026-10-10"), 5);
}

TEST(WorkingDays, TheCalendarOverridesTheWeekdayRule) {
  const WorkCalendar c = NationalDay();
  EXPECT_TRUE(IsWorkingDay("2026-09-25", c));   // Friday
  EXPECT_FALSE(IsWorkingDay("2026-09-26", c));  // Saturday
  EXPECT_TRUE(IsWorkingDay("2026-09-27", c));   // Sunday, adjusted
  EXPECT_FALSE(IsWorkingDay("2026-10-01", c));  // Thursday, holiday
  EXPECT_FALSE(IsWorkingDay("2026-10-05", c));  // Monday, holiday
  EXPECT_TRUE(IsWorkingDay("2026-10-08", c));
  EXPECT_TRUE(IsWorkingDay("2026-10-10", c));  // Saturday, adjusted
  EXPECT_FALSE(IsWorkingDay("2026-10-11", c));
  EXPECT_TRUE(IsWorkingDay("2026-10-01", {})) << "without the calendar, a Thursday";
}

TEST(WorkingDays, AddingSkipsTheHolidayAndCountsAdjustedDays) {
  const WorkCalendar c = NationalDay();
  EXPECT_EQ(AddWorkingDays("2026-09-30", 1, c), "2026-10-08");
  EXPECT_EQ(AddWorkingDays("2026-09-26", 1, c), "2026-09-27");
  EXPECT_EQ(AddWorkingDays("2026-10-09", 1, c), "2026-10-10");
  EXPECT_EQ(AddWorkingDays("2026-09-25", kPublicationWorkingDays, c), "2026-10-28");
  EXPECT_EQ(AddWorkingDays("2026-09-30", kPublicationWorkingDays, c), "2026-11-03");
  EXPECT_EQ(AddWorkingDays("2026-03-02", 20, {}), "2026-03-30");
}

TEST(WorkingDays, CountingBetweenExcludesTheStart) {
  const WorkCalendar c = NationalDay();
  EXPECT_EQ(WorkingDaysBetween("2026-09-25", "2026-10-12", c), 8);
  EXPECT_EQ(WorkingDaysBetween("2026-09-30", "2026-10-08", c), 1);
  EXPECT_EQ(WorkingDaysBetween("2026-09-26", "2026-09-27", c), 1);
  EXPECT_EQ(WorkingDaysBetween("2026-09-25", "2026-09-25", c), 0);
  EXPECT_EQ(WorkingDaysBetween("2026-10-12", "2026-09-25", c), 0);
  EXPECT_EQ(WorkingDaysBetween("2026-09-25", AddWorkingDays("2026-09-25", 20, c), c), 20);
}

TEST(WorkingDays, KindNamesRoundTrip) {
  for (DayKind k : {DayKind::kHoliday, DayKind::kWorkday}) EXPECT_EQ(ParseDayKind(ToString(k)), k);
  EXPECT_EQ(ToString(DayKind::kHoliday), "holiday");
  EXPECT_EQ(ParseDayKind("weekend"), std::nullopt);
}

}  // namespace
}  // namespace mvis::domain
