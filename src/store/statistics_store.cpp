// Statistics from the trigger-kept tallies of migration 0016, and the naive GROUP BY over the base
// tables that tests and the benchmark hold them against.
#include "store/statistics_store.hpp"

#include <string>

#include "store/sql_builder.hpp"

namespace mvis::store {

std::string MonthOfUnix(const Tx& tx, const std::string& column) {
  if (tx.backend() == Backend::kSqlite)
    return "strftime('%Y-%m', " + column + ", 'unixepoch', '+8 hours')";
  return "to_char(to_timestamp(" + column + " + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')";
}

namespace {

constexpr char kFiledStatuses[] = "('submitted', 'returned', 'approved')";

// Column names of one source: a tally (n = its count) or the instruments table (n = 1).
struct Source {
  std::string table, region, type, use, org, brand, model, n, connectors;
  std::string status = "status", state = "verification_state", valid_until = "valid_until";
};

Source RegionTally() {
  return {"stat_region", "region_code", "type_code", "use", "", "", "", "n", "connectors"};
}
Source OrgTally() {
  return {"stat_org", "region_code", "type_code", "use",       "org_id",
          "brand",    "model",       "n",         "connectors"};
}
Source Instruments() {
  return {
      "instruments", "install_region_code",         "type_code", "use", "org_id", "brand", "model",
      "1",           "COALESCE(connector_count, 1)"};
}

std::string Sum(const std::string& expr) {
  return "CAST(COALESCE(SUM(" + expr + "), 0) AS BIGINT)";
}

// The eight sums of StateCounts; binds today, today, soon, today.
std::string StateSums(const Source& s) {
  const std::string passed = s.state + " = 'passed'";
  const std::string approved = s.status + " = 'approved'";
  return Sum(s.n) + ", " + Sum("CASE WHEN " + approved + " THEN " + s.n + " ELSE 0 END") + ", " +
         Sum("CASE WHEN " + passed + " AND " + s.valid_until + " >= ? THEN " + s.n +
             " ELSE 0 END") +
         ", " +
         Sum("CASE WHEN " + passed + " AND " + s.valid_until + " >= ? AND " + s.valid_until +
             " <= ? THEN " + s.n + " ELSE 0 END") +
         ", " +
         Sum("CASE WHEN " + approved + " AND " + passed + " AND " + s.valid_until + " < ? THEN " +
             s.n + " ELSE 0 END") +
         ", " +
         Sum("CASE WHEN " + approved + " AND " + s.state + " IN ('never', 'revoked') THEN " + s.n +
             " ELSE 0 END") +
         ", " + Sum("CASE WHEN " + s.state + " = 'failed' THEN " + s.n + " ELSE 0 END") + ", " +
         Sum(s.connectors);
}

StateCounts CountsAt(const Row& r, size_t i) {
  return {r.Int(i),     r.Int(i + 1), r.Int(i + 2), r.Int(i + 3),
          r.Int(i + 4), r.Int(i + 5), r.Int(i + 6), r.Int(i + 7)};
}

Where ScopeOf(const Source& s, const StatFilter& f) {
  Where w;
  if (s.table == "instruments") {
    w.Add("mandatory = 1");
    w.Add(std::string("status IN ") + kFiledStatuses);
  }
  w.AddIn(s.region, f.regions);
  if (!f.type_code.empty()) w.Add(s.type + " = ?", {f.type_code});
  if (f.org_id) w.Add(s.org + " = ?", {*f.org_id});
  return w;
}

// Key columns selected for a dimension.
std::vector<std::string> KeysOf(const Source& s, StatDimension by) {
  switch (by) {
    case StatDimension::kNone:
      return {};
    case StatDimension::kRegion:
      return {s.region};
    case StatDimension::kType:
      return {s.type};
    case StatDimension::kUse:
      return {s.use};
    case StatDimension::kBrandModel:
      return {s.brand, s.model};
    case StatDimension::kOrg:
      return {"CAST(" + s.org + " AS TEXT)"};
  }
  return {};
}

std::vector<StatGroup> Grouped(Tx& tx, const Source& s, const StatFilter& f, StatDimension by,
                               const std::string& order_by, int limit) {
  auto keys = KeysOf(s, by);
  std::string select, group;
  for (size_t i = 0; i < keys.size(); ++i) {
    select += keys[i] + ", ";
    group += (i ? ", " : "") + keys[i];
  }
  Where w = ScopeOf(s, f);
  std::vector<Param> params{f.today, f.today, f.soon, f.today};
  for (const auto& p : w.params()) params.push_back(p);
  std::string sql = "SELECT " + select + StateSums(s) + " FROM " + s.table + w.sql();
  if (!group.empty()) {
    sql += " GROUP BY " + group + " HAVING " + Sum(s.n) + " <> 0";
    const size_t k = keys.size();
    if (order_by == "overdue")
      sql += " ORDER BY " + std::to_string(k + 5) + " DESC, " + std::to_string(k + 1) + " DESC";
    else if (order_by == "filed")
      sql += " ORDER BY " + std::to_string(k + 1) + " DESC";
    else
      sql += " ORDER BY " + group;
    if (order_by == "overdue" || order_by == "filed") sql += ", " + group;
    if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  }
  std::vector<StatGroup> out;
  for (const auto& r : tx.Query(sql, params)) {
    StatGroup g;
    if (keys.size() >= 1) g.key = r.Str(0);
    if (keys.size() >= 2) g.key2 = r.Str(1);
    g.counts = CountsAt(r, keys.size());
    out.push_back(std::move(g));
  }
  return out;
}

std::string YearFrom(int year) { return std::to_string(year) + "-01"; }
std::string YearTo(int year) { return std::to_string(year) + "-12"; }

struct Tally {
  const char* table;
  const char* keys;
  const char* values;  // summed
};
constexpr Tally kTallies[] = {
    {"stat_region", "region_code, type_code, use, status, verification_state, valid_until",
     "n, connectors"},
    {"stat_org",
     "org_id, region_code, type_code, use, brand, model, status, verification_state, valid_until",
     "n, connectors"},
    {"stat_monthly", "region_code, type_code, month, metric", "n"},
    {"stat_failures", "region_code, type_code, month, item, name", "n"},
};

}  // namespace

std::vector<StatGroup> TallyCounts(Tx& tx, const StatFilter& f, StatDimension by,
                                   const std::string& order_by, int limit) {
  // The district tally is small; the operator tally answers brand, model and operator questions.
  const bool by_org = f.org_id || by == StatDimension::kBrandModel || by == StatDimension::kOrg;
  return Grouped(tx, by_org ? OrgTally() : RegionTally(), f, by, order_by, limit);
}

int64_t TallyEnterprises(Tx& tx, const StatFilter& f) {
  Where w = ScopeOf(OrgTally(), f);
  auto r = tx.QueryOne("SELECT COUNT(*) FROM (SELECT org_id FROM stat_org" + w.sql() +
                           " GROUP BY org_id HAVING SUM(n) > 0) t",
                       w.params());
  return r ? r->Int(0) : 0;
}

int64_t FirstUseUnverified(Tx& tx, const StatFilter& f, const std::string& since) {
  Where w;
  w.Add("verification_state IN ('never', 'revoked')");
  w.Add("status = 'approved'");
  w.Add("in_use_date >= ?", {since});
  w.Add("mandatory = 1");
  w.AddIn("install_region_code", f.regions);
  if (!f.type_code.empty()) w.Add("type_code = ?", {f.type_code});
  if (f.org_id) w.Add("org_id = ?", {*f.org_id});
  auto r = tx.QueryOne("SELECT COUNT(*) FROM instruments" + w.sql(), w.params());
  return r ? r->Int(0) : 0;
}

std::vector<MonthFigures> MonthlyFlows(Tx& tx, const StatFilter& f, int year) {
  Where w;
  w.Add("month >= ? AND month <= ?", {YearFrom(year), YearTo(year)});
  w.AddIn("region_code", f.regions);
  if (!f.type_code.empty()) w.Add("type_code = ?", {f.type_code});
  std::vector<MonthFigures> out;
  for (const auto& r : tx.Query("SELECT month, metric, " + Sum("n") + " FROM stat_monthly" +
                                    w.sql() + " GROUP BY month, metric ORDER BY month, metric",
                                w.params()))
    out.push_back({r.Str(0), r.Str(1), r.Int(2)});
  return out;
}

std::vector<MonthFigures> ExpiredByMonth(Tx& tx, const StatFilter& f, int year) {
  const Source s = f.org_id ? OrgTally() : RegionTally();
  Where w = ScopeOf(s, f);
  w.Add("status = 'approved' AND verification_state = 'passed'");
  w.Add("valid_until < ? AND valid_until >= ? AND valid_until <= ?",
        {f.today, std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"});
  std::vector<MonthFigures> out;
  for (const auto& r :
       tx.Query("SELECT substr(valid_until, 1, 7), " + Sum("n") + " FROM " + s.table + w.sql() +
                    " GROUP BY substr(valid_until, 1, 7) ORDER BY 1",
                w.params()))
    out.push_back({r.Str(0), "expired", r.Int(1)});
  return out;
}

std::vector<FailureCount> FailureItems(Tx& tx, const StatFilter& f, int year, int limit) {
  Where w;
  w.Add("month >= ? AND month <= ?", {YearFrom(year), YearTo(year)});
  w.AddIn("region_code", f.regions);
  if (!f.type_code.empty()) w.Add("type_code = ?", {f.type_code});
  std::vector<FailureCount> out;
  for (const auto& r :
       tx.Query("SELECT item, MAX(name), " + Sum("n") + " FROM stat_failures" + w.sql() +
                    " GROUP BY item HAVING SUM(n) > 0 ORDER BY 3 DESC, "
                    "item LIMIT " +
                    std::to_string(limit),
                w.params()))
    out.push_back({r.Str(0), r.Str(1), r.Int(2)});
  return out;
}

int64_t CompactStatistics(Tx& tx) {
  int64_t folded = 0;
  for (const auto& t : kTallies) {
    const std::string table = t.table, keys = t.keys, values = t.values;
    auto max = tx.QueryOne("SELECT MAX(id), COUNT(*) FROM " + table);
    if (!max || max->IsNull(0)) continue;
    const int64_t upto = max->Int(0);
    std::string sums;
    for (const auto& v : SplitCsv(values)) {
      std::string col = v.substr(v.find_first_not_of(' '));
      sums += (sums.empty() ? "" : ", ") + Sum(col);
    }
    const std::string having = " GROUP BY " + keys + " HAVING SUM(n) <> 0";
    if (tx.backend() == Backend::kSqlite) {
      // SQLite runs one writer at a time: nothing commits between the two statements.
      tx.Exec("INSERT INTO " + table + " (" + keys + ", " + values + ") SELECT " + keys + ", " +
                  sums + " FROM " + table + " WHERE id <= ?" + having,
              {upto});
      folded += tx.Exec("DELETE FROM " + table + " WHERE id <= ?", {upto});
    } else {
      // Sum exactly the rows deleted: a delta committed meanwhile is either deleted and summed
      // or left for the next run, never lost.
      folded += tx.Exec("WITH d AS (DELETE FROM " + table + " WHERE id <= ? RETURNING " + keys +
                            ", " + values + ") INSERT INTO " + table + " (" + keys + ", " + values +
                            ") SELECT " + keys + ", " + sums + " FROM d" + having,
                        {upto});
    }
  }
  return folded;
}

std::vector<StatGroup> NaiveCounts(Tx& tx, const StatFilter& f, StatDimension by) {
  return Grouped(tx, Instruments(), f, by, "", 0);
}

std::vector<MonthFigures> NaiveMonthlyFlows(Tx& tx, const StatFilter& f, int year) {
  std::vector<MonthFigures> out;
  const std::string month = MonthOfUnix(tx, "approved_at");
  Where w;
  w.Add("mandatory = 1 AND approved_at IS NOT NULL AND status IN ('approved', 'deregistered')");
  w.Add(month + " >= ? AND " + month + " <= ?", {YearFrom(year), YearTo(year)});
  w.AddIn("install_region_code", f.regions);
  if (!f.type_code.empty()) w.Add("type_code = ?", {f.type_code});
  for (const auto& r :
       tx.Query("SELECT " + month + ", COUNT(*) FROM instruments" + w.sql() + " GROUP BY " + month,
                w.params()))
    out.push_back({r.Str(0), "filed", r.Int(1)});
  Where c;
  c.Add("c.revision = 1 AND i.mandatory = 1");
  c.Add("substr(c.verified_on, 1, 7) >= ? AND substr(c.verified_on, 1, 7) <= ?",
        {YearFrom(year), YearTo(year)});
  c.AddIn("c.install_region_code", f.regions);
  if (!f.type_code.empty()) c.Add("i.type_code = ?", {f.type_code});
  for (const auto& r :
       tx.Query("SELECT substr(c.verified_on, 1, 7), COUNT(*), "
                "SUM(CASE WHEN c.kind = 'certificate' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN c.kind <> 'certificate' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN v.kind = 'first' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN v.kind = 'first' AND c.kind = 'certificate' THEN 1 ELSE 0 END) "
                "FROM certificates c JOIN instruments i ON i.id = c.instrument_id "
                "JOIN verifications v ON v.id = c.verification_id" +
                    c.sql() + " GROUP BY substr(c.verified_on, 1, 7)",
                c.params())) {
    const char* metrics[] = {"verified", "passed", "failed", "first", "first_passed"};
    for (int k = 0; k < 5; ++k)
      if (r.Int(k + 1) != 0) out.push_back({r.Str(0), metrics[k], r.Int(k + 1)});
  }
  return out;
}

std::vector<FailureCount> NaiveFailureItems(Tx& tx, const StatFilter& f, int year) {
  Where c;
  c.Add("c.revision = 1 AND c.kind <> 'certificate' AND i.mandatory = 1");
  c.Add("substr(c.verified_on, 1, 7) >= ? AND substr(c.verified_on, 1, 7) <= ?",
        {YearFrom(year), YearTo(year)});
  c.AddIn("c.install_region_code", f.regions);
  if (!f.type_code.empty()) c.Add("i.type_code = ?", {f.type_code});
  const bool sqlite = tx.backend() == Backend::kSqlite;
  const std::string item = sqlite ? "json_extract(e.value, '$.item')" : "(e.value->>'item')";
  const std::string name = sqlite ? "json_extract(e.value, '$.name')" : "(e.value->>'name')";
  const std::string each =
      sqlite ? ", json_each(v.failed_items) e"
             : " CROSS JOIN LATERAL jsonb_array_elements(v.failed_items::jsonb) AS e(value)";
  std::vector<FailureCount> out;
  for (const auto& r : tx.Query("SELECT COALESCE(" + item + ", ''), MAX(COALESCE(" + name +
                                    ", '')), COUNT(*) FROM certificates c JOIN instruments i ON "
                                    "i.id = c.instrument_id JOIN verifications v ON v.id = "
                                    "c.verification_id" +
                                    each + c.sql() + " GROUP BY 1 ORDER BY 3 DESC, 1",
                                c.params()))
    out.push_back({r.Str(0), r.Str(1), r.Int(2)});
  return out;
}

}  // namespace mvis::store

namespace mvis::store {

std::vector<std::pair<int64_t, std::string>> OrgNames(Tx& tx, const std::vector<int64_t>& ids) {
  std::vector<std::pair<int64_t, std::string>> out;
  if (ids.empty()) return out;
  std::string in;
  std::vector<Param> params;
  for (auto id : ids) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const auto& r : tx.Query("SELECT id, name FROM orgs WHERE id IN (" + in + ")", params))
    out.emplace_back(r.Int(0), r.Str(1));
  return out;
}

std::vector<std::pair<std::string, std::string>> TypeNames(Tx& tx) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : tx.Query("SELECT code, name FROM instrument_types ORDER BY sort, code"))
    out.emplace_back(r.Str(0), r.Str(1));
  return out;
}

bool TypeExists(Tx& tx, const std::string& code) {
  return tx.QueryOne("SELECT 1 FROM instrument_types WHERE code = ?", {code}).has_value();
}

int64_t SamplingPlanCount(Tx& tx, int year) {
  auto r = tx.QueryOne("SELECT COUNT(*) FROM sampling_plans WHERE year = ?", {int64_t{year}});
  return r ? r->Int(0) : 0;
}

std::vector<SamplingDrawItems> CurrentSamplingDraws(Tx& tx, int year) {
  std::vector<SamplingDrawItems> out;
  for (const auto& r :
       tx.Query("SELECT p.id, d.items, d.drawn_at FROM sampling_plans p JOIN sampling_draws d ON "
                "d.plan_id = p.id AND d.seq = p.draws WHERE p.year = ? AND p.status <> 'draft' "
                "ORDER BY p.id",
                {int64_t{year}}))
    out.push_back({r.Int(0), r.Str(1), r.Int(2)});
  return out;
}

std::vector<StatSampledInstrument> StatSampledInstruments(Tx& tx, const std::vector<int64_t>& ids) {
  std::vector<StatSampledInstrument> out;
  for (size_t start = 0; start < ids.size(); start += 500) {
    std::string in;
    std::vector<Param> params;
    for (size_t i = start; i < ids.size() && i < start + 500; ++i) {
      in += in.empty() ? "?" : ", ?";
      params.emplace_back(ids[i]);
    }
    for (const auto& r : tx.Query("SELECT id, install_region_code, last_verified_on FROM "
                                  "instruments WHERE id IN (" +
                                      in + ")",
                                  params))
      out.push_back({r.Int(0), r.Str(1), r.Str(2)});
  }
  return out;
}

InspectionFigures InspectionCounts(Tx& tx, const std::vector<std::string>& regions, int year) {
  Where w;
  w.Add("t.status <> 'draft'");
  w.Add("t.task_date >= ? AND t.task_date <= ?",
        {std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"});
  w.AddIn("t.region_code", regions);
  InspectionFigures out;
  if (auto r = tx.QueryOne("SELECT COUNT(*) FROM inspection_tasks t" + w.sql(), w.params()))
    out.tasks = r->Int(0);
  if (auto r = tx.QueryOne(
          "SELECT COUNT(*), COALESCE(SUM(CASE WHEN b.completed_at IS NOT NULL THEN 1 ELSE 0 END), "
          "0), COALESCE(SUM(CASE WHEN b.published_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM "
          "inspection_objects b JOIN inspection_tasks t ON t.id = b.task_id" +
              w.sql(),
          w.params())) {
    out.objects = r->Int(0);
    out.done = r->Int(1);
    out.published = r->Int(2);
  }
  return out;
}

RectificationFigures RectificationCounts(Tx& tx, const std::vector<std::string>& regions,
                                         const std::string& today) {
  Where w;
  w.AddIn("region_code", regions);
  RectificationFigures out;
  if (auto r = tx.QueryOne(
          "SELECT COALESCE(SUM(CASE WHEN status <> 'closed' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN status <> 'closed' AND deadline < ? THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END), 0) FROM rectifications" +
              w.sql(),
          [&] {
            std::vector<Param> p{today};
            for (const auto& x : w.params()) p.push_back(x);
            return p;
          }())) {
    out.open = r->Int(0);
    out.overdue = r->Int(1);
    out.closed = r->Int(2);
  }
  return out;
}

}  // namespace mvis::store
