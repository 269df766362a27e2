#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace mvis::domain {
namespace {

TEST(Calendar, DayNumberOfValidDates) {
  struct Case {
    const char* date;
    int64_t day;
  };
  // Expected values from Python's datetime: (date(y, m, d) - date(1970, 1, 1)).days.
  const Case cases[] = {
      {"1970-01-01", 0},      {"1970-01-02", 1},     {"1969-12-31", -1},
      {"1900-01-01", -25567}, {"2000-01-01", 10957}, {"2000-02-29", 11016},
      {"2024-02-29", 19782},  {"2026-11-27", 20784}, {"2099-12-31", 47481},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.date);
    EXPECT_EQ(DayNumber(c.date), std::optional<int64_t>(c.day));
    EXPECT_EQ(DateOfDay(c.day), c.date);
  }
}

TEST(Calendar, DayNumberRejectsInvalidDates) {
  const char* cases[] = {
      "2026-02-29",  // 2026 is not a leap year
      "2100-02-29",  // divisible by 100, not by 400
      "1900-02-29",  // likewise
      "2026-04-31",  // April has 30 days
      "2026-06-31",  // June has 30 days
      "2026-13-01",  // month 13
      "2026-00-10",  // month 0
      "2026-01-00",  // day 0
      "2026-01-32",  // day 32
      "1899-12-31",  // before the supported range
      "",            // empty
      "2026-1-01",   // unpadded month
      "2026-01-1",   // unpadded day
      "2026/01/01",  // wrong separator
      "20260101",    // no separators
      "2026-01-01T00:00",
      " 2026-01-01",     // leading space
      "2026-01-01 ",     // trailing space
      "abcd-ef-gh",      // letters
      "2026-01-0a",      // a letter in the day
      "+026-01-01",      // a sign in the year
      "２０２６-01-01",  // full-width digits
  };
  for (const char* date : cases) {
    SCOPED_TRACE(date);
    EXPECT_FALSE(DayNumber(date).has_value());
  }
}

TEST(Calendar, DateOfDayRoundTripsEveryDayOfSeveralYears) {
  // 2023-01-01 .. 2029-12-31 covers a leap year (2024, 2028) and plain ones.
  int64_t first = *DayNumber("2023-01-01");
  int64_t last = *DayNumber("2029-12-31");
  for (int64_t day = first; day <= last; ++day) {
    std::string date = DateOfDay(day);
    ASSERT_EQ(DayNumber(date), std::optional<int64_t>(day)) << date;
  }
  EXPECT_EQ(last - first + 1, 7 * 365 + 2);
}

TEST(Calendar, AddMonthsClampsToTheEndOfAShorterMonth) {
  struct Case {
    const char* date;
    int months;
    const char* expected;
  };
  const Case cases[] = {
      {"2026-11-27", 0, "2026-11-27"},   {"2026-11-27", 1, "2026-12-27"},
      {"2026-12-15", 1, "2027-01-15"},   // across a year
      {"2026-11-27", 36, "2029-11-27"},  // a typical verification period
      {"2026-11-27", 12, "2027-11-27"},  {"2026-01-31", 1, "2026-02-28"},  // clamped, plain year
      {"2024-01-31", 1, "2024-02-29"},                                     // clamped, leap year
      {"2026-03-31", 1, "2026-04-30"},   {"2026-08-31", 1, "2026-09-30"},
      {"2026-08-31", 12, "2027-08-31"},  // August has 31 days every year
      {"2024-02-29", 12, "2025-02-28"},  // leap day, next year is plain
      {"2024-02-29", 36, "2027-02-28"},  {"2024-02-29", 48, "2028-02-29"},  // leap day to leap day
      {"2024-02-28", 12, "2025-02-28"},  {"2026-01-30", 1, "2026-02-28"},
      {"2026-01-29", 1, "2026-02-28"},   {"2026-01-28", 1, "2026-02-28"},
      {"2026-03-31", -1, "2026-02-28"},  // backwards, clamped
      {"2026-01-15", -1, "2025-12-15"},  // backwards across a year
      {"2026-05-31", -12, "2025-05-31"}, {"2026-11-27", 120, "2036-11-27"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.date) + " + " + std::to_string(c.months));
    EXPECT_EQ(AddMonths(c.date, c.months), c.expected);
  }
}

TEST(Calendar, AddDaysAcrossMonthsAndYears) {
  struct Case {
    const char* date;
    int64_t days;
    const char* expected;
  };
  const Case cases[] = {
      {"2026-05-10", 0, "2026-05-10"},
      {"2025-12-31", 1, "2026-01-01"},
      {"2026-01-01", -1, "2025-12-31"},
      {"2024-02-28", 1, "2024-02-29"},
      {"2024-02-29", 1, "2024-03-01"},
      {"2026-02-28", 1, "2026-03-01"},
      {"2026-03-01", -1, "2026-02-28"},
      {"2024-01-01", 365, "2024-12-31"},  // leap year: 366 days
      {"2025-01-01", 365, "2026-01-01"},
      {"2026-11-27", 30, "2026-12-27"},
      {"2026-12-15", 30, "2027-01-14"},
      {"2026-01-01", 1000, "2028-09-27"},
      {"2026-01-01", -1000, "2023-04-07"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.date) + " + " + std::to_string(c.days));
    EXPECT_EQ(AddDays(c.date, c.days), c.expected);
  }
}

TEST(Calendar, DaysBetweenIsSignedAndCountsLeapDays) {
  struct Case {
    const char* a;
    const char* b;
    int64_t days;
  };
  const Case cases[] = {
      {"2026-01-01", "2026-01-01", 0},     {"2025-12-31", "2026-01-01", 1},
      {"2026-01-01", "2025-12-31", -1},    {"2024-01-01", "2025-01-01", 366},
      {"2025-01-01", "2026-01-01", 365},   {"2024-02-28", "2024-03-01", 2},
      {"2026-02-28", "2026-03-01", 1},     {"2026-11-27", "2029-11-27", 1096},
      {"1970-01-01", "2000-01-01", 10957},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.a) + " → " + c.b);
    EXPECT_EQ(DaysBetween(c.a, c.b), c.days);
    EXPECT_EQ(DaysBetween(c.b, c.a), -c.days);
    EXPECT_EQ(AddDays(c.a, c.days), c.b);
  }
}

}  // namespace
}  // namespace mvis::domain
