// Data exchange with the EV charging supervision platform (T/CEC 102; migration 0020): operator
// accounts and tokens, the envelopes kept as evidence, the platform's station and equipment
// inventory, and the reconciliation of that inventory with the filed chargers.
#pragma once

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/charge_order_rules.hpp"
#include "domain/charger_registry.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct TcecOperatorRow {
  int64_t id = 0;
  std::string operator_id;
  int64_t org_id = 0;
  std::string org_name;
  std::string secrets_sealed;
  std::string status;  // active | disabled
  int64_t created_by = 0, created_at = 0, rotated_at = 0;
};

// The new row's id; nullopt when the OperatorID is taken.
std::optional<int64_t> InsertTcecOperator(Tx& tx, const TcecOperatorRow& row);
std::optional<TcecOperatorRow> FindTcecOperator(Tx& tx, const std::string& operator_id);
std::optional<TcecOperatorRow> FindTcecOperatorById(Tx& tx, int64_t id);
std::vector<TcecOperatorRow> ListTcecOperators(Tx& tx);

// New sealed secrets for an account still holding `old_sealed` (false: changed meanwhile); its
// tokens are dropped.
bool RotateTcecSecrets(Tx& tx, int64_t id, const std::string& old_sealed,
                       const std::string& new_sealed, int64_t now);
// active ↔ disabled from `from` (false: no longer `from`); disabling drops the tokens.
bool SetTcecOperatorStatus(Tx& tx, int64_t id, const std::string& from, const std::string& to);

void InsertTcecToken(Tx& tx, const std::string& token_hash, int64_t operator_ref,
                     int64_t expires_at);
// The operator of an unexpired token.
std::optional<int64_t> TcecTokenOperator(Tx& tx, const std::string& token_hash, int64_t now);
// PostgreSQL: the prepared statements of this transaction keep their generic plans. Statements on
// the partitioned orders otherwise get a custom plan each time (its pruning looks cheaper), and
// planning costs about three times what running them does. No effect on SQLite.
void PreferGenericPlans(Tx& tx);
// Whether account `id` is still active with `secrets_sealed` and, when `token_hash` is given,
// that token still its own and unexpired (what a server remembered, confirmed in one query).
bool PeerStillValid(Tx& tx, int64_t id, const std::string& secrets_sealed,
                    const std::string* token_hash, int64_t now);
// PeerStillValid's condition, for a statement to check it itself, and its parameters.
std::string PeerValidSql(bool token);
std::vector<Param> PeerValidParams(int64_t id, const std::string& secrets_sealed,
                                   const std::string* token_hash, int64_t now);
// Drops expired tokens; returns how many.
int64_t PurgeTcecTokens(Tx& tx, int64_t now);

// Keeps an accepted envelope; false when its fingerprint was seen before (a replay).
bool KeepTcecEnvelope(Tx& tx, int64_t operator_ref, const std::string& endpoint,
                      const std::string& fingerprint, const std::string& body,
                      const std::string& body_sha256, int64_t now);
// The same for an envelope opened with what a server remembered, kept only while PeerStillValid
// holds (checked in the same statement: one round trip): kept, a replay, or kPeerChanged.
enum class EnvelopeKept { kKept, kReplay, kPeerChanged };
EnvelopeKept KeepConfirmedTcecEnvelope(Tx& tx, int64_t operator_ref, const std::string& endpoint,
                                       const std::string& fingerprint, const std::string& body,
                                       const std::string& body_sha256,
                                       const std::string& secrets_sealed,
                                       const std::string* token_hash, int64_t now);

struct PlatformStation {
  std::string station_id, name, address, area_code, region_code;
};
struct PlatformEquipment {
  std::string station_id, equipment_id, manufacturer, model, current, production_date, region_code;
  std::optional<double> power_kw;
  int64_t connectors = 0;
};
// Insert or update by (operator, StationID) and (operator, EquipmentID).
void UpsertPlatformStation(Tx& tx, int64_t operator_ref, const PlatformStation& s, int64_t now);
void UpsertPlatformEquipment(Tx& tx, int64_t operator_ref, const PlatformEquipment& e, int64_t now);

// The latest status of a connector (ConnectorStatusInfo.Status), per operator and ConnectorID.
void UpsertConnectorStatus(Tx& tx, int64_t operator_ref, const std::string& connector_id,
                           int64_t status, int64_t now);
std::optional<int64_t> ConnectorStatus(Tx& tx, int64_t operator_ref,
                                       const std::string& connector_id);

// One finding of the reconciliation.
struct ReconciliationItem {
  std::string kind;  // unfiled | not_on_platform | mismatch
  std::string equipment_id, region_code, station_id, station_name, address;
  int64_t org_id = 0;
  std::string org_name, operator_id;
  int64_t instrument_id = 0;  // the filed charger (not_on_platform, mismatch)
  // Platform values, then filed values (mismatch: which attributes differ).
  std::string platform_model, platform_current, filed_model, filed_current, filed_region_code;
  std::optional<double> platform_power_kw, filed_power_kw;
  std::vector<std::string> differences;  // power | model | current | district
};

// Findings of `kind` in `regions` (empty: none), ordered by district and EquipmentID.
//   unfiled: on the platform, no filed charger (submitted, returned, approved) with that
//            EquipmentID;
//   not_on_platform: filed chargers of an enterprise connected to the platform that the platform
//            does not list;
//   mismatch: both, with rated power (beyond 0.5 kW), model, AC/DC or district different.
Page<ReconciliationItem> ListReconciliation(Tx& tx, const std::string& kind,
                                            const std::vector<std::string>& regions,
                                            const PageRequest& page);

}  // namespace mvis::store

namespace mvis::store {

// What the rules need to know about the charger of an order: its district and rated power (the
// platform's record first, else the filing) and its standing in the registry at the order's
// StartTime.
struct OrderCharger {
  std::string equipment_id, region_code, station_id;
  std::string peer_group;  // the platform's manufacturer and model, "" unknown
  std::optional<double> rated_power_kw;
  bool filed = false;                           // at StartTime
  std::string verification_state, valid_until;  // of its filing at StartTime
};
struct StoredOrder {
  std::string start_charge_seq, connector_id, equipment_id, start_time, end_time, region_code, body;
  double total_power = 0, total_money = 0;
  std::optional<std::string> facts;  // domain::EncodeOrderFacts
};
// PostgreSQL keeps orders in one partition per month of StartTime (migration 0026): makes the
// partition of `month` (yyyy-MM) unless it exists, in its own transaction before the order's.
// Nothing to do on SQLite. false for a malformed month.
bool EnsureChargeOrderMonth(Tx& tx, const std::string& month);
// TotalPower and TotalMoney of the operator's orders among `seqs`, by StartChargeSeq.
std::map<std::string, std::pair<double, double>> OrderTotals(Tx& tx, int64_t operator_ref,
                                                             const std::vector<std::string>& seqs);
// The longest charge the overlap rule considers: an order that started earlier than this before
// another is not compared with it.
inline constexpr int64_t kMaxOrderHours = 48;

struct ChargeAlertRow {
  int64_t id = 0, order_ref = 0;
  std::string rule, equipment_id, start_charge_seq, region_code, evidence, status;
  int64_t created_at = 0;
  // Read only: the district's name, the operator's enterprise; the triage.
  std::string region_name;
  int64_t org_id = 0;
  std::string org_name, dismiss_reason;
  std::optional<int64_t> inspection_task_id, handled_by, handled_at;
  std::string order_body;  // FindChargeAlert only: the order as received
};

struct ChargeAlertFilter {
  std::vector<std::string> regions;  // empty: none
  std::string rule, status;
  std::string query;  // EquipmentID or StartChargeSeq, prefix
};
Page<ChargeAlertRow> ListChargeAlerts(Tx& tx, const ChargeAlertFilter& f, const PageRequest& page);
// With its order's body; `lock` takes the row lock (PostgreSQL: FOR UPDATE).
std::optional<ChargeAlertRow> FindChargeAlert(Tx& tx, int64_t id, bool lock = false);
// The triage of an open alert: false when it is no longer `from`.
bool SetChargeAlertStatus(Tx& tx, int64_t id, const std::string& from, const std::string& to,
                          const std::string& reason, std::optional<int64_t> task_id,
                          int64_t user_id, int64_t now);

}  // namespace mvis::store

namespace mvis::store {

// ---- time-of-use tariffs (migration 0023)
struct TariffRow {
  domain::Tariff tariff;
  std::string operator_id, org_name, note;  // operator_id "" for every operator
  int64_t created_by = 0, created_at = 0;
};
int64_t InsertTariff(Tx& tx, const TariffRow& row);
std::vector<TariffRow> ListTariffs(Tx& tx);
bool DeleteTariff(Tx& tx, int64_t id);
// The tariffs that may govern an operator's orders: its own and those for every operator.
std::vector<domain::Tariff> TariffsFor(Tx& tx, int64_t operator_ref);

// ---- batch runs of the rules
struct AlertRunRow {
  int64_t id = 0;
  std::string period_from, period_to, trigger_kind, status;
  int64_t orders = 0, alerts = 0;
  std::string error;
  std::optional<int64_t> created_by;
  int64_t started_at = 0;
  std::optional<int64_t> finished_at;
};
// A new running run; nullopt when one is running already (runs older than `stale_before` are
// marked failed first: their server stopped).
std::optional<int64_t> StartAlertRun(Tx& tx, const AlertRunRow& row, int64_t stale_before);
void FinishAlertRun(Tx& tx, int64_t id, const std::string& status, int64_t orders, int64_t alerts,
                    const std::string& error, int64_t now);
std::vector<AlertRunRow> ListAlertRuns(Tx& tx, int limit);

// An order of a period as a batch run reads it: its columns, and its facts
// (domain::EncodeOrderFacts) or, for an order stored without them, its body.
struct ScannedOrder {
  int64_t id = 0, operator_ref = 0;
  std::string start_charge_seq, connector_id, equipment_id, start_time, end_time, region_code;
  double total_power = 0, total_money = 0;
  std::optional<std::string> facts;
  std::string body;  // only without facts
};
// Orders starting on days [from, to] (yyyy-MM-dd), by id, after `after_id`, at most `limit`.
std::vector<ScannedOrder> ScanOrders(Tx& tx, const std::string& from, const std::string& to,
                                     int64_t after_id, int64_t limit);
// What an alert names of its order: StartChargeSeq, charger and district, for each of the
// orders `ids` that exists.
struct OrderHead {
  std::string start_charge_seq, equipment_id, region_code;
};
std::unordered_map<int64_t, OrderHead> OrderHeads(Tx& tx, const std::vector<int64_t>& ids);
// An order stored before its charger's district was known, placed now: the order and its
// alerts that still have no district get `region_code` (and the charger's EquipmentID where
// they had none). Whether the order was still unplaced.
struct OrderPlace {
  int64_t order_ref = 0;
  std::string start_time, region_code, equipment_id;
};
bool PlaceOrder(Tx& tx, const OrderPlace& place);

// What the platform reports of a charger (equipment, district, station, manufacturer and model,
// power), or what its filing says (district, rated power, verification state and validity).
struct ChargerFacts {
  std::string equipment_id, region_code, station_id, peer_group, verification_state, valid_until;
  std::optional<double> power_kw;
};
// An order's charger as it is looked up: by EquipmentID when the order names it, else the
// operator's equipment whose EquipmentID is the longest prefix of the ConnectorID (at most 64
// characters).
struct ChargerWanted {
  int64_t operator_ref = 0;
  std::string equipment_id, connector_id;
  std::string start;  // the order's StartTime: the registry is judged as it stood then
};
// The chargers orders may name: the platform's records, the latest filings and the registry's
// history (migration 0031). Find answers with the platform's record first (district, power,
// station), the latest filing for what the platform does not say, and the registry's verdict
// (filed, verification state, validity) as it stood at the order's StartTime: the latest filing's
// own when nothing changed since, else the charger's steps folded up to then.
struct PendingChargerDirectory;
class ChargerDirectory {
 public:
  OrderCharger Find(int64_t operator_ref, const std::string& equipment_id,
                    const std::string& connector_id, const std::string& start) const;

 private:
  friend ChargerDirectory LoadChargerDirectory(Tx& tx, int64_t since);
  friend ChargerDirectory TakeChargerDirectory(Tx& tx, const PendingChargerDirectory& sent);
  // The platform's record of the charger an order names (by EquipmentID, else by the longest
  // prefix of its ConnectorID); nullptr when the platform has not reported it.
  const ChargerFacts* PlatformOf(int64_t operator_ref, const std::string& equipment_id,
                                 const std::string& connector_id) const;
  struct Registry {
    std::optional<ChargerFacts> filed;  // the latest filing now
    int64_t changed_at = INT64_MIN;     // the latest step's time (INT64_MIN: none)
    bool history = false;               // `steps` loaded
    std::vector<domain::RegistryStep> steps;
  };
  std::unordered_map<std::string, ChargerFacts> platform_;  // operator_ref '/' EquipmentID
  std::unordered_map<std::string, Registry> registry_;      // EquipmentID
};
// Every charger (a batch run over a period), with the history of those whose registry changed
// after `since` (unix seconds: the period's first moment). For the others every order of the
// period started after their last change, so the latest filing is their state at StartTime.
ChargerDirectory LoadChargerDirectory(Tx& tx, int64_t since);

// ---- Arriving orders many at a time (the ingest's writer, the bulk path): a few statements for
// a batch whatever its size, each statement the same text for any batch of up to
// kOrdersPerStatement rows.

inline constexpr size_t kOrdersPerStatement = 32;

// The chargers the orders `wanted` may name (one query per operator): sent now (Tx::Send), so
// that it goes with the batch's first statement waited for, and taken when needed.
// Taking it also reads the history of the chargers whose registry changed after the StartTime of
// an order that names them (a query of its own, only then: orders mostly arrive minutes after
// they start).
struct PendingChargerDirectory {
  std::vector<std::pair<int64_t, Tx::Pending>> queries;  // per operator_ref
  std::vector<ChargerWanted> wanted;
};
PendingChargerDirectory SendChargerDirectory(Tx& tx, const std::vector<ChargerWanted>& wanted);
ChargerDirectory TakeChargerDirectory(Tx& tx, const PendingChargerDirectory& sent);

// Per input, the new order's id; nullopt when its operator sent that StartChargeSeq before (or
// earlier in `orders`).
std::vector<std::optional<int64_t>> InsertChargeOrders(
    Tx& tx, const std::vector<std::pair<int64_t, StoredOrder>>& orders, int64_t now);

// An order's times as the overlap rule compares them.
struct OrderSpan {
  int64_t id = 0;
  std::string start_charge_seq, start_time, end_time;
};
struct OverlapProbe {
  int64_t operator_ref = 0;
  std::string connector_id, start, end;
};
// Per probe, the orders of its connector overlapping [start, end) that started at most
// kMaxOrderHours before it (those stored when the lookup runs), earliest first; at most
// kMaxOverlapRows, those that end first.
inline constexpr size_t kMaxOverlapRows = 40;
// Sent now (Tx::Send) and taken when needed, like the directory.
struct PendingOrderSpans {
  size_t probes = 0;
  std::vector<std::pair<std::vector<size_t>, Tx::Pending>> chunks;  // probe positions, query
};
PendingOrderSpans SendOverlappingOrderSpans(Tx& tx, const std::vector<OverlapProbe>& probes);
std::vector<std::vector<OrderSpan>> TakeOverlappingOrderSpans(Tx& tx,
                                                              const PendingOrderSpans& sent);

void InsertChargeAlerts(Tx& tx, const std::vector<ChargeAlertRow>& alerts);

struct EnvelopeToKeep {
  int64_t operator_ref = 0;
  std::string endpoint, fingerprint, body, body_sha256;
};
// KeepConfirmedTcecEnvelope for envelopes of one account (operator_ref, secrets_sealed and
// token as remembered), in one statement while all goes well: each kept unless its fingerprint
// was seen before or earlier in `envelopes` (kReplay); all kPeerChanged when the account or
// token no longer holds.
std::vector<EnvelopeKept> KeepConfirmedTcecEnvelopes(Tx& tx,
                                                     const std::vector<EnvelopeToKeep>& envelopes,
                                                     const std::string& secrets_sealed,
                                                     const std::string* token_hash, int64_t now);

// Open alerts raised in [from, to) (unix seconds), per district: the bureaus' daily digest.
std::vector<std::pair<std::string, int64_t>> OpenAlertsByRegion(Tx& tx, int64_t from, int64_t to);
// Keeps an alert unless its order already has one of that rule; whether it was kept.
bool InsertChargeAlertOnce(Tx& tx, const ChargeAlertRow& a);

}  // namespace mvis::store

namespace mvis::store {

// ---- meter public keys (migration 0024)
struct MeterKeyRow {
  int64_t id = 0, instrument_id = 0;
  std::string meter_serial, public_key, curve, status;
  int64_t created_by = 0, created_at = 0;
  std::optional<int64_t> revoked_at;
};
// The new key's id; nullopt when the serial has an active key already.
std::optional<int64_t> InsertMeterKey(Tx& tx, const MeterKeyRow& row);
std::vector<MeterKeyRow> MeterKeysOf(Tx& tx, int64_t instrument_id);
bool RevokeMeterKey(Tx& tx, int64_t id, int64_t instrument_id, int64_t now);
std::optional<MeterKeyRow> ActiveMeterKey(Tx& tx, const std::string& meter_serial);

}  // namespace mvis::store
