#include "http/rate_limiter.hpp"

#include <iterator>

namespace mvis::http {

bool RateLimiter::Allow(const std::string& client, int64_t now_seconds) {
  if (per_minute_ <= 0) return true;
  const int64_t minute = now_seconds / 60;
  std::lock_guard lock(mu_);
  if (minute != last_sweep_) {  // forget the clients of past minutes
    for (auto it = windows_.begin(); it != windows_.end();)
      it = it->second.minute < minute ? windows_.erase(it) : std::next(it);
    last_sweep_ = minute;
  }
  Window& w = windows_[client];
  if (w.minute != minute) w = {minute, 0};
  if (w.count >= per_minute_) return false;
  ++w.count;
  return true;
}

}  // namespace mvis::http
