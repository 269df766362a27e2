// Rows of the reporting documents (migration 0017): annual reports, problem reports with their
// files, bulletins; and the period figures an annual report adds to the tallies' state counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/report.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

// ---- annual reports
struct AnnualReportRow {
  int64_t id = 0, org_id = 0;
  std::string org_name, region_code, region_name;
  int year = 0;
  std::string cut_off;
  domain::AnnualReportStatus status = domain::AnnualReportStatus::kDraft;
  std::string work, problems, plan;
  std::string figures;  // JSON frozen at the last submission; "" before
  std::optional<int64_t> frozen_at;
  std::string return_reason;
  std::optional<int64_t> submitted_at, decided_at;
  int64_t created_by = 0, created_at = 0, updated_at = 0;
};
struct AnnualReportFilter {
  std::optional<std::vector<std::string>> region_codes;
  std::optional<int> year;
  std::optional<domain::AnnualReportStatus> status;
};
// nullopt when the district has a report for that year already (the UNIQUE key).
std::optional<int64_t> InsertAnnualReport(Tx& tx, const AnnualReportRow& row);
std::optional<AnnualReportRow> FindAnnualReport(Tx& tx, int64_t id);
std::optional<int64_t> FindAnnualReportId(Tx& tx, const std::string& region_code, int year);
Page<AnnualReportRow> ListAnnualReports(Tx& tx, const AnnualReportFilter& f,
                                        const PageRequest& page);
// Every report of `year` (the city's compilation), in region code order.
std::vector<AnnualReportRow> AnnualReportsOfYear(Tx& tx, int year);
// Writes every field of `row` if it is still in `from`; false otherwise.
bool SaveAnnualReport(Tx& tx, const AnnualReportRow& row, domain::AnnualReportStatus from);

// ---- problem reports
struct ProblemReportRow {
  int64_t id = 0, org_id = 0;
  std::string org_name, region_code, region_name, title, body;
  domain::ProblemReportStatus status = domain::ProblemReportStatus::kSubmitted;
  std::string ack_note;
  std::optional<int64_t> acknowledged_by, acknowledged_at;
  int64_t created_by = 0;
  std::string created_by_name;
  int64_t created_at = 0, updated_at = 0;
  int64_t attachment_count = 0;
};
struct ProblemReportFilter {
  std::optional<std::vector<std::string>> region_codes;
  std::optional<domain::ProblemReportStatus> status;
  std::string query;  // title or body
};
int64_t InsertProblemReport(Tx& tx, const ProblemReportRow& row);
std::optional<ProblemReportRow> FindProblemReport(Tx& tx, int64_t id);
Page<ProblemReportRow> ListProblemReports(Tx& tx, const ProblemReportFilter& f,
                                          const PageRequest& page);
bool AcknowledgeProblemReport(Tx& tx, int64_t id, int64_t user_id, const std::string& note,
                              int64_t now);
struct ReportFile {
  int64_t id = 0, report_id = 0;
  std::string file_name, mime;
  int64_t size = 0;
  std::string sha256;
  std::string data;  // base64url; only from FindReportFile
  int64_t uploaded_by = 0, created_at = 0;
};
int64_t InsertReportFile(Tx& tx, const ReportFile& f);
std::vector<ReportFile> ListReportFiles(Tx& tx, int64_t report_id);
std::optional<ReportFile> FindReportFile(Tx& tx, int64_t id);

// ---- bulletins
struct BulletinRow {
  int64_t id = 0, org_id = 0;
  std::string org_name, title, note, period, figures;
  int64_t published_by = 0;
  std::string published_by_name;
  int64_t published_at = 0;
};
int64_t InsertBulletin(Tx& tx, const BulletinRow& row);
std::optional<BulletinRow> FindBulletin(Tx& tx, int64_t id);
// `year`: of the period.
Page<BulletinRow> ListBulletins(Tx& tx, std::optional<int> year, const PageRequest& page);

// ---- period figures of an annual report: districts `regions`, days [from, to] (YYYY-MM-DD)
struct PeriodFlows {
  std::string key;  // type code, or month YYYY-MM
  int64_t new_filings = 0, verified = 0, passed = 0, failed = 0, first = 0, first_passed = 0;
};
// Approved filings (approved_at in the period, China time) and first-revision verification
// results (verified_on in the period), grouped by instrument type or by month ("type" | "month").
std::vector<PeriodFlows> FlowsInPeriod(Tx& tx, const std::vector<std::string>& regions,
                                       const std::string& from, const std::string& to,
                                       const std::string& by);
struct SupervisionInPeriod {
  int64_t tasks = 0, objects = 0, done = 0, published = 0;
  int64_t rectifications_opened = 0, rectifications_closed = 0, rectifications_open = 0;
  int64_t cases_opened = 0, cases_closed = 0, penalty_yuan = 0;
};
// Inspection tasks dated in the period; rectifications and cases opened / closed in it, and the
// orders still open at its end (epoch bounds of the China-time days).
SupervisionInPeriod SupervisionFiguresInPeriod(Tx& tx, const std::vector<std::string>& regions,
                                               const std::string& from, const std::string& to,
                                               int64_t from_epoch, int64_t to_epoch);

}  // namespace mvis::store
