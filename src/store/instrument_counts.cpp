// Counts over the instrument registry for reports: verification state and archive status by
// district and enterprise.
#include "domain/calendar.hpp"
#include "store/instruments_store.hpp"
#include "store/sql_builder.hpp"

namespace mvis::store {

std::vector<VerificationSummaryRow> VerificationSummary(Tx& tx,
                                                        const std::vector<std::string>& regions,
                                                        const std::string& today, int due_days) {
  Where w;
  w.Add("i.status = 'approved'");
  w.AddIn("i.install_region_code", regions);
  std::string soon = domain::AddDays(today, due_days);
  auto params = std::vector<Param>{today, today, soon, today};
  for (const auto& p : w.params()) params.push_back(p);
  std::vector<VerificationSummaryRow> out;
  for (const auto& r : tx.Query(
           "SELECT i.install_region_code, COUNT(*), "
           "SUM(CASE WHEN i.verification_state IN ('never', 'revoked') THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN i.verification_state = 'passed' AND i.valid_until >= ? THEN 1 ELSE 0 "
           "END), "
           "SUM(CASE WHEN i.verification_state = 'passed' AND i.valid_until >= ? AND "
           "i.valid_until <= ? THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN i.verification_state = 'passed' AND i.valid_until < ? THEN 1 ELSE 0 "
           "END), "
           "SUM(CASE WHEN i.verification_state = 'failed' THEN 1 ELSE 0 END) "
           "FROM instruments i" +
               w.sql() + " GROUP BY i.install_region_code ORDER BY i.install_region_code",
           params)) {
    out.push_back({r.Str(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5), r.Int(6)});
  }
  return out;
}

std::vector<ArchiveRow> ArchiveCounts(Tx& tx, const std::vector<std::string>& region_codes) {
  Where w;
  w.AddIn("i.install_region_code", region_codes);
  w.Add("i.mandatory = 1");
  w.Add("i.status <> 'draft'");
  std::vector<ArchiveRow> out;
  for (const auto& r : tx.Query("SELECT i.org_id, i.status, COUNT(*) FROM instruments i" + w.sql() +
                                    " GROUP BY i.org_id, i.status ORDER BY i.org_id",
                                w.params())) {
    if (out.empty() || out.back().org_id != r.Int(0)) out.push_back({r.Int(0), {}});
    out.back().counts[Stored(domain::ParseFilingStatus(r.Str(1)), "instruments.status", r.Str(1))] =
        r.Int(2);
  }
  return out;
}

}  // namespace mvis::store
