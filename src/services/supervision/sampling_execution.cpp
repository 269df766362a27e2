// 抽样检定 execution: dispatching the sample as on-site tasks and asking the enterprises of the
// sample for their 举一反三 reports (SamplingService::Dispatch, RequestFollowups).
#include <algorithm>
#include <map>
#include <set>

#include "domain/calendar.hpp"
#include "domain/instrument.hpp"
#include "domain/text.hpp"
#include "services/core/workflow.hpp"
#include "services/supervision/rectification_service.hpp"
#include "services/supervision/sampling_internal.hpp"
#include "store/appointments_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

using domain::SamplingStatus;
using domain::access::Kind;
using domain::access::Op;
using sampling::DrawOf;
using sampling::kWhat;
using sampling::LoadPlan;
using sampling::ViewOf;

Result<DispatchResult> SamplingService::Dispatch(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<DispatchResult> {
    auto plan = LoadPlan(w.tx, actor, id, Op::kSubmit);
    if (!plan) return std::unexpected(plan.error());
    auto next = domain::NextStatus(plan->status, domain::SamplingAction::kDispatch);
    if (!next) return std::unexpected(next.error());
    auto draws = store::ListDraws(w.tx, id);
    if (draws.empty())
      return Fail(ErrorKind::kFailedPrecondition, "plan_not_drawn", "该计划尚未抽取");
    const SamplingDraw draw = DrawOf(draws.back(), false);
    auto tasks = store::SampleTasks(w.tx, id);
    std::vector<int64_t> todo;
    for (const auto& u : draw.items)
      if (!tasks.contains(u.instrument_id)) todo.push_back(u.instrument_id);
    if (todo.empty())
      return Fail(ErrorKind::kFailedPrecondition, "sample_all_dispatched",
                  "样本中的器具均已下发检定任务");
    // Same lock order as bookings (ascending ids), so a booking and a dispatch cannot deadlock.
    std::vector<int64_t> sorted = todo;
    std::ranges::sort(sorted);
    for (auto iid : sorted) store::LockKey(w.tx, "booking:instrument:" + std::to_string(iid));
    std::set<int64_t> held;
    for (auto iid : store::InstrumentsInOpenAppointments(w.tx, todo, 0)) held.insert(iid);

    DispatchResult out;
    std::map<int64_t, int64_t> per_org;  // enterprise → tasks created now
    const std::string date = plan->deadline.empty() || plan->deadline < w.Today()
                                 ? domain::AddDays(w.Today(), 7)
                                 : plan->deadline;
    for (const auto& unit : store::SampledInstruments(w.tx, todo)) {
      if (held.contains(unit.instrument_id)) {
        out.skipped.push_back(
            {unit.instrument_id,
             "出厂编号 " + unit.serial_no + " 已在其他进行中的预约中，待其结束后再下发"});
        continue;
      }
      auto org = store::FindOrg(w.tx, unit.org_id);
      domain::Appointment a;
      a.org_id = unit.org_id;
      a.institute_org_id = plan->institute_org_id;
      a.mode = domain::AppointmentMode::kOnSite;
      a.status = domain::AppointmentStatus::kAccepted;
      a.preferred_date = date;
      a.contact_name = org ? org->contact_name : "";
      a.contact_phone = org ? org->contact_phone : "";
      a.notes = "抽样检定任务（免费）：《" + plan->name + "》，按使用中检查现场检定";
      a.instrument_ids = {unit.instrument_id};
      a.submitted_at = a.accepted_at = w.now;
      a.created_by = actor.user_id;
      a.created_at = a.updated_at = w.now;
      a.sampling_plan_id = plan->id;
      a.id = store::InsertAppointment(w.tx, a);
      Record(w, Transition{{Kind::kAppointment, std::to_string(a.id)},
                           "dispatch",
                           "",
                           std::string(domain::ToString(a.status)),
                           "",
                           "抽样检定《" + plan->name + "》，出厂编号 " + unit.serial_no,
                           {{{Kind::kInstrument, std::to_string(unit.instrument_id)},
                             "sampled",
                             "",
                             "",
                             "抽样检定《" + plan->name + "》"}},
                           {}});
      ++per_org[unit.org_id];
      ++out.created;
    }
    std::vector<std::pair<Recipient, Notice>> notices;
    for (const auto& [org_id, n] : per_org) {
      notices.push_back({ToOrg{org_id},
                         {"sampling_task", "抽样检定现场检定通知",
                          "贵单位 " + std::to_string(n) + " 台充电桩被抽中参加市市场监管局《" +
                              plan->name + "》抽样检定，由" + plan->institute_name +
                              "上门检定，不收取费用。请配合提供检定条件。",
                          "", ""}});
    }
    if (out.created > 0) {
      notices.push_back({ToOrg{plan->institute_org_id},
                         {"sampling_task", "抽样检定现场检定通知",
                          "抽样检定《" + plan->name + "》已下发 " + std::to_string(out.created) +
                              " 项现场检定任务，请在预约受理中安排检定。",
                          "", ""}});
    }
    const std::string note = "下发任务 " + std::to_string(out.created) + " 项" +
                             (out.skipped.empty() ? std::string()
                                                  : "，暂缓 " + std::to_string(out.skipped.size()) +
                                                        " 项（已在其他预约中）");
    auto moved = Advance(w, Step<SamplingStatus>{{Kind::kSamplingPlan, std::to_string(plan->id)},
                                                 "dispatch",
                                                 kWhat,
                                                 plan->status,
                                                 next,
                                                 [&](SamplingStatus to) {
                                                   return store::MoveSamplingPlan(
                                                       w.tx, plan->id, plan->status, to, w.now);
                                                 },
                                                 "",
                                                 "《" + plan->name + "》" + note,
                                                 {},
                                                 std::move(notices)});
    if (!moved) return std::unexpected(moved.error());
    out.plan = ViewOf(w.tx, *store::FindSamplingPlan(w.tx, id), true, &actor);
    return out;
  });
}

Result<FollowupResult> SamplingService::RequestFollowups(const Actor& actor, int64_t id,
                                                         const std::string& deadline,
                                                         const std::string& note_in) {
  if (!domain::IsIsoDate(deadline))
    return InvalidField("deadline", "deadline_invalid", "整改期限格式应为 YYYY-MM-DD");
  const std::string note = domain::Trim(note_in);
  if (domain::CodePoints(note) > 500)
    return InvalidField("note", "note_too_long", "补充说明不能超过500字");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<FollowupResult> {
    if (deadline < w.Today())
      return InvalidField("deadline", "deadline_past", "整改期限不能早于今天");
    auto plan = LoadPlan(w.tx, actor, id, Op::kSubmit);
    if (!plan) return std::unexpected(plan.error());
    if (plan->status != SamplingStatus::kDispatched)
      return Fail(ErrorKind::kFailedPrecondition, "plan_not_dispatched", "请先下发抽样检定任务");
    auto draws = store::ListDraws(w.tx, id);
    std::vector<int64_t> ids;
    for (const auto& u : DrawOf(draws.back(), false).items) ids.push_back(u.instrument_id);
    // One order per enterprise and district of its sampled units.
    std::set<std::pair<int64_t, std::string>> targets;
    for (const auto& unit : store::SampledInstruments(w.tx, ids))
      targets.insert({unit.org_id, unit.region_code});
    FollowupResult out;
    for (const auto& [org_id, region] : targets) {
      store::RectificationRow order;
      order.org_id = org_id;
      order.region_code = region;
      order.source = domain::RectificationSource::kSamplingFollowup;
      order.source_id = plan->id;
      order.source_name = "抽样检定《" + plan->name + "》举一反三";
      order.items = {"对照抽样检定分析报告，自查本单位同品牌型号及其他在用充电桩的计量状况",
                     "对发现的问题完成整改（维修、重新检定、备案变更等），报送整改情况"};
      if (!note.empty()) order.items.push_back(note);
      order.deadline = deadline;
      if (supervision::OpenRectification(w, order)) ++out.created;
    }
    Record(w, Transition{{Kind::kSamplingPlan, std::to_string(plan->id)},
                         "request_followups",
                         std::string(domain::ToString(plan->status)),
                         std::string(domain::ToString(plan->status)),
                         "",
                         "《" + plan->name + "》要求 " + std::to_string(out.created) +
                             " 家企业报送举一反三整改情况，期限 " + deadline,
                         {},
                         {}});
    out.plan = ViewOf(w.tx, *store::FindSamplingPlan(w.tx, id), true, &actor);
    return out;
  });
}

}  // namespace mvis::services
