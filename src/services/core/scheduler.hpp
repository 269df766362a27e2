// Runs background jobs (verification reminders, housekeeping) once at start and then every hour.
// Jobs must be safe to run on several server instances at once (they claim their work in the
// database) and cheap when there is nothing to do.
//
// Thread safety: owns one thread between construction and destruction.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mvis::services {

struct ScheduledJob {
  std::string name;
  std::function<void()> run;  // logs its own outcome
};

class Scheduler {
 public:
  explicit Scheduler(std::vector<ScheduledJob> jobs,
                     std::chrono::seconds every = std::chrono::hours(1));
  ~Scheduler();  // waits for the job in hand

 private:
  void Loop();
  std::vector<ScheduledJob> jobs_;
  std::chrono::seconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace mvis::services
