// Shared by report_service.cpp and report_figures.cpp: the documents laid out from the figures.
// Internal to services/reporting.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "io/report_document.hpp"
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
