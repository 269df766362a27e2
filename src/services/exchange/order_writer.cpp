// The ingest's writer (order_writer.hpp).
#include "services/exchange/order_writer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace mvis::services {

OrderWriter::OrderWriter(store::Database& db, int lanes) : db_(db) {
  for (int i = 0; i < std::max(lanes, 1); ++i) lanes_.push_back(std::make_unique<Lane>());
  for (auto& lane : lanes_) lane->thread = std::thread([this, l = lane.get()] { Run(*l); });
}

OrderWriter::~OrderWriter() {
  for (auto& lane : lanes_) {
    {
      std::lock_guard lock(lane->mu);
      lane->stop = true;
    }
    lane->wake.notify_one();
  }
  for (auto& lane : lanes_) lane->thread.join();
}

void OrderWriter::Submit(Job job) {
  Lane& lane = *lanes_[std::hash<std::string>{}(job.order.connector_id) % lanes_.size()];
  {
    std::lock_guard lock(lane.mu);
    lane.queue.push_back(std::move(job));
  }
  lane.wake.notify_one();
}

void OrderWriter::Run(Lane& lane) {
  std::unique_lock lock(lane.mu);
  for (;;) {
    lane.wake.wait(lock, [&] { return lane.stop || !lane.queue.empty(); });
    if (lane.queue.empty()) return;  // stopping, nothing left
    // Whatever has queued up while the previous batch was written.
    std::vector<Job> batch;
    while (!lane.queue.empty() && batch.size() < kMaxBatch) {
      batch.push_back(std::move(lane.queue.front()));
      lane.queue.pop_front();
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
    const int64_t now =
        std::max_element(batch.begin(), batch.end(), [](const Job& a, const Job& b) {
          return a.now < b.now;
        })->now;
    // The lookups the orders are judged by go first, with the envelopes' statement (one round
    // trip on PostgreSQL).
    std::vector<exchange_internal::ArrivingOrder> arriving;
    for (auto& job : batch)
      arriving.push_back({job.envelope.operator_ref, job.order, job.order_body, &job.tariffs});
    const auto lookups = exchange_internal::SendJudgingLookups(tx, arriving);
    // The envelopes kept per account and token remembered, which must still hold (checked as
    // they are kept): usually one group.
    std::map<std::tuple<int64_t, std::string, std::string>, std::vector<size_t>> peers;
    for (size_t i = 0; i < batch.size(); ++i)
      peers[{batch[i].envelope.operator_ref, batch[i].secrets_sealed,
             batch[i].token_hash.value_or("")}]
          .push_back(i);
    for (const auto& [peer, members] : peers) {
      std::vector<store::EnvelopeToKeep> envelopes;
      for (size_t i : members) envelopes.push_back(batch[i].envelope);
      const auto& first = batch[members.front()];
      const auto kept =
          store::KeepConfirmedTcecEnvelopes(tx, envelopes, first.secrets_sealed,
                                            first.token_hash ? &*first.token_hash : nullptr, now);
      for (size_t m = 0; m < members.size(); ++m) {
        if (kept[m] == store::EnvelopeKept::kKept) continue;
        arriving[members[m]].wanted = false;
        outcomes[members[m]] =
            kept[m] == store::EnvelopeKept::kReplay ? Outcome::kReplay : Outcome::kPeerChanged;
      }
    }
    // An order sent before is stored once.
    exchange_internal::StoreAndJudgeMany(tx, arriving, now, lookups);
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
