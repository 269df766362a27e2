// A small pool of worker threads for long jobs (import parsing and validation) so that HTTP
// I/O threads stay free. Jobs run in submission order, `threads` at a time.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace mvis::services {

class JobRunner {
 public:
  explicit JobRunner(int threads = 2);
  ~JobRunner();  // finishes queued jobs, then joins

  // Queues `job`; the future becomes ready when it has run (exceptions are captured in it).
  std::future<void> Submit(std::function<void()> job);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::packaged_task<void()>> queue_;
  std::vector<std::thread> threads_;
  bool stop_ = false;
};

}  // namespace mvis::services
