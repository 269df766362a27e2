#include "domain/calendar.hpp"

#include <fmt/format.h>

#include <chrono>

#include "domain/instrument.hpp"

namespace mvis::domain {

namespace chr = std::chrono;

namespace {

chr::year_month_day Ymd(std::string_view iso) {
  int y = std::stoi(std::string(iso.substr(0, 4)));
  unsigned m = std::stoul(std::string(iso.substr(5, 2)));
  unsigned d = std::stoul(std::string(iso.substr(8, 2)));
  return chr::year_month_day{chr::year{y}, chr::month{m}, chr::day{d}};
}

std::string Format(chr::year_month_day ymd) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

}  // namespace

std::optional<int64_t> DayNumber(std::string_view iso_date) {
  if (!IsIsoDate(iso_date)) return std::nullopt;
  auto ymd = Ymd(iso_date);
  if (!ymd.ok()) return std::nullopt;
  return chr::sys_days{ymd}.time_since_epoch().count();
}

std::string DateOfDay(int64_t day) {
  return Format(chr::year_month_day{chr::sys_days{chr::days{day}}});
}

std::string AddMonths(std::string_view iso_date, int months) {
  auto ymd = Ymd(iso_date) + chr::months{months};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / chr::last;
  return Format(ymd);
}

std::string AddDays(std::string_view iso_date, int64_t days) {
  return DateOfDay(*DayNumber(iso_date) + days);
}

int64_t DaysBetween(std::string_view a, std::string_view b) {
  return *DayNumber(b) - *DayNumber(a);
}

}  // namespace mvis::domain
