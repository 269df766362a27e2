// T/CEC 102 exchange storage: see exchange_store.hpp.
#include "store/exchange_store.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

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

void PreferGenericPlans(Tx& tx) {
  if (tx.backend() == Backend::kPostgres)
    tx.Defer("SET LOCAL plan_cache_mode = force_generic_plan");
}

// The condition of PeerStillValid (parameters: id, secrets_sealed[, token_hash, now]).
std::string PeerValidSql(bool token) {
  return token ? "EXISTS (SELECT 1 FROM tcec_operators o JOIN tcec_tokens t ON t.operator_ref = "
                 "o.id WHERE o.id = ? AND o.status = 'active' AND o.secrets_sealed = ? AND "
                 "t.token_hash = ? AND t.expires_at > ?)"
               : "EXISTS (SELECT 1 FROM tcec_operators WHERE id = ? AND status = 'active' AND "
                 "secrets_sealed = ?)";
}

std::vector<Param> PeerValidParams(int64_t id, const std::string& secrets_sealed,
                                   const std::string* token_hash, int64_t now) {
  if (!token_hash) return {id, secrets_sealed};
  return {id, secrets_sealed, *token_hash, now};
}

bool PeerStillValid(Tx& tx, int64_t id, const std::string& secrets_sealed,
                    const std::string* token_hash, int64_t now) {
  return tx
      .QueryOne("SELECT 1 WHERE " + PeerValidSql(token_hash != nullptr),
                PeerValidParams(id, secrets_sealed, token_hash, now))
      .has_value();
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

EnvelopeKept KeepConfirmedTcecEnvelope(Tx& tx, int64_t operator_ref, const std::string& endpoint,
                                       const std::string& fingerprint, const std::string& body,
                                       const std::string& body_sha256,
                                       const std::string& secrets_sealed,
                                       const std::string* token_hash, int64_t now) {
  std::vector<Param> params{operator_ref, endpoint, fingerprint, body, body_sha256, now};
  for (auto& p : PeerValidParams(operator_ref, secrets_sealed, token_hash, now))
    params.push_back(std::move(p));
  if (tx.Exec("INSERT INTO tcec_envelopes (operator_ref, endpoint, fingerprint, body, "
              "body_sha256, received_at) SELECT ?, ?, ?, ?, ?, ? WHERE " +
                  PeerValidSql(token_hash != nullptr) + " ON CONFLICT (fingerprint) DO NOTHING",
              params) == 1)
    return EnvelopeKept::kKept;
  // Nothing kept: a replay, or the account or token changed (told apart on this rare path).
  return PeerStillValid(tx, operator_ref, secrets_sealed, token_hash, now)
             ? EnvelopeKept::kReplay
             : EnvelopeKept::kPeerChanged;
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

namespace {

constexpr char kPlatformChargerColumns[] =
    "SELECT equipment_id, region_code, power_kw, station_id, CASE WHEN manufacturer = '' AND "
    "model = '' THEN '' ELSE manufacturer || ' ' || model END AS peer_group, operator_ref FROM "
    "platform_equipment";
constexpr char kFiledCharger[] =
    "i.equipment_id <> '' AND i.status IN ('submitted', 'returned', 'approved')";
constexpr char kFiledChargerColumns[] =
    "SELECT i.equipment_id, i.install_region_code, i.rated_power_kw, i.verification_state, "
    "i.valid_until FROM instruments i WHERE ";

// The columns of kPlatformChargerColumns from `at` on.
ChargerFacts PlatformChargerOf(const Row& r, size_t at = 0) {
  ChargerFacts f;
  f.equipment_id = r.Str(at);
  f.region_code = r.Str(at + 1);
  f.power_kw = OptReal(r, at + 2);
  f.station_id = r.Str(at + 3);
  f.peer_group = r.Str(at + 4);
  return f;
}

// The columns of kFiledChargerColumns from `at` on.
ChargerFacts FiledChargerOf(const Row& r, size_t at = 0) {
  ChargerFacts f;
  f.equipment_id = r.Str(at);
  f.region_code = r.Str(at + 1);
  f.power_kw = OptReal(r, at + 2);
  f.verification_state = r.Str(at + 3);
  f.valid_until = r.Str(at + 4);
  return f;
}

// The order's charger: the platform's record first (district, power, station), the latest
// filing for what the platform does not say and for the registry's verdict.
OrderCharger MergeCharger(const std::string& equipment_id, const ChargerFacts* platform,
                          const ChargerFacts* filed) {
  OrderCharger out;
  out.equipment_id = platform ? platform->equipment_id : equipment_id;
  if (platform) {
    out.region_code = platform->region_code;
    out.rated_power_kw = platform->power_kw;
    out.station_id = platform->station_id;
    out.peer_group = platform->peer_group;
  }
  if (filed && !out.equipment_id.empty()) {
    out.filed = true;
    if (out.region_code.empty()) out.region_code = filed->region_code;
    if (!out.rated_power_kw) out.rated_power_kw = filed->power_kw;
    out.verification_state = filed->verification_state;
    out.valid_until = filed->valid_until;
  }
  return out;
}

constexpr char kStepColumns[] =
    "SELECT equipment_id, instrument_id, at, status, verification_state, valid_until FROM "
    "charger_registry_steps";

domain::RegistryStep StepOf(const Row& r) {
  return {r.Int(1), r.Int(2), r.Str(3), r.Str(4), r.Str(5)};
}

}  // namespace

ChargerDirectory LoadChargerDirectory(Tx& tx, int64_t since) {
  ChargerDirectory d;
  for (const auto& r : tx.Query(kPlatformChargerColumns)) {
    auto f = PlatformChargerOf(r);
    d.platform_[std::to_string(r.Int(5)) + "/" + f.equipment_id] = std::move(f);
  }
  for (const auto& r :
       tx.Query(std::string(kFiledChargerColumns) + kFiledCharger + " ORDER BY i.id")) {
    auto f = FiledChargerOf(r);
    d.registry_[f.equipment_id].filed = std::move(f);  // the latest filing wins
  }
  for (auto& [equipment, registry] : d.registry_) registry.history = true;
  for (const auto& r :
       tx.Query(std::string(kStepColumns) + " WHERE equipment_id IN (SELECT equipment_id FROM "
                                            "charger_registry_steps WHERE at > ?) ORDER BY at, id",
                {since})) {
    auto& registry = d.registry_[r.Str(0)];
    registry.history = true;
    registry.steps.push_back(StepOf(r));
    registry.changed_at = std::max(registry.changed_at, registry.steps.back().at);
  }
  return d;
}

PendingChargerDirectory SendChargerDirectory(Tx& tx, const std::vector<ChargerWanted>& wanted) {
  // Per operator, the candidates (the EquipmentIDs named, the ConnectorIDs' prefixes) and, in
  // the same statement, the filings of the chargers found or named and the time of their
  // registry's latest change.
  std::map<int64_t, std::pair<std::set<std::string>, std::set<std::string>>> asked;
  std::set<std::pair<int64_t, std::string_view>> connectors;  // each once: its prefixes
  for (const auto& w : wanted) {
    auto& [candidates, named] = asked[w.operator_ref];
    if (!w.equipment_id.empty()) {
      candidates.insert(w.equipment_id);
      named.insert(w.equipment_id);
      continue;
    }
    if (!connectors.emplace(w.operator_ref, w.connector_id).second) continue;
    for (size_t n = std::min<size_t>(w.connector_id.size(), 64); n > 0; --n)
      candidates.emplace(w.connector_id, 0, n);
  }
  // PostgreSQL: each charger's latest filing and latest step through their EquipmentID indexes
  // (lateral LIMIT 1s), whatever the size of the tables; SQLite: the filings of those chargers
  // and their steps' latest time.
  const bool pg = tx.backend() == Backend::kPostgres;
  const std::string filed_columns =
      "i.equipment_id, i.install_region_code, i.rated_power_kw, i.verification_state, "
      "i.valid_until, i.id FROM instruments i WHERE " +
      std::string(kFiledCharger);
  const std::string platform = "p AS (" + std::string(kPlatformChargerColumns) +
                               " WHERE operator_ref = ? AND " + InJsonList(tx, "equipment_id") +
                               ")";
  const std::string sql =
      pg ? "WITH " + platform +
               ", e AS (SELECT equipment_id AS id FROM p UNION SELECT "
               "json_array_elements_text(CAST(? AS json))) SELECT 0, p.* FROM p UNION ALL "
               "SELECT 1, f.* FROM e CROSS JOIN LATERAL (SELECT " +
               filed_columns +
               " AND i.equipment_id = e.id ORDER BY i.id DESC LIMIT 1) f UNION ALL SELECT 2, "
               "e.id, '', NULL, '', '', s.at FROM e CROSS JOIN LATERAL (SELECT at FROM "
               "charger_registry_steps WHERE equipment_id = e.id ORDER BY at DESC LIMIT 1) s"
         : "WITH " + platform +
               ", e AS (SELECT equipment_id AS id FROM p UNION SELECT value FROM json_each(?)) "
               "SELECT 0, p.* FROM p UNION ALL SELECT 1, " +
               filed_columns +
               " AND i.equipment_id IN (SELECT id FROM e) UNION ALL SELECT 2, equipment_id, '', "
               "NULL, '', '', MAX(at) FROM charger_registry_steps WHERE equipment_id IN (SELECT "
               "id FROM e) GROUP BY equipment_id";
  PendingChargerDirectory sent;
  for (const auto& [operator_ref, lists] : asked)
    sent.queries.emplace_back(
        operator_ref, tx.Send(sql, {operator_ref, JsonList(lists.first), JsonList(lists.second)}));
  sent.wanted = wanted;
  return sent;
}

ChargerDirectory TakeChargerDirectory(Tx& tx, const PendingChargerDirectory& sent) {
  ChargerDirectory d;
  std::vector<std::pair<int64_t, ChargerFacts>> filed;
  for (const auto& [operator_ref, query] : sent.queries)
    for (const auto& r : tx.Take(query)) {
      switch (r.Int(0)) {
        case 0: {
          auto f = PlatformChargerOf(r, 1);
          d.platform_[std::to_string(operator_ref) + "/" + f.equipment_id] = std::move(f);
          break;
        }
        case 1:
          filed.emplace_back(r.Int(6), FiledChargerOf(r, 1));
          break;
        default: {
          auto& registry = d.registry_[r.Str(1)];
          registry.changed_at = std::max(registry.changed_at, r.Int(6));
        }
      }
    }
  std::sort(filed.begin(), filed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [id, f] : filed) d.registry_[f.equipment_id].filed = std::move(f);  // latest wins
  // The history of the chargers that changed after the start of an order naming them.
  std::set<std::string> older;
  for (const auto& w : sent.wanted) {
    const auto* platform = d.PlatformOf(w.operator_ref, w.equipment_id, w.connector_id);
    const std::string& equipment = platform ? platform->equipment_id : w.equipment_id;
    auto it = equipment.empty() ? d.registry_.end() : d.registry_.find(equipment);
    if (it == d.registry_.end()) continue;
    const auto start = domain::ChinaWallClockSeconds(w.start);
    if (start && *start < it->second.changed_at) older.insert(equipment);
  }
  if (older.empty()) return d;
  for (const auto& equipment : older) d.registry_[equipment].history = true;
  for (const auto& r : tx.Query(std::string(kStepColumns) + " WHERE " +
                                    InJsonList(tx, "equipment_id") + " ORDER BY at, id",
                                {JsonList(older)}))
    d.registry_[r.Str(0)].steps.push_back(StepOf(r));
  return d;
}

const ChargerFacts* ChargerDirectory::PlatformOf(int64_t operator_ref,
                                                 const std::string& equipment_id,
                                                 const std::string& connector_id) const {
  const std::string prefix = std::to_string(operator_ref) + "/";
  if (!equipment_id.empty()) {
    auto it = platform_.find(prefix + equipment_id);
    return it == platform_.end() ? nullptr : &it->second;
  }
  for (size_t n = std::min<size_t>(connector_id.size(), 64); n > 0; --n)
    if (auto it = platform_.find(prefix + connector_id.substr(0, n)); it != platform_.end())
      return &it->second;
  return nullptr;
}

OrderCharger ChargerDirectory::Find(int64_t operator_ref, const std::string& equipment_id,
                                    const std::string& connector_id,
                                    const std::string& start) const {
  const ChargerFacts* platform = PlatformOf(operator_ref, equipment_id, connector_id);
  const std::string& equipment = platform ? platform->equipment_id : equipment_id;
  auto it = equipment.empty() ? registry_.end() : registry_.find(equipment);
  if (it == registry_.end()) return MergeCharger(equipment_id, platform, nullptr);
  const Registry& registry = it->second;
  OrderCharger out =
      MergeCharger(equipment_id, platform, registry.filed ? &*registry.filed : nullptr);
  // The registry changed since the order started: its verdict as it stood then (the district and
  // power stay the latest filing's).
  const auto at = domain::ChinaWallClockSeconds(start);
  if (at && *at < registry.changed_at && registry.history) {
    auto then = domain::RegistryAt(registry.steps, *at);
    out.filed = then.filed;
    out.verification_state = std::move(then.verification_state);
    out.valid_until = std::move(then.valid_until);
  }
  return out;
}

}  // namespace mvis::store
