// The district bureau's decision on submitted filings and pending change requests (备案审核).
#include <map>
#include <set>

#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/registry/filing_steps.hpp"
#include "services/registry/instrument_codec.hpp"

namespace mvis::services {

using domain::FilingAction;
using domain::access::Kind;
using domain::access::Op;

namespace {

constexpr size_t kMaxBatch = 5000;

// Decisions per enterprise, for one notice each.
struct OrgTally {
  int filed = 0, returned = 0, changed = 0, change_rejected = 0;
};

std::string DecisionText(const std::string& bureau, const OrgTally& t, bool approve,
                         const std::string& reason) {
  std::string text = bureau + "审核结果：";
  if (t.filed) text += std::to_string(t.filed) + "台器具备案通过；";
  if (t.returned) text += std::to_string(t.returned) + "台器具备案被退回；";
  if (t.changed) text += std::to_string(t.changed) + "台器具变更通过；";
  if (t.change_rejected) text += std::to_string(t.change_rejected) + "台器具变更被退回；";
  if (!approve) return text + "原因：" + reason + "。请登录系统查看并修改后重新申报。";
  return text + "请登录系统查看。";
}

}  // namespace

Result<int> InstrumentService::Review(const Actor& actor, const ReviewInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInstrument, Op::kReview); !ok)
    return std::unexpected(ok.error());
  if (in.ids.empty()) return InvalidField("ids", "ids_required", "请至少选择一台器具");
  if (in.ids.size() > kMaxBatch)
    return InvalidField("ids", "ids_too_many", "一次最多处理5000台器具");
  const auto decision = domain::ParseReviewDecision(in.decision);
  const bool approve = decision == domain::FilingAction::kApprove;
  if (!decision) {
    return InvalidField("decision", "decision_invalid",
                        "审核结论应为通过（approve）或退回（return）");
  }
  const std::string reason = in.reason;
  if (auto ok = domain::CheckReason(reason, !approve, "退回时须填写退回原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<int> {
    std::map<int64_t, OrgTally> tally;
    std::set<int64_t> seen;
    for (int64_t id : in.ids) {
      if (!seen.insert(id).second) continue;
      auto row = registry::LoadInstrument(w.tx, actor, id, Op::kReview);
      if (!row) {
        if (row.error().kind == ErrorKind::kNotFound)
          return NotFound("器具（编号 " + std::to_string(id) + "）");
        return std::unexpected(row.error());
      }
      const bool change = row->change_pending;
      const FilingAction action =
          change ? (approve ? FilingAction::kApproveChange : FilingAction::kRejectChange)
                 : (approve ? FilingAction::kApprove : FilingAction::kReturn);
      std::optional<domain::InstrumentData> proposed;
      if (change && approve) {
        auto data =
            InstrumentDataFromJson(nlohmann::json::parse(row->pending_change, nullptr, false));
        if (!data)
          return Internal("pending change of instrument " + std::to_string(id) + " unreadable");
        proposed = std::move(*data);
      }
      auto& t = tally[row->org_id];
      auto moved = registry::MoveFiling(w, *row, action, approve ? "" : reason, [&](auto& r) {
        r.change_pending = false;
        r.pending_change.clear();
        r.last_reason = approve ? "" : reason;
        if (action == FilingAction::kApprove) r.approved_at = w.now;
      });
      if (!moved) return std::unexpected(registry::AboutInstrument(*row, moved.error()));
      if (proposed) {
        auto type = store::FindInstrumentType(w.tx, proposed->type_code);
        bool mandatory = type && domain::IsMandatory(*type, proposed->use);
        if (!store::UpdateInstrumentData(w.tx, id, *proposed, mandatory, w.now,
                                         domain::FilingStatus::kApproved))
          return StateChanged("器具");
      }
      switch (action) {
        case FilingAction::kApprove:
          ++t.filed;
          break;
        case FilingAction::kReturn:
          ++t.returned;
          break;
        case FilingAction::kApproveChange:
          ++t.changed;
          break;
        default:
          ++t.change_rejected;
      }
    }
    const std::string bureau = w.OrgName();
    for (const auto& [org_id, t] : tally) {
      // About the enterprise's instruments in that state (a list: the inbox links to it).
      Notify(w, ToOrg{org_id},
             {"review_decision", approve ? "备案审核通过" : "备案审核退回",
              DecisionText(bureau, t, approve, reason), "instruments",
              approve ? "approved" : "returned"});
    }
    return static_cast<int>(seen.size());
  });
}

}  // namespace mvis::services
