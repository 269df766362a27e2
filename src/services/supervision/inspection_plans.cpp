// 年度抽查工作计划: a district drafts its annual plan and files it with the city bureau, which
// accepts (the plan is then public) or returns it with a reason.
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/core/workflow.hpp"
#include "services/supervision/inspection_internal.hpp"
#include "store/events_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using domain::InspectionPlanAction;
using domain::InspectionPlanStatus;
using domain::access::Kind;
using domain::access::Op;

namespace inspection {

domain::access::Resource PlanResource(const store::InspectionPlanRow& p) {
  domain::access::Resource res;
  res.kind = Kind::kInspectionPlan;
  res.id = p.id;
  res.owner_org_id = p.org_id;
  res.region_codes = {p.region_code};
  return res;
}

Result<store::InspectionPlanRow> LoadPlan(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto p = store::FindInspectionPlan(tx, id);
  if (!p) return NotFound(kPlanWhat);
  if (auto ok = domain::access::Check(SubjectOf(actor), PlanResource(*p), op, kPlanWhat); !ok)
    return std::unexpected(ok.error());
  return *p;
}

Status CheckDistrict(store::Tx& tx, const Actor& actor, const std::string& code,
                     const std::string& field) {
  auto region = store::FindRegion(tx, code);
  if (!region || !region->IsDistrictLike())
    return InvalidField(field, "region_invalid", "请选择所辖区");
  if (!SubjectOf(actor).Covers(code))
    return InvalidField(field, "region_out_of_scope", "只能为本局所辖区编制");
  return {};
}

}  // namespace inspection

using namespace inspection;

namespace {

InspectionPlanView PlanView(store::Tx& tx, store::InspectionPlanRow row, bool with_events) {
  InspectionPlanView v;
  if (with_events) v.events = store::ListEvents(tx, "inspection_plan", std::to_string(row.id));
  v.row = std::move(row);
  return v;
}

// The district `code` must be one the actor covers (a district or functional zone).

Status CheckPlanInput(const InspectionPlanInput& in) {
  if (in.year < 2000 || in.year > 2100) return InvalidField("year", "year_invalid", "年度无效");
  if (domain::Trim(in.title).empty()) return InvalidField("title", "title_required", "请填写标题");
  if (domain::CodePoints(in.title) > 100)
    return InvalidField("title", "title_too_long", "标题不能超过100字");
  if (domain::Trim(in.scope).empty())
    return InvalidField("scope", "scope_required", "请填写抽查范围");
  if (in.batches < 1 || in.batches > 12)
    return InvalidField("batches", "batches_invalid", "批次应为1至12");
  if (domain::CodePoints(in.scope) > 2000 || domain::CodePoints(in.timing) > 2000)
    return InvalidField("scope", "text_too_long", "内容不能超过2000字");
  return {};
}

Result<InspectionPlanView> MovePlan(Work& w, store::InspectionPlanRow& p,
                                    InspectionPlanAction action, std::string reason,
                                    std::vector<std::pair<Recipient, Notice>> notices) {
  const InspectionPlanStatus from = p.status;
  auto moved = Advance(
      w, Step<InspectionPlanStatus>{{Kind::kInspectionPlan, std::to_string(p.id)},
                                    std::string(domain::ToString(action)),
                                    kPlanWhat,
                                    from,
                                    domain::NextStatus(from, action),
                                    [&](InspectionPlanStatus to) {
                                      p.status = to;
                                      p.updated_at = w.now;
                                      if (action == InspectionPlanAction::kSubmit) {
                                        p.submitted_at = w.now;
                                        p.decided_at.reset();
                                      } else {
                                        p.decided_at = w.now;
                                      }
                                      p.return_reason =
                                          action == InspectionPlanAction::kReturn ? reason : "";
                                      return store::SaveInspectionPlan(w.tx, p, from);
                                    },
                                    reason,
                                    p.region_name + " " + std::to_string(p.year) + "年",
                                    {},
                                    std::move(notices)});
  if (!moved) return std::unexpected(moved.error());
  return PlanView(w.tx, *store::FindInspectionPlan(w.tx, p.id), true);
}

}  // namespace

// ---- annual plans

Result<domain::Page<InspectionPlanView>> InspectionService::ListPlans(
    const Actor& actor, std::optional<int> year, const std::string& status,
    const domain::PageRequest& page) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kInspectionPlan);
  if (!scope.allowed)
    return std::unexpected(domain::access::DenialError(
        domain::access::Decision::kForbidden, Kind::kInspectionPlan, Op::kRead, kPlanWhat));
  store::InspectionPlanFilter f;
  f.region_codes = scope.region_codes;
  f.year = year;
  if (!status.empty()) {
    f.status = domain::ParseInspectionPlanStatus(status);
    if (!f.status) return InvalidField("status", "status_invalid", "状态无效");
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<InspectionPlanView>> {
    auto rows = store::ListInspectionPlans(tx, f, page);
    domain::Page<InspectionPlanView> out;
    out.total = rows.total;
    for (auto& r : rows.items) out.items.push_back(PlanView(tx, std::move(r), false));
    return out;
  });
}

Result<InspectionPlanView> InspectionService::GetPlan(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<InspectionPlanView> {
    auto p = LoadPlan(tx, actor, id, Op::kRead);
    if (!p) return std::unexpected(p.error());
    return PlanView(tx, std::move(*p), true);
  });
}

Result<InspectionPlanView> InspectionService::CreatePlan(const Actor& actor,
                                                         const InspectionPlanInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInspectionPlan, Op::kCreate);
      !ok)
    return std::unexpected(ok.error());
  if (auto ok = CheckPlanInput(in); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionPlanView> {
    if (auto ok = CheckDistrict(w.tx, actor, in.region_code, "region_code"); !ok)
      return std::unexpected(ok.error());
    store::InspectionPlanRow p;
    p.org_id = actor.org_id.value_or(0);
    p.region_code = in.region_code;
    p.year = in.year;
    p.title = domain::Trim(in.title);
    p.scope = domain::Trim(in.scope);
    p.batches = in.batches;
    p.timing = domain::Trim(in.timing);
    p.created_by = actor.user_id;
    p.created_at = p.updated_at = w.now;
    p.id = store::InsertInspectionPlan(w.tx, p);
    Record(w, Transition{{Kind::kInspectionPlan, std::to_string(p.id)},
                         "create",
                         "",
                         std::string(domain::ToString(p.status)),
                         "",
                         p.title,
                         {},
                         {}});
    return PlanView(w.tx, *store::FindInspectionPlan(w.tx, p.id), true);
  });
}

Result<InspectionPlanView> InspectionService::UpdatePlan(const Actor& actor, int64_t id,
                                                         const InspectionPlanInput& in) {
  if (auto ok = CheckPlanInput(in); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionPlanView> {
    auto p = LoadPlan(w.tx, actor, id, Op::kEdit);
    if (!p) return std::unexpected(p.error());
    if (p->status != InspectionPlanStatus::kDraft && p->status != InspectionPlanStatus::kReturned)
      return Fail(ErrorKind::kFailedPrecondition, "plan_not_editable",
                  "计划已报送或已通过，不能修改");
    const auto from = p->status;
    p->year = in.year;
    p->title = domain::Trim(in.title);
    p->scope = domain::Trim(in.scope);
    p->batches = in.batches;
    p->timing = domain::Trim(in.timing);
    p->updated_at = w.now;
    if (!store::SaveInspectionPlan(w.tx, *p, from)) return StateChanged(kPlanWhat);
    Record(w, Transition{{Kind::kInspectionPlan, std::to_string(p->id)},
                         "edit",
                         std::string(domain::ToString(from)),
                         std::string(domain::ToString(from)),
                         "",
                         p->title,
                         {},
                         {}});
    return PlanView(w.tx, *store::FindInspectionPlan(w.tx, id), true);
  });
}

Result<InspectionPlanView> InspectionService::SubmitPlan(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionPlanView> {
    auto p = LoadPlan(w.tx, actor, id, Op::kSubmit);
    if (!p) return std::unexpected(p.error());
    auto city = store::FindRegion(w.tx, p->region_code);
    const std::string city_code = city ? city->parent_code : "";
    return MovePlan(w, *p, InspectionPlanAction::kSubmit, "",
                    {{ToBureausOf{city_code},
                      {"inspection_plan_submitted", "年度抽查计划已报送",
                       p->org_name + "报送了" + std::to_string(p->year) +
                           "年度双随机抽查工作计划“" + p->title + "”，请审核。"}}});
  });
}

Result<InspectionPlanView> InspectionService::AcceptPlan(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionPlanView> {
    auto p = LoadPlan(w.tx, actor, id, Op::kReview);
    if (!p) return std::unexpected(p.error());
    return MovePlan(w, *p, InspectionPlanAction::kAccept, "",
                    {{ToBureausOf{p->region_code},
                      {"inspection_plan_accepted", "年度抽查计划已通过",
                       "您局报送的年度抽查工作计划“" + p->title + "”已通过，并已向社会公示。"}}});
  });
}

Result<InspectionPlanView> InspectionService::ReturnPlan(const Actor& actor, int64_t id,
                                                         const std::string& reason_in) {
  const std::string reason = domain::Trim(reason_in);
  if (auto ok = domain::CheckReason(reason, true, "请填写退回原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionPlanView> {
    auto p = LoadPlan(w.tx, actor, id, Op::kReview);
    if (!p) return std::unexpected(p.error());
    return MovePlan(w, *p, InspectionPlanAction::kReturn, reason,
                    {{ToBureausOf{p->region_code},
                      {"inspection_plan_returned", "年度抽查计划已退回",
                       "您局报送的年度抽查工作计划“" + p->title + "”已退回，原因：" + reason +
                           "。请修改后重新报送。"}}});
  });
}

}  // namespace mvis::services
