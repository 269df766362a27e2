// The instrument registry and its filing workflow (DESIGN.md §2.2): enterprises enter, edit,
// apply for filing, request changes and deregister; the district bureau of the installation
// district reviews. Every state change is a workflow step (services/core/workflow.hpp): checked
// against the filing state machine and the access policy, written conditionally, recorded on the
// instrument's timeline and in the audit log, and notified.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/object_event.hpp"
#include "domain/page.hpp"
#include "domain/registry.hpp"
#include "services/core/context.hpp"
#include "services/registry/registry_views.hpp"

namespace mvis::services {

struct InstrumentQuery {
  std::string status;  // a filing status, "needs_review", "change_pending", or "" for any
  std::string type_code;
  std::string brand;
  std::string query;
  std::optional<int64_t> org_id;
  std::string region_code;  // narrows the list to one district of the caller's scope
  std::string date_from;    // submitted on/after (YYYY-MM-DD)
  std::string date_to;      // submitted on/before
  std::optional<bool> mandatory;
  std::string verification;  // never | valid | due_soon | overdue | failed (approved only)
  int due_days = 0;          // due_soon: the warning window in days (0: the configured one)
  std::string use;           // 用途 (the dashboards' breakdown by use)
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

// Filings by status within a caller's scope, and approved instruments with a pending change.
struct FilingCounts {
  std::map<domain::FilingStatus, int64_t> by_status;
  int64_t change_pending = 0;
  int64_t Of(domain::FilingStatus s) const;
};

class InstrumentService {
 public:
  explicit InstrumentService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Catalogue: anyone signed in reads; city regulators add and edit (audited).
  Result<std::vector<domain::InstrumentType>> Types();
  Result<domain::InstrumentType> CreateType(const Actor& actor, domain::InstrumentType type);
  Result<domain::InstrumentType> UpdateType(const Actor& actor, domain::InstrumentType type);

  // Enterprise enters an instrument; `submit` applies for filing at once (save and apply).
  // Errors: validation (field errors), instrument_duplicate, not_mandatory (when submitting).
  Result<domain::Instrument> Create(const Actor& actor, domain::InstrumentData data, bool submit);
  // Edits a draft or returned filing (optionally re-applying), or — for an approved
  // instrument — records a change request that is reviewed before it takes effect.
  Result<domain::Instrument> Update(const Actor& actor, int64_t id, domain::InstrumentData data,
                                    bool submit);
  Status Delete(const Actor& actor, int64_t id);  // drafts only
  // Applies for filing of every listed instrument, all or nothing. Returns the count.
  Result<int> Apply(const Actor& actor, const std::vector<int64_t>& ids);
  // District regulator's decision on submitted filings and pending changes, all or nothing.
  Result<int> Review(const Actor& actor, const ReviewInput& input);
  Result<domain::Instrument> Deregister(const Actor& actor, int64_t id,
                                        const DeregisterInput& input);

  Result<domain::Instrument> Get(const Actor& actor, int64_t id);
  // The instrument's timeline, oldest first.
  Result<std::vector<domain::ObjectEvent>> History(const Actor& actor, int64_t id);
  Result<domain::Page<domain::Instrument>> List(const Actor& actor, const InstrumentQuery& query,
                                                const domain::PageRequest& page);
  // Counts by status within the actor's scope (home page).
  Result<FilingCounts> StatusCounts(const Actor& actor);
  // Instruments awaiting the actor's review (regulators).
  Result<int64_t> ReviewQueueSize(const Actor& actor);
  // Approved instruments in the actor's scope whose verification is overdue (regulators).
  Result<int64_t> OverdueCount(const Actor& actor);
  // The list as an .xlsx workbook (bytes), same filters and scope as List; at most 100 000 rows.
  Result<std::string> Export(const Actor& actor, const InstrumentQuery& query);
  // District enterprise archive (运营企业档案): enterprises with instruments in the district.
  Result<std::vector<ArchiveEntry>> Archive(const Actor& actor, const std::string& region_code);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
