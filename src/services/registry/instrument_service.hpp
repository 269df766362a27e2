// The instrument registry and its filing workflow (DESIGN.md §2.2): enterprises enter, edit,
// apply for filing, request changes and deregister; the district bureau of the installation
// district reviews. Every state change is checked against the domain state machine and the
// caller's scope, recorded in the instrument's history and in the audit log, and notified.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/instrument.hpp"
#include "services/core/actor.hpp"
#include "store/database.hpp"
#include "store/instruments_store.hpp"
#include "store/page.hpp"

namespace mvis::services {

struct InstrumentQuery {
  std::string status;  // one status, or "" for any; "needs_review" for the review queue
  std::string type_code;
  std::string brand;
  std::string query;
  std::optional<int64_t> org_id;
  std::string region_code;  // narrows a regulator's list to one district
  std::string date_from;    // submitted on/after (YYYY-MM-DD)
  std::string date_to;      // submitted on/before
  std::optional<bool> mandatory;
  std::string verification;  // never | valid | due_soon | overdue | failed (approved only)
  std::string sort = "id";
  bool descending = true;
};

struct ReviewInput {
  std::vector<int64_t> ids;
  std::string decision;  // approve | return
  std::string reason;
};

struct DeregisterInput {
  std::string kind;  // suspended | scrapped | moved_out
  std::string reason;
  std::string date;  // YYYY-MM-DD
};

struct ArchiveEntry {
  store::OrgRow org;
  bool show_phone = false;  // the viewer is a regulator of the district
  std::map<std::string, int64_t> counts;
};

class InstrumentService {
 public:
  explicit InstrumentService(store::Database& db, int due_soon_days = 90)
      : db_(db), due_soon_days_(due_soon_days) {}

  // Catalogue: anyone signed in reads; city regulators add and edit (audited).
  Result<std::vector<domain::InstrumentType>> Types();
  Result<domain::InstrumentType> CreateType(const Actor& actor, domain::InstrumentType type);
  Result<domain::InstrumentType> UpdateType(const Actor& actor, domain::InstrumentType type);

  // Enterprise enters an instrument; `submit` applies for filing at once (save and apply).
  // Errors: validation (field errors), instrument_duplicate, not_mandatory (when submitting).
  Result<store::InstrumentRow> Create(const Actor& actor, domain::InstrumentData data, bool submit);
  // Edits a draft or returned filing (optionally re-applying), or — for an approved
  // instrument — records a change request that is reviewed before it takes effect.
  Result<store::InstrumentRow> Update(const Actor& actor, int64_t id, domain::InstrumentData data,
                                      bool submit);
  Status Delete(const Actor& actor, int64_t id);  // drafts only
  // Applies for filing of every listed instrument, all or nothing. Returns the count.
  Result<int> Apply(const Actor& actor, const std::vector<int64_t>& ids);
  // District regulator's decision on submitted filings and pending changes, all or nothing.
  Result<int> Review(const Actor& actor, const ReviewInput& input);
  Result<store::InstrumentRow> Deregister(const Actor& actor, int64_t id,
                                          const DeregisterInput& input);

  Result<store::InstrumentRow> Get(const Actor& actor, int64_t id);
  Result<std::vector<store::InstrumentEvent>> History(const Actor& actor, int64_t id);
  Result<store::Page<store::InstrumentRow>> List(const Actor& actor, const InstrumentQuery& query,
                                                 const store::PageRequest& page);
  // Counts by status within the actor's scope (home page).
  Result<std::map<std::string, int64_t>> StatusCounts(const Actor& actor);
  // Instruments awaiting the actor's review (regulators).
  Result<int64_t> ReviewQueueSize(const Actor& actor);
  // The list as an .xlsx workbook (bytes), same filters and scope as List; at most 100 000 rows.
  Result<std::string> Export(const Actor& actor, const InstrumentQuery& query);
  // District enterprise archive (运营企业档案): enterprises with instruments in the district.
  Result<std::vector<ArchiveEntry>> Archive(const Actor& actor, const std::string& region_code);

 private:
  Result<store::InstrumentFilter> ScopedFilter(const Actor& actor, const InstrumentQuery& query);
  store::Database& db_;
  int due_soon_days_;
};

// Whether `actor` may see `row` (enterprise: its own; regulators: submitted filings installed
// in their region).
bool CanSeeInstrument(const Actor& actor, const store::InstrumentRow& row);

}  // namespace mvis::services
