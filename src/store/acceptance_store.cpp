// Acceptance checks (发改委验收) and the exact-identifier registry lookups behind them and the
// public lookup.
#include "store/acceptance_store.hpp"

#include <map>

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

// The instrument with its latest certificate (highest id of its latest number).
constexpr char kSelectEvidence[] =
    "SELECT i.id, i.org_id, i.equipment_id, i.manufacturer, i.serial_no, i.status, "
    "i.verification_state, i.valid_until, i.install_region_code, COALESCE(g.name, ''), "
    "COALESCE(i.approved_at, i.submitted_at), COALESCE(c.number, ''), COALESCE(c.kind, ''), "
    "COALESCE(c.status, ''), COALESCE(o.name, ''), COALESCE(c.verified_on, ''), "
    "COALESCE(c.valid_until, ''), COALESCE(c.token, '') FROM instruments i "
    "LEFT JOIN regions g ON g.code = i.install_region_code "
    "LEFT JOIN certificates c ON c.id = (SELECT MAX(c2.id) FROM certificates c2 WHERE "
    "c2.instrument_id = i.id) "
    "LEFT JOIN orgs o ON o.id = c.institute_org_id ";
// Live filings first, then the latest.
constexpr char kPreferLive[] =
    " AND i.status <> 'draft' ORDER BY CASE WHEN i.status = 'deregistered' THEN 1 ELSE 0 END, "
    "i.id DESC LIMIT 1";

EvidenceInstrument ToEvidence(const Row& r) {
  EvidenceInstrument e;
  e.id = r.Int(0);
  e.org_id = r.Int(1);
  e.equipment_id = r.Str(2);
  e.manufacturer = r.Str(3);
  e.serial_no = r.Str(4);
  e.status = r.Str(5);
  e.verification_state = r.Str(6);
  e.valid_until = r.Str(7);
  e.region_code = r.Str(8);
  e.district_name = r.Str(9);
  e.filed_at = r.OptInt(10);
  e.certificate_no = r.Str(11);
  e.certificate_kind = r.Str(12);
  e.certificate_status = r.Str(13);
  e.institute_name = r.Str(14);
  e.verified_on = r.Str(15);
  e.certificate_valid_until = r.Str(16);
  e.token = r.Str(17);
  return e;
}

constexpr char kSelectCheck[] =
    "SELECT id, token, project_name, owner_name, owner_org_id, station_names, verdict, "
    "checked_on, counts, item_count, gap_count, creator_org_id, region_code, created_by, "
    "created_by_name, created_at FROM acceptance_checks";

AcceptanceCheckRow ToCheck(const Row& r) {
  AcceptanceCheckRow c;
  c.id = r.Int(0);
  c.token = r.Str(1);
  c.project_name = r.Str(2);
  c.owner_name = r.Str(3);
  c.owner_org_id = r.OptInt(4);
  c.station_names = r.Str(5);
  c.verdict = r.Str(6);
  c.checked_on = r.Str(7);
  c.counts = r.Str(8);
  c.item_count = r.Int(9);
  c.gap_count = r.Int(10);
  c.creator_org_id = r.Int(11);
  c.region_code = r.Str(12);
  c.created_by = r.Int(13);
  c.created_by_name = r.Str(14);
  c.created_at = r.Int(15);
  return c;
}

}  // namespace

std::optional<EvidenceInstrument> FindByEquipmentId(Tx& tx, const std::string& equipment_id) {
  auto r = tx.QueryOne(std::string(kSelectEvidence) + "WHERE i.equipment_id = ?" + kPreferLive,
                       {equipment_id});
  if (!r) return std::nullopt;
  return ToEvidence(*r);
}

std::optional<EvidenceInstrument> FindByIdentity(Tx& tx, const std::string& manufacturer,
                                                 const std::string& serial_no) {
  auto r = tx.QueryOne(
      std::string(kSelectEvidence) + "WHERE i.serial_no = ? AND i.manufacturer = ?" + kPreferLive,
      {serial_no, manufacturer});
  if (!r) return std::nullopt;
  return ToEvidence(*r);
}

std::vector<StationChargers> FindStations(Tx& tx, const std::string& q, int limit) {
  std::vector<StationChargers> out;
  std::map<std::pair<std::string, std::string>, size_t> at;
  for (const auto& r : tx.Query(
           "SELECT i.station_name, o.name, i.equipment_id FROM instruments i JOIN orgs o ON o.id = "
           "i.org_id WHERE LOWER(i.station_name) LIKE ? ESCAPE '!' AND i.status IN ('submitted', "
           "'returned', 'approved') AND i.equipment_id <> '' ORDER BY i.station_name, o.name, "
           "i.equipment_id LIMIT 5000",
           {LikePattern(q)})) {
    auto key = std::make_pair(r.Str(0), r.Str(1));
    auto it = at.find(key);
    if (it == at.end()) {
      if (static_cast<int>(out.size()) >= limit) continue;
      it = at.emplace(key, out.size()).first;
      out.push_back({key.first, key.second, {}});
    }
    out[it->second].equipment_ids.push_back(r.Str(2));
  }
  return out;
}

int64_t InsertAcceptanceCheck(Tx& tx, const AcceptanceCheckRow& c) {
  return tx
      .QueryOne(
          "INSERT INTO acceptance_checks (token, project_name, owner_name, owner_org_id, "
          "station_names, verdict, checked_on, counts, item_count, gap_count, creator_org_id, "
          "region_code, created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {c.token, c.project_name, c.owner_name, OptParam(c.owner_org_id), c.station_names,
           c.verdict, c.checked_on, c.counts, c.item_count, c.gap_count, c.creator_org_id,
           c.region_code, c.created_by, c.created_by_name, c.created_at})
      ->Int(0);
}

void SetAcceptanceToken(Tx& tx, int64_t id, const std::string& token) {
  tx.Exec("UPDATE acceptance_checks SET token = ? WHERE id = ?", {token, id});
}

void InsertAcceptanceItem(Tx& tx, int64_t check_id, const AcceptanceItemRow& item) {
  tx.Exec(
      "INSERT INTO acceptance_items (check_id, seq, instrument_id, status, data) VALUES (?, ?, ?, "
      "?, ?)",
      {check_id, int64_t{item.seq}, OptParam(item.instrument_id), item.status, item.data});
}

std::optional<AcceptanceCheckRow> FindAcceptanceCheck(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelectCheck) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return ToCheck(*r);
}

std::optional<AcceptanceCheckRow> FindAcceptanceCheckByToken(Tx& tx, const std::string& token) {
  auto r = tx.QueryOne(std::string(kSelectCheck) + " WHERE token = ?", {token});
  if (!r) return std::nullopt;
  return ToCheck(*r);
}

std::vector<AcceptanceItemRow> ListAcceptanceItems(Tx& tx, int64_t check_id) {
  std::vector<AcceptanceItemRow> out;
  for (const auto& r : tx.Query("SELECT seq, instrument_id, status, data FROM acceptance_items "
                                "WHERE check_id = ? ORDER BY seq",
                                {check_id}))
    out.push_back({static_cast<int>(r.Int(0)), r.OptInt(1), r.Str(2), r.Str(3)});
  return out;
}

domain::Page<AcceptanceCheckRow> ListAcceptanceChecks(Tx& tx, const AcceptanceFilter& f,
                                                      const PageRequest& page) {
  Where w;
  if (f.owner_org_id) w.Add("owner_org_id = ?", {*f.owner_org_id});
  if (f.region_codes) w.AddIn("region_code", *f.region_codes);
  if (!f.q.empty())
    w.Add("(LOWER(project_name) LIKE ? ESCAPE '!' OR LOWER(owner_name) LIKE ? ESCAPE '!')",
          {LikePattern(f.q), LikePattern(f.q)});
  if (!f.verdict.empty()) w.Add("verdict = ?", {f.verdict});
  domain::Page<AcceptanceCheckRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM acceptance_checks" + w.sql(), w.params())->Int(0);
  auto params = w.params();
  params.emplace_back(int64_t{page.page_size});
  params.emplace_back(page.offset());
  for (const auto& r :
       tx.Query(std::string(kSelectCheck) + w.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?", params))
    out.items.push_back(ToCheck(r));
  return out;
}

}  // namespace mvis::store
