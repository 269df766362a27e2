// The reporting side's documents (issue 12): a district bureau's 年度工作报告 to the city bureau
// (figures filled from the statistics as of a cut-off date, frozen at each submission; narratives;
// submit → accept | return → resubmit; the city's compilation of the accepted reports), its
// 重大问题上报 at any time (with attachments; the city acknowledges), and the city bureau's 通报 to
// the DRC (a frozen statistics snapshot). Every step is a workflow step: timeline, audit, notices.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/object_event.hpp"
#include "domain/page.hpp"
#include "services/core/context.hpp"
#include "store/reports_store.hpp"
#include "store/work_stats_store.hpp"

namespace mvis::services {

class StatisticsService;

struct AnnualReportInput {
  int year = 0;
  std::string region_code;  // "" = the bureau's only district
  std::string cut_off;      // "" = today (this year) or 12-31 (a past year)
};
struct AnnualReportEdit {
  std::string cut_off, work, problems, plan;
};
struct AnnualReportView {
  store::AnnualReportRow row;
  nlohmann::json figures;  // detail only: frozen, or computed now as of the cut-off
  bool frozen = false;
  std::vector<domain::ObjectEvent> events;  // detail only
};
struct AnnualReportQuery {
  std::optional<int> year;
  std::string status, region_code;
};
struct CityDistrict {
  std::string region_code, region_name;
  std::optional<store::AnnualReportRow> report;
};
struct CityCompilation {
  int year = 0;
  std::vector<CityDistrict> districts;
  int64_t submitted = 0, accepted = 0;
  nlohmann::json figures;                     // sums over the accepted reports
  std::vector<store::AnnualReportRow> annex;  // the accepted reports
};

struct ProblemReportInput {
  std::string title, body, region_code;
};
struct ProblemReportView {
  store::ProblemReportRow row;
  std::vector<store::ReportFile> files;     // detail only
  std::vector<domain::ObjectEvent> events;  // detail only
};
struct ProblemReportQuery {
  std::string status, query, region_code;
};

struct BulletinInput {
  std::string title, note, period;
};
struct BulletinView {
  store::BulletinRow row;
  nlohmann::json figures;
  std::vector<domain::ObjectEvent> events;  // detail only
};

struct InstituteReportQuery {
  std::optional<int64_t> institute_org_id;  // the city bureau names one; an institute its own
  std::string from, to;                     // YYYY-MM-DD; "" = 1 January / today
};

struct MilestoneInput {
  std::string title, kind, deadline, since, note;
  int64_t target_pct = 0;
};

// A file to send: its name (Chinese), type and bytes.
struct FileDownload {
  std::string file_name, mime, bytes;
};

class ReportService {
 public:
  ReportService(const ServiceContext& ctx, StatisticsService& statistics)
      : ctx_(ctx), statistics_(statistics) {}

  // ---- 年度工作报告
  Result<domain::Page<AnnualReportView>> ListAnnual(const Actor& actor, const AnnualReportQuery& q,
                                                    const domain::PageRequest& page);
  Result<AnnualReportView> CreateAnnual(const Actor& actor, const AnnualReportInput& in);
  Result<AnnualReportView> GetAnnual(const Actor& actor, int64_t id);
  Result<AnnualReportView> UpdateAnnual(const Actor& actor, int64_t id, const AnnualReportEdit& in);
  Result<AnnualReportView> SubmitAnnual(const Actor& actor, int64_t id);
  Result<AnnualReportView> AcceptAnnual(const Actor& actor, int64_t id);
  Result<AnnualReportView> ReturnAnnual(const Actor& actor, int64_t id, const std::string& reason);
  // format: pdf | xlsx.
  Result<FileDownload> AnnualDocument(const Actor& actor, int64_t id, const std::string& format);
  // The city bureau's view of a year: every district's status and the compiled figures.
  Result<CityCompilation> City(const Actor& actor, int year);
  Result<FileDownload> CityDocument(const Actor& actor, int year, const std::string& format);

  // ---- 重大问题上报
  Result<domain::Page<ProblemReportView>> ListProblems(const Actor& actor,
                                                       const ProblemReportQuery& q,
                                                       const domain::PageRequest& page);
  Result<ProblemReportView> CreateProblem(const Actor& actor, const ProblemReportInput& in);
  Result<ProblemReportView> GetProblem(const Actor& actor, int64_t id);
  Result<store::ReportFile> AddAttachment(const Actor& actor, int64_t id,
                                          const std::string& file_name, const std::string& bytes);
  Result<FileDownload> GetAttachment(const Actor& actor, int64_t id, int64_t file_id);
  Result<ProblemReportView> Acknowledge(const Actor& actor, int64_t id, const std::string& note);

  // ---- 通报
  Result<domain::Page<BulletinView>> ListBulletins(const Actor& actor, std::optional<int> year,
                                                   const domain::PageRequest& page);
  Result<BulletinView> PublishBulletin(const Actor& actor, const BulletinInput& in);
  Result<BulletinView> GetBulletin(const Actor& actor, int64_t id);
  Result<FileDownload> BulletinPdf(const Actor& actor, int64_t id);

  // ---- 统计分析报告: an institute's verification work in a period
  Result<nlohmann::json> InstituteFigures(const Actor& actor, const InstituteReportQuery& q);
  Result<FileDownload> InstituteDocument(const Actor& actor, const InstituteReportQuery& q,
                                         const std::string& format);

  // ---- 工作节点: campaign milestones and each district's progress
  Result<domain::Page<store::MilestoneRow>> ListMilestones(const Actor& actor,
                                                           const std::string& status,
                                                           const domain::PageRequest& page);
  Result<store::MilestoneRow> CreateMilestone(const Actor& actor, const MilestoneInput& in);
  Result<store::MilestoneRow> UpdateMilestone(const Actor& actor, int64_t id,
                                              const MilestoneInput& in);
  Result<store::MilestoneRow> WithdrawMilestone(const Actor& actor, int64_t id);
  // Every active milestone with each district of the caller's scope (or `region_code`).
  Result<nlohmann::json> MilestoneProgress(const Actor& actor, const std::string& region_code);

 private:
  const ServiceContext& ctx_;
  StatisticsService& statistics_;
};

namespace reporting {

// The figures of an annual report for districts `regions` (named `region_names`), `year`, as of
// `cut_off`: the registry's state counts with validity judged at the cut-off, the period's flows
// (1 January to the cut-off) and the supervision figures. Exposed for the tests' recomputation.
nlohmann::json AnnualFigures(store::Tx& tx, const std::vector<std::string>& regions,
                             const std::vector<std::string>& region_names, int year,
                             const std::string& cut_off);
// The sum of several reports' figures (the city compilation).
nlohmann::json SumFigures(const std::vector<nlohmann::json>& figures, int year);

}  // namespace reporting
}  // namespace mvis::services
