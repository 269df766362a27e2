// 整改 orders (table rectifications).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/rectification.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct RectificationRow {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;  // reads
  std::string region_code;
  std::string region_name;  // reads
  std::optional<int64_t> institute_org_id;
  std::optional<int64_t> instrument_id;
  std::string serial_no;  // reads
  domain::RectificationSource source = domain::RectificationSource::kSamplingFailure;
  int64_t source_id = 0;
  std::string source_name;
  std::vector<std::string> items;
  std::string deadline;
  domain::RectificationStatus status = domain::RectificationStatus::kIssued;
  std::string answer;
  std::optional<int64_t> answered_at;
  std::string decision_reason;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> closed_at;
};

// A photo the enterprise attached to its answer (evidence), stored without metadata.
struct EvidencePhoto {
  int64_t id = 0, rectification_id = 0;
  std::string mime, sha256;
  int64_t size = 0;
  std::string data;  // base64; only from FindEvidencePhoto
  int64_t uploaded_by = 0, created_at = 0;
};
int64_t InsertEvidencePhoto(Tx& tx, const EvidencePhoto& p);
std::vector<EvidencePhoto> ListEvidencePhotos(Tx& tx, int64_t rectification_id);
std::optional<EvidencePhoto> FindEvidencePhoto(Tx& tx, int64_t id);

// 立案 on an order.
struct CaseRow {
  int64_t id = 0;
  int64_t rectification_id = 0;
  domain::CaseStatus status = domain::CaseStatus::kOpened;
  std::string legal_basis, facts, decision;
  int64_t penalty_yuan = 0;
  std::string closing_note;
  int64_t opened_by = 0;
  int64_t opened_at = 0;
  std::optional<int64_t> decided_at, closed_at;
  int64_t updated_at = 0;
};
// False when the order has a case already.
bool InsertCase(Tx& tx, const CaseRow& c);
std::optional<CaseRow> FindCase(Tx& tx, int64_t rectification_id);
// Writes status, decision, penalty, closing note and times if the case is still in `from`.
bool MoveCase(Tx& tx, const CaseRow& c, domain::CaseStatus from);

// Inserts the order; nullopt when a 举一反三 order for the same plan, enterprise and district
// exists already.
std::optional<int64_t> InsertRectification(Tx& tx, const RectificationRow& r);
std::optional<RectificationRow> FindRectification(Tx& tx, int64_t id);
// Writes status, answer, answered_at, decision_reason, updated_at and closed_at of `r` if the
// stored row is still in `from`; false (nothing written) otherwise.
bool MoveRectification(Tx& tx, const RectificationRow& r, domain::RectificationStatus from);

struct RectificationFilter {
  std::optional<int64_t> org_id;
  std::optional<int64_t> institute_org_id;
  std::optional<std::vector<std::string>> region_codes;
  std::optional<domain::RectificationStatus> status;
  std::optional<domain::RectificationSource> source;
  std::optional<int64_t> source_id;
  std::string overdue_on;  // YYYY-MM-DD: only orders waiting for the enterprise past their deadline
  std::string query;       // enterprise name or 出厂编号
};
// Newest first.
Page<RectificationRow> ListRectifications(Tx& tx, const RectificationFilter& f,
                                          const PageRequest& page);
int64_t CountRectifications(Tx& tx, const RectificationFilter& f);
// Instruments among `ids` with an open (not closed) 不具备检定条件 order.
std::vector<int64_t> InstrumentsAwaitingRectification(Tx& tx, const std::vector<int64_t>& ids);

}  // namespace mvis::store
