// Dashboards (统计分析): one JSON endpoint per card, for the caller's jurisdiction.
#include <charconv>

#include "http/api.hpp"
#include "http/context.hpp"
#include "services/reporting/statistics_service.hpp"

namespace mvis::http {
namespace {

using services::StatisticsQuery;

// The common filters: region_code, type_code, org_id, year, limit, sort.
Result<StatisticsQuery> QueryOf(RequestContext& ctx) {
  StatisticsQuery q;
  const auto& req = ctx.request();
  q.region_code = req.Query("region_code");
  q.type_code = req.Query("type_code");
  q.sort = req.Query("sort");
  auto org = ctx.QueryId("org_id");
  if (!org) return std::unexpected(org.error());
  q.org_id = *org;
  auto number = [&](const char* key, int& out, const char* code, const char* message) -> Status {
    const std::string v = req.Query(key);
    if (v.empty()) return {};
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size()) return InvalidField(key, code, message);
    return {};
  };
  if (auto ok = number("year", q.year, "year_invalid", "统计年度无效"); !ok)
    return std::unexpected(ok.error());
  if (auto ok = number("limit", q.limit, "limit_invalid", "条数应为 1–100"); !ok)
    return std::unexpected(ok.error());
  return q;
}

Json CountsJson(const store::StateCounts& c) {
  return {{"filed", c.filed},     {"approved", c.approved}, {"valid", c.valid},
          {"due_30d", c.due_30d}, {"overdue", c.overdue},   {"never_verified", c.never_verified},
          {"failed", c.failed}};
}

Json Rate(int64_t part, int64_t whole) {
  if (whole == 0) return nullptr;
  return static_cast<double>(part) / static_cast<double>(whole);
}

Json TrendJson(const services::TrendMonth& m) {
  return {{"filed", m.filed},    {"verified", m.verified}, {"passed", m.passed},
          {"failed", m.failed},  {"first", m.first},       {"first_passed", m.first_passed},
          {"expired", m.expired}};
}

}  // namespace

void AddStatisticsRoutes(Router& router, AppServices& s) {
  auto& svc = s.statistics;
  router.Add("GET", "/api/v1/statistics/overview", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto q = QueryOf(ctx);
    if (!q) return ErrorResponse(q.error());
    return Reply(svc.Overview(ctx.actor(), *q), [](const services::OverviewFigures& o) {
      Json j = CountsJson(o.counts);
      j["enterprises"] = o.enterprises;
      j["connectors"] = o.counts.connectors;
      j["first_use_unverified"] = o.first_use_unverified;
      j["first_use_date"] = o.first_use_date;
      j["as_of"] = o.as_of;
      return j;
    });
  });

  for (const char* dimension : {"district", "type", "use", "brand", "operator"}) {
    const std::string dim = dimension;
    router.Add("GET", "/api/v1/statistics/by-" + dim, Access::kSignedIn,
               [&svc, dim](RequestContext& ctx) {
                 auto q = QueryOf(ctx);
                 if (!q) return ErrorResponse(q.error());
                 return Reply(svc.Breakdown(ctx.actor(), *q, dim), [&dim](const auto& rows) {
                   Json items = Json::array();
                   for (const auto& r : rows) {
                     Json j = CountsJson(r.counts);
                     if (dim == "district") j["region_code"] = r.key, j["region_name"] = r.name;
                     if (dim == "type") j["type_code"] = r.key, j["type_name"] = r.name;
                     if (dim == "use") j["use"] = r.key;
                     if (dim == "brand") j["brand"] = r.key, j["model"] = r.key2;
                     if (dim == "operator") j["org_id"] = r.org_id, j["org_name"] = r.name;
                     items.push_back(std::move(j));
                   }
                   return Json{{"items", items}};
                 });
               });
  }

  router.Add("GET", "/api/v1/statistics/trends", Access::kSignedIn, [&svc](RequestContext& ctx) {
    auto q = QueryOf(ctx);
    if (!q) return ErrorResponse(q.error());
    return Reply(svc.Trends(ctx.actor(), *q), [](const services::TrendFigures& t) {
      Json months = Json::array();
      for (const auto& m : t.months) {
        Json j = TrendJson(m);
        j["month"] = m.month;
        months.push_back(std::move(j));
      }
      Json totals = TrendJson(t.totals);
      totals.erase("expired");
      totals["first_pass_rate"] = Rate(t.totals.first_passed, t.totals.first);
      return Json{{"year", t.year}, {"months", months}, {"totals", totals}};
    });
  });

  router.Add("GET", "/api/v1/statistics/failure-items", Access::kSignedIn,
             [&svc](RequestContext& ctx) {
               auto q = QueryOf(ctx);
               if (!q) return ErrorResponse(q.error());
               return Reply(svc.FailureItems(ctx.actor(), *q), [](const auto& rows) {
                 Json items = Json::array();
                 for (const auto& r : rows)
                   items.push_back({{"item", r.item}, {"name", r.name}, {"count", r.n}});
                 return Json{{"items", items}};
               });
             });

  router.Add(
      "GET", "/api/v1/statistics/supervision", Access::kSignedIn, [&svc](RequestContext& ctx) {
        auto q = QueryOf(ctx);
        if (!q) return ErrorResponse(q.error());
        return Reply(svc.Supervision(ctx.actor(), *q), [](const auto& f) {
          const auto& i = f.inspections;
          const auto& r = f.rectifications;
          return Json{
              {"sampling",
               {{"plans", f.sampling_plans},
                {"samples", f.samples},
                {"verified", f.sampled_verified},
                {"strata", f.strata},
                {"strata_covered", f.strata_covered},
                {"coverage", Rate(f.strata_covered, f.strata)}}},
              {"inspections",
               {{"tasks", i.tasks},
                {"objects", i.objects},
                {"done", i.done},
                {"published", i.published},
                {"completion_rate", Rate(i.done, i.objects)},
                {"publication_rate", Rate(i.published, i.done)}}},
              {"rectifications", {{"open", r.open}, {"overdue", r.overdue}, {"closed", r.closed}}}};
        });
      });
}

}  // namespace mvis::http
