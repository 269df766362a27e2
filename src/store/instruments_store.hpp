// The registry of instruments (the catalogue of types: instrument_types_store.hpp; timelines:
// events_store.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/instrument.hpp"
#include "domain/registry.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct InstrumentFilter {
  std::optional<int64_t> org_id;
  std::optional<std::vector<std::string>> region_codes;  // install district must be one of these
  std::vector<domain::FilingStatus> statuses;            // empty: any
  bool exclude_never_submitted = false;                  // hide drafts (regulators never see them)
  std::optional<bool> mandatory;
  std::optional<bool> change_pending;
  std::optional<bool> needs_review;  // submitted, or approved with a pending change
  std::string type_code;
  std::string use;  // 用途: trade_settlement, safety, …
  std::string brand;
  std::string query;                        // name, model, serial number, station, enterprise
  std::optional<int64_t> submitted_from;    // unix seconds, inclusive
  std::optional<int64_t> submitted_before;  // unix seconds, exclusive
  // The verification situation, judged on `today` with `due_days` of warning; implies approved
  // instruments.
  std::optional<domain::VerificationFilter> verification;
  std::string today;
  int due_days = 90;
  std::string sort = "id";  // id | updated_at | submitted_at | serial_no | name | status
  bool descending = true;
};

int64_t InsertInstrument(Tx& tx, const domain::Instrument& row);
std::optional<domain::Instrument> FindInstrument(Tx& tx, int64_t id);
// Replaces the entered data (and the mandatory flag derived from it) of an instrument still in
// `expected` status. False (nothing written) when its status has changed meanwhile.
bool UpdateInstrumentData(Tx& tx, int64_t id, const domain::InstrumentData& data, bool mandatory,
                          int64_t now, domain::FilingStatus expected);
// Writes the workflow fields of `row` (status, change, reasons, timestamps) provided the stored
// row is still in (`expected`, `expected_change_pending`); false (nothing written) otherwise.
bool UpdateFilingState(Tx& tx, const domain::Instrument& row, int64_t now,
                       domain::FilingStatus expected, bool expected_change_pending);
// Deletes a draft and its timeline; false when it is no longer a draft.
bool DeleteDraftInstrument(Tx& tx, int64_t id);
// Records the outcome of an issued verification document.
void UpdateVerificationState(Tx& tx, int64_t id, domain::VerificationState state,
                             const std::string& verified_on, const std::string& valid_until,
                             const std::string& certificate_no, int64_t now);

// Approved instruments per install district with their verification situation on `today`.
struct VerificationSummaryRow {
  std::string region_code;
  int64_t approved = 0, never_verified = 0, valid = 0, due_soon = 0, overdue = 0, failed = 0;
};
std::vector<VerificationSummaryRow> VerificationSummary(Tx& tx,
                                                        const std::vector<std::string>& regions,
                                                        const std::string& today, int due_days);

// Another instrument, not deregistered, with the same manufacturer, model and serial number.
std::optional<domain::Instrument> FindActiveDuplicate(Tx& tx, const std::string& manufacturer,
                                                      const std::string& model,
                                                      const std::string& serial_no,
                                                      int64_t exclude_id);

Page<domain::Instrument> ListInstruments(Tx& tx, const InstrumentFilter& filter,
                                         const PageRequest& page);
// Counts by status for the filter (statuses in the filter are ignored).
std::map<domain::FilingStatus, int64_t> CountInstrumentsByStatus(Tx& tx, InstrumentFilter filter);
int64_t CountInstruments(Tx& tx, const InstrumentFilter& filter);

// Bulk insert for an import: every item becomes a draft of `org_id` tagged with `import_id`.
struct NewInstrument {
  domain::InstrumentData data;
  bool mandatory = true;
};
void InsertImportedInstruments(Tx& tx, int64_t org_id, int64_t import_id,
                               const std::vector<NewInstrument>& items, int64_t now);

// Registered (not deregistered) instruments whose serial number is one of `serials`.
struct Identity {
  std::string manufacturer, model, serial_no;
  int64_t org_id = 0;
  int64_t id = 0;
};
std::vector<Identity> FindIdentitiesBySerial(Tx& tx, const std::vector<std::string>& serials);

// Enterprises owning instruments installed in `region_codes` (the district archive), with
// their counts by status.
struct ArchiveRow {
  int64_t org_id = 0;
  std::map<domain::FilingStatus, int64_t> counts;
};
std::vector<ArchiveRow> ArchiveCounts(Tx& tx, const std::vector<std::string>& region_codes);

}  // namespace mvis::store
