// A per-client request budget (fixed one-minute windows) for the public, unauthenticated pages.
//
// Thread safety: Allow may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mvis::http {

class RateLimiter {
 public:
  // `per_minute` requests per client and minute; 0 allows everything.
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}

  // True when `client` may make one more request at `now_seconds` (and counts it).
  bool Allow(const std::string& client, int64_t now_seconds);

 private:
  struct Window {
    int64_t minute = 0;
    int count = 0;
  };
  int per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
  int64_t last_sweep_ = 0;
};

}  // namespace mvis::http
