// Data exchange with the city's EV charging supervision platform (T/CEC 102): operator accounts
// (the sysadmin issues the secrets, shown once), the inbound envelopes (query_token,
// notification_stationInfo) and the reconciliation of the platform's inventory with the filed
// chargers (找出在用未备案的充电桩). Envelopes are opened with exchange/tcec_codec.hpp.
//
// Thread safety: shared by all request threads (state lives in the database).
#pragma once

#include <functional>
#include <istream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/charge_order_rules.hpp"
#include "domain/object_event.hpp"
#include "services/core/context.hpp"
#include "services/core/secrets.hpp"
#include "store/exchange_store.hpp"

namespace mvis::services {

class InspectionService;
class JobRunner;
class PlatformPull;
class OrderWriter;
class PeerCache;
struct InspectionTaskInput;

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

struct AlertQuery {
  std::string rule, status, region_code, query;
};

// One alert with the order it was raised on (as received) and its triage timeline.
struct AlertView {
  store::ChargeAlertRow row;
  nlohmann::json order;
  std::vector<domain::ObjectEvent> events;
};

struct AlertInspection {
  AlertView alert;
  int64_t task_id = 0;
};

// A time-of-use tariff as entered: bands as "HH:MM" clock times ("24:00" ends the day).
struct TariffInput {
  std::optional<int64_t> operator_ref;  // the operator account; none: every operator
  std::string station_id, effective_from, effective_to, note;
  struct Band {
    std::string start, end;
    std::optional<double> elec_price;
  };
  std::vector<Band> bands;
};

// A registered meter key as the public check uses it: the key and what it belongs to.
struct PublicMeterKey {
  std::string public_key, curve, equipment_id, verification_state, valid_until;
};

struct OrderImportReport {
  int64_t lines = 0, stored = 0, duplicates = 0, rejected = 0, alerts = 0;
  std::vector<std::pair<int64_t, std::string>> errors;  // the first 20: line number, reason
};

struct AlertRunReport {
  bool already_done = false;  // the scheduled run of today had been claimed
  int64_t run_id = 0, orders = 0, alerts = 0;
  int64_t placed = 0;  // orders given the district their charger is known in now
  std::string error;   // why the run failed, "" when it ran
};

class ExchangeService {
 public:
  ExchangeService(const ServiceContext& ctx, const SecretKeys& keys, InspectionService& inspections,
                  JobRunner& jobs);
  ~ExchangeService();

  // mvis as a client of the city's platform (platform_pull.hpp).
  PlatformPull& platform() { return *platform_; }

  // Sysadmin. The enterprise must exist; the OperatorID defaults to the 9-character organisation
  // code inside its credit code. operator_exists (conflict) when the OperatorID is taken.
  Result<TcecOperatorIssued> CreateOperator(const Actor& actor, const TcecOperatorInput& in);
  Result<std::vector<TcecOperatorView>> ListOperators(const Actor& actor);
  // Sysadmin. New secrets for every value but the OperatorID, shown once; the old ones stop
  // working at once (and the account's tokens with them).
  Result<TcecOperatorIssued> RotateOperator(const Actor& actor, int64_t id);
  // Sysadmin. A disabled account's envelopes are refused (4003) and its tokens dropped.
  Result<TcecOperatorView> SetOperatorActive(const Actor& actor, int64_t id, bool active);

  // One inbound T/CEC request to `endpoint` (query_token | notification_stationInfo |
  // notification_stationStatus | notification_charge_order_info | check_charge_orders) with its
  // Authorization header: always a T/CEC response {Ret, Msg, Data, Sig} (HTTP 200).
  //
  // `reply` gets the answer exactly once, as a function that makes it (seals the response), to be
  // run on the thread that sends it: before Receive returns, or — a charge order opened with what
  // the server remembered, stored and judged with the others that queued up meanwhile
  // (order_writer.hpp) — from the writer's thread once its transaction has committed.
  using Answer = std::function<nlohmann::json()>;
  using Reply = std::function<void(Answer)>;
  void Receive(const std::string& endpoint, const std::string& authorization, std::string_view body,
               Reply reply);
  // The same, waiting for the answer.
  nlohmann::json Receive(const std::string& endpoint, const std::string& authorization,
                         std::string_view body);

  // Findings of `kind` (unfiled | not_on_platform | mismatch) in the caller's districts, or in
  // `region_code` when given (which must be one of them).
  Result<store::Page<store::ReconciliationItem>> Reconciliation(const Actor& actor,
                                                                const std::string& kind,
                                                                const std::string& region_code,
                                                                const store::PageRequest& page);

  // Sends the enterprise `org_id` a notice (inbox and SMS) listing its chargers found in use but
  // not filed in the caller's districts (or `region_code`), asking it to file them: how many it
  // lists (none: failed precondition nothing_to_notify).
  Result<int64_t> NotifyUnfiled(const Actor& actor, int64_t org_id, const std::string& region_code);

  // Alerts of the charge-order rules in the caller's districts (or `q.region_code`), newest
  // first, narrowed by rule, status and an EquipmentID / StartChargeSeq fragment.
  Result<store::Page<store::ChargeAlertRow>> Alerts(const Actor& actor, const AlertQuery& q,
                                                    const store::PageRequest& page);
  Result<AlertView> Alert(const Actor& actor, int64_t id);
  // Triage (the bureaus of the charger's district): dismiss with a reason, one or many (all or
  // nothing), or open a targeted inspection (线索核查) of the operator's enterprise from it, in one
  // transaction with the alert's step.
  Result<AlertView> DismissAlert(const Actor& actor, int64_t id, const std::string& reason);
  Result<int64_t> DismissAlerts(const Actor& actor, const std::vector<int64_t>& ids,
                                const std::string& reason);
  Result<AlertInspection> InspectAlert(const Actor& actor, int64_t id, InspectionTaskInput in);

  // Time-of-use tariffs (sysadmin): the data rule tariff_mismatch judges by.
  Result<std::vector<store::TariffRow>> ListTariffs(const Actor& actor);
  Result<store::TariffRow> CreateTariff(const Actor& actor, const TariffInput& in);
  Status DeleteTariff(const Actor& actor, int64_t id);

  // Batch runs of the rules over the orders starting on days [from, to] (at most 31 days): the
  // time-of-use rule again (with the tariffs known now) and the statistical rules; an order gets
  // at most one alert per rule. On demand (regulators; runs in the background, one at a time:
  // run_in_progress) and daily for yesterday (the scheduler).
  Result<store::AlertRunRow> StartAlertRun(const Actor& actor, const std::string& from,
                                           const std::string& to);
  Result<std::vector<store::AlertRunRow>> ListAlertRuns(const Actor& actor);
  Result<AlertRunReport> RunDailyRules();
  // A run over [from, to] from the command line (the server's operator, no one logged in), run
  // here and now; the same checks as StartAlertRun.
  Result<AlertRunReport> RunRulesNow(const std::string& from, const std::string& to);

  // Meter public keys (OCMF) of a filed charger, registered by its enterprise: at most one active
  // key per meter serial (meter_serial_taken); the curve is the key's.
  Result<std::vector<store::MeterKeyRow>> MeterKeys(const Actor& actor, int64_t instrument_id);
  Result<store::MeterKeyRow> RegisterMeterKey(const Actor& actor, int64_t instrument_id,
                                              const std::string& meter_serial,
                                              const std::string& public_key_hex);
  Status RevokeMeterKey(const Actor& actor, int64_t instrument_id, int64_t key_id);
  // Public: the active key of a meter serial.
  Result<std::optional<PublicMeterKey>> FindMeterKey(const std::string& meter_serial);

  // The bulk path (the CLI `mvis exchange import-orders`): the charge orders of the operator
  // account `operator_id` from a file the platform delivered — JSON Lines, one ChargeOrderInfo
  // each (the Data of notification_charge_order_info, the same lenient spellings) — stored once
  // and judged by the arrival rules like notifications, kOrdersPerImport per transaction; each
  // chunk as read is kept as evidence (tcec_envelopes, endpoint import_orders). Malformed lines
  // are rejected and listed, the others kept. not_found for an OperatorID without an account.
  Result<OrderImportReport> ImportOrders(const std::string& operator_id, std::istream& in,
                                         const std::function<void(int64_t)>& progress = {});

  static constexpr int64_t kTokenSeconds = 7200;
  static constexpr size_t kOrdersPerImport = 1000;

 private:
  // Regions the caller may read for `kind`, narrowed to `region_code`'s subtree when given.
  Result<std::vector<std::string>> Regions(const Actor& actor, domain::access::Kind kind,
                                           const std::string& region_code, store::Tx& tx);

  // Dismisses one alert in w's transaction (row lock, then a conditional update).
  Status Dismiss(Work& w, const Actor& actor, int64_t id, const std::string& reason);

  const ServiceContext& ctx_;
  const SecretKeys& keys_;
  // Runs the batch rules of run `run_id` and records its outcome.
  AlertRunReport RunRules(int64_t run_id, const std::string& from, const std::string& to);

  InspectionService& inspections_;
  JobRunner& jobs_;
  std::unique_ptr<PlatformPull> platform_;

  // Makes the month's partition of the orders unless known to exist
  // (store::EnsureChargeOrderMonth), outside the order's transaction; the months known are
  // remembered.
  bool EnsureOrderMonth(const std::string& month);
  // One inbound request: its answer; a null JSON when it was handed to the writer (which answers
  // through `reply`); nullopt when what `remembered` allowed to be taken from the cache turned
  // out stale (the caller asks again without it).
  std::optional<nlohmann::json> ReceiveOnce(const std::string& endpoint,
                                            const std::string& authorization, std::string_view body,
                                            bool remembered, const Reply& reply);
  std::unique_ptr<PeerCache> cache_;
  std::mutex months_mu_;
  std::set<std::string> months_;
  // Last: stopped (its queue finished) before anything it uses goes.
  std::unique_ptr<OrderWriter> writer_;
};

}  // namespace mvis::services
