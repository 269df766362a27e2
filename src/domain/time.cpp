#include "domain/time.hpp"

#include <ctime>

namespace mvis::domain {
namespace {

// `unix_seconds` shifted by `offset` seconds, formatted by strftime's `format` in UTC.
std::string Format(int64_t unix_seconds, int64_t offset, const char* format) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

constexpr int64_t kChinaOffset = 8 * 3600;

}  // namespace

std::string IsoUtc(int64_t unix_seconds) { return Format(unix_seconds, 0, "%Y-%m-%dT%H:%M:%SZ"); }

std::string ChinaDate(int64_t unix_seconds) {
  return Format(unix_seconds, kChinaOffset, "%Y-%m-%d");
}

std::string ChinaDateTime(int64_t unix_seconds) {
  return Format(unix_seconds, kChinaOffset, "%Y-%m-%d %H:%M:%S");
}

}  // namespace mvis::domain
