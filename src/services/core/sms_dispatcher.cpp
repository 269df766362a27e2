#include "services/core/sms_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "store/notifications_store.hpp"

namespace mvis::services {

SmsDispatcher::SmsDispatcher(store::Database& db, const domain::Clock& clock,
                             const SecretKeys& keys, std::unique_ptr<io::SmsProvider> provider)
    : db_(db), clock_(clock), keys_(keys), provider_(std::move(provider)) {}

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
  constexpr int64_t kClaimSeconds = 120;  // longer than one provider call may take
  const int64_t start = clock_.Now();
  auto due = db_.Read([&](store::Tx& tx) -> Result<std::vector<store::NotificationRow>> {
    return store::DueSms(tx, start, 50);
  });
  if (!due) return 0;
  int handled = 0;
  for (const auto& n : *due) {
    auto claimed = db_.Write([&](store::Tx& tx) -> Result<bool> {
      return store::ClaimSms(tx, n.id, clock_.Now(), clock_.Now() + kClaimSeconds);
    });
    if (!claimed || !*claimed) continue;  // another dispatcher has it
    std::string text = n.body;
    Status sent;
    if (!n.sealed_body.empty()) {
      auto opened = keys_.Open(n.sealed_body);
      if (opened)
        text = std::move(*opened);
      else
        sent = std::unexpected(opened.error());
    }
    if (sent) sent = provider_->Send(io::SmsMessage{n.id, n.phone, text});
    int attempts = n.attempts + 1;
    int64_t now = clock_.Now();
    auto status = sent ? provider_->DeliveredStatus()
                       : (attempts >= kMaxAttempts ? domain::DeliveryStatus::kFailed
                                                   : domain::DeliveryStatus::kPending);
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
