// Statistics read with SQL from the trigger-kept tallies of migrations 0016 and 0019 (reports,
// milestones, compaction); the dashboards read an in-process copy (tally_mirror.hpp).
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

// Column names of one tally.
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
    {"stat_first_use", "org_id, region_code, type_code, in_use_date", "n"},
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

int64_t CompactStatistics(Tx& tx) {
  int64_t folded = 0;
  bool replaced = false;
  for (const auto& t : kTallies) {
    const std::string table = t.table, keys = t.keys, values = t.values;
    auto max = tx.QueryOne("SELECT MAX(id) FROM " + table);
    if (!max || max->IsNull(0)) continue;
    const int64_t upto = max->Int(0);
    // Nothing written since the last fold (its rows end at the id it recorded): leave it.
    auto last = tx.QueryOne("SELECT upto FROM tally_folded WHERE table_name = ?", {table});
    if (last && last->Int(0) == upto) continue;
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
    replaced = true;
    auto folded_upto = tx.QueryOne("SELECT MAX(id) FROM " + table);
    tx.Exec(
        "INSERT INTO tally_folded (table_name, upto) VALUES (?, ?) ON CONFLICT (table_name) DO "
        "UPDATE SET upto = excluded.upto",
        {table, folded_upto && !folded_upto->IsNull(0) ? folded_upto->Int(0) : int64_t{0}});
  }
  // The folded rows replace the deltas under new ids: copies read from the log start over.
  if (replaced) tx.Exec("UPDATE tally_generation SET generation = generation + 1 WHERE id = 1");
  return folded;
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
