// The ingest's writer: charge orders arriving through notification_charge_order_info, their
// envelopes opened with what the server remembered (PeerCache), are queued here, and one thread
// stores and judges what has queued up together — up to kMaxBatch orders in one transaction of a
// few statements (the accounts confirmed, the envelopes kept, the chargers, the orders, their
// neighbours on the connector, the alerts; exchange_internal::StoreAndJudgeMany) — then tells
// each request how it went. A request is answered only after its transaction has committed, so
// ConfirmResult 0 still means "stored"; what changes is that 16 concurrent notifications cost
// one transaction instead of 16.
//
// One writer (lane) by default, on both databases. On PostgreSQL a batch takes three round trips
// (the lookups with the envelopes, the orders, the alerts with the commit: see Tx::Send and
// Tx::Defer), and a second lane working at once made batches smaller and cost more than it
// gained (docs/performance.md). With several lanes an order goes to the lane of its
// ConnectorID, so that orders of one connector are still stored one after the other (each sees
// the earlier ones: the overlap rule).
//
// If a batch's transaction fails, each of its orders is tried again alone, so that one bad order
// fails only itself.
//
// Thread safety: Submit from any thread; `done` runs on the writer's thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "services/exchange/exchange_internal.hpp"
#include "store/database.hpp"

namespace mvis::services {

class OrderWriter {
 public:
  // kStored: kept (or sent before: stored once); kReplay: the envelope was seen before;
  // kPeerChanged: the account or token remembered no longer holds (judge again on fresh ones);
  // kFailed: the database failed.
  enum class Outcome { kStored, kReplay, kPeerChanged, kFailed };

  struct Job {
    store::EnvelopeToKeep envelope;
    std::string secrets_sealed;             // as remembered: confirmed in the transaction
    std::optional<std::string> token_hash;  // likewise
    domain::ChargeOrder order;
    std::string order_body;  // the Data as received (JSON)
    std::vector<domain::Tariff> tariffs;
    int64_t now = 0;
    std::function<void(Outcome)> done;
  };

  static constexpr size_t kMaxBatch = store::kOrdersPerStatement;

  explicit OrderWriter(store::Database& db, int lanes = 1);
  // Finishes the queued orders, then stops.
  ~OrderWriter();
  OrderWriter(const OrderWriter&) = delete;
  OrderWriter& operator=(const OrderWriter&) = delete;

  void Submit(Job job);

 private:
  struct Lane {
    std::mutex mu;
    std::condition_variable wake;
    std::deque<Job> queue;
    bool stop = false;
    std::thread thread;
  };
  void Run(Lane& lane);
  // One transaction for `batch`: each job's outcome (nullopt: the transaction failed).
  std::optional<std::vector<Outcome>> Write(std::vector<Job>& batch);

  store::Database& db_;
  std::vector<std::unique_ptr<Lane>> lanes_;
};

}  // namespace mvis::services
