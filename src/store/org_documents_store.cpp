#include "store/org_documents_store.hpp"

namespace mvis::store {

void InsertConsent(Tx& tx, int64_t user_id, const std::string& document, const std::string& version,
                   int64_t at, const std::string& ip) {
  tx.Exec(
      "INSERT INTO consents (user_id, document, version, accepted_at, ip) VALUES (?, ?, ?, ?, ?)",
      {user_id, document, version, at, ip});
}

std::vector<ConsentRow> ListConsents(Tx& tx, int64_t user_id) {
  std::vector<ConsentRow> out;
  for (const auto& r : tx.Query("SELECT document, version, ip, accepted_at FROM consents WHERE "
                                "user_id = ? ORDER BY id",
                                {user_id}))
    out.push_back({r.Str(0), r.Str(1), r.Str(2), r.Int(3)});
  return out;
}

void SaveLicense(Tx& tx, const LicenseRow& l) {
  tx.Exec("DELETE FROM org_licenses WHERE org_id = ?", {l.org_id});
  tx.Exec(
      "INSERT INTO org_licenses (org_id, content_type, data, sha256, size, uploaded_by, "
      "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {l.org_id, l.content_type, l.data, l.sha256, l.size, l.uploaded_by, l.uploaded_at});
}

std::optional<LicenseRow> FindLicense(Tx& tx, int64_t org_id) {
  auto r = tx.QueryOne(
      "SELECT org_id, content_type, data, sha256, size, uploaded_by, uploaded_at FROM "
      "org_licenses WHERE org_id = ?",
      {org_id});
  if (!r) return std::nullopt;
  return LicenseRow{r->Int(0), r->Str(1), r->Str(2), r->Str(3), r->Int(4), r->Int(5), r->Int(6)};
}

}  // namespace mvis::store
