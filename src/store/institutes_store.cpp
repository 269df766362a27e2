#include "store/institutes_store.hpp"

#include "store/sql_builder.hpp"

namespace mvis::store {

namespace {

constexpr char kProfileSelect[] =
    "SELECT p.org_id, o.name, p.code, p.type_codes, p.region_codes, p.contact_name, "
    "p.contact_phone, p.address, p.authorization_no FROM institute_profiles p JOIN orgs o ON o.id "
    "= p.org_id";

domain::InstituteProfile ToProfile(const Row& r) {
  return {r.Int(0), r.Str(1), r.Str(2), SplitCsv(r.Str(3)), SplitCsv(r.Str(4)), r.Str(5),
          r.Str(6), r.Str(7), r.Str(8)};
}

constexpr char kStandardSelect[] =
    "SELECT id, org_id, name, model, serial_no, certificate_no, valid_until, accuracy, active "
    "FROM standard_equipment";

domain::Standard ToStandard(const Row& r) {
  return {r.Int(0), r.Int(1), r.Str(2), r.Str(3),     r.Str(4),
          r.Str(5), r.Str(6), r.Str(7), r.Int(8) != 0};
}

}  // namespace

std::vector<domain::InstituteProfile> ListInstituteProfiles(Tx& tx) {
  std::vector<domain::InstituteProfile> out;
  for (const auto& r :
       tx.Query(std::string(kProfileSelect) +
                " WHERE o.status = 'active' AND o.kind = 'institute' ORDER BY o.id"))
    out.push_back(ToProfile(r));
  return out;
}

std::optional<domain::InstituteProfile> FindInstituteProfile(Tx& tx, int64_t org_id) {
  auto r = tx.QueryOne(std::string(kProfileSelect) + " WHERE p.org_id = ?", {org_id});
  if (!r) return std::nullopt;
  return ToProfile(*r);
}

void SaveInstituteProfile(Tx& tx, const domain::InstituteProfile& p, int64_t now) {
  tx.Exec("DELETE FROM institute_profiles WHERE org_id = ?", {p.org_id});
  tx.Exec(
      "INSERT INTO institute_profiles (org_id, code, type_codes, region_codes, contact_name, "
      "contact_phone, address, updated_at, authorization_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {p.org_id, p.code, JoinCsv(p.type_codes), JoinCsv(p.region_codes), p.contact_name,
       p.contact_phone, p.address, now, p.authorization_no});
}

void SaveInstituteSeal(Tx& tx, int64_t org_id, const std::string& png_base64,
                       const std::string& sha256, int64_t now) {
  tx.Exec("DELETE FROM institute_seals WHERE org_id = ?", {org_id});
  tx.Exec("INSERT INTO institute_seals (org_id, png, sha256, updated_at) VALUES (?, ?, ?, ?)",
          {org_id, png_base64, sha256, now});
}

std::optional<std::string> FindInstituteSeal(Tx& tx, int64_t org_id) {
  auto r = tx.QueryOne("SELECT png FROM institute_seals WHERE org_id = ?", {org_id});
  if (!r) return std::nullopt;
  return r->Str(0);
}

std::vector<domain::Standard> ListStandards(Tx& tx, int64_t org_id, bool active_only) {
  std::vector<domain::Standard> out;
  for (const auto& r :
       tx.Query(std::string(kStandardSelect) + " WHERE org_id = ?" +
                    (active_only ? " AND active = 1" : "") + " ORDER BY active DESC, id",
                {org_id}))
    out.push_back(ToStandard(r));
  return out;
}

std::optional<domain::Standard> FindStandard(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kStandardSelect) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return ToStandard(*r);
}

int64_t InsertStandard(Tx& tx, const domain::Standard& s, int64_t now) {
  return tx
      .QueryOne(
          "INSERT INTO standard_equipment (org_id, name, model, serial_no, certificate_no, "
          "valid_until, accuracy, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?) RETURNING id",
          {s.org_id, s.name, s.model, s.serial_no, s.certificate_no, s.valid_until, s.accuracy,
           int64_t{s.active ? 1 : 0}, now, now})
      ->Int(0);
}

void UpdateStandard(Tx& tx, const domain::Standard& s, int64_t now) {
  tx.Exec(
      "UPDATE standard_equipment SET name = ?, model = ?, serial_no = ?, certificate_no = ?, "
      "valid_until = ?, accuracy = ?, active = ?, updated_at = ? WHERE id = ?",
      {s.name, s.model, s.serial_no, s.certificate_no, s.valid_until, s.accuracy,
       int64_t{s.active ? 1 : 0}, now, s.id});
}

std::vector<domain::LimitRule> LimitRules(Tx& tx, const std::string& regulation) {
  std::vector<domain::LimitRule> out;
  for (const auto& r :
       tx.Query("SELECT regulation, item, kind, accuracy_class, limit_value, rounding FROM "
                "verification_limits WHERE regulation = ? ORDER BY item, kind, accuracy_class",
                {regulation}))
    out.push_back({r.Str(0), r.Str(1), r.Str(2), r.Str(3), r.Real(4), r.Real(5)});
  return out;
}

std::vector<domain::CheckItem> CheckItems(Tx& tx, const std::string& regulation) {
  std::vector<domain::CheckItem> out;
  for (const auto& r : tx.Query(
           "SELECT item, name FROM verification_check_items WHERE regulation = ? ORDER BY sort",
           {regulation}))
    out.push_back({r.Str(0), r.Str(1)});
  return out;
}

}  // namespace mvis::store
