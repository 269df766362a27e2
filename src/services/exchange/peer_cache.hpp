// What the inbound T/CEC path remembers between requests, per server: the active operator
// accounts with their opened secrets, the tokens seen valid, and the time-of-use tariffs per
// operator. An account or token taken from here is confirmed inside the request's write
// transaction (status, sealed secrets, token unexpired: ExchangeService::Receive), so a rotation
// or a disabling on another server is seen by the next request; tariffs are kept for
// kTariffSeconds (the batch run judges rule 2 again with the tariffs known then).
//
// Thread safety: any thread (one mutex; every operation is a map lookup or insert).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/charge_order_rules.hpp"
#include "exchange/tcec_codec.hpp"
#include "store/exchange_store.hpp"

namespace mvis::services {

class PeerCache {
 public:
  struct Peer {
    store::TcecOperatorRow op;
    std::string operator_secret;
    exchange::tcec::Secrets secrets;
  };
  static constexpr int64_t kTariffSeconds = 60;
  static constexpr size_t kMaxTokens = 100000;

  std::optional<Peer> FindPeer(const std::string& operator_id) {
    std::lock_guard lock(mu_);
    auto it = peers_.find(operator_id);
    return it == peers_.end() ? std::nullopt : std::optional<Peer>(it->second);
  }
  void KeepPeer(const Peer& p) {
    std::lock_guard lock(mu_);
    peers_[p.op.operator_id] = p;
  }

  std::optional<int64_t> TokenHolder(const std::string& token_hash, int64_t now) {
    std::lock_guard lock(mu_);
    auto it = tokens_.find(token_hash);
    if (it == tokens_.end() || it->second.second <= now) return std::nullopt;
    return it->second.first;
  }
  void KeepToken(const std::string& token_hash, int64_t operator_ref, int64_t expires_at,
                 int64_t now) {
    std::lock_guard lock(mu_);
    if (tokens_.size() >= kMaxTokens)
      std::erase_if(tokens_, [now](const auto& t) { return t.second.second <= now; });
    if (tokens_.size() < kMaxTokens) tokens_[token_hash] = {operator_ref, expires_at};
  }

  std::optional<std::vector<domain::Tariff>> Tariffs(int64_t operator_ref, int64_t now) {
    std::lock_guard lock(mu_);
    auto it = tariffs_.find(operator_ref);
    if (it == tariffs_.end() || it->second.first + kTariffSeconds <= now) return std::nullopt;
    return it->second.second;
  }
  void KeepTariffs(int64_t operator_ref, std::vector<domain::Tariff> tariffs, int64_t now) {
    std::lock_guard lock(mu_);
    tariffs_[operator_ref] = {now, std::move(tariffs)};
  }

  // An account, a token or a tariff changed on this server (or a confirmation failed).
  void Clear() {
    std::lock_guard lock(mu_);
    peers_.clear();
    tokens_.clear();
    tariffs_.clear();
  }

 private:
  std::mutex mu_;
  std::map<std::string, Peer> peers_;                          // by OperatorID
  std::map<std::string, std::pair<int64_t, int64_t>> tokens_;  // hash → operator, expiry
  std::map<int64_t, std::pair<int64_t, std::vector<domain::Tariff>>> tariffs_;  // loaded at
};

}  // namespace mvis::services
