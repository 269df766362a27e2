// The dashboards' figures (统计分析), per card, within the caller's jurisdiction.
#include "services/reporting/statistics_service.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/access_policy.hpp"
#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "store/regions_store.hpp"
#include "store/settings_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;

namespace {

constexpr char kWhat[] = "统计数据";
constexpr char kFirstUseSetting[] = "statistics.first_use_date";
constexpr char kDefaultFirstUseDate[] = "2021-07-01";

}  // namespace

Result<StatisticsService::Resolved> StatisticsService::Resolve(const Actor& actor,
                                                               const StatisticsQuery& q) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, Kind::kStatistics);
  if (!scope.allowed)
    return std::unexpected(domain::access::DenialError(domain::access::Decision::kForbidden,
                                                       Kind::kStatistics, Op::kRead, kWhat));
  Resolved out;
  auto& f = out.filter;
  f.today = domain::ChinaDate(ctx_.clock.Now());
  f.soon = domain::AddDays(f.today, 30);
  const int this_year = std::stoi(f.today.substr(0, 4));
  out.year = q.year == 0 ? this_year : q.year;
  if (out.year < 2000 || out.year > this_year + 1)
    return InvalidField("year", "year_invalid", "统计年度无效");
  f.type_code = q.type_code;
  f.org_id = q.org_id;
  auto checked = ctx_.db.Read([&](store::Tx& tx) -> Status {
    if (!q.type_code.empty() && !store::TypeExists(tx, q.type_code))
      return InvalidField("type_code", "type_invalid", "器具类别不存在");
    if (q.region_code.empty()) {
      f.regions = scope.region_codes.value_or(std::vector<std::string>{});
      if (!scope.region_codes)
        for (const auto& r : store::ListRegions(tx, "")) f.regions.push_back(r.code);
      return {};
    }
    if (!store::FindRegion(tx, q.region_code))
      return InvalidField("region_code", "region_invalid", "行政区划不存在");
    domain::access::Resource district;
    district.kind = Kind::kStatistics;
    district.region_codes = {q.region_code};
    if (domain::access::Decide(subject, district, Op::kRead) != domain::access::Decision::kAllow)
      return Fail(ErrorKind::kPermissionDenied, "permission_denied", "无权查看该辖区的统计数据",
                  "region_code");
    f.regions = store::RegionSubtree(tx, q.region_code);
    return {};
  });
  if (!checked) return std::unexpected(checked.error());
  return out;
}

template <typename F>
auto StatisticsService::FromTallies(F&& fn) -> std::invoke_result_t<F, const TallyView&> {
  if (auto fresh = mirror_->Refresh(); !fresh) return std::unexpected(fresh.error());
  return mirror_->Read(std::forward<F>(fn));
}

std::string StatisticsService::FirstUseDate() {
  auto v = ctx_.db.Read([](store::Tx& tx) -> Result<std::string> {
    return store::GetSetting(tx, kFirstUseSetting).value_or(kDefaultFirstUseDate);
  });
  return v ? *v : kDefaultFirstUseDate;
}

Result<OverviewFigures> StatisticsService::Overview(const Actor& actor, const StatisticsQuery& q) {
  auto r = Resolve(actor, q);
  if (!r) return std::unexpected(r.error());
  const std::string since = FirstUseDate();
  return FromTallies([&](const TallyView& v) -> Result<OverviewFigures> {
    OverviewFigures out;
    out.counts = v.Counts(r->filter, store::StatDimension::kNone).front().counts;
    out.enterprises = v.Enterprises(r->filter);
    out.first_use_unverified = v.FirstUseUnverified(r->filter, since);
    out.first_use_date = since;
    out.as_of = r->filter.today;
    return out;
  });
}

Result<std::vector<BreakdownRow>> StatisticsService::Breakdown(const Actor& actor,
                                                               const StatisticsQuery& q,
                                                               const std::string& dimension) {
  using D = store::StatDimension;
  D by;
  if (dimension == "district")
    by = D::kRegion;
  else if (dimension == "type")
    by = D::kType;
  else if (dimension == "use")
    by = D::kUse;
  else if (dimension == "brand")
    by = D::kBrandModel;
  else if (dimension == "operator")
    by = D::kOrg;
  else
    return InvalidField("dimension", "dimension_invalid", "统计维度无效");
  if (!q.sort.empty() && q.sort != "filed" && q.sort != "overdue")
    return InvalidField("sort", "sort_invalid", "排序方式无效");
  if (q.limit < 0 || q.limit > 100) return InvalidField("limit", "limit_invalid", "条数应为 1–100");
  auto r = Resolve(actor, q);
  if (!r) return std::unexpected(r.error());
  std::string order;
  int limit = 0;
  if (by == D::kBrandModel) order = "filed", limit = q.limit ? q.limit : 20;
  if (by == D::kOrg) order = q.sort.empty() ? "overdue" : q.sort, limit = q.limit ? q.limit : 10;
  auto counted = FromTallies([&](const TallyView& v) -> Result<std::vector<store::StatGroup>> {
    return v.Counts(r->filter, by, order, limit);
  });
  if (!counted) return std::unexpected(counted.error());
  const auto& groups = *counted;
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<BreakdownRow>> {
    std::vector<BreakdownRow> out;
    if (by == D::kRegion) {
      // Every district in scope, in display order, zeros included.
      std::set<std::string> scope(r->filter.regions.begin(), r->filter.regions.end());
      for (const auto& region : store::ListRegions(tx, "")) {
        if (!scope.contains(region.code) || !region.IsDistrictLike()) continue;
        BreakdownRow row{region.code, "", region.name, 0, {}};
        for (const auto& g : groups)
          if (g.key == region.code) row.counts = g.counts;
        out.push_back(std::move(row));
      }
      return out;
    }
    std::map<std::string, std::string> names;
    if (by == D::kType)
      for (auto& [code, name] : store::TypeNames(tx)) names[code] = name;
    if (by == D::kOrg) {
      std::vector<int64_t> ids;
      for (const auto& g : groups) ids.push_back(std::stoll(g.key));
      for (auto& [id, name] : store::OrgNames(tx, ids)) names[std::to_string(id)] = name;
    }
    for (const auto& g : groups) {
      BreakdownRow row{g.key, g.key2, names.contains(g.key) ? names[g.key] : "", 0, g.counts};
      if (by == D::kOrg) row.org_id = std::stoll(g.key);
      out.push_back(std::move(row));
    }
    return out;
  });
}

Result<TrendFigures> StatisticsService::Trends(const Actor& actor, const StatisticsQuery& q) {
  auto r = Resolve(actor, q);
  if (!r) return std::unexpected(r.error());
  return FromTallies([&](const TallyView& v) -> Result<TrendFigures> {
    TrendFigures out;
    out.year = r->year;
    for (int m = 1; m <= 12; ++m) {
      TrendMonth month;
      month.month = std::to_string(r->year) + (m < 10 ? "-0" : "-") + std::to_string(m);
      out.months.push_back(month);
    }
    auto at = [&](const std::string& month) -> TrendMonth* {
      for (auto& m : out.months)
        if (m.month == month) return &m;
      return nullptr;
    };
    for (const auto& f : v.MonthlyFlows(r->filter, r->year)) {
      auto* m = at(f.month);
      if (!m) continue;
      if (f.metric == "filed") m->filed += f.n;
      if (f.metric == "verified") m->verified += f.n;
      if (f.metric == "passed") m->passed += f.n;
      if (f.metric == "failed") m->failed += f.n;
      if (f.metric == "first") m->first += f.n;
      if (f.metric == "first_passed") m->first_passed += f.n;
    }
    for (const auto& f : v.ExpiredByMonth(r->filter, r->year))
      if (auto* m = at(f.month)) m->expired += f.n;
    for (const auto& m : out.months) {
      out.totals.filed += m.filed;
      out.totals.verified += m.verified;
      out.totals.passed += m.passed;
      out.totals.failed += m.failed;
      out.totals.first += m.first;
      out.totals.first_passed += m.first_passed;
      out.totals.expired += m.expired;
    }
    return out;
  });
}

Result<std::vector<store::FailureCount>> StatisticsService::FailureItems(const Actor& actor,
                                                                         const StatisticsQuery& q) {
  auto r = Resolve(actor, q);
  if (!r) return std::unexpected(r.error());
  return FromTallies([&](const TallyView& v) -> Result<std::vector<store::FailureCount>> {
    return v.FailureItems(r->filter, r->year, 20);
  });
}

Result<SupervisionFigures> StatisticsService::Supervision(const Actor& actor,
                                                          const StatisticsQuery& q) {
  auto r = Resolve(actor, q);
  if (!r) return std::unexpected(r.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<SupervisionFigures> {
    SupervisionFigures out;
    out.sampling_plans = store::SamplingPlanCount(tx, r->year);
    // Samples of the current draws in scope; verified once verified on or after the draw.
    std::map<int64_t, std::pair<std::string, std::string>> sampled;  // id → stratum, draw date
    for (const auto& d : store::CurrentSamplingDraws(tx, r->year)) {
      auto items = nlohmann::json::parse(d.items, nullptr, false);
      if (!items.is_array()) continue;
      for (const auto& it : items)
        if (it.is_array() && it.size() >= 2 && it[0].is_number_integer() && it[1].is_string())
          sampled[it[0].get<int64_t>()] = {
              std::to_string(d.plan_id) + "|" + it[1].get<std::string>(),
              domain::ChinaDate(d.drawn_at)};
    }
    std::vector<int64_t> ids;
    for (const auto& [id, _] : sampled) ids.push_back(id);
    std::set<std::string> scope(r->filter.regions.begin(), r->filter.regions.end());
    std::set<std::string> strata, covered;
    for (const auto& s : store::StatSampledInstruments(tx, ids)) {
      if (!scope.contains(s.region_code)) continue;
      const auto& [stratum, drawn_on] = sampled[s.id];
      ++out.samples;
      strata.insert(stratum);
      if (!s.last_verified_on.empty() && s.last_verified_on >= drawn_on) {
        ++out.sampled_verified;
        covered.insert(stratum);
      }
    }
    out.strata = static_cast<int64_t>(strata.size());
    out.strata_covered = static_cast<int64_t>(covered.size());
    out.inspections = store::InspectionCounts(tx, r->filter.regions, r->year);
    out.rectifications = store::RectificationCounts(tx, r->filter.regions, r->filter.today);
    return out;
  });
}

Result<int64_t> StatisticsService::Compact() {
  return ctx_.db.Write(
      [](store::Tx& tx) -> Result<int64_t> { return store::CompactStatistics(tx); });
}

}  // namespace mvis::services
