// 整改 (issue 11 C): orders to enterprises opened by other steps (a failed sampled unit, an
// instrument marked 不具备检定条件, a 举一反三 request), answered by the enterprise and accepted or
// returned by the district bureau where the instrument is used (or the city bureau). Every step is
// a workflow step with a timeline row, an audit row and notices (inbox and SMS).
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <string>
#include <vector>

#include "domain/object_event.hpp"
#include "domain/page.hpp"
#include "domain/rectification.hpp"
#include "services/core/context.hpp"
#include "store/rectifications_store.hpp"

namespace mvis::services {

struct RectificationView {
  store::RectificationRow row;
  bool overdue = false;
  std::vector<domain::ObjectEvent> events;    // detail only
  std::optional<store::CaseRow> enforcement;  // 立案, detail only
  std::vector<store::EvidencePhoto> photos;   // the enterprise's evidence, detail only
};

struct EvidenceImage {
  std::string mime, bytes, sha256;
};

struct RectificationQuery {
  std::string status, source, query;
  bool overdue = false;
};

struct RectificationList {
  domain::Page<RectificationView> page;
  int64_t overdue = 0;  // overdue orders in the caller's scope
};

class RectificationService {
 public:
  explicit RectificationService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<RectificationList> List(const Actor& actor, const RectificationQuery& q,
                                 const domain::PageRequest& page);
  Result<RectificationView> Get(const Actor& actor, int64_t id);
  // The enterprise: what it has done (issued | returned → answered).
  Result<RectificationView> Answer(const Actor& actor, int64_t id, const std::string& answer);
  // The bureau: answered → closed, or → returned with a reason.
  Result<RectificationView> Accept(const Actor& actor, int64_t id);
  Result<RectificationView> Return(const Actor& actor, int64_t id, const std::string& reason);
  // 立案 on an overdue order (the bureau): legal basis and facts; then the decision with the
  // penalty in yuan (0 for none); then the closing. The enterprise is notified of each.
  Result<RectificationView> OpenCase(const Actor& actor, int64_t id, const std::string& legal_basis,
                                     const std::string& facts);
  Result<RectificationView> DecideCase(const Actor& actor, int64_t id, const std::string& decision,
                                       int64_t penalty_yuan);
  Result<RectificationView> CloseCase(const Actor& actor, int64_t id, const std::string& note);
  // The enterprise attaches a photo (JPEG or PNG ≤ 5 MB, at most 10, stored without metadata)
  // while the order waits for it (issued or returned); anyone who sees the order sees them.
  Result<store::EvidencePhoto> AddPhoto(const Actor& actor, int64_t id, const std::string& bytes);
  Result<EvidenceImage> GetPhoto(const Actor& actor, int64_t id, int64_t photo_id);

 private:
  const ServiceContext& ctx_;
};

namespace supervision {

// Opens `row` (status issued) in w's transaction: the timeline, the audit row, a notice to the
// enterprise (inbox and SMS) and to the district bureau. Returns the id, or nullopt when a
// 举一反三 order for the same plan, enterprise and district exists already.
std::optional<int64_t> OpenRectification(Work& w, store::RectificationRow row);

}  // namespace supervision
}  // namespace mvis::services
