// Where every service reads the time: the system clock in production, a settable clock in tests
// (reminders, expiry and deadlines are tested by moving the clock, not by writing dates in the
// past).
//
// Thread safety: both clocks may be read from any thread; ManualClock may be moved while read.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace mvis::domain {

class Clock {
 public:
  virtual ~Clock() = default;
  // Unix seconds.
  virtual int64_t Now() const = 0;
  // The calendar date in China (UTC+8) of Now(), as YYYY-MM-DD.
  std::string Today() const;
};

class SystemClock final : public Clock {
 public:
  int64_t Now() const override;
};

// A clock that stands still until a test moves it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now) : now_(now) {}
  int64_t Now() const override { return now_.load(); }
  void Set(int64_t now) { now_.store(now); }
  void Advance(int64_t seconds) { now_.fetch_add(seconds); }
  void AdvanceDays(int64_t days) { Advance(days * 86400); }

 private:
  std::atomic<int64_t> now_;
};

// The process-wide system clock.
const Clock& SystemTime();

}  // namespace mvis::domain
