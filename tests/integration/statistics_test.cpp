// Dashboards (统计分析): every card equals its brute-force recomputation over the instrument and
// certificate rows (demo data plus edge cases: deregistered, revoked, superseded, moved between
// districts, expiring today), before and after the tallies are compacted, on both databases;
// scope (a district sees its own, an enterprise none); concurrent writers keep the tallies exact.
#include <future>
#include <map>
#include <set>
#include <thread>

#include "domain/time.hpp"
#include "services/reporting/statistics_service.hpp"
#include "verification_fixture.hpp"

namespace mvis::testing {
namespace {

struct Counts {
  int64_t filed = 0, approved = 0, valid = 0, due = 0, overdue = 0, never = 0, failed = 0,
          connectors = 0;
};

struct InstrumentRow {
  std::string region, type, use, org, brand, model, status, state, valid_until, in_use_date;
  int64_t connectors = 1;
  bool mandatory = true;
};

class StatisticsTest : public VerificationTest {
 protected:
  std::vector<InstrumentRow> Rows() {
    std::vector<InstrumentRow> out;
    auto rows = runtime_->db().Read([](store::Tx& tx) -> Result<std::vector<store::Row>> {
      return tx.Query(
          "SELECT install_region_code, type_code, use, CAST(org_id AS TEXT), brand, model, "
          "status, verification_state, valid_until, COALESCE(connector_count, 1), mandatory, "
          "in_use_date FROM instruments");
    });
    EXPECT_TRUE(rows.has_value());
    for (const auto& r : *rows)
      out.push_back({r.Str(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4), r.Str(5), r.Str(6), r.Str(7),
                     r.Str(8), r.Str(11), r.Int(9), r.Int(10) == 1});
    return out;
  }

  // The figures per key (`key` picks it from a row), counted one instrument at a time.
  std::map<std::string, Counts> Brute(const std::function<std::string(const InstrumentRow&)>& key,
                                      const std::set<std::string>& regions) {
    const std::string today = clock_->Today(), soon = domain::AddDays(today, 30);
    std::map<std::string, Counts> out;
    for (const auto& r : Rows()) {
      if (!r.mandatory || !regions.contains(r.region)) continue;
      if (r.status != "submitted" && r.status != "returned" && r.status != "approved") continue;
      auto& c = out[key(r)];
      const bool approved = r.status == "approved", passed = r.state == "passed";
      ++c.filed;
      c.connectors += r.connectors;
      if (approved) ++c.approved;
      if (passed && r.valid_until >= today) ++c.valid;
      if (passed && r.valid_until >= today && r.valid_until <= soon) ++c.due;
      if (approved && passed && r.valid_until < today) ++c.overdue;
      if (approved && (r.state == "never" || r.state == "revoked")) ++c.never;
      if (r.state == "failed") ++c.failed;
    }
    return out;
  }

  static void ExpectCounts(const json& j, const Counts& c, const std::string& what) {
    EXPECT_EQ(j["filed"].get<int64_t>(), c.filed) << what;
    EXPECT_EQ(j["approved"].get<int64_t>(), c.approved) << what;
    EXPECT_EQ(j["valid"].get<int64_t>(), c.valid) << what;
    EXPECT_EQ(j["due_30d"].get<int64_t>(), c.due) << what;
    EXPECT_EQ(j["overdue"].get<int64_t>(), c.overdue) << what;
    EXPECT_EQ(j["never_verified"].get<int64_t>(), c.never) << what;
    EXPECT_EQ(j["failed"].get<int64_t>(), c.failed) << what;
  }

  std::set<std::string> CityDistricts() {
    std::set<std::string> out;
    auto rows = runtime_->db().Read([](store::Tx& tx) -> Result<std::vector<store::Row>> {
      return tx.Query("SELECT code FROM regions");
    });
    for (const auto& r : *rows) out.insert(r.Str(0));
    return out;
  }

  // Every card of `client` (scope `regions`) against the brute force.
  void ExpectAllCards(Client& client, const std::set<std::string>& regions,
                      const std::string& query = "") {
    auto total = Brute([](const auto&) { return std::string("all"); }, regions)["all"];
    auto r = client.Get("/api/v1/statistics/overview" + query);
    ASSERT_EQ(r.status, 200) << r.body;
    json overview = r.json();
    ExpectCounts(overview, total, "overview");
    EXPECT_EQ(overview["connectors"].get<int64_t>(), total.connectors);
    std::set<std::string> orgs;
    int64_t first_use = 0;
    const std::string since = overview["first_use_date"];
    for (const auto& row : Rows()) {
      if (!row.mandatory || !regions.contains(row.region)) continue;
      if (row.status == "submitted" || row.status == "returned" || row.status == "approved")
        orgs.insert(row.org);
      if (row.status == "approved" && (row.state == "never" || row.state == "revoked") &&
          row.in_use_date >= since)
        ++first_use;
    }
    EXPECT_EQ(overview["enterprises"].get<int64_t>(), static_cast<int64_t>(orgs.size()));
    EXPECT_EQ(overview["first_use_unverified"].get<int64_t>(), first_use);

    auto by_region = Brute([](const auto& x) { return x.region; }, regions);
    json districts = client.Get("/api/v1/statistics/by-district" + query).json();
    int64_t listed = 0;
    for (const auto& d : districts["items"]) {
      const std::string code = d["region_code"];
      EXPECT_TRUE(regions.contains(code)) << code;
      ExpectCounts(d, by_region[code], "district " + code);
      listed += d["filed"].get<int64_t>();
    }
    EXPECT_EQ(listed, total.filed);

    auto by_type = Brute([](const auto& x) { return x.type; }, regions);
    json types = client.Get("/api/v1/statistics/by-type" + query).json();
    EXPECT_EQ(types["items"].size(), by_type.size());
    for (const auto& t : types["items"]) {
      ExpectCounts(t, by_type[t["type_code"]], "type");
      EXPECT_FALSE(t["type_name"].get<std::string>().empty());
    }

    auto by_use = Brute([](const auto& x) { return x.use; }, regions);
    json uses = client.Get("/api/v1/statistics/by-use" + query).json();
    EXPECT_EQ(uses["items"].size(), by_use.size());
    for (const auto& u : uses["items"]) ExpectCounts(u, by_use[u["use"]], "use");

    auto by_brand = Brute([](const auto& x) { return x.brand + "\n" + x.model; }, regions);
    json brands = client
                      .Get("/api/v1/statistics/by-brand?limit=100" +
                           (query.empty() ? "" : "&" + query.substr(1)))
                      .json();
    EXPECT_EQ(brands["items"].size(), by_brand.size());
    int64_t previous = INT64_MAX;
    for (const auto& b : brands["items"]) {
      ExpectCounts(b,
                   by_brand[b["brand"].get<std::string>() + "\n" + b["model"].get<std::string>()],
                   "brand");
      EXPECT_LE(b["filed"].get<int64_t>(), previous);
      previous = b["filed"];
    }

    auto by_org = Brute([](const auto& x) { return x.org; }, regions);
    json operators = client
                         .Get("/api/v1/statistics/by-operator?limit=100" +
                              (query.empty() ? "" : "&" + query.substr(1)))
                         .json();
    EXPECT_EQ(operators["items"].size(), by_org.size());
    previous = INT64_MAX;
    for (const auto& o : operators["items"]) {
      ExpectCounts(o, by_org[std::to_string(o["org_id"].get<int64_t>())], "operator");
      EXPECT_FALSE(o["org_name"].get<std::string>().empty());
      EXPECT_LE(o["overdue"].get<int64_t>(), previous);  // top operators by overdue count
      previous = o["overdue"];
    }
  }

  // Monthly flows of this year recomputed from certificates and approval times.
  void ExpectTrends(Client& client, const std::set<std::string>& regions) {
    const std::string year = clock_->Today().substr(0, 4);
    std::map<std::string, std::map<std::string, int64_t>> want;
    auto certs = runtime_->db().Read([](store::Tx& tx) -> Result<std::vector<store::Row>> {
      return tx.Query(
          "SELECT c.install_region_code, c.verified_on, c.kind, v.kind, c.revision, i.mandatory "
          "FROM certificates c JOIN verifications v ON v.id = c.verification_id JOIN instruments "
          "i ON i.id = c.instrument_id");
    });
    for (const auto& r : *certs) {
      if (!regions.contains(r.Str(0)) || r.Int(4) != 1 || r.Int(5) != 1) continue;
      if (r.Str(1).substr(0, 4) != year) continue;
      auto& m = want[r.Str(1).substr(0, 7)];
      const bool pass = r.Str(2) == "certificate", first = r.Str(3) == "first";
      ++m["verified"];
      ++m[pass ? "passed" : "failed"];
      if (first) ++m["first"];
      if (first && pass) ++m["first_passed"];
    }
    auto approved = runtime_->db().Read([](store::Tx& tx) -> Result<std::vector<store::Row>> {
      return tx.Query(
          "SELECT install_region_code, approved_at, mandatory, status FROM instruments WHERE "
          "approved_at IS NOT NULL");
    });
    for (const auto& r : *approved) {
      if (!regions.contains(r.Str(0)) || r.Int(2) != 1) continue;
      if (r.Str(3) != "approved" && r.Str(3) != "deregistered") continue;
      const std::string day = domain::ChinaDate(r.Int(1));
      if (day.substr(0, 4) == year) ++want[day.substr(0, 7)]["filed"];
    }
    json trends = client.Get("/api/v1/statistics/trends").json();
    ASSERT_EQ(trends["months"].size(), 12u);
    int64_t verified = 0;
    for (const auto& m : trends["months"]) {
      auto& w = want[m["month"].get<std::string>()];
      for (const char* k : {"filed", "verified", "passed", "failed", "first", "first_passed"})
        EXPECT_EQ(m[k].get<int64_t>(), w[k]) << m["month"] << " " << k;
      verified += m["verified"].get<int64_t>();
    }
    EXPECT_EQ(trends["totals"]["verified"].get<int64_t>(), verified);
  }

  void Compact() {
    auto folded = runtime_->statistics().Compact();
    ASSERT_TRUE(folded.has_value());
  }

  void Sql(const std::string& sql, std::vector<store::Param> params = {}) {
    auto ok = runtime_->db().Write([&](store::Tx& tx) -> Status {
      tx.Exec(sql, params);
      return {};
    });
    ASSERT_TRUE(ok.has_value());
  }
};

TEST_F(StatisticsTest, EveryCardEqualsItsBruteForceRecomputation) {
  Client city = SignIn("city");
  const auto all = CityDistricts();
  ExpectAllCards(city, all);  // the demo data
  ExpectTrends(city, all);

  // Edge cases: verified, failed, deregistered, revoked, superseded, moved, expiring today.
  auto ids = Filed(8);
  int64_t appointment = Scheduled({ids[0], ids[1], ids[2], ids[3], ids[4]});
  for (int i = 0; i < 4; ++i) Verified(appointment, ids[i]);
  Verified(appointment, ids[4], 5.0);  // fails: working error beyond the limit
  const std::string today = clock_->Today();
  Sql("UPDATE instruments SET status = 'deregistered', deregister_kind = 'scrapped' WHERE id = ?",
      {ids[5]});
  Sql("UPDATE instruments SET verification_state = 'revoked' WHERE id = ?", {ids[0]});
  Sql("UPDATE instruments SET install_region_code = '420103' WHERE id = ?", {ids[1]});
  Sql("UPDATE instruments SET valid_until = ? WHERE id = ?", {today, ids[2]});
  Sql("UPDATE instruments SET valid_until = ? WHERE id = ?", {domain::AddDays(today, -1), ids[3]});
  Sql("UPDATE instruments SET connector_count = 4 WHERE id = ?", {ids[6]});
  // A second revision of a certificate (superseded): counted once in the monthly flows.
  Sql("INSERT INTO certificates (number, revision, kind, status, verification_id, instrument_id, "
      "org_id, institute_org_id, install_region_code, issue_date, valid_until, verified_on, "
      "reason, token, snapshot, created_by, created_at) SELECT number, 2, kind, 'valid', "
      "verification_id, instrument_id, org_id, institute_org_id, install_region_code, issue_date, "
      "valid_until, verified_on, 'revised', '', snapshot, created_by, created_at FROM "
      "certificates WHERE instrument_id = ? AND revision = 1",
      {ids[2]});
  ExpectAllCards(city, all);
  ExpectTrends(city, all);
  json overview = city.Get("/api/v1/statistics/overview").json();
  EXPECT_GE(overview["due_30d"].get<int64_t>(), 1);  // expiring today is still valid, and due
  EXPECT_GE(overview["overdue"].get<int64_t>(), 1);
  EXPECT_GE(overview["failed"].get<int64_t>(), 1);

  Compact();
  ExpectAllCards(city, all);
  ExpectTrends(city, all);
  // After compaction, one more change still adds up.
  Sql("UPDATE instruments SET verification_state = 'passed' WHERE id = ?", {ids[0]});
  ExpectAllCards(city, all);
  Compact();
  Compact();  // idempotent
  ExpectAllCards(city, all);

  // Filters: one district, one type, one operator.
  ExpectAllCards(city, {"420102"}, "?region_code=420102");
  Client drc = SignIn("drc");
  ExpectAllCards(drc, all);
  auto failures = city.Get("/api/v1/statistics/failure-items").json();
  ASSERT_FALSE(failures["items"].empty());
  EXPECT_EQ(failures["items"][0]["item"], "working_error");
  EXPECT_FALSE(failures["items"][0]["name"].get<std::string>().empty());
}

TEST_F(StatisticsTest, ScopeDistrictOwnEnterpriseNone) {
  Client jiangan = SignIn("jiangan");
  ExpectAllCards(jiangan, {"420102"});
  json districts = jiangan.Get("/api/v1/statistics/by-district").json();
  ASSERT_EQ(districts["items"].size(), 1u);
  EXPECT_EQ(districts["items"][0]["region_code"], "420102");
  auto other = jiangan.Get("/api/v1/statistics/overview?region_code=420103");
  EXPECT_EQ(other.status, 403) << other.body;
  for (const char* path : {"overview", "by-district", "trends", "supervision", "by-operator"}) {
    auto r = enterprise_->Get(std::string("/api/v1/statistics/") + path);
    EXPECT_EQ(r.status, 403) << path << r.body;
    EXPECT_EQ(verifier_->Get(std::string("/api/v1/statistics/") + path).status, 403) << path;
  }
  Client city = SignIn("city");
  EXPECT_EQ(city.Get("/api/v1/statistics/overview?region_code=999999").status, 400);
  EXPECT_EQ(city.Get("/api/v1/statistics/overview?type_code=nope").status, 400);
  EXPECT_EQ(city.Get("/api/v1/statistics/trends?year=abc").status, 400);
  EXPECT_EQ(city.Get("/api/v1/statistics/by-operator?sort=name").status, 400);
  json supervision = city.Get("/api/v1/statistics/supervision").json();
  EXPECT_TRUE(supervision["inspections"].contains("completion_rate"));
  EXPECT_TRUE(supervision["rectifications"].contains("overdue"));
}

// Writers in parallel (filings approved, states changed, compaction running) leave the tallies
// equal to the rows: on PostgreSQL the triggers run in each writer's transaction, unserialised.
TEST_F(StatisticsTest, ConcurrentWritersKeepTalliesExact) {
  auto ids = Filed(24);
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < 24; i += 4) {
        auto ok = runtime_->db().Write([&](store::Tx& tx) -> Status {
          tx.Exec(
              "UPDATE instruments SET verification_state = 'passed', valid_until = ? WHERE id = ?",
              {domain::AddDays(clock_->Today(), i), ids[i]});
          tx.Exec("UPDATE instruments SET install_region_code = ? WHERE id = ?",
                  {i % 2 ? std::string("420103") : std::string("420104"), ids[i]});
          return {};
        });
        if (!ok) ++failures;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 5; ++i)
      if (!runtime_->statistics().Compact()) ++failures;
  });
  // Dashboards read meanwhile: each read brings the server's copy of the tallies up to date
  // while deltas commit and compactions replace them.
  Client reader = SignIn("city");
  std::atomic<bool> done = false;
  std::thread reading([&] {
    while (!done)
      if (reader.Get("/api/v1/statistics/overview").status != 200) ++failures;
  });
  for (auto& th : threads) th.join();
  done = true;
  reading.join();
  EXPECT_EQ(failures.load(), 0);
  Client city = SignIn("city");
  ExpectAllCards(city, CityDistricts());
}

// The copy reads only the deltas committed since its last read, and reloads after compaction.
TEST_F(StatisticsTest, CopyAppliesNewDeltasAndReloadsAfterCompaction) {
  Client city = SignIn("city");
  const auto all = CityDistricts();
  auto ids = Filed(2);
  ExpectAllCards(city, all);
  auto& mirror = runtime_->statistics().mirror();
  const int64_t reloads = mirror.reloads(), read = mirror.rows_read();
  EXPECT_GE(reloads, 1);
  Sql("UPDATE instruments SET verification_state = 'revoked' WHERE id = ?", {ids[0]});
  ExpectAllCards(city, all);
  // One change: -1 and +1 in the operator tally; first use unchanged (never → revoked).
  EXPECT_EQ(mirror.rows_read() - read, 2);
  EXPECT_EQ(mirror.reloads(), reloads);
  Compact();
  ExpectAllCards(city, all);
  EXPECT_EQ(mirror.reloads(), reloads + 1);
  Compact();  // nothing left to fold: no new generation, no reload
  ExpectAllCards(city, all);
  EXPECT_EQ(mirror.reloads(), reloads + 1);
}

// PostgreSQL hands out ids before commit: a change can commit after a later one with higher ids.
// The copy must still apply it (it reads by transaction, not by id).
TEST_F(StatisticsTest, CopySeesAChangeCommittedAfterALaterOne) {
  if (runtime_->db().backend() != store::Backend::kPostgres)
    GTEST_SKIP() << "SQLite runs one writer at a time: ids follow commit order";
  Client city = SignIn("city");
  const auto all = CityDistricts();
  auto ids = Filed(2);
  ExpectAllCards(city, all);
  std::promise<void> written, release;
  auto release_future = release.get_future();
  std::thread slow([&] {
    auto ok = runtime_->db().Write([&](store::Tx& tx) -> Status {
      tx.Exec("UPDATE instruments SET install_region_code = '420103' WHERE id = ?", {ids[0]});
      written.set_value();
      release_future.wait();
      return {};
    });
    EXPECT_TRUE(ok.has_value());
  });
  written.get_future().wait();
  Sql("UPDATE instruments SET install_region_code = '420104' WHERE id = ?", {ids[1]});
  ExpectAllCards(city, all);  // the later change, not the one still open
  release.set_value();
  slow.join();
  ExpectAllCards(city, all);  // and the earlier one once it commits
  json districts = city.Get("/api/v1/statistics/by-district").json();
  int64_t moved = 0;
  for (const auto& d : districts["items"])
    if (d["region_code"] == "420103" || d["region_code"] == "420104")
      moved += d["filed"].get<int64_t>();
  EXPECT_GE(moved, 2);
}

}  // namespace
}  // namespace mvis::testing
