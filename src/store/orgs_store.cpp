#include "store/orgs_store.hpp"

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

constexpr char kSelect[] =
    "SELECT o.id, o.kind, o.name, COALESCE(o.credit_code, ''), o.region_code, r.name, o.address, "
    "o.contact_name, o.contact_phone, o.status, o.created_at, o.public_phone "
    "FROM orgs o JOIN regions r ON r.code = o.region_code";

domain::Organisation ToOrg(const Row& r) {
  return domain::Organisation{
      r.Int(0),  Stored(domain::ParseOrgKind(r.Str(1)), "orgs.kind", r.Str(1)),
      r.Str(2),  r.Str(3),
      r.Str(4),  r.Str(5),
      r.Str(6),  r.Str(7),
      r.Str(8),  Stored(domain::ParseAccountStatus(r.Str(9)), "orgs.status", r.Str(9)),
      r.Int(10), r.Str(11)};
}

}  // namespace

int64_t InsertOrg(Tx& tx, const domain::Organisation& o) {
  auto r = tx.QueryOne(
      "INSERT INTO orgs (kind, name, credit_code, region_code, address, contact_name, "
      "contact_phone, status, created_at, public_phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {std::string(domain::ToString(o.kind)), o.name,
       o.credit_code.empty() ? Param(nullptr) : Param(o.credit_code), o.region_code, o.address,
       o.contact_name, o.contact_phone, std::string(domain::ToString(o.status)), o.created_at,
       o.public_phone});
  return r->Int(0);
}

std::optional<domain::Organisation> FindOrg(Tx& tx, int64_t id, bool for_update) {
  auto r = tx.QueryOne(
      std::string(kSelect) + " WHERE o.id = ?" + (for_update ? ForUpdate(tx, "o") : std::string()),
      {id});
  if (!r) return std::nullopt;
  return ToOrg(*r);
}

void UpdateOrgProfile(Tx& tx, const domain::Organisation& o) {
  tx.Exec(
      "UPDATE orgs SET name = ?, region_code = ?, address = ?, contact_name = ?, contact_phone = "
      "?, "
      "public_phone = ? WHERE id = ?",
      {o.name, o.region_code, o.address, o.contact_name, o.contact_phone, o.public_phone, o.id});
}

std::optional<domain::Organisation> FindOrgByCreditCode(Tx& tx, const std::string& credit_code) {
  auto r = tx.QueryOne(std::string(kSelect) + " WHERE o.credit_code = ?", {credit_code});
  if (!r) return std::nullopt;
  return ToOrg(*r);
}

Page<domain::Organisation> ListOrgs(Tx& tx, const OrgFilter& f, const PageRequest& page) {
  Where where;
  if (f.kind) where.Add("o.kind = ?", {std::string(domain::ToString(*f.kind))});
  if (!f.query.empty()) {
    where.Add("(LOWER(o.name) LIKE ? ESCAPE '!' OR LOWER(o.credit_code) LIKE ? ESCAPE '!')",
              {LikePattern(f.query), LikePattern(f.query)});
  }
  if (!f.region_codes.empty()) where.AddIn("o.region_code", f.region_codes);
  Page<domain::Organisation> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM orgs o" + where.sql(), where.params())->Int(0);
  auto params = where.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r : tx.Query(
           std::string(kSelect) + where.sql() + " ORDER BY o.id DESC LIMIT ? OFFSET ?", params)) {
    out.items.push_back(ToOrg(r));
  }
  return out;
}

}  // namespace mvis::store
