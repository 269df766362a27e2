#include "store/label_keys_store.hpp"

namespace mvis::store {
namespace {

constexpr char kSelect[] =
    "SELECT kid, public_key, secret_key, secret_sealed, status, created_at, not_after FROM "
    "label_keys";

LabelKeyRow ToKey(const Row& r) {
  return {r.Str(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4) == "active", r.Int(5), r.Int(6)};
}

}  // namespace

std::vector<LabelKeyRow> ListLabelKeys(Tx& tx) {
  std::vector<LabelKeyRow> out;
  for (const auto& r : tx.Query(std::string(kSelect) + " ORDER BY created_at, kid"))
    out.push_back(ToKey(r));
  return out;
}

std::optional<LabelKeyRow> FindActiveLabelKey(Tx& tx) {
  auto r = tx.QueryOne(std::string(kSelect) +
                       " WHERE status = 'active' ORDER BY created_at DESC, kid DESC LIMIT 1");
  if (!r) return std::nullopt;
  return ToKey(*r);
}

bool InsertLabelKey(Tx& tx, const LabelKeyRow& k) {
  return tx.Exec(
             "INSERT INTO label_keys (kid, public_key, secret_key, secret_sealed, status, "
             "created_at, not_after) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
             {k.kid, k.public_key, k.secret_key, k.secret_sealed, k.active ? "active" : "retired",
              k.created_at, k.not_after}) == 1;
}

void SetSealedSecret(Tx& tx, const std::string& kid, const std::string& sealed) {
  tx.Exec("UPDATE label_keys SET secret_sealed = ?, secret_key = '' WHERE kid = ?", {sealed, kid});
}

void RetireLabelKeys(Tx& tx) {
  tx.Exec("UPDATE label_keys SET status = 'retired' WHERE status = 'active'");
}

bool ClaimJobRun(Tx& tx, const std::string& job, const std::string& run_date, int64_t now) {
  return tx.Exec(
             "INSERT INTO job_runs (job, run_date, started_at) VALUES (?, ?, ?) ON CONFLICT DO "
             "NOTHING",
             {job, run_date, now}) == 1;
}

bool ClaimReminder(Tx& tx, int64_t instrument_id, const std::string& valid_until, int days_before,
                   int64_t now) {
  return tx.Exec(
             "INSERT INTO reminder_ledger (instrument_id, valid_until, days_before, sent_at) "
             "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
             {instrument_id, valid_until, int64_t{days_before}, now}) == 1;
}

std::vector<ExpiringInstrument> InstrumentsExpiring(Tx& tx, const std::string& from,
                                                    const std::string& to) {
  std::vector<ExpiringInstrument> out;
  for (const auto& r :
       tx.Query("SELECT id, org_id, serial_no, model, valid_until, install_region_code FROM "
                "instruments WHERE status = 'approved' AND verification_state = 'passed' AND "
                "valid_until >= ? AND valid_until <= ? ORDER BY valid_until, id",
                {from, to}))
    out.push_back({r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Str(4), r.Str(5)});
  return out;
}

std::vector<std::pair<std::string, int64_t>> OverdueByRegion(Tx& tx, const std::string& today) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& r : tx.Query(
           "SELECT install_region_code, COUNT(*) FROM instruments WHERE status = 'approved' AND "
           "verification_state = 'passed' AND valid_until < ? GROUP BY install_region_code "
           "ORDER BY install_region_code",
           {today}))
    out.emplace_back(r.Str(0), r.Int(1));
  return out;
}

}  // namespace mvis::store
