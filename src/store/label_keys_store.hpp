// Ed25519 label signing keys (label_keys) and the reminder job's claim ledger.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace mvis::store {

struct LabelKeyRow {
  std::string kid;
  std::string public_key;     // base64url
  std::string secret_key;     // base64url; only in databases not yet sealed (see SealLabelKeys)
  std::string secret_sealed;  // the secret key sealed with the server's data key
  bool active = true;         // false: retired (its labels keep verifying until not_after)
  int64_t created_at = 0;
  int64_t not_after = 0;
};

std::vector<LabelKeyRow> ListLabelKeys(Tx& tx);
std::optional<LabelKeyRow> FindActiveLabelKey(Tx& tx);
// Inserts a key unless one with its kid exists; false then.
bool InsertLabelKey(Tx& tx, const LabelKeyRow& key);
// Replaces a plain secret key by its sealed form.
void SetSealedSecret(Tx& tx, const std::string& kid, const std::string& sealed);
// Retires every active key; their tokens keep verifying until their `not_after`.
void RetireLabelKeys(Tx& tx);

// Claims the daily run of `job` for `run_date`: true for the first caller, false afterwards
// (also across server instances sharing the database).
bool ClaimJobRun(Tx& tx, const std::string& job, const std::string& run_date, int64_t now);
// Claims one reminder; true when it had not been sent before.
bool ClaimReminder(Tx& tx, int64_t instrument_id, const std::string& valid_until, int days_before,
                   int64_t now);

struct ExpiringInstrument {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string serial_no, model, valid_until, install_region_code;
};
// Approved, passed instruments whose certificate expires within [from, to].
std::vector<ExpiringInstrument> InstrumentsExpiring(Tx& tx, const std::string& from,
                                                    const std::string& to);
// Overdue instruments (approved, passed, valid_until < today) per install district.
std::vector<std::pair<std::string, int64_t>> OverdueByRegion(Tx& tx, const std::string& today);

}  // namespace mvis::store
