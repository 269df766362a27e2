// Charge orders and what is kept about them (migrations 0021–0024): the orders, their alerts
// and triage, the time-of-use tariffs, the batch runs of the rules and the meters' public keys.
// Declared in exchange_store.hpp.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "store/exchange_store.hpp"
#include "store/sql_builder.hpp"

namespace mvis::store {

bool EnsureChargeOrderMonth(Tx& tx, const std::string& month) {
  const bool valid = month.size() == 7 && month[4] == '-' &&
                     std::all_of(month.begin(), month.end(),
                                 [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  if (!valid) return false;
  const int year = std::stoi(month.substr(0, 4)), mon = std::stoi(month.substr(5, 2));
  if (mon < 1 || mon > 12) return false;
  if (tx.backend() != Backend::kPostgres) return true;
  const std::string name = "charge_orders_" + month.substr(0, 4) + month.substr(5, 2);
  if (tx.QueryOne("SELECT 1 FROM pg_class WHERE relname = ? AND relkind = 'r'", {name}))
    return true;
  LockKey(tx, "charge_orders_partitions");
  char next[16];
  std::snprintf(next, sizeof next, "%04d-%02d", mon == 12 ? year + 1 : year,
                mon == 12 ? 1 : mon + 1);
  // The name and the bounds are digits checked above: safe to put in the statement.
  tx.Exec("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF charge_orders FOR VALUES FROM ('" +
          month + "') TO ('" + next + "')");
  return true;
}

std::map<std::string, std::pair<double, double>> OrderTotals(Tx& tx, int64_t operator_ref,
                                                             const std::vector<std::string>& seqs) {
  std::map<std::string, std::pair<double, double>> out;
  constexpr size_t kChunk = 500;  // bound parameters per statement
  for (size_t i = 0; i < seqs.size(); i += kChunk) {
    Where w;
    w.Add("operator_ref = ?", {operator_ref});
    w.AddIn("start_charge_seq",
            std::vector<std::string>(
                seqs.begin() + static_cast<std::ptrdiff_t>(i),
                seqs.begin() + static_cast<std::ptrdiff_t>(std::min(seqs.size(), i + kChunk))));
    for (const auto& r :
         tx.Query("SELECT start_charge_seq, total_power, total_money FROM charge_orders" + w.sql(),
                  w.params()))
      out[r.Str(0)] = {r.Real(1), r.Real(2)};
  }
  return out;
}

namespace {

constexpr char kAlertColumns[] =
    "SELECT a.id, a.order_ref, a.rule, a.equipment_id, a.start_charge_seq, a.region_code, "
    "a.evidence, a.status, a.created_at, COALESCE(r.name, ''), COALESCE(g.id, 0), "
    "COALESCE(g.name, ''), a.dismiss_reason, a.inspection_task_id, a.handled_by, a.handled_at";
constexpr char kAlertJoins[] =
    " FROM charge_alerts a JOIN charge_orders o ON o.id = a.order_ref"
    " JOIN tcec_operators t ON t.id = o.operator_ref LEFT JOIN orgs g ON g.id = t.org_id"
    " LEFT JOIN regions r ON r.code = a.region_code";

ChargeAlertRow AlertOf(const Row& r) {
  ChargeAlertRow a{r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Str(4),
                   r.Str(5), r.Str(6), r.Str(7), r.Int(8)};
  a.region_name = r.Str(9);
  a.org_id = r.Int(10);
  a.org_name = r.Str(11);
  a.dismiss_reason = r.Str(12);
  a.inspection_task_id = r.OptInt(13);
  a.handled_by = r.OptInt(14);
  a.handled_at = r.OptInt(15);
  return a;
}

}  // namespace

Page<ChargeAlertRow> ListChargeAlerts(Tx& tx, const ChargeAlertFilter& f, const PageRequest& page) {
  Where w;
  w.AddIn("a.region_code", f.regions);
  if (!f.rule.empty()) w.Add("a.rule = ?", {f.rule});
  if (!f.status.empty()) w.Add("a.status = ?", {f.status});
  if (!f.query.empty())
    w.Add(
        "(LOWER(a.equipment_id) LIKE ? ESCAPE '!' OR LOWER(a.start_charge_seq) LIKE ? ESCAPE '!')",
        {LikePattern(f.query), LikePattern(f.query)});
  Page<ChargeAlertRow> out;
  if (auto n = tx.QueryOne("SELECT COUNT(*) FROM charge_alerts a" + w.sql(), w.params()))
    out.total = n->Int(0);
  auto params = w.params();
  params.emplace_back(int64_t{page.page_size});
  params.emplace_back(page.offset());
  for (const auto& r : tx.Query(std::string(kAlertColumns) + kAlertJoins + w.sql() +
                                    " ORDER BY a.id DESC LIMIT ? OFFSET ?",
                                params))
    out.items.push_back(AlertOf(r));
  return out;
}

std::optional<ChargeAlertRow> FindChargeAlert(Tx& tx, int64_t id, bool lock) {
  auto r = tx.QueryOne(std::string(kAlertColumns) + ", o.body" + kAlertJoins + " WHERE a.id = ?" +
                           (lock ? ForUpdate(tx, "a") : ""),
                       {id});
  if (!r) return std::nullopt;
  auto a = AlertOf(*r);
  a.order_body = r->Str(16);
  return a;
}

bool SetChargeAlertStatus(Tx& tx, int64_t id, const std::string& from, const std::string& to,
                          const std::string& reason, std::optional<int64_t> task_id,
                          int64_t user_id, int64_t now) {
  std::vector<Param> params{to, reason};
  if (task_id)
    params.emplace_back(*task_id);
  else
    params.emplace_back(nullptr);
  params.emplace_back(user_id);
  params.emplace_back(now);
  params.emplace_back(id);
  params.emplace_back(from);
  return tx.Exec(
             "UPDATE charge_alerts SET status = ?, dismiss_reason = ?, inspection_task_id = ?, "
             "handled_by = ?, handled_at = ? WHERE id = ? AND status = ?",
             params) == 1;
}

}  // namespace mvis::store

namespace mvis::store {

namespace {

std::string BandsJson(const std::vector<domain::TariffBand>& bands) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& b : bands) out.push_back({b.start_minute, b.end_minute, b.elec_price});
  return out.dump();
}

std::vector<domain::TariffBand> BandsOf(const std::string& text) {
  std::vector<domain::TariffBand> out;
  const auto bands = nlohmann::json::parse(text, nullptr, false);
  if (!bands.is_array()) return out;
  for (const auto& b : bands)
    if (b.is_array() && b.size() == 3 && b[0].is_number() && b[1].is_number() && b[2].is_number())
      out.push_back({b[0].get<int>(), b[1].get<int>(), b[2].get<double>()});
  return out;
}

constexpr char kTariffColumns[] =
    "SELECT t.id, COALESCE(t.operator_ref, 0), t.station_id, t.effective_from, t.effective_to, "
    "t.bands, COALESCE(o.operator_id, ''), COALESCE(g.name, ''), t.note, t.created_by, "
    "t.created_at FROM tou_tariffs t LEFT JOIN tcec_operators o ON o.id = t.operator_ref LEFT "
    "JOIN orgs g ON g.id = o.org_id";

TariffRow TariffOf(const Row& r) {
  TariffRow t;
  t.tariff = {r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Str(4), BandsOf(r.Str(5))};
  t.operator_id = r.Str(6);
  t.org_name = r.Str(7);
  t.note = r.Str(8);
  t.created_by = r.Int(9);
  t.created_at = r.Int(10);
  return t;
}

AlertRunRow RunOf(const Row& r) {
  return {r.Int(0), r.Str(1), r.Str(2),    r.Str(3), r.Str(4),    r.Int(5),
          r.Int(6), r.Str(7), r.OptInt(8), r.Int(9), r.OptInt(10)};
}

}  // namespace

int64_t InsertTariff(Tx& tx, const TariffRow& row) {
  const auto& t = row.tariff;
  return tx
      .QueryOne(
          "INSERT INTO tou_tariffs (operator_ref, station_id, effective_from, effective_to, "
          "bands, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {t.operator_ref ? Param(t.operator_ref) : Param(nullptr), t.station_id, t.effective_from,
           t.effective_to, BandsJson(t.bands), row.note, row.created_by, row.created_at})
      ->Int(0);
}

std::vector<TariffRow> ListTariffs(Tx& tx) {
  std::vector<TariffRow> out;
  for (const auto& r : tx.Query(std::string(kTariffColumns) +
                                " ORDER BY COALESCE(t.operator_ref, 0), t.station_id, "
                                "t.effective_from DESC, t.id"))
    out.push_back(TariffOf(r));
  return out;
}

bool DeleteTariff(Tx& tx, int64_t id) {
  return tx.Exec("DELETE FROM tou_tariffs WHERE id = ?", {id}) == 1;
}

std::vector<domain::Tariff> TariffsFor(Tx& tx, int64_t operator_ref) {
  std::vector<domain::Tariff> out;
  for (const auto& r :
       tx.Query(std::string(kTariffColumns) + " WHERE t.operator_ref IS NULL OR t.operator_ref = ?",
                {operator_ref}))
    out.push_back(TariffOf(r).tariff);
  return out;
}

std::optional<int64_t> StartAlertRun(Tx& tx, const AlertRunRow& row, int64_t stale_before) {
  LockKey(tx, "alert_runs");
  tx.Exec(
      "UPDATE alert_runs SET status = 'failed', error = 'interrupted', finished_at = ? WHERE "
      "status = 'running' AND started_at < ?",
      {row.started_at, stale_before});
  if (tx.QueryOne("SELECT id FROM alert_runs WHERE status = 'running'")) return std::nullopt;
  return tx
      .QueryOne(
          "INSERT INTO alert_runs (period_from, period_to, trigger_kind, status, created_by, "
          "started_at) VALUES (?, ?, ?, 'running', ?, ?) RETURNING id",
          {row.period_from, row.period_to, row.trigger_kind, OptParam(row.created_by),
           row.started_at})
      ->Int(0);
}

void FinishAlertRun(Tx& tx, int64_t id, const std::string& status, int64_t orders, int64_t alerts,
                    const std::string& error, int64_t now) {
  tx.Exec(
      "UPDATE alert_runs SET status = ?, orders = ?, alerts = ?, error = ?, finished_at = ? "
      "WHERE id = ?",
      {status, orders, alerts, error, now, id});
}

std::vector<AlertRunRow> ListAlertRuns(Tx& tx, int limit) {
  std::vector<AlertRunRow> out;
  for (const auto& r :
       tx.Query("SELECT id, period_from, period_to, trigger_kind, status, orders, alerts, error, "
                "created_by, started_at, finished_at FROM alert_runs ORDER BY id DESC LIMIT ?",
                {int64_t{limit}}))
    out.push_back(RunOf(r));
  return out;
}

std::vector<ScannedOrder> ScanOrders(Tx& tx, const std::string& from, const std::string& to,
                                     int64_t after_id, int64_t limit) {
  std::vector<ScannedOrder> out;
  out.reserve(static_cast<size_t>(std::max<int64_t>(0, std::min<int64_t>(limit, 100000))));
  for (auto& r : tx.Query(
           "SELECT id, operator_ref, start_charge_seq, connector_id, equipment_id, start_time, "
           "end_time, region_code, total_power, total_money, facts, CASE WHEN facts IS NULL THEN "
           "body ELSE '' END FROM charge_orders WHERE start_time >= ? AND start_time < ? AND id > "
           "? ORDER BY id LIMIT ?",
           {from, to + "~", after_id, limit})) {  // '~': after any time of the day `to`
    ScannedOrder o;
    o.id = r.Int(0);
    o.operator_ref = r.Int(1);
    o.start_charge_seq = r.Str(2);
    o.connector_id = r.Str(3);
    o.equipment_id = r.Str(4);
    o.start_time = r.Str(5);
    o.end_time = r.Str(6);
    o.region_code = r.Str(7);
    o.total_power = r.Real(8);
    o.total_money = r.Real(9);
    if (!r.IsNull(10)) o.facts = r.Str(10);
    o.body = r.Str(11);
    out.push_back(std::move(o));
  }
  return out;
}

bool PlaceOrder(Tx& tx, const OrderPlace& p) {
  // StartTime names the order's month (its partition on PostgreSQL).
  if (tx.Exec("UPDATE charge_orders SET region_code = ?, equipment_id = CASE WHEN equipment_id = "
              "'' THEN ? ELSE equipment_id END WHERE id = ? AND start_time = ? AND region_code = "
              "''",
              {p.region_code, p.equipment_id, p.order_ref, p.start_time}) != 1)
    return false;
  tx.Exec(
      "UPDATE charge_alerts SET region_code = ?, equipment_id = CASE WHEN equipment_id = '' "
      "THEN ? ELSE equipment_id END WHERE order_ref = ? AND region_code = ''",
      {p.region_code, p.equipment_id, p.order_ref});
  return true;
}

std::unordered_map<int64_t, OrderHead> OrderHeads(Tx& tx, const std::vector<int64_t>& ids) {
  std::unordered_map<int64_t, OrderHead> out;
  constexpr size_t kChunk = 500;  // bound parameters per statement
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    Where w;
    w.AddIn("id", std::vector<int64_t>(
                      ids.begin() + static_cast<std::ptrdiff_t>(i),
                      ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), i + kChunk))));
    for (const auto& r : tx.Query(
             "SELECT id, start_charge_seq, equipment_id, region_code FROM charge_orders" + w.sql(),
             w.params()))
      out[r.Int(0)] = {r.Str(1), r.Str(2), r.Str(3)};
  }
  return out;
}

std::vector<std::pair<std::string, int64_t>> OpenAlertsByRegion(Tx& tx, int64_t from, int64_t to) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& r : tx.Query(
           "SELECT region_code, COUNT(*) FROM charge_alerts WHERE status = 'open' AND created_at "
           ">= ? AND created_at < ? AND region_code <> '' GROUP BY region_code ORDER BY "
           "region_code",
           {from, to}))
    out.emplace_back(r.Str(0), r.Int(1));
  return out;
}

bool InsertChargeAlertOnce(Tx& tx, const ChargeAlertRow& a) {
  return tx.Exec(
             "INSERT INTO charge_alerts (order_ref, rule, equipment_id, start_charge_seq, "
             "region_code, evidence, status, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT "
             "EXISTS (SELECT 1 FROM charge_alerts WHERE order_ref = ? AND rule = ?)",
             {a.order_ref, a.rule, a.equipment_id, a.start_charge_seq, a.region_code, a.evidence,
              a.status, a.created_at, a.order_ref, a.rule}) == 1;
}

}  // namespace mvis::store

namespace mvis::store {

namespace {

constexpr char kMeterKeyColumns[] =
    "SELECT id, instrument_id, meter_serial, public_key, curve, status, created_by, created_at, "
    "revoked_at FROM meter_keys";

MeterKeyRow MeterKeyOf(const Row& r) {
  return {r.Int(0), r.Int(1), r.Str(2), r.Str(3),   r.Str(4),
          r.Str(5), r.Int(6), r.Int(7), r.OptInt(8)};
}

}  // namespace

std::optional<int64_t> InsertMeterKey(Tx& tx, const MeterKeyRow& row) {
  auto r = tx.QueryOne(
      "INSERT INTO meter_keys (instrument_id, meter_serial, public_key, curve, status, "
      "created_by, created_at) VALUES (?, ?, ?, ?, 'active', ?, ?) ON CONFLICT (meter_serial) "
      "WHERE status = 'active' DO NOTHING RETURNING id",
      {row.instrument_id, row.meter_serial, row.public_key, row.curve, row.created_by,
       row.created_at});
  if (!r) return std::nullopt;
  return r->Int(0);
}

std::vector<MeterKeyRow> MeterKeysOf(Tx& tx, int64_t instrument_id) {
  std::vector<MeterKeyRow> out;
  for (const auto& r :
       tx.Query(std::string(kMeterKeyColumns) + " WHERE instrument_id = ? ORDER BY status, id DESC",
                {instrument_id}))
    out.push_back(MeterKeyOf(r));
  return out;
}

bool RevokeMeterKey(Tx& tx, int64_t id, int64_t instrument_id, int64_t now) {
  return tx.Exec(
             "UPDATE meter_keys SET status = 'revoked', revoked_at = ? WHERE id = ? AND "
             "instrument_id = ? AND status = 'active'",
             {now, id, instrument_id}) == 1;
}

std::optional<MeterKeyRow> ActiveMeterKey(Tx& tx, const std::string& meter_serial) {
  auto r = tx.QueryOne(std::string(kMeterKeyColumns) +
                           " WHERE meter_serial = ? AND status = "
                           "'active'",
                       {meter_serial});
  if (!r) return std::nullopt;
  return MeterKeyOf(*r);
}

}  // namespace mvis::store
