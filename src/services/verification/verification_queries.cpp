// Reading verification records: one with its view, lists within the caller's scope, the count
// waiting for the caller's signature.
#include <algorithm>

#include "domain/access_resources.hpp"
#include "services/verification/detail_views.hpp"
#include "services/verification/verification_service.hpp"
#include "store/verifications_store.hpp"

namespace mvis::services {

using domain::RecordStatus;
using domain::access::Kind;
using domain::access::Op;
using verification::LoadRecord;

namespace {

// The statuses in which a record waits for a signature one of `duties` may give.
std::vector<RecordStatus> StatusesAwaiting(const std::vector<domain::Duty>& duties) {
  std::vector<RecordStatus> out;
  for (auto d : duties) {
    if (d == domain::Duty::kVerifier) out.push_back(RecordStatus::kDraft);
    if (d == domain::Duty::kChecker) out.push_back(RecordStatus::kAwaitingCheck);
    if (d == domain::Duty::kApprover) out.push_back(RecordStatus::kAwaitingApproval);
  }
  return out;
}

}  // namespace

Result<VerificationView> VerificationService::Get(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<VerificationView> {
    auto v = LoadRecord(tx, actor, id, Op::kRead);
    if (!v) return std::unexpected(v.error());
    return verification::RecordViewOf(tx, std::move(*v), ctx_.clock.Today());
  });
}

Result<domain::Page<VerificationView>> VerificationService::List(const Actor& actor,
                                                                 const VerificationQuery& q,
                                                                 const domain::PageRequest& page) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, Kind::kVerificationRecord);
  if (!scope.allowed)
    return std::unexpected(
        domain::access::CheckRole(subject, Kind::kVerificationRecord, Op::kRead).error());
  store::VerificationFilter f;
  f.institute_org_id = scope.institute_org_id;
  f.org_id = scope.owner_org_id;
  f.region_codes = scope.region_codes;
  // The statuses asked for, within those the scope allows (an empty intersection finds nothing).
  std::vector<RecordStatus> allowed = {RecordStatus::kDraft, RecordStatus::kAwaitingCheck,
                                       RecordStatus::kAwaitingApproval, RecordStatus::kApproved};
  if (scope.released_only) allowed = {RecordStatus::kApproved};
  if (!q.status.empty()) {
    auto status = domain::ParseRecordStatus(q.status);
    if (!status) return InvalidField("status", "status_invalid", "检定记录状态无效");
    std::erase_if(allowed, [&](RecordStatus s) { return s != *status; });
  }
  if (q.awaiting_me) {
    auto mine = StatusesAwaiting(actor.duties);
    std::erase_if(allowed,
                  [&](RecordStatus s) { return std::ranges::find(mine, s) == mine.end(); });
  }
  f.statuses = allowed;
  f.appointment_id = q.appointment_id;
  f.instrument_id = q.instrument_id;
  f.query = q.query;
  if (auto ok = CheckDateRange(q.verified); !ok) return std::unexpected(ok.error());
  f.verified_from = q.verified.from;
  f.verified_to = q.verified.to;
  const bool none = allowed.empty();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<VerificationView>> {
    domain::Page<VerificationView> out;
    if (none) return out;
    auto rows = store::ListVerifications(tx, f, page);
    out.total = rows.total;
    const std::string today = ctx_.clock.Today();
    for (auto& v : rows.items)
      out.items.push_back(verification::RecordViewOf(tx, std::move(v), today));
    return out;
  });
}

Result<int64_t> VerificationService::AwaitingMe(const Actor& actor) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kVerificationRecord);
  if (!scope.allowed || !scope.institute_org_id) return int64_t{0};
  store::VerificationFilter f;
  f.institute_org_id = scope.institute_org_id;
  f.statuses = StatusesAwaiting(actor.duties);
  if (f.statuses.empty()) return int64_t{0};
  return ctx_.db.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountVerifications(tx, f); });
}

}  // namespace mvis::services
