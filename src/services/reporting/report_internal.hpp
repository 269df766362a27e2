// Shared by report_service.cpp and report_figures.cpp: the documents laid out from the figures.
// Internal to services/reporting.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/organisation.hpp"
#include "io/report_document.hpp"
#include "services/core/notifier.hpp"
#include "services/reporting/report_service.hpp"

namespace mvis::services::reporting {

inline constexpr int kTopRows = 20;  // brand/model and operator rows kept in a report
// The registry state counts of a breakdown row, in table order.
inline constexpr const char* kStateKeys[] = {"filed",   "approved",       "valid",
                                             "overdue", "never_verified", "failed"};
// Every figure of `totals`.
inline constexpr const char* kTotalKeys[] = {"enterprises",
                                             "filed",
                                             "approved",
                                             "connectors",
                                             "valid",
                                             "due_30d",
                                             "overdue",
                                             "never_verified",
                                             "failed",
                                             "new_filings",
                                             "verified",
                                             "passed",
                                             "failed_verifications",
                                             "first_verified",
                                             "first_passed",
                                             "fees_waived",
                                             "inspection_tasks",
                                             "inspection_objects",
                                             "inspections_done",
                                             "inspections_published",
                                             "rectifications_opened",
                                             "rectifications_closed",
                                             "rectifications_open",
                                             "cases_opened",
                                             "cases_closed",
                                             "penalty_yuan"};

// The object `kind` (an annual report, a problem report, a bulletin) as the policy sees it.
domain::access::Resource ReportResource(domain::access::Kind kind, int64_t id, int64_t org_id,
                                        const std::string& region_code);
// The policy's refusal of `op` on `kind` for the role, as a Status.
Status Denied(domain::access::Kind kind, domain::access::Op op, const char* what);
// The district a bureau reports for: `code`, or its only district when empty. Errors:
// region_required, region_invalid, region_out_of_scope.
Result<domain::Region> ReportingDistrict(store::Tx& tx, const Actor& actor,
                                         const std::string& code);
// The city bureaus' inboxes of the city above `district`.
Recipient CityOf(store::Tx& tx, const std::string& district);
// text_too_long (field `field`) past `max` characters.
Status CheckText(const std::string& field, const std::string& text, size_t max);
// The districts a list shows: the scope's, or the one district asked for when the scope has it
// (permission_denied otherwise).
Result<std::optional<std::vector<std::string>>> ListedRegions(
    const domain::access::ListScope& scope, const std::string& region_code);
// `doc` as a PDF, or as an XLSX workbook when `format` is "xlsx", named `name` (no extension).
Result<FileDownload> Rendered(const io::ReportDocument& doc, const std::string& name,
                              const std::string& format);

// The figure sections (备案, 检定, 品牌型号, 运营企业, 监督检查) of a report.
io::ReportDocument FiguresDocument(const std::string& title, const std::string& subtitle,
                                   const nlohmann::json& figures);
// A district's report: the figures and its three narratives.
io::ReportDocument AnnualDocumentOf(const store::AnnualReportRow& r, const nlohmann::json& figures,
                                    bool frozen);
// The city's compilation: summed figures, each district's status, the narratives in annexes.
io::ReportDocument CityDocumentOf(const CityCompilation& c, const std::string& city_name,
                                  const std::string& generated_on);

}  // namespace mvis::services::reporting
