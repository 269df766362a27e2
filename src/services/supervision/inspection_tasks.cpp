// 双随机抽查任务: creating, drawing (objects per credit class, then two inspectors per object),
// replaying, publishing.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "domain/instrument.hpp"
#include "domain/reason.hpp"
#include "domain/sampling.hpp"
#include "domain/text.hpp"
#include "services/core/workflow.hpp"
#include "services/supervision/inspection_internal.hpp"
#include "store/events_store.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using domain::InspectionPlanAction;
using domain::InspectionPlanStatus;
using domain::InspectionTaskAction;
using domain::InspectionTaskStatus;
using domain::access::Kind;
using domain::access::Op;
using Json = nlohmann::json;

namespace inspection {

domain::access::Resource ResourceOf(const store::InspectionTaskRow& t) {
  domain::access::Resource res;
  res.kind = Kind::kInspectionTask;
  res.id = t.id;
  res.owner_org_id = t.org_id;
  res.region_codes = {t.region_code};
  return res;
}

Result<store::InspectionTaskRow> LoadTask(store::Tx& tx, const Actor& actor, int64_t id, Op op,
                                          bool lock) {
  auto t = lock ? store::LockInspectionTask(tx, id) : store::FindInspectionTask(tx, id);
  if (!t) return NotFound(kTaskWhat);
  if (auto ok = domain::access::Check(SubjectOf(actor), ResourceOf(*t), op, kTaskWhat); !ok)
    return std::unexpected(ok.error());
  return *t;
}

InspectionTaskView ViewOf(store::Tx& tx, store::InspectionTaskRow row, const std::string& today,
                          bool with_detail) {
  InspectionTaskView v;
  auto frame = Json::parse(row.frame_json.empty() ? "[]" : row.frame_json);
  for (const auto& u : frame) v.frame_sizes[u[1].get<int>()] += 1;
  auto excluded = Json::parse(row.excluded_json.empty() ? "[]" : row.excluded_json);
  for (const auto& e : excluded)
    v.excluded.emplace_back(e[0].get<int64_t>(), e[1].get<std::string>());
  auto objects = store::ListInspectionObjects(tx, row.id);
  for (const auto& b : objects) {
    if (auto c = domain::CreditClassIndex(b.credit_class)) v.sample_sizes[*c] += 1;
    v.progress.objects += 1;
    if (b.status != domain::InspectionObjectStatus::kPending) v.progress.recorded += 1;
    if (b.status == domain::InspectionObjectStatus::kSigned) v.progress.signed_ += 1;
    if (b.published_at) {
      v.progress.published += 1;
      if (!b.rectification_id || b.rectification_status == "closed") v.progress.closed += 1;
    }
  }
  v.overdue = row.status == InspectionTaskStatus::kCompleted && !row.publish_deadline.empty() &&
              row.publish_deadline < today;
  if (with_detail) {
    for (const auto& [org_id, reason] : v.excluded) {
      auto name = tx.QueryOne("SELECT name FROM orgs WHERE id = ?", {org_id});
      v.excluded_names.push_back(name ? name->Str(0) : "");
    }
    v.objects = std::move(objects);
    v.events = store::ListEvents(tx, "inspection_task", std::to_string(row.id));
    if (auto item = store::FindInspectionItem(tx, row.item_id)) v.checks = item->checks;
  }
  v.row = std::move(row);
  return v;
}

std::vector<int64_t> EligibleFor(store::Tx& tx, const store::InspectionTaskRow& task,
                                 const store::InspectionObjectRow& object) {
  std::vector<domain::InspectorCandidate> candidates;
  for (const auto& i : store::InspectorsOf(tx, task.org_id)) {
    domain::InspectorCandidate c{i.id, i.org_id, i.active, i.cert_expiry, {}};
    for (const auto& conflict : i.conflicts) c.conflict_orgs.push_back(conflict.org_id);
    candidates.push_back(std::move(c));
  }
  std::vector<int64_t> exclude;
  for (const auto& a : object.inspectors) exclude.push_back(a.inspector_id);
  return domain::EligibleInspectors(candidates, object.org_id, task.task_date, exclude);
}

Status DrawInspectorsFor(Work& w, store::InspectionTaskRow& task,
                         const store::InspectionObjectRow& object, int count,
                         const std::string& kind) {
  uint64_t k = static_cast<uint64_t>(task.next_k);
  auto picked = domain::DrawInspectors(EligibleFor(w.tx, task, object), count, task.seed, k);
  if (!picked) {
    auto e = picked.error();
    e.message = "检查对象“" + object.org_name + "”" + e.message;
    return std::unexpected(e);
  }
  for (int64_t id : *picked) {
    store::AssignmentRow a;
    a.object_id = object.id;
    a.inspector_id = id;
    a.kind = kind;
    a.created_at = w.now;
    store::InsertAssignment(w.tx, a);
  }
  task.next_k = static_cast<int64_t>(k);
  return {};
}

std::vector<std::pair<Recipient, Notice>> ToInspectors(const store::InspectionObjectRow& object,
                                                       Notice notice) {
  std::vector<std::pair<Recipient, Notice>> out;
  for (const auto& a : object.inspectors)
    if (a.active) out.emplace_back(ToUser{a.user_id}, notice);
  return out;
}

}  // namespace inspection

using namespace inspection;

namespace {

// The task's frame: enterprises of the scope by org id with their class (never computed → B),
// minus those the bureau inspected for the item in the 12 months before the task date.
struct Frame {
  std::vector<domain::ObjectUnit> units;
  std::vector<std::pair<int64_t, std::string>> excluded;
};
Frame BuildFrame(store::Tx& tx, const store::InspectionTaskRow& t) {
  if (t.target_org_id) {  // 线索核查: the one enterprise, whatever its filings or recent checks
    const int cls =
        domain::CreditClassIndex(store::EffectiveCreditClass(tx, *t.target_org_id)).value_or(1);
    return {{{*t.target_org_id, cls}}, {}};
  }
  store::ObjectLibraryFilter f;
  f.region_codes =
      t.directed && !t.scope_regions.empty() ? t.scope_regions : std::vector{t.region_code};
  if (t.directed) f.type_codes = t.scope_types;
  std::map<int64_t, int64_t> recent;
  for (auto [org, task] :
       store::InspectedSince(tx, t.org_id, t.item_id, domain::AddMonths(t.task_date, -12), t.id))
    recent[org] = task;
  Frame out;
  for (const auto& o : store::ObjectCandidates(tx, f)) {
    const int cls = domain::CreditClassIndex(o.credit_class).value_or(1);
    if (t.directed && !t.scope_classes.empty() &&
        std::ranges::find(t.scope_classes, domain::kCreditClasses[cls]) == t.scope_classes.end())
      continue;
    if (auto it = recent.find(o.org_id); it != recent.end()) {
      out.excluded.emplace_back(
          o.org_id, "近12个月内已被同一事项抽查（任务" + std::to_string(it->second) + "）");
      continue;
    }
    out.units.push_back({o.org_id, cls});
  }
  return out;
}

Json FrameJson(const std::vector<domain::ObjectUnit>& units) {
  Json out = Json::array();
  for (const auto& u : units) out.push_back({u.org_id, u.credit_class});
  return out;
}

// A class ratio: a decimal in (0, 1] with at most 4 places, in ten-thousandths.
std::optional<int> ParseClassRatio(const std::string& text) {
  size_t dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 1 || frac.size() > 4) return std::nullopt;
  for (char c : whole + frac)
    if (c < '0' || c > '9') return std::nullopt;
  frac.resize(4, '0');
  const int v = (whole[0] - '0') * 10000 + std::stoi(frac);
  if (v <= 0 || v > 10000) return std::nullopt;
  return v;
}

// The task's objects from its frame: the seeded draw, or every unit of a targeted task's frame
// (its one enterprise).
domain::ObjectDraw DrawFor(const store::InspectionTaskRow& t,
                           const std::vector<domain::ObjectUnit>& frame, const std::string& seed) {
  if (!t.target_org_id) return domain::DrawObjects(frame, t.ratios, seed);
  domain::ObjectDraw out;
  out.picks = frame;
  for (const auto& u : frame) {
    ++out.frame_sizes[u.credit_class];
    ++out.sample_sizes[u.credit_class];
  }
  return out;
}

std::vector<domain::ObjectUnit> FrameOf(const std::string& json) {
  std::vector<domain::ObjectUnit> out;
  for (const auto& u : Json::parse(json.empty() ? "[]" : json))
    out.push_back({u[0].get<int64_t>(), u[1].get<int>()});
  return out;
}

}  // namespace

// ---- tasks

Result<domain::Page<InspectionTaskView>> InspectionService::ListTasks(
    const Actor& actor, const std::string& status, std::optional<int> year,
    const std::string& query, const domain::PageRequest& page) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kInspectionTask);
  if (!scope.allowed)
    return std::unexpected(domain::access::DenialError(
        domain::access::Decision::kForbidden, Kind::kInspectionTask, Op::kRead, kTaskWhat));
  store::InspectionTaskFilter f;
  f.region_codes = scope.region_codes;
  f.year = year;
  f.query = domain::Trim(query);
  if (!status.empty()) {
    f.status = domain::ParseInspectionTaskStatus(status);
    if (!f.status) return InvalidField("status", "status_invalid", "状态无效");
  }
  const std::string today = ctx_.clock.Today();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<InspectionTaskView>> {
    auto rows = store::ListInspectionTasks(tx, f, page);
    domain::Page<InspectionTaskView> out;
    out.total = rows.total;
    for (auto& r : rows.items) out.items.push_back(ViewOf(tx, std::move(r), today, false));
    return out;
  });
}

Result<InspectionTaskView> InspectionService::GetTask(const Actor& actor, int64_t id) {
  const std::string today = ctx_.clock.Today();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<InspectionTaskView> {
    auto t = LoadTask(tx, actor, id, Op::kRead);
    if (!t) return std::unexpected(t.error());
    return ViewOf(tx, std::move(*t), today, true);
  });
}

Result<InspectionTaskView> InspectionService::CreateTask(const Actor& actor,
                                                         const InspectionTaskInput& in) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionTaskView> {
    auto id = CreateTaskIn(w, actor, in);
    if (!id) return std::unexpected(id.error());
    return ViewOf(w.tx, *store::FindInspectionTask(w.tx, *id), w.Today(), true);
  });
}

Result<int64_t> InspectionService::CreateTaskIn(Work& w, const Actor& actor,
                                                const InspectionTaskInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInspectionTask, Op::kCreate);
      !ok)
    return std::unexpected(ok.error());
  store::InspectionTaskRow t;
  t.name = domain::Trim(in.name);
  if (t.name.empty()) return InvalidField("name", "name_required", "请填写任务名称");
  if (domain::CodePoints(t.name) > 100)
    return InvalidField("name", "name_too_long", "任务名称不能超过100字");
  if (!domain::IsIsoDate(in.task_date))
    return InvalidField("task_date", "date_invalid", "请填写检查日期");
  t.task_date = in.task_date;
  t.directed = in.directed && !in.target_org_id;
  if (t.directed) {
    t.scope_regions = in.scope_regions;
    t.scope_types = in.scope_types;
    for (const auto& c : in.scope_classes) {
      if (!domain::CreditClassIndex(c))
        return InvalidField("scope_credit_classes", "credit_class_invalid", "信用风险分类无效");
      t.scope_classes.push_back(c);
    }
  }
  for (size_t k = 0; k < 4; ++k) {
    if (in.ratios[k].empty()) continue;
    auto r = ParseClassRatio(in.ratios[k]);
    if (!r) {
      return InvalidField(std::string("ratios.") + domain::kCreditClasses[k], "ratio_invalid",
                          std::string(domain::kCreditClasses[k]) + "类抽查比例无效");
    }
    t.ratios[k] = *r;
  }
  if (in.target_org_id) {
    t.basis = domain::Trim(in.basis);
    if (t.basis.empty()) return InvalidField("basis", "basis_required", "请填写核查依据");
    if (domain::CodePoints(t.basis) > 500)
      return InvalidField("basis", "basis_too_long", "核查依据不能超过500字");
    auto org = store::FindOrg(w.tx, *in.target_org_id);
    if (!org || org->kind != domain::OrgKind::kEnterprise)
      return InvalidField("target_org_id", "org_invalid", "请选择核查的企业");
    t.target_org_id = org->id;
  }
  if (auto ok = CheckDistrict(w.tx, actor, in.region_code, "region_code"); !ok)
    return std::unexpected(ok.error());
  for (const auto& code : t.scope_regions)
    if (auto ok = CheckDistrict(w.tx, actor, code, "scope_region_codes"); !ok)
      return std::unexpected(ok.error());
  auto item = store::FindInspectionItem(w.tx, in.item_id);
  if (!item) return InvalidField("item_id", "item_invalid", "请选择抽查事项");
  if (auto ok = domain::CheckClassRatios(t.ratios, item->class_ranges); !ok)
    return std::unexpected(ok.error());
  if (in.plan_id) {
    auto plan = LoadPlan(w.tx, actor, *in.plan_id, Op::kRead);
    if (!plan || plan->status != InspectionPlanStatus::kAccepted)
      return InvalidField("plan_id", "plan_invalid", "请选择已通过的年度抽查计划");
    t.plan_id = plan->id;
  }
  t.org_id = actor.org_id.value_or(0);
  t.region_code = in.region_code;
  t.item_id = item->id;
  t.created_by = actor.user_id;
  t.created_at = t.updated_at = w.now;
  t.id = store::InsertInspectionTask(w.tx, t);
  Record(w, Transition{{Kind::kInspectionTask, std::to_string(t.id)},
                       "create",
                       "",
                       std::string(domain::ToString(t.status)),
                       t.target_org_id ? "线索核查：" + t.basis : "",
                       t.name,
                       {},
                       {}});
  return t.id;
}

Result<InspectionTaskView> InspectionService::Draw(const Actor& actor, int64_t id,
                                                   const std::string& seed) {
  if (auto ok = domain::CheckSeed(seed); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionTaskView> {
    auto t = LoadTask(w.tx, actor, id, Op::kEdit, true);
    if (!t) return std::unexpected(t.error());
    const InspectionTaskStatus from = t->status;
    auto next = domain::NextStatus(from, InspectionTaskAction::kDraw);
    if (!next) return std::unexpected(next.error());
    Frame frame = BuildFrame(w.tx, *t);
    if (frame.units.empty())
      return Fail(ErrorKind::kFailedPrecondition, "frame_empty",
                  "抽查范围内没有可抽取的检查对象（已备案充电桩的运营企业）");
    auto drawn = DrawFor(*t, frame.units, seed);
    t->seed = seed;
    t->algorithm = domain::kSamplingAlgorithm;
    t->frame_json = FrameJson(frame.units).dump();
    Json excluded = Json::array();
    for (const auto& [org, reason] : frame.excluded) excluded.push_back({org, reason});
    t->excluded_json = excluded.dump();
    t->frame_size = static_cast<int64_t>(frame.units.size());
    t->next_k = static_cast<int64_t>(drawn.next_k);
    int order = 0;
    std::map<int64_t, int64_t> object_ids;
    for (const auto& u : drawn.picks) {
      store::InspectionObjectRow b;
      b.task_id = t->id;
      b.org_id = u.org_id;
      b.credit_class = domain::kCreditClasses[u.credit_class];
      b.pick_order = ++order;
      object_ids[u.org_id] = store::InsertInspectionObject(w.tx, b);
    }
    // Two inspectors per object, in pick order, with the numbers after the objects'.
    for (const auto& u : drawn.picks) {
      auto object = store::FindInspectionObject(w.tx, object_ids[u.org_id]);
      if (auto ok = DrawInspectorsFor(w, *t, *object, domain::kInspectorsPerObject, "draw"); !ok)
        return std::unexpected(ok.error());
    }
    t->status = *next;
    t->drawn_at = w.now;
    t->updated_at = w.now;
    if (!store::SaveInspectionTask(w.tx, *t, from)) return StateChanged(kTaskWhat);
    std::vector<std::pair<Recipient, Notice>> notices;
    for (const auto& b : store::ListInspectionObjects(w.tx, t->id)) {
      for (auto& n :
           ToInspectors(b, {"inspection_assigned", "双随机抽查检查任务",
                            "您被随机抽取为“" + t->name + "”的检查人员，检查对象：" + b.org_name +
                                "，检查日期 " + t->task_date + "。请按时开展现场检查。",
                            "inspection_task", std::to_string(t->id)}))
        notices.push_back(std::move(n));
    }
    Record(w, Transition{{Kind::kInspectionTask, std::to_string(t->id)},
                         "draw",
                         std::string(domain::ToString(from)),
                         std::string(domain::ToString(*next)),
                         "",
                         "种子 " + seed + "，抽查基数 " + std::to_string(t->frame_size) +
                             "，抽取 " + std::to_string(drawn.picks.size()) + " 户",
                         {},
                         std::move(notices)});
    return ViewOf(w.tx, *store::FindInspectionTask(w.tx, t->id), w.Today(), true);
  });
}

Result<bool> InspectionService::Replay(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<bool> {
    auto t = LoadTask(tx, actor, id, Op::kRead);
    if (!t) return std::unexpected(t.error());
    if (t->status == InspectionTaskStatus::kDraft)
      return Fail(ErrorKind::kFailedPrecondition, "task_not_drawn", "任务尚未抽取");
    auto drawn = DrawFor(*t, FrameOf(t->frame_json), t->seed);
    auto objects = store::ListInspectionObjects(tx, t->id);
    if (drawn.picks.size() != objects.size()) return false;
    for (size_t i = 0; i < objects.size(); ++i)
      if (objects[i].org_id != drawn.picks[i].org_id) return false;
    return true;
  });
}

Result<InspectionTaskView> InspectionService::Publish(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionTaskView> {
    auto t = LoadTask(w.tx, actor, id, Op::kSubmit, true);
    if (!t) return std::unexpected(t.error());
    const InspectionTaskStatus from = t->status;
    auto moved = Advance(
        w, Step<InspectionTaskStatus>{
               {Kind::kInspectionTask, std::to_string(t->id)},
               std::string(domain::ToString(InspectionTaskAction::kPublish)),
               kTaskWhat,
               from,
               domain::NextStatus(from, InspectionTaskAction::kPublish),
               [&](InspectionTaskStatus to) {
                 t->status = to;
                 t->published_at = w.now;
                 t->updated_at = w.now;
                 if (!store::SaveInspectionTask(w.tx, *t, from)) return false;
                 store::PublishObjects(w.tx, t->id, w.now);
                 return true;
               },
               "",
               t->name + (w.Today() > t->publish_deadline ? "（超过公示期限 " : "（公示期限 ") +
                   t->publish_deadline + "）",
               {},
               {}});
    if (!moved) return std::unexpected(moved.error());
    // Each inspected enterprise learns that its result is public.
    for (const auto& b : store::ListInspectionObjects(w.tx, t->id))
      Notify(w, ToOrg{b.org_id},
             {"inspection_published", "抽查结果已公示",
              "“" + t->name + "”对贵单位的检查结果（" +
                  std::string(domain::DisplayName(domain::ParseInspectionResult(b.result).value_or(
                      domain::InspectionResult::kNoProblem))) +
                  "）已在信息公示栏目公示。",
              "inspection_task", std::to_string(t->id)});
    return ViewOf(w.tx, *store::FindInspectionTask(w.tx, t->id), w.Today(), true);
  });
}

Result<std::vector<store::MyInspectionRow>> InspectionService::Mine(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInspectionTask, Op::kRead); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::MyInspectionRow>> {
    auto me = store::FindInspectorByUser(tx, actor.user_id);
    if (!me) return std::vector<store::MyInspectionRow>{};
    return store::MyInspections(tx, me->id);
  });
}

}  // namespace mvis::services
