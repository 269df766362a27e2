#include "services/supervision/sampling_service.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <set>

#include "domain/calendar.hpp"
#include "domain/instrument.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/core/workflow.hpp"
#include "services/supervision/rectification_service.hpp"
#include "store/appointments_store.hpp"
#include "store/instrument_types_store.hpp"
#include "store/orgs_store.hpp"
#include "store/rectifications_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using domain::FrameUnit;
using domain::SamplingStatus;
using domain::access::Kind;
using domain::access::Op;
using Json = nlohmann::json;

namespace {

constexpr char kWhat[] = "抽样检定计划";

domain::access::Resource ResourceOf(const store::SamplingPlanRow& p) {
  domain::access::Resource r;
  r.kind = Kind::kSamplingPlan;
  r.id = p.id;
  r.region_codes = p.region_codes;
  r.institute_org_id = p.institute_org_id;
  return r;
}

Result<store::SamplingPlanRow> LoadPlan(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto plan = store::FindSamplingPlan(tx, id);
  if (!plan) return NotFound(kWhat);
  if (auto ok = domain::access::Check(SubjectOf(actor), ResourceOf(*plan), op, kWhat); !ok)
    return std::unexpected(ok.error());
  return *plan;
}

std::string UnitsJson(const std::vector<FrameUnit>& units) {
  Json a = Json::array();
  for (const auto& u : units) a.push_back(Json::array({u.instrument_id, u.stratum}));
  return a.dump();
}

std::vector<FrameUnit> UnitsOf(const std::string& json) {
  std::vector<FrameUnit> out;
  for (const auto& e : Json::parse(json))
    out.push_back({e[0].get<int64_t>(), e[1].get<std::string>()});
  return out;
}

SamplingDraw DrawOf(const store::SamplingDrawRow& d, bool with_frame) {
  SamplingDraw out;
  out.seq = d.seq;
  out.seed = d.seed;
  out.algorithm = d.algorithm;
  out.frame_size = d.frame_size;
  out.strata = d.strata;
  if (with_frame) {
    out.frame = UnitsOf(d.frame_json);
    for (const auto& e : Json::parse(d.excluded_json))
      out.excluded.push_back({e[0].get<int64_t>(), e[1].get<std::string>()});
  }
  out.items = UnitsOf(d.items_json);
  out.reason = d.reason;
  out.drawn_by = d.drawn_by_name;
  out.drawn_at = d.drawn_at;
  return out;
}

SamplingProgress ProgressOf(const std::vector<int64_t>& sampled,
                            const std::map<int64_t, store::SampleTask>& tasks) {
  SamplingProgress p;
  p.sampled = static_cast<int64_t>(sampled.size());
  for (auto id : sampled) {
    auto it = tasks.find(id);
    if (it == tasks.end()) continue;
    const auto& t = it->second;
    ++p.dispatched;
    if (!t.unverifiable_reason.empty()) ++p.unverifiable;
    if (t.record_status != "approved") continue;
    ++p.verified;
    ++(t.conclusion == "pass" ? p.passed : p.failed);
  }
  return p;
}

SamplingPlanView ViewOf(store::Tx& tx, store::SamplingPlanRow plan, bool with_draws,
                        const Actor* reader = nullptr) {
  SamplingPlanView v;
  for (const auto& code : plan.region_codes) {
    auto r = store::FindRegion(tx, code);
    v.region_names.push_back(r ? r->name : code);
  }
  for (const auto& code : plan.type_codes) {
    auto t = store::FindInstrumentType(tx, code);
    v.type_names.push_back(t ? t->name : code);
  }
  if (with_draws)
    for (const auto& d : store::ListDraws(tx, plan.id)) v.draws.push_back(DrawOf(d, false));
  if (reader && !v.draws.empty()) {
    const bool district_only = reader->role == domain::Role::kDistrictRegulator;
    const auto subject = SubjectOf(*reader);
    std::vector<int64_t> ids;
    for (const auto& u : v.draws.back().items) ids.push_back(u.instrument_id);
    auto tasks = store::SampleTasks(tx, plan.id);
    v.progress = ProgressOf(ids, tasks);
    for (auto& s : store::SampledInstruments(tx, ids)) {
      if (district_only && !subject.Covers(s.region_code)) continue;
      if (auto it = tasks.find(s.instrument_id); it != tasks.end()) v.tasks.insert(*it);
      v.sample.push_back(std::move(s));
    }
    store::RectificationFilter f;
    f.source = domain::RectificationSource::kSamplingFollowup;
    f.source_id = plan.id;
    if (district_only) f.region_codes = subject.region_codes;
    for (auto& r : store::ListRectifications(tx, f, {1, 1000}).items)
      v.followups.push_back({r.org_id, r.org_name, r.id, r.status});
  }
  v.plan = std::move(plan);
  return v;
}

// 24 random decimal digits.
std::string NewSeed() {
  std::string seed;
  for (int i = 0; i < 24; ++i) seed += static_cast<char>('0' + randombytes_uniform(10));
  if (seed[0] == '0') seed[0] = '1';
  return seed;
}

// The districts a plan covers: those given (each a district or zone of the author's city), or
// every district of the city when none is given.
Result<std::vector<std::string>> Districts(store::Tx& tx, const domain::access::Subject& author,
                                           const std::vector<std::string>& given) {
  std::vector<std::string> out;
  for (const auto& code : given.empty() ? author.region_codes : given) {
    auto region = store::FindRegion(tx, code);
    const bool district = region && (region->level == domain::RegionLevel::kDistrict ||
                                     region->level == domain::RegionLevel::kZone);
    if (given.empty()) {
      if (district) out.push_back(code);
      continue;
    }
    if (!district || !author.Covers(code))
      return InvalidField("region_codes", "region_invalid", "抽样区域无效：" + code);
    if (std::ranges::find(out, code) == out.end()) out.push_back(code);
  }
  return out;
}

Status CheckPlanInput(const SamplingPlanInput& in) {
  const std::string name = domain::Trim(in.name);
  if (name.empty()) return InvalidField("name", "name_required", "请填写计划名称");
  if (domain::CodePoints(name) > 100)
    return InvalidField("name", "name_too_long", "计划名称不能超过100字");
  if (in.year < 2000 || in.year > 2100)
    return InvalidField("year", "year_invalid", "请填写计划年度，如 2027");
  if (in.type_codes.empty())
    return InvalidField("type_codes", "type_required", "请选择至少一种器具类型");
  if (in.exclude_days < 0 || in.exclude_days > 3650)
    return InvalidField("exclude_verified_within_days", "exclude_days_invalid",
                        "排除天数应为0至3650");
  if (!in.deadline.empty() && !domain::IsIsoDate(in.deadline))
    return InvalidField("deadline", "deadline_invalid", "完成期限格式应为 YYYY-MM-DD");
  return {};
}

}  // namespace

Result<SamplingPlanView> SamplingService::Create(const Actor& actor, const SamplingPlanInput& in) {
  const auto author = SubjectOf(actor);
  if (auto ok = domain::access::CheckRole(author, Kind::kSamplingPlan, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  if (auto ok = CheckPlanInput(in); !ok) return std::unexpected(ok.error());
  auto ratio = domain::ParseRatio(in.ratio);
  if (!ratio) return std::unexpected(ratio.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<SamplingPlanView> {
    auto districts = Districts(w.tx, author, in.region_codes);
    if (!districts) return std::unexpected(districts.error());
    std::vector<std::string> types;
    for (const auto& code : in.type_codes) {
      if (!store::FindInstrumentType(w.tx, code))
        return InvalidField("type_codes", "type_invalid", "器具类型无效：" + code);
      if (std::ranges::find(types, code) == types.end()) types.push_back(code);
    }
    auto institute = store::FindOrg(w.tx, in.institute_org_id);
    if (!institute || institute->kind != domain::OrgKind::kInstitute)
      return InvalidField("institute_org_id", "institute_invalid", "请选择承担抽样检定的检定机构");
    store::SamplingPlanRow p;
    p.name = domain::Trim(in.name);
    p.year = in.year;
    p.region_codes = *districts;
    p.type_codes = types;
    p.ratio_e4 = *ratio;
    p.institute_org_id = in.institute_org_id;
    p.exclude_days = in.exclude_days;
    p.deadline = in.deadline;
    p.status = SamplingStatus::kDraft;
    p.created_by = actor.user_id;
    p.created_at = p.updated_at = w.now;
    p.id = store::InsertSamplingPlan(w.tx, p);
    Record(w, Transition{{Kind::kSamplingPlan, std::to_string(p.id)},
                         "create",
                         "",
                         std::string(domain::ToString(p.status)),
                         "",
                         "《" + p.name + "》比例 " + domain::RatioText(p.ratio_e4),
                         {},
                         {}});
    return ViewOf(w.tx, *store::FindSamplingPlan(w.tx, p.id), true);
  });
}

Result<domain::Page<SamplingPlanView>> SamplingService::List(const Actor& actor,
                                                             const domain::PageRequest& page) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kSamplingPlan);
  if (!scope.allowed) {
    return std::unexpected(domain::access::DenialError(domain::access::Decision::kForbidden,
                                                       Kind::kSamplingPlan, Op::kRead, kWhat));
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<SamplingPlanView>> {
    store::SamplingPlanFilter f{scope.region_codes, scope.institute_org_id};
    auto rows = store::ListSamplingPlans(tx, f, page);
    domain::Page<SamplingPlanView> out;
    out.total = rows.total;
    for (auto& p : rows.items) out.items.push_back(ViewOf(tx, std::move(p), false));
    return out;
  });
}

Result<SamplingPlanView> SamplingService::Get(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<SamplingPlanView> {
    auto plan = LoadPlan(tx, actor, id, Op::kRead);
    if (!plan) return std::unexpected(plan.error());
    return ViewOf(tx, std::move(*plan), true, &actor);
  });
}

Result<SamplingDraw> SamplingService::Draw(const Actor& actor, int64_t id,
                                           const std::string& seed_in, const std::string& reason) {
  const std::string seed = seed_in.empty() ? NewSeed() : domain::Trim(seed_in);
  if (auto ok = domain::CheckSeed(seed); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<SamplingDraw> {
    auto plan = LoadPlan(w.tx, actor, id, Op::kSubmit);
    if (!plan) return std::unexpected(plan.error());
    const auto action = domain::DrawActionFor(plan->status);
    const std::string why = domain::Trim(reason);
    if (action == domain::SamplingAction::kRedraw) {
      if (auto ok = domain::CheckReason(why, true, "重新抽取须填写原因"); !ok)
        return std::unexpected(ok.error());
    }

    // The frame, frozen now: filed instruments of the plan's types and districts, minus those
    // verified within the exclusion window (each with its reason).
    std::set<int64_t> recent;
    std::string since;
    if (plan->exclude_days > 0) {
      since = domain::AddDays(w.Today(), -plan->exclude_days);
      for (auto i : store::VerifiedSince(w.tx, since)) recent.insert(i);
    }
    std::vector<FrameUnit> frame;
    std::vector<ExcludedUnit> excluded;
    for (const auto& c : store::FrameCandidates(w.tx, plan->region_codes, plan->type_codes)) {
      if (recent.contains(c.instrument_id)) {
        excluded.push_back({c.instrument_id, "近" + std::to_string(plan->exclude_days) +
                                                 "日内已检定（" + since + "起出具证书）"});
        continue;
      }
      frame.push_back({c.instrument_id, domain::StratumKey(c.brand, c.model)});
    }
    if (frame.empty()) {
      return Fail(ErrorKind::kFailedPrecondition, "frame_empty",
                  "抽样范围内没有符合条件的已备案器具，请调整区域或器具类型");
    }
    SamplingDraw d;
    d.seq = plan->draws + 1;
    d.seed = seed;
    d.algorithm = domain::kSamplingAlgorithm;
    d.frame = domain::FrameOrder(frame);
    d.frame_size = static_cast<int64_t>(d.frame.size());
    d.strata = domain::CountStrata(d.frame);
    d.items = domain::Draw(d.frame, plan->ratio_e4, seed);
    d.excluded = std::move(excluded);
    d.reason = action == domain::SamplingAction::kRedraw ? why : "";
    d.drawn_at = w.now;
    Json excluded_json = Json::array();
    for (const auto& e : d.excluded)
      excluded_json.push_back(Json::array({e.instrument_id, e.reason}));
    store::SamplingDrawRow row{plan->id,
                               d.seq,
                               d.seed,
                               d.algorithm,
                               UnitsJson(d.frame),
                               excluded_json.dump(),
                               UnitsJson(d.items),
                               d.frame_size,
                               d.strata,
                               d.reason,
                               actor.user_id,
                               "",
                               w.now};
    const std::string summary = "抽样框 " + std::to_string(d.frame_size) + " 台、" +
                                std::to_string(d.strata) + " 个品牌型号，抽取 " +
                                std::to_string(d.items.size()) + " 台";
    Notice notice{"sampling_drawn", "抽样检定任务",
                  "抽样检定计划《" + plan->name + "》已抽取样本：" + summary +
                      "。请登录系统查看样本清单并安排现场检定。",
                  "", ""};
    auto moved = Advance(
        w, Step<SamplingStatus>{
               {Kind::kSamplingPlan, std::to_string(plan->id)},
               std::string(domain::ToString(action)),
               kWhat,
               plan->status,
               domain::NextStatus(plan->status, action),
               [&](SamplingStatus to) { return store::InsertDraw(w.tx, row, plan->status, to); },
               d.reason,
               "《" + plan->name + "》第" + std::to_string(d.seq) + "次抽取，种子 " + seed + "，" +
                   summary,
               {},
               {{ToOrg{plan->institute_org_id}, notice}}});
    if (!moved) return std::unexpected(moved.error());
    d.drawn_by = actor.username;
    return d;
  });
}

Result<SamplingDraw> SamplingService::CurrentDraw(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<SamplingDraw> {
    auto plan = LoadPlan(tx, actor, id, Op::kRead);
    if (!plan) return std::unexpected(plan.error());
    auto draws = store::ListDraws(tx, id);
    if (draws.empty())
      return Fail(ErrorKind::kFailedPrecondition, "plan_not_drawn", "该计划尚未抽取");
    return DrawOf(draws.back(), true);
  });
}

namespace {

Result<ReplayResult> ReplayIn(store::Tx& tx, const store::SamplingPlanRow& plan) {
  auto draws = store::ListDraws(tx, plan.id);
  if (draws.empty())
    return Fail(ErrorKind::kFailedPrecondition, "plan_not_drawn", "该计划尚未抽取");
  const SamplingDraw current = DrawOf(draws.back(), true);
  ReplayResult r;
  r.seq = current.seq;
  r.seed = current.seed;
  r.algorithm = current.algorithm;
  r.items = domain::Draw(current.frame, plan.ratio_e4, current.seed);
  r.matches = current.algorithm == domain::kSamplingAlgorithm && r.items == current.items;
  return r;
}

}  // namespace

Result<ReplayResult> SamplingService::Replay(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<ReplayResult> {
    auto plan = LoadPlan(tx, actor, id, Op::kRead);
    if (!plan) return std::unexpected(plan.error());
    return ReplayIn(tx, *plan);
  });
}

Result<ReplayResult> SamplingService::ReplayLocally(int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<ReplayResult> {
    auto plan = store::FindSamplingPlan(tx, id);
    if (!plan) return NotFound(kWhat);
    return ReplayIn(tx, *plan);
  });
}

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

namespace {

std::string Fixed(double pct) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f %%", pct);
  return buf;
}

// Adds a verified unit's results to a breakdown line.
void Tally(io::SamplingReportLine& line, const store::SampleTask* task,
           std::map<std::string, int>& failed_items) {
  ++line.sampled;
  if (!task) return;
  if (!task->unverifiable_reason.empty()) ++line.unverifiable;
  if (task->record_status != "approved") return;
  ++line.verified;
  ++(task->conclusion == "pass" ? line.passed : line.failed);
  auto data = Json::parse(task->record_data, nullptr, false);
  if (data.is_object() && data.contains("load_points")) {
    for (const auto& p : data["load_points"]) {
      if (!p.contains("error_pct") || !p["error_pct"].is_number()) continue;
      const double e = std::abs(p["error_pct"].get<double>());
      const auto k = static_cast<double>(line.error_points++);
      line.mean_error_pct = (line.mean_error_pct * k + e) / (k + 1);  // running mean
      line.max_error_pct = std::max(line.max_error_pct, e);
    }
  }
  for (const auto& f : Json::parse(task->failed_items, nullptr, false))
    if (f.is_object()) ++failed_items[f.value("name", std::string("其他"))];
}

std::string ItemsText(const std::map<std::string, int>& items) {
  std::string out;
  for (const auto& [name, n] : items)
    out += (out.empty() ? "" : "、") + name + " " + std::to_string(n);
  return out;
}

}  // namespace

Result<io::SamplingReportDocument> SamplingService::Report(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<io::SamplingReportDocument> {
    auto plan = LoadPlan(tx, actor, id, Op::kRead);
    if (!plan) return std::unexpected(plan.error());
    auto draws = store::ListDraws(tx, id);
    if (draws.empty())
      return Fail(ErrorKind::kFailedPrecondition, "plan_not_drawn", "该计划尚未抽取");
    const SamplingDraw draw = DrawOf(draws.back(), true);
    const SamplingPlanView view = ViewOf(tx, *plan, false);
    const auto subject = SubjectOf(actor);
    const bool district_only = actor.role == domain::Role::kDistrictRegulator;
    auto in_scope = [&](const store::SampledInstrument& u) {
      return !district_only || subject.Covers(u.region_code);
    };

    io::SamplingReportDocument doc;
    doc.plan_name = plan->name;
    doc.year = std::to_string(plan->year);
    doc.institute_name = plan->institute_name;
    for (const auto& n : view.region_names) doc.regions += (doc.regions.empty() ? "" : "、") + n;
    for (const auto& n : view.type_names) doc.types += (doc.types.empty() ? "" : "、") + n;
    doc.ratio = io::Percent(plan->ratio_e4, 10000);  // "5.0 %"
    doc.deadline = plan->deadline;
    doc.seed = draw.seed;
    doc.algorithm = draw.algorithm;
    doc.drawn_on = domain::ChinaDate(draw.drawn_at);
    doc.generated_on = ctx_.clock.Today();

    // The frame by district and stratum.
    std::vector<int64_t> frame_ids;
    std::map<int64_t, std::string> stratum_of;
    for (const auto& u : draw.frame) {
      frame_ids.push_back(u.instrument_id);
      stratum_of[u.instrument_id] = u.stratum;
    }
    std::map<std::string, io::SamplingReportLine> districts, strata, operators;
    std::map<std::string, std::map<std::string, int>> district_items, stratum_items, operator_items;
    std::map<int64_t, store::SampledInstrument> frame_units;
    for (auto& u : store::SampledInstruments(tx, frame_ids)) {
      if (!in_scope(u)) continue;
      auto& d = districts[u.region_code];
      d.name = u.region_name;
      ++d.frame;
      auto& st = strata[stratum_of[u.instrument_id]];
      if (st.name.empty()) st.name = domain::Trim(u.brand) + " " + domain::Trim(u.model);
      ++st.frame;
      ++doc.frame_size;
      frame_units[u.instrument_id] = std::move(u);
    }
    doc.strata = static_cast<int64_t>(strata.size());

    auto tasks = store::SampleTasks(tx, id);
    for (const auto& pick : draw.items) {
      auto it = frame_units.find(pick.instrument_id);
      if (it == frame_units.end()) continue;
      const auto& u = it->second;
      auto t = tasks.find(u.instrument_id);
      const store::SampleTask* task = t == tasks.end() ? nullptr : &t->second;
      Tally(districts[u.region_code], task, district_items[u.region_code]);
      Tally(strata[pick.stratum], task, stratum_items[pick.stratum]);
      auto& op = operators[u.org_name];
      op.name = u.org_name;
      Tally(op, task, operator_items[u.org_name]);
      ++doc.sample_size;
      if (!task) continue;
      ++doc.dispatched;
      if (!task->unverifiable_reason.empty()) ++doc.unverifiable;
      if (task->record_status != "approved") continue;
      ++doc.verified;
      if (task->conclusion == "pass") {
        ++doc.passed;
        continue;
      }
      ++doc.failed;
      std::map<std::string, int> items;
      io::SamplingReportLine one;
      Tally(one, task, items);
      doc.failures.push_back({u.serial_no, domain::Trim(u.brand) + " " + domain::Trim(u.model),
                              u.org_name, u.region_name, task->certificate_no, ItemsText(items),
                              one.error_points > 0 ? Fixed(one.max_error_pct) : "—"});
    }
    for (auto& [key, line] : districts) {
      line.failed_items = ItemsText(district_items[key]);
      doc.districts.push_back(line);
    }
    for (auto& [key, line] : strata) {
      line.failed_items = ItemsText(stratum_items[key]);
      if (line.sampled > 0) ++doc.strata_covered;
      doc.strata_lines.push_back(line);
    }
    for (auto& [key, line] : operators) {
      line.failed_items = ItemsText(operator_items[key]);
      doc.operators.push_back(line);
    }
    doc.coverage = "覆盖品牌型号 " + std::to_string(doc.strata_covered) + "/" +
                   std::to_string(doc.strata) + "，抽样比例 " +
                   io::Percent(doc.sample_size, doc.frame_size);
    return doc;
  });
}

}  // namespace mvis::services
