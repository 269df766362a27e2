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
#include "services/supervision/sampling_internal.hpp"
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

namespace sampling {

namespace {

domain::access::Resource ResourceOf(const store::SamplingPlanRow& p) {
  domain::access::Resource r;
  r.kind = Kind::kSamplingPlan;
  r.id = p.id;
  r.region_codes = p.region_codes;
  r.institute_org_id = p.institute_org_id;
  return r;
}

}  // namespace

Result<store::SamplingPlanRow> LoadPlan(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto plan = store::FindSamplingPlan(tx, id);
  if (!plan) return NotFound(kWhat);
  if (auto ok = domain::access::Check(SubjectOf(actor), ResourceOf(*plan), op, kWhat); !ok)
    return std::unexpected(ok.error());
  return *plan;
}

namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

SamplingPlanView ViewOf(store::Tx& tx, store::SamplingPlanRow plan, bool with_draws,
                        const Actor* reader) {
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

}  // namespace sampling

namespace {

using sampling::DrawOf;
using sampling::kWhat;
using sampling::LoadPlan;
using sampling::UnitsJson;
using sampling::ViewOf;

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

}  // namespace mvis::services
