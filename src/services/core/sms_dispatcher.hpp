// Background delivery of the SMS outbox through an SmsProvider, with retries and exponential
// backoff. One dispatcher per process; it owns one thread between Start and Stop. Each message is
// claimed before it is sent, so dispatchers of several server instances never send one twice.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "domain/clock.hpp"
#include "io/sms_provider.hpp"
#include "services/core/secrets.hpp"
#include "store/database.hpp"

namespace mvis::services {

class SmsDispatcher {
 public:
  static constexpr int kMaxAttempts = 6;

  SmsDispatcher(store::Database& db, const domain::Clock& clock, const SecretKeys& keys,
                std::unique_ptr<io::SmsProvider> provider);
  ~SmsDispatcher();

  void Start();  // begins polling the outbox about once a second
  void Stop();   // waits for the thread to finish the message in hand
  void Wake();   // polls now (after queueing a message)

  // Sends every due message once; returns how many were handled. Public for tests and for
  // one-shot command-line use.
  int RunOnce();

  // Delay before attempt number `attempts + 1` after a failure: 5 s, 10 s, 20 s … capped at 1 h.
  static int64_t BackoffSeconds(int attempts);

 private:
  void Loop();

  store::Database& db_;
  const domain::Clock& clock_;
  const SecretKeys& keys_;
  std::unique_ptr<io::SmsProvider> provider_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool wake_ = false;
};

}  // namespace mvis::services
