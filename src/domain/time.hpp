// Time formats: the store keeps unix seconds; the API shows ISO-8601 UTC; dates are China's
// (UTC+8). The current time comes from a Clock (domain/clock.hpp), never from here.
#pragma once

#include <cstdint>
#include <string>

namespace mvis::domain {

// 1764231660 -> "2025-11-27T08:21:00Z"
std::string IsoUtc(int64_t unix_seconds);
// The calendar date in China (UTC+8) of `unix_seconds`, as YYYY-MM-DD.
std::string ChinaDate(int64_t unix_seconds);
// The same moment as China's wall clock, "YYYY-MM-DD HH:MM:SS".
std::string ChinaDateTime(int64_t unix_seconds);

}  // namespace mvis::domain
