// Data exchange with the city's EV charging supervision platform (T/CEC 102): operator accounts
// (the sysadmin issues the secrets, shown once), the inbound envelopes (query_token,
// notification_stationInfo) and the reconciliation of the platform's inventory with the filed
// chargers (找出在用未备案的充电桩). Envelopes are opened with exchange/tcec_codec.hpp.
//
// Thread safety: shared by all request threads (state lives in the database).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/charge_order_rules.hpp"
#include "services/core/context.hpp"
#include "services/core/secrets.hpp"
#include "store/exchange_store.hpp"

namespace mvis::services {

struct TcecOperatorInput {
  int64_t org_id = 0;
  // Each generated when empty (a peer's pre-agreed values can be entered).
  std::string operator_id, operator_secret, data_secret, data_secret_iv, sig_secret;
};

// The account as created: the only time the secrets are shown.
struct TcecOperatorIssued {
  int64_t id = 0, org_id = 0;
  std::string org_name, operator_id, operator_secret, data_secret, data_secret_iv, sig_secret;
};

struct TcecOperatorView {
  int64_t id = 0, org_id = 0;
  std::string org_name, operator_id, status;
  int64_t created_at = 0, rotated_at = 0;
};

class ExchangeService {
 public:
  ExchangeService(const ServiceContext& ctx, const SecretKeys& keys) : ctx_(ctx), keys_(keys) {}

  // Sysadmin. The enterprise must exist; the OperatorID defaults to the 9-character organisation
  // code inside its credit code. operator_exists (conflict) when the OperatorID is taken.
  Result<TcecOperatorIssued> CreateOperator(const Actor& actor, const TcecOperatorInput& in);
  Result<std::vector<TcecOperatorView>> ListOperators(const Actor& actor);

  // One inbound T/CEC request to `endpoint` (query_token | notification_stationInfo |
  // notification_charge_order_info) with its
  // Authorization header: always a T/CEC response {Ret, Msg, Data, Sig} (HTTP 200).
  nlohmann::json Receive(const std::string& endpoint, const std::string& authorization,
                         std::string_view body);

  // Findings of `kind` (unfiled | not_on_platform | mismatch) in the caller's districts, or in
  // `region_code` when given (which must be one of them).
  Result<store::Page<store::ReconciliationItem>> Reconciliation(const Actor& actor,
                                                                const std::string& kind,
                                                                const std::string& region_code,
                                                                const store::PageRequest& page);

  // Alerts of the charge-order rules in the caller's districts (or `region_code`), newest first;
  // `rule` narrows to one rule.
  Result<store::Page<store::ChargeAlertRow>> Alerts(const Actor& actor, const std::string& rule,
                                                    const std::string& region_code,
                                                    const store::PageRequest& page);

  static constexpr int64_t kTokenSeconds = 7200;

 private:
  // Stores a charge order once (per operator and StartChargeSeq) and, the first time, runs the
  // rules on it and keeps their alerts — in the caller's transaction.
  void RecordOrder(store::Tx& tx, int64_t operator_ref, const domain::ChargeOrder& order,
                   const nlohmann::json& data, int64_t now);
  // Regions the caller may read for `kind`, narrowed to `region_code`'s subtree when given.
  Result<std::vector<std::string>> Regions(const Actor& actor, domain::access::Kind kind,
                                           const std::string& region_code, store::Tx& tx);

  const ServiceContext& ctx_;
  const SecretKeys& keys_;
};

}  // namespace mvis::services
