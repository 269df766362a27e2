#include "services/core/sms_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "domain/time.hpp"
#include "store/notifications_store.hpp"

namespace mvis::services {

SmsDispatcher::SmsDispatcher(store::Database& db, std::unique_ptr<io::SmsProvider> provider)
    : db_(db), provider_(std::move(provider)) {}

SmsDispatcher::~SmsDispatcher() { Stop(); }

void SmsDispatcher::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void SmsDispatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SmsDispatcher::Wake() {
  {
    std::lock_guard lock(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

int64_t SmsDispatcher::BackoffSeconds(int attempts) {
  int64_t delay = 5;
  for (int i = 1; i < attempts && delay < 3600; ++i) delay *= 2;
  return std::min<int64_t>(delay, 3600);
}

int SmsDispatcher::RunOnce() {
  auto due = db_.Read([](store::Tx& tx) -> Result<std::vector<store::NotificationRow>> {
    return store::DueSms(tx, domain::NowSeconds(), 50);
  });
  if (!due) return 0;
  int handled = 0;
  for (const auto& n : *due) {
    auto sent = provider_->Send(io::SmsMessage{n.id, n.phone, n.body});
    int attempts = n.attempts + 1;
    int64_t now = domain::NowSeconds();
    std::string status =
        sent ? provider_->DeliveredStatus() : (attempts >= kMaxAttempts ? "failed" : "pending");
    auto recorded = db_.Write([&](store::Tx& tx) -> Status {
      store::RecordSmsAttempt(
          tx, n.id, status, attempts, sent ? now : now + BackoffSeconds(attempts),
          sent ? "" : sent.error().message, sent ? std::optional<int64_t>(now) : std::nullopt);
      return {};
    });
    if (!recorded) spdlog::error("sms {}: could not record the attempt", n.id);
    ++handled;
  }
  return handled;
}

void SmsDispatcher::Loop() {
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_ || wake_; });
      if (stop_) return;
      wake_ = false;
    }
    RunOnce();
  }
}

}  // namespace mvis::services
