// The ingest's writer (order_writer.hpp).
#include "services/exchange/order_writer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace mvis::services {

OrderWriter::OrderWriter(store::Database& db) : db_(db), thread_([this] { Run(); }) {}

OrderWriter::~OrderWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void OrderWriter::Submit(Job job) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void OrderWriter::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    // Whatever has queued up while the previous batch was written.
    std::vector<Job> batch;
    while (!queue_.empty() && batch.size() < kMaxBatch) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    auto outcomes = Write(batch);
    if (!outcomes && batch.size() > 1) {
      // One order may have sunk the others: each alone.
      outcomes.emplace();
      for (auto& job : batch) {
        std::vector<Job> one;
        one.push_back(std::move(job));
        auto alone = Write(one);
        outcomes->push_back(alone ? alone->front() : Outcome::kFailed);
        job = std::move(one.front());
      }
    }
    for (size_t i = 0; i < batch.size(); ++i)
      batch[i].done(outcomes ? (*outcomes)[i] : Outcome::kFailed);
    lock.lock();
  }
}

std::optional<std::vector<OrderWriter::Outcome>> OrderWriter::Write(std::vector<Job>& batch) {
  auto written = db_.Write([&](store::Tx& tx) -> Result<std::vector<Outcome>> {
    store::PreferGenericPlans(tx);
    std::vector<Outcome> outcomes(batch.size(), Outcome::kStored);
    // What the request threads remembered (account, secrets, token) must still hold: once per
    // account and token in the batch.
    std::map<std::tuple<int64_t, std::string, std::string>, bool> peers;
    std::vector<store::EnvelopeToKeep> envelopes;
    std::vector<size_t> enveloped;
    for (size_t i = 0; i < batch.size(); ++i) {
      const auto& job = batch[i];
      const std::tuple key{job.envelope.operator_ref, job.secrets_sealed,
                           job.token_hash.value_or("")};
      auto peer = peers.find(key);
      if (peer == peers.end())
        peer = peers
                   .emplace(key, store::PeerStillValid(
                                     tx, job.envelope.operator_ref, job.secrets_sealed,
                                     job.token_hash ? &*job.token_hash : nullptr, job.now))
                   .first;
      if (!peer->second) {
        outcomes[i] = Outcome::kPeerChanged;
        continue;
      }
      envelopes.push_back(job.envelope);
      enveloped.push_back(i);
    }
    const int64_t now =
        std::max_element(batch.begin(), batch.end(), [](const Job& a, const Job& b) {
          return a.now < b.now;
        })->now;
    const auto kept = store::KeepTcecEnvelopes(tx, envelopes, now);
    std::vector<exchange_internal::ArrivingOrder> arriving;
    for (size_t e = 0; e < enveloped.size(); ++e) {
      auto& job = batch[enveloped[e]];
      if (!kept[e]) {
        outcomes[enveloped[e]] = Outcome::kReplay;
        continue;
      }
      arriving.push_back({job.envelope.operator_ref, job.order, job.order_body, &job.tariffs});
    }
    exchange_internal::StoreAndJudgeMany(tx, arriving, now);  // an order sent before: stored once
    return outcomes;
  });
  if (!written) {
    spdlog::error("charge orders: a batch of {} failed: {} {}", batch.size(), written.error().code,
                  written.error().detail);
    return std::nullopt;
  }
  return std::move(*written);
}

}  // namespace mvis::services
