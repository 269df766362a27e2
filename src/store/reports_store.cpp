#include "store/reports_store.hpp"

#include "store/inspections_sql.hpp"
#include "store/sql_builder.hpp"
#include "store/statistics_store.hpp"

namespace mvis::store {

namespace {

using inspection_sql::Paged;
using inspection_sql::UserName;

constexpr char kSelectAnnual[] =
    "SELECT a.id, a.org_id, o.name, a.region_code, g.name, a.year, a.cut_off, a.status, a.work, "
    "a.problems, a.plan, a.figures, a.frozen_at, a.return_reason, a.submitted_at, a.decided_at, "
    "a.created_by, a.created_at, a.updated_at FROM annual_reports a JOIN orgs o ON o.id = "
    "a.org_id JOIN regions g ON g.code = a.region_code";

AnnualReportRow ToAnnual(const Row& r) {
  AnnualReportRow a;
  a.id = r.Int(0);
  a.org_id = r.Int(1);
  a.org_name = r.Str(2);
  a.region_code = r.Str(3);
  a.region_name = r.Str(4);
  a.year = static_cast<int>(r.Int(5));
  a.cut_off = r.Str(6);
  a.status = Stored(domain::ParseAnnualReportStatus(r.Str(7)), "annual_reports.status", r.Str(7));
  a.work = r.Str(8);
  a.problems = r.Str(9);
  a.plan = r.Str(10);
  a.figures = r.Str(11);
  a.frozen_at = r.OptInt(12);
  a.return_reason = r.Str(13);
  a.submitted_at = r.OptInt(14);
  a.decided_at = r.OptInt(15);
  a.created_by = r.Int(16);
  a.created_at = r.Int(17);
  a.updated_at = r.Int(18);
  return a;
}

std::string SelectProblem() {
  return "SELECT p.id, p.org_id, o.name, p.region_code, g.name, p.title, p.body, p.status, "
         "p.ack_note, p.acknowledged_by, p.acknowledged_at, p.created_by, " +
         UserName("u") +
         ", p.created_at, p.updated_at, (SELECT COUNT(*) FROM problem_report_files f WHERE "
         "f.report_id = p.id) FROM problem_reports p JOIN orgs o ON o.id = p.org_id JOIN regions "
         "g ON g.code = p.region_code JOIN users u ON u.id = p.created_by";
}

ProblemReportRow ToProblem(const Row& r) {
  ProblemReportRow p;
  p.id = r.Int(0);
  p.org_id = r.Int(1);
  p.org_name = r.Str(2);
  p.region_code = r.Str(3);
  p.region_name = r.Str(4);
  p.title = r.Str(5);
  p.body = r.Str(6);
  p.status = Stored(domain::ParseProblemReportStatus(r.Str(7)), "problem_reports.status", r.Str(7));
  p.ack_note = r.Str(8);
  p.acknowledged_by = r.OptInt(9);
  p.acknowledged_at = r.OptInt(10);
  p.created_by = r.Int(11);
  p.created_by_name = r.Str(12);
  p.created_at = r.Int(13);
  p.updated_at = r.Int(14);
  p.attachment_count = r.Int(15);
  return p;
}

std::string SelectBulletin() {
  return "SELECT b.id, b.org_id, o.name, b.title, b.note, b.period, b.figures, b.published_by, " +
         UserName("u") +
         ", b.published_at FROM bulletins b JOIN orgs o ON o.id = b.org_id JOIN users u ON u.id = "
         "b.published_by";
}

BulletinRow ToBulletin(const Row& r) {
  return BulletinRow{r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Str(4),
                     r.Str(5), r.Str(6), r.Int(7), r.Str(8), r.Int(9)};
}

}  // namespace

// ---- annual reports

std::optional<int64_t> InsertAnnualReport(Tx& tx, const AnnualReportRow& a) {
  auto r = tx.QueryOne(
      "INSERT INTO annual_reports (org_id, region_code, year, cut_off, status, work, problems, "
      "plan, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (region_code, year) DO NOTHING RETURNING id",
      {a.org_id, a.region_code, int64_t{a.year}, a.cut_off, std::string(domain::ToString(a.status)),
       a.work, a.problems, a.plan, a.created_by, a.created_at, a.updated_at});
  if (!r) return std::nullopt;
  return r->Int(0);
}

std::optional<AnnualReportRow> FindAnnualReport(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelectAnnual) + " WHERE a.id = ?", {id});
  if (!r) return std::nullopt;
  return ToAnnual(*r);
}

std::optional<int64_t> FindAnnualReportId(Tx& tx, const std::string& region_code, int year) {
  auto r = tx.QueryOne("SELECT id FROM annual_reports WHERE region_code = ? AND year = ?",
                       {region_code, int64_t{year}});
  if (!r) return std::nullopt;
  return r->Int(0);
}

Page<AnnualReportRow> ListAnnualReports(Tx& tx, const AnnualReportFilter& f,
                                        const PageRequest& page) {
  Where w;
  if (f.region_codes) w.AddIn("a.region_code", *f.region_codes);
  if (f.year) w.Add("a.year = ?", {int64_t{*f.year}});
  if (f.status) w.Add("a.status = ?", {std::string(domain::ToString(*f.status))});
  Page<AnnualReportRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM annual_reports a" + w.sql(), w.params())->Int(0);
  for (const auto& r :
       tx.Query(std::string(kSelectAnnual) + w.sql() +
                    " ORDER BY a.year DESC, a.region_code, a.id DESC LIMIT ? OFFSET ?",
                Paged(w.params(), page)))
    out.items.push_back(ToAnnual(r));
  return out;
}

std::vector<AnnualReportRow> AnnualReportsOfYear(Tx& tx, int year) {
  std::vector<AnnualReportRow> out;
  for (const auto& r :
       tx.Query(std::string(kSelectAnnual) + " WHERE a.year = ? ORDER BY a.region_code",
                {int64_t{year}}))
    out.push_back(ToAnnual(r));
  return out;
}

bool SaveAnnualReport(Tx& tx, const AnnualReportRow& a, domain::AnnualReportStatus from) {
  return tx.Exec(
             "UPDATE annual_reports SET cut_off = ?, status = ?, work = ?, problems = ?, plan = ?, "
             "figures = ?, frozen_at = ?, return_reason = ?, submitted_at = ?, decided_at = ?, "
             "updated_at = ? WHERE id = ? AND status = ?",
             {a.cut_off, std::string(domain::ToString(a.status)), a.work, a.problems, a.plan,
              a.figures, OptParam(a.frozen_at), a.return_reason, OptParam(a.submitted_at),
              OptParam(a.decided_at), a.updated_at, a.id, std::string(domain::ToString(from))}) ==
         1;
}

// ---- problem reports

int64_t InsertProblemReport(Tx& tx, const ProblemReportRow& p) {
  return tx
      .QueryOne(
          "INSERT INTO problem_reports (org_id, region_code, title, body, status, created_by, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {p.org_id, p.region_code, p.title, p.body, std::string(domain::ToString(p.status)),
           p.created_by, p.created_at, p.updated_at})
      ->Int(0);
}

std::optional<ProblemReportRow> FindProblemReport(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(SelectProblem() + " WHERE p.id = ?", {id});
  if (!r) return std::nullopt;
  return ToProblem(*r);
}

Page<ProblemReportRow> ListProblemReports(Tx& tx, const ProblemReportFilter& f,
                                          const PageRequest& page) {
  Where w;
  if (f.region_codes) w.AddIn("p.region_code", *f.region_codes);
  if (f.status) w.Add("p.status = ?", {std::string(domain::ToString(*f.status))});
  if (!f.query.empty()) {
    const std::string like = LikePattern(f.query);
    w.Add("(LOWER(p.title) LIKE ? ESCAPE '!' OR LOWER(p.body) LIKE ? ESCAPE '!')", {like, like});
  }
  Page<ProblemReportRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM problem_reports p" + w.sql(), w.params())->Int(0);
  for (const auto& r : tx.Query(SelectProblem() + w.sql() + " ORDER BY p.id DESC LIMIT ? OFFSET ?",
                                Paged(w.params(), page)))
    out.items.push_back(ToProblem(r));
  return out;
}

bool AcknowledgeProblemReport(Tx& tx, int64_t id, int64_t user_id, const std::string& note,
                              int64_t now) {
  return tx.Exec(
             "UPDATE problem_reports SET status = 'acknowledged', ack_note = ?, acknowledged_by = "
             "?, acknowledged_at = ?, updated_at = ? WHERE id = ? AND status = 'submitted'",
             {note, user_id, now, now, id}) == 1;
}

int64_t InsertReportFile(Tx& tx, const ReportFile& f) {
  return tx
      .QueryOne(
          "INSERT INTO problem_report_files (report_id, file_name, mime, size, sha256, data, "
          "uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {f.report_id, f.file_name, f.mime, f.size, f.sha256, f.data, f.uploaded_by, f.created_at})
      ->Int(0);
}

std::vector<ReportFile> ListReportFiles(Tx& tx, int64_t report_id) {
  std::vector<ReportFile> out;
  for (const auto& r :
       tx.Query("SELECT id, report_id, file_name, mime, size, sha256, uploaded_by, created_at FROM "
                "problem_report_files WHERE report_id = ? ORDER BY id",
                {report_id}))
    out.push_back(
        {r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Int(4), r.Str(5), "", r.Int(6), r.Int(7)});
  return out;
}

std::optional<ReportFile> FindReportFile(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(
      "SELECT id, report_id, file_name, mime, size, sha256, data, uploaded_by, created_at FROM "
      "problem_report_files WHERE id = ?",
      {id});
  if (!r) return std::nullopt;
  return ReportFile{r->Int(0), r->Int(1), r->Str(2), r->Str(3), r->Int(4),
                    r->Str(5), r->Str(6), r->Int(7), r->Int(8)};
}

// ---- bulletins

int64_t InsertBulletin(Tx& tx, const BulletinRow& b) {
  return tx
      .QueryOne(
          "INSERT INTO bulletins (org_id, title, note, period, figures, published_by, "
          "published_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {b.org_id, b.title, b.note, b.period, b.figures, b.published_by, b.published_at})
      ->Int(0);
}

std::optional<BulletinRow> FindBulletin(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(SelectBulletin() + " WHERE b.id = ?", {id});
  if (!r) return std::nullopt;
  return ToBulletin(*r);
}

Page<BulletinRow> ListBulletins(Tx& tx, std::optional<int> year, const PageRequest& page) {
  Where w;
  if (year) w.Add("substr(b.period, 1, 4) = ?", {std::to_string(*year)});
  Page<BulletinRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM bulletins b" + w.sql(), w.params())->Int(0);
  for (const auto& r : tx.Query(
           SelectBulletin() + w.sql() + " ORDER BY b.published_at DESC, b.id DESC LIMIT ? OFFSET ?",
           Paged(w.params(), page)))
    out.items.push_back(ToBulletin(r));
  return out;
}

// ---- period figures

std::vector<PeriodFlows> FlowsInPeriod(Tx& tx, const std::vector<std::string>& regions,
                                       const std::string& from, const std::string& to,
                                       const std::string& by) {
  const bool by_month = by == "month";
  std::vector<PeriodFlows> out;
  auto slot = [&](const std::string& key) -> PeriodFlows& {
    for (auto& f : out)
      if (f.key == key) return f;
    out.push_back({key});
    return out.back();
  };
  // Filings approved in the period: approved_at within [from 00:00, to 24:00) China time.
  const std::string approved_day = tx.backend() == Backend::kSqlite
                                       ? "date(i.approved_at, 'unixepoch', '+8 hours')"
                                       : "to_char(to_timestamp(i.approved_at + 28800) AT TIME "
                                         "ZONE 'UTC', 'YYYY-MM-DD')";
  const std::string filing_key = by_month ? MonthOfUnix(tx, "i.approved_at") : "i.type_code";
  Where w;
  w.Add(
      "i.mandatory = 1 AND i.approved_at IS NOT NULL AND i.status IN ('approved', "
      "'deregistered')");
  w.Add(approved_day + " >= ? AND " + approved_day + " <= ?", {from, to});
  w.AddIn("i.install_region_code", regions);
  for (const auto& r : tx.Query("SELECT " + filing_key + ", COUNT(*) FROM instruments i" + w.sql() +
                                    " GROUP BY " + filing_key,
                                w.params()))
    slot(r.Str(0)).new_filings = r.Int(1);
  // Verification results: first revisions verified in the period.
  const std::string result_key = by_month ? "substr(c.verified_on, 1, 7)" : "i.type_code";
  Where c;
  c.Add("c.revision = 1 AND i.mandatory = 1");
  c.Add("c.verified_on >= ? AND c.verified_on <= ?", {from, to});
  c.AddIn("c.install_region_code", regions);
  for (const auto& r :
       tx.Query("SELECT " + result_key +
                    ", COUNT(*), SUM(CASE WHEN c.kind = 'certificate' THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN c.kind <> 'certificate' THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN v.kind = 'first' THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN v.kind = 'first' AND c.kind = 'certificate' THEN 1 ELSE 0 END) "
                    "FROM certificates c JOIN instruments i ON i.id = c.instrument_id "
                    "JOIN verifications v ON v.id = c.verification_id" +
                    c.sql() + " GROUP BY " + result_key,
                c.params())) {
    auto& f = slot(r.Str(0));
    f.verified = r.Int(1);
    f.passed = r.Int(2);
    f.failed = r.Int(3);
    f.first = r.Int(4);
    f.first_passed = r.Int(5);
  }
  return out;
}

SupervisionInPeriod SupervisionFiguresInPeriod(Tx& tx, const std::vector<std::string>& regions,
                                               const std::string& from, const std::string& to,
                                               int64_t from_epoch, int64_t to_epoch) {
  SupervisionInPeriod out;
  Where t;
  t.Add("t.status <> 'draft'");
  t.Add("t.task_date >= ? AND t.task_date <= ?", {from, to});
  t.AddIn("t.region_code", regions);
  if (auto r = tx.QueryOne("SELECT COUNT(*) FROM inspection_tasks t" + t.sql(), t.params()))
    out.tasks = r->Int(0);
  if (auto r = tx.QueryOne(
          "SELECT COUNT(*), COALESCE(SUM(CASE WHEN b.completed_at IS NOT NULL AND b.completed_at "
          "< ? THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN b.published_at IS NOT NULL AND "
          "b.published_at < ? THEN 1 ELSE 0 END), 0) FROM inspection_objects b JOIN "
          "inspection_tasks t ON t.id = b.task_id" +
              t.sql(),
          [&] {
            std::vector<Param> p{to_epoch, to_epoch};
            for (const auto& x : t.params()) p.push_back(x);
            return p;
          }())) {
    out.objects = r->Int(0);
    out.done = r->Int(1);
    out.published = r->Int(2);
  }
  Where o;
  o.AddIn("region_code", regions);
  std::vector<Param> p{from_epoch, to_epoch, from_epoch, to_epoch, to_epoch, to_epoch};
  for (const auto& x : o.params()) p.push_back(x);
  if (auto r = tx.QueryOne(
          "SELECT COALESCE(SUM(CASE WHEN created_at >= ? AND created_at < ? THEN 1 ELSE 0 END), "
          "0), COALESCE(SUM(CASE WHEN closed_at >= ? AND closed_at < ? THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN created_at < ? AND (closed_at IS NULL OR closed_at >= ?) THEN "
          "1 ELSE 0 END), 0) FROM rectifications" +
              o.sql(),
          p)) {
    out.rectifications_opened = r->Int(0);
    out.rectifications_closed = r->Int(1);
    out.rectifications_open = r->Int(2);
  }
  Where k;
  k.AddIn("r.region_code", regions);
  std::vector<Param> q{from_epoch, to_epoch, from_epoch, to_epoch, from_epoch, to_epoch};
  for (const auto& x : k.params()) q.push_back(x);
  if (auto r = tx.QueryOne(
          "SELECT COALESCE(SUM(CASE WHEN e.opened_at >= ? AND e.opened_at < ? THEN 1 ELSE 0 "
          "END), 0), COALESCE(SUM(CASE WHEN e.closed_at >= ? AND e.closed_at < ? THEN 1 ELSE 0 "
          "END), 0), COALESCE(SUM(CASE WHEN e.decided_at >= ? AND e.decided_at < ? THEN "
          "e.penalty_yuan ELSE 0 END), 0) FROM enforcement_cases e JOIN rectifications r ON r.id "
          "= e.rectification_id" +
              k.sql(),
          q)) {
    out.cases_opened = r->Int(0);
    out.cases_closed = r->Int(1);
    out.penalty_yuan = r->Int(2);
  }
  return out;
}

}  // namespace mvis::store
