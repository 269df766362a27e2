#include "services/core/scheduler.hpp"

namespace mvis::services {

Scheduler::Scheduler(std::vector<ScheduledJob> jobs, std::chrono::seconds every)
    : jobs_(std::move(jobs)), every_(every), thread_([this] { Loop(); }) {}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Scheduler::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    for (const auto& job : jobs_) job.run();
    lock.lock();
    cv_.wait_for(lock, every_, [this] { return stop_; });
  }
}

}  // namespace mvis::services
