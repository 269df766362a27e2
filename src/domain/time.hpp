// Wall-clock helpers: the store keeps unix seconds; the API shows ISO-8601 UTC.
#pragma once

#include <cstdint>
#include <string>

namespace mvis::domain {

int64_t NowSeconds();
// 1764231660 -> "2025-11-27T08:21:00Z"
std::string IsoUtc(int64_t unix_seconds);
// The calendar date in China (UTC+8) of `unix_seconds`, as YYYY-MM-DD.
std::string ChinaDate(int64_t unix_seconds);
// Today's date in China.
inline std::string TodayChina() { return ChinaDate(NowSeconds()); }

}  // namespace mvis::domain
