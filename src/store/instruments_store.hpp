// The instrument catalogue, the registry and each instrument's event history.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/instrument.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

std::vector<domain::InstrumentType> ListInstrumentTypes(Tx& tx);
std::optional<domain::InstrumentType> FindInstrumentType(Tx& tx, const std::string& code);
void InsertInstrumentType(Tx& tx, const domain::InstrumentType& type, int64_t now);
void UpdateInstrumentType(Tx& tx, const domain::InstrumentType& type, int64_t now);

struct InstrumentRow {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;     // filled by reads
  std::string type_name;    // filled by reads
  std::string region_name;  // filled by reads
  domain::InstrumentData data;
  bool mandatory = true;
  std::string status;
  bool change_pending = false;
  std::string pending_change;  // JSON of proposed InstrumentData
  std::string last_reason;
  std::string deregister_kind;
  std::string deregister_date;
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> approved_at;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // Verification (docs/verification.md): never | passed | failed (stop use until re-verified).
  std::string verification_state = "never";
  std::string last_verified_on;
  std::string valid_until;
  std::string last_certificate_no;
};

struct InstrumentFilter {
  std::optional<int64_t> org_id;
  std::optional<std::vector<std::string>> region_codes;  // install district must be one of these
  std::vector<std::string> statuses;                     // empty: any
  bool exclude_never_submitted = false;                  // hide drafts (regulators never see them)
  std::optional<bool> mandatory;
  std::optional<bool> change_pending;
  std::optional<bool> needs_review;  // submitted, or approved with a pending change
  std::string type_code;
  std::string brand;
  std::string query;                        // name, model, serial number, station, enterprise
  std::optional<int64_t> submitted_from;    // unix seconds, inclusive
  std::optional<int64_t> submitted_before;  // unix seconds, exclusive
  // never | valid | due_soon | overdue | failed, judged on `today` with `due_days` of warning;
  // implies approved instruments.
  std::string verification;
  std::string today;
  int due_days = 90;
  std::string sort = "id";  // id | updated_at | submitted_at | serial_no | name | status
  bool descending = true;
};

int64_t InsertInstrument(Tx& tx, const InstrumentRow& row);
std::optional<InstrumentRow> FindInstrument(Tx& tx, int64_t id);
// Replaces the entered data (and the mandatory flag derived from it).
void UpdateInstrumentData(Tx& tx, int64_t id, const domain::InstrumentData& data, bool mandatory,
                          int64_t now);
// Writes the workflow fields of `row` (status, change, reasons, timestamps).
void UpdateFilingState(Tx& tx, const InstrumentRow& row, int64_t now);
void DeleteInstrument(Tx& tx, int64_t id);
// Records the outcome of an issued verification document.
void UpdateVerificationState(Tx& tx, int64_t id, const std::string& state,
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
std::optional<InstrumentRow> FindActiveDuplicate(Tx& tx, const std::string& manufacturer,
                                                 const std::string& model,
                                                 const std::string& serial_no, int64_t exclude_id);

Page<InstrumentRow> ListInstruments(Tx& tx, const InstrumentFilter& filter,
                                    const PageRequest& page);
// Counts by status for the filter (statuses in the filter are ignored).
std::map<std::string, int64_t> CountInstrumentsByStatus(Tx& tx, InstrumentFilter filter);
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

struct InstrumentEvent {
  int64_t id = 0;
  int64_t instrument_id = 0;
  int64_t at = 0;
  std::optional<int64_t> user_id;
  std::string username;
  std::string org_name;
  std::string action;
  std::string from_status;
  std::string to_status;
  std::string reason;
};
void InsertInstrumentEvent(Tx& tx, const InstrumentEvent& event);
// One `event` (its instrument_id ignored) for every instrument created by `import_id`.
void InsertImportEvents(Tx& tx, int64_t import_id, const InstrumentEvent& event);
std::vector<InstrumentEvent> ListInstrumentEvents(Tx& tx, int64_t instrument_id);

// Enterprises owning instruments installed in `region_codes` (the district archive), with
// their counts by status.
struct ArchiveRow {
  int64_t org_id = 0;
  std::map<std::string, int64_t> counts;
};
std::vector<ArchiveRow> ArchiveCounts(Tx& tx, const std::vector<std::string>& region_codes);

}  // namespace mvis::store
