#include "domain/clock.hpp"

#include <chrono>

#include "domain/time.hpp"

namespace mvis::domain {

std::string Clock::Today() const { return ChinaDate(Now()); }

int64_t SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const Clock& SystemTime() {
  static const SystemClock clock;
  return clock;
}

}  // namespace mvis::domain
