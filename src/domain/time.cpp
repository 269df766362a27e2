#include "domain/time.hpp"

#include <ctime>

namespace mvis::domain {

std::string IsoUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string ChinaDate(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string ChinaDateTime(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[24];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace mvis::domain
