// T/CEC 102 exchange storage: see exchange_store.hpp.
#include "store/exchange_store.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "store/sql_builder.hpp"

namespace mvis::store {

namespace {

constexpr char kOperatorColumns[] =
    "SELECT t.id, t.operator_id, t.org_id, o.name, t.secrets_sealed, t.status, t.created_by, "
    "t.created_at, t.rotated_at FROM tcec_operators t JOIN orgs o ON o.id = t.org_id";

TcecOperatorRow OperatorOf(const Row& r) {
  return {r.Int(0), r.Str(1), r.Int(2), r.Str(3), r.Str(4), r.Str(5), r.Int(6), r.Int(7), r.Int(8)};
}

std::optional<double> OptReal(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Real(i);
}

Param OptParam(const std::optional<double>& v) { return v ? Param(*v) : Param(nullptr); }

constexpr char kFiled[] = "i.status IN ('submitted', 'returned', 'approved')";

// The condition under which a filed charger and the platform's record of it disagree.
constexpr char kDiffers[] =
    "((e.power_kw IS NOT NULL AND i.rated_power_kw IS NOT NULL AND "
    "ABS(e.power_kw - i.rated_power_kw) > 0.5) OR (e.model <> '' AND LOWER(TRIM(e.model)) <> "
    "LOWER(TRIM(i.model))) OR (e.current <> '' AND i.charger_current <> '' AND e.current <> "
    "i.charger_current) OR (e.region_code <> '' AND e.region_code <> i.install_region_code))";

}  // namespace

std::optional<int64_t> InsertTcecOperator(Tx& tx, const TcecOperatorRow& row) {
  auto r = tx.QueryOne(
      "INSERT INTO tcec_operators (operator_id, org_id, secrets_sealed, status, created_by, "
      "created_at, rotated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (operator_id) DO NOTHING "
      "RETURNING id",
      {row.operator_id, row.org_id, row.secrets_sealed, row.status, row.created_by, row.created_at,
       row.rotated_at});
  if (!r) return std::nullopt;
  return r->Int(0);
}

std::optional<TcecOperatorRow> FindTcecOperator(Tx& tx, const std::string& operator_id) {
  auto r = tx.QueryOne(std::string(kOperatorColumns) + " WHERE t.operator_id = ?", {operator_id});
  if (!r) return std::nullopt;
  return OperatorOf(*r);
}

std::optional<TcecOperatorRow> FindTcecOperatorById(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kOperatorColumns) + " WHERE t.id = ?", {id});
  if (!r) return std::nullopt;
  return OperatorOf(*r);
}

std::vector<TcecOperatorRow> ListTcecOperators(Tx& tx) {
  std::vector<TcecOperatorRow> out;
  for (const auto& r : tx.Query(std::string(kOperatorColumns) + " ORDER BY t.id"))
    out.push_back(OperatorOf(r));
  return out;
}

void InsertTcecToken(Tx& tx, const std::string& token_hash, int64_t operator_ref,
                     int64_t expires_at) {
  tx.Exec("INSERT INTO tcec_tokens (token_hash, operator_ref, expires_at) VALUES (?, ?, ?)",
          {token_hash, operator_ref, expires_at});
}

std::optional<int64_t> TcecTokenOperator(Tx& tx, const std::string& token_hash, int64_t now) {
  auto r =
      tx.QueryOne("SELECT operator_ref FROM tcec_tokens WHERE token_hash = ? AND expires_at > ?",
                  {token_hash, now});
  if (!r) return std::nullopt;
  return r->Int(0);
}

bool RotateTcecSecrets(Tx& tx, int64_t id, const std::string& old_sealed,
                       const std::string& new_sealed, int64_t now) {
  if (tx.Exec("UPDATE tcec_operators SET secrets_sealed = ?, rotated_at = ? WHERE id = ? AND "
              "secrets_sealed = ?",
              {new_sealed, now, id, old_sealed}) != 1)
    return false;
  tx.Exec("DELETE FROM tcec_tokens WHERE operator_ref = ?", {id});
  return true;
}

bool SetTcecOperatorStatus(Tx& tx, int64_t id, const std::string& from, const std::string& to) {
  if (tx.Exec("UPDATE tcec_operators SET status = ? WHERE id = ? AND status = ?", {to, id, from}) !=
      1)
    return false;
  if (to != "active") tx.Exec("DELETE FROM tcec_tokens WHERE operator_ref = ?", {id});
  return true;
}

int64_t PurgeTcecTokens(Tx& tx, int64_t now) {
  return tx.Exec("DELETE FROM tcec_tokens WHERE expires_at <= ?", {now});
}

bool KeepTcecEnvelope(Tx& tx, int64_t operator_ref, const std::string& endpoint,
                      const std::string& fingerprint, const std::string& body,
                      const std::string& body_sha256, int64_t now) {
  return tx.Exec(
             "INSERT INTO tcec_envelopes (operator_ref, endpoint, fingerprint, body, body_sha256, "
             "received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING",
             {operator_ref, endpoint, fingerprint, body, body_sha256, now}) == 1;
}

void UpsertPlatformStation(Tx& tx, int64_t operator_ref, const PlatformStation& s, int64_t now) {
  tx.Exec(
      "INSERT INTO platform_stations (operator_ref, station_id, name, address, area_code, "
      "region_code, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (operator_ref, "
      "station_id) DO UPDATE SET name = excluded.name, address = excluded.address, area_code = "
      "excluded.area_code, region_code = excluded.region_code, updated_at = excluded.updated_at",
      {operator_ref, s.station_id, s.name, s.address, s.area_code, s.region_code, now});
}

void UpsertPlatformEquipment(Tx& tx, int64_t operator_ref, const PlatformEquipment& e,
                             int64_t now) {
  tx.Exec(
      "INSERT INTO platform_equipment (operator_ref, station_id, equipment_id, manufacturer, "
      "model, current, power_kw, production_date, connectors, region_code, updated_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (operator_ref, equipment_id) DO UPDATE SET "
      "station_id = excluded.station_id, manufacturer = excluded.manufacturer, model = "
      "excluded.model, current = excluded.current, power_kw = excluded.power_kw, "
      "production_date = excluded.production_date, connectors = excluded.connectors, "
      "region_code = excluded.region_code, updated_at = excluded.updated_at",
      {operator_ref, e.station_id, e.equipment_id, e.manufacturer, e.model, e.current,
       OptParam(e.power_kw), e.production_date, e.connectors, e.region_code, now});
}

void UpsertConnectorStatus(Tx& tx, int64_t operator_ref, const std::string& connector_id,
                           int64_t status, int64_t now) {
  tx.Exec(
      "INSERT INTO platform_connector_status (operator_ref, connector_id, status, updated_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (operator_ref, connector_id) DO UPDATE SET status = "
      "excluded.status, updated_at = excluded.updated_at",
      {operator_ref, connector_id, status, now});
}

std::optional<int64_t> ConnectorStatus(Tx& tx, int64_t operator_ref,
                                       const std::string& connector_id) {
  auto r = tx.QueryOne(
      "SELECT status FROM platform_connector_status WHERE operator_ref = ? AND connector_id = ?",
      {operator_ref, connector_id});
  if (!r) return std::nullopt;
  return r->Int(0);
}

Page<ReconciliationItem> ListReconciliation(Tx& tx, const std::string& kind,
                                            const std::vector<std::string>& regions,
                                            const PageRequest& page) {
  std::string from, select;
  Where w;
  if (kind == "unfiled") {
    // Only the enterprise's own filings count: the platform's operator reports its chargers.
    select =
        "SELECT e.equipment_id, e.region_code, e.station_id, COALESCE(s.name, ''), "
        "COALESCE(s.address, ''), t.org_id, o.name, t.operator_id, 0, e.model, e.current, "
        "e.power_kw, '', '', '', NULL";
    from =
        " FROM platform_equipment e JOIN tcec_operators t ON t.id = e.operator_ref JOIN orgs o ON "
        "o.id = t.org_id LEFT JOIN platform_stations s ON s.operator_ref = e.operator_ref AND "
        "s.station_id = e.station_id";
    w.Add(std::string("NOT EXISTS (SELECT 1 FROM instruments i WHERE i.equipment_id = "
                      "e.equipment_id AND ") +
          kFiled + ")");
    w.AddIn("e.region_code", regions);
  } else if (kind == "not_on_platform") {
    select =
        "SELECT i.equipment_id, i.install_region_code, '', i.station_name, i.install_address, "
        "i.org_id, o.name, t.operator_id, i.id, '', '', NULL, i.model, i.charger_current, "
        "i.install_region_code, i.rated_power_kw";
    from =
        " FROM instruments i JOIN orgs o ON o.id = i.org_id JOIN tcec_operators t ON t.org_id = "
        "i.org_id AND t.status = 'active'";
    w.Add(kFiled);
    w.Add("i.mandatory = 1 AND i.charger_current <> ''");
    w.Add(
        "NOT EXISTS (SELECT 1 FROM platform_equipment e WHERE e.operator_ref = t.id AND "
        "e.equipment_id = i.equipment_id AND i.equipment_id <> '')");
    w.AddIn("i.install_region_code", regions);
  } else {
    select =
        "SELECT e.equipment_id, e.region_code, e.station_id, COALESCE(s.name, ''), "
        "COALESCE(s.address, ''), t.org_id, o.name, t.operator_id, i.id, e.model, e.current, "
        "e.power_kw, i.model, i.charger_current, i.install_region_code, i.rated_power_kw";
    from =
        " FROM platform_equipment e JOIN tcec_operators t ON t.id = e.operator_ref JOIN orgs o ON "
        "o.id = t.org_id LEFT JOIN platform_stations s ON s.operator_ref = e.operator_ref AND "
        "s.station_id = e.station_id JOIN instruments i ON i.equipment_id = e.equipment_id AND "
        "i.org_id = t.org_id";
    w.Add(kFiled);
    w.Add(kDiffers);
    w.AddIn("i.install_region_code", regions);
  }
  Page<ReconciliationItem> out;
  if (auto n = tx.QueryOne("SELECT COUNT(*)" + from + w.sql(), w.params())) out.total = n->Int(0);
  auto params = w.params();
  params.emplace_back(int64_t{page.page_size});
  params.emplace_back(page.offset());
  for (const auto& r :
       tx.Query(select + from + w.sql() + " ORDER BY 2, 1, 9 LIMIT ? OFFSET ?", params)) {
    ReconciliationItem it;
    it.kind = kind;
    it.equipment_id = r.Str(0);
    it.region_code = r.Str(1);
    it.station_id = r.Str(2);
    it.station_name = r.Str(3);
    it.address = r.Str(4);
    it.org_id = r.Int(5);
    it.org_name = r.Str(6);
    it.operator_id = r.Str(7);
    it.instrument_id = r.Int(8);
    it.platform_model = r.Str(9);
    it.platform_current = r.Str(10);
    it.platform_power_kw = OptReal(r, 11);
    it.filed_model = r.Str(12);
    it.filed_current = r.Str(13);
    it.filed_region_code = r.Str(14);
    it.filed_power_kw = OptReal(r, 15);
    if (kind == "mismatch") {
      auto trimmed_lower = [](std::string s) {
        while (!s.empty() && s.back() == ' ') s.pop_back();
        while (!s.empty() && s.front() == ' ') s.erase(s.begin());
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
      };
      if (it.platform_power_kw && it.filed_power_kw &&
          std::fabs(*it.platform_power_kw - *it.filed_power_kw) > 0.5)
        it.differences.push_back("power");
      if (!it.platform_model.empty() &&
          trimmed_lower(it.platform_model) != trimmed_lower(it.filed_model))
        it.differences.push_back("model");
      if (!it.platform_current.empty() && !it.filed_current.empty() &&
          it.platform_current != it.filed_current)
        it.differences.push_back("current");
      if (!it.region_code.empty() && it.region_code != it.filed_region_code)
        it.differences.push_back("district");
    }
    out.items.push_back(std::move(it));
  }
  return out;
}

}  // namespace mvis::store

namespace mvis::store {

OrderCharger FindOrderCharger(Tx& tx, int64_t operator_ref, const std::string& equipment_id,
                              const std::string& connector_id) {
  OrderCharger out;
  std::optional<Row> platform;
  if (!equipment_id.empty())
    platform = tx.QueryOne(
        "SELECT equipment_id, region_code, power_kw, station_id FROM platform_equipment WHERE "
        "operator_ref = ? AND equipment_id = ?",
        {operator_ref, equipment_id});
  else
    platform = tx.QueryOne(
        "SELECT equipment_id, region_code, power_kw, station_id FROM platform_equipment WHERE "
        "operator_ref = ? AND substr(?, 1, length(equipment_id)) = equipment_id ORDER BY "
        "length(equipment_id) DESC LIMIT 1",
        {operator_ref, connector_id});
  out.equipment_id = platform ? platform->Str(0) : equipment_id;
  if (platform) {
    out.region_code = platform->Str(1);
    out.rated_power_kw = OptReal(*platform, 2);
    out.station_id = platform->Str(3);
  }
  if (out.equipment_id.empty()) return out;
  auto filed = tx.QueryOne(
      "SELECT i.install_region_code, i.rated_power_kw, i.verification_state, i.valid_until FROM "
      "instruments i WHERE i.equipment_id = ? AND " +
          std::string(kFiled) + " ORDER BY i.id DESC LIMIT 1",
      {out.equipment_id});
  if (filed) {
    out.filed = true;
    if (out.region_code.empty()) out.region_code = filed->Str(0);
    if (!out.rated_power_kw) out.rated_power_kw = OptReal(*filed, 1);
    out.verification_state = filed->Str(2);
    out.valid_until = filed->Str(3);
  }
  return out;
}

std::optional<int64_t> InsertChargeOrder(Tx& tx, int64_t operator_ref, const StoredOrder& o,
                                         int64_t now) {
  auto r = tx.QueryOne(
      "INSERT INTO charge_orders (operator_ref, start_charge_seq, connector_id, equipment_id, "
      "start_time, end_time, total_power, total_money, region_code, body, received_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (operator_ref, start_charge_seq) DO NOTHING "
      "RETURNING id",
      {operator_ref, o.start_charge_seq, o.connector_id, o.equipment_id, o.start_time, o.end_time,
       o.total_power, o.total_money, o.region_code, o.body, now});
  if (!r) return std::nullopt;
  return r->Int(0);
}

std::vector<std::string> OverlappingOrders(Tx& tx, int64_t operator_ref,
                                           const std::string& connector_id,
                                           const std::string& start, const std::string& end,
                                           int64_t except_id) {
  // Only orders that started at most kMaxOrderHours before this one are looked at, so that the
  // index range stays a few rows however long the connector's history.
  std::vector<std::string> out;
  const auto from = domain::OrderSeconds(start);
  if (!from) return out;
  const std::string earliest = domain::OrderTimeText(*from - kMaxOrderHours * 3600);
  for (const auto& r :
       tx.Query("SELECT body FROM charge_orders WHERE operator_ref = ? AND connector_id = ? AND "
                "start_time >= ? AND start_time < ? AND end_time > ? AND id <> ? ORDER BY "
                "start_time LIMIT 20",
                {operator_ref, connector_id, earliest, end, start, except_id}))
    out.push_back(r.Str(0));
  return out;
}

void InsertChargeAlert(Tx& tx, const ChargeAlertRow& a) {
  tx.Exec(
      "INSERT INTO charge_alerts (order_ref, rule, equipment_id, start_charge_seq, region_code, "
      "evidence, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {a.order_ref, a.rule, a.equipment_id, a.start_charge_seq, a.region_code, a.evidence, a.status,
       a.created_at});
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

std::vector<BatchOrder> OrdersOfPeriod(Tx& tx, const std::string& from, const std::string& to,
                                       bool bodies, int64_t after_id, int64_t limit) {
  std::vector<BatchOrder> out;
  for (const auto& r : tx.Query(
           "SELECT o.id, o.start_charge_seq, o.equipment_id, COALESCE(e.manufacturer || ' ' || "
           "e.model, ''), o.total_power, o.start_time, o.end_time, o.operator_ref, "
           "COALESCE(e.station_id, ''), o.region_code" +
               std::string(bodies ? ", o.body" : ", ''") +
               " FROM charge_orders o LEFT JOIN platform_equipment e ON e.operator_ref = "
               "o.operator_ref AND e.equipment_id = o.equipment_id WHERE o.start_time >= ? AND "
               "o.start_time < ? AND o.id > ? ORDER BY o.id LIMIT ?",
           {from, to + "~", after_id, limit < 0 ? INT64_MAX : limit})) {  // '~': after any time
    BatchOrder b;
    b.stat.order_ref = r.Int(0);
    b.stat.start_charge_seq = r.Str(1);
    b.stat.equipment_id = r.Str(2);
    b.stat.peer_group = r.Str(3);
    b.stat.energy_kwh = r.Real(4);
    const auto start = domain::OrderSeconds(r.Str(5)), end = domain::OrderSeconds(r.Str(6));
    b.stat.minutes = start && end ? static_cast<double>(*end - *start) / 60.0 : 0;
    b.operator_ref = r.Int(7);
    b.station_id = r.Str(8);
    b.region_code = r.Str(9);
    b.body = r.Str(10);
    out.push_back(std::move(b));
  }
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
