// 抽检分析报告 of a sampling plan (issue 11 A) as an A4 PDF with charts (cairo + pango, like the
// certificates) and as an XLSX workbook with a chart (libxlsxwriter). The service fills the
// document; these functions only lay it out.
//
// Thread safety: every function may be called from any thread concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.hpp"

namespace mvis::io {

// One row of a breakdown (a district, a brand and model, an operator).
struct SamplingReportLine {
  std::string name;
  int64_t frame = 0;  // units in the frame (districts and strata)
  int64_t sampled = 0, verified = 0, passed = 0, failed = 0, unverifiable = 0;
  double mean_error_pct = 0;  // of |working error| over the verified units' load points
  double max_error_pct = 0;
  int64_t error_points = 0;  // load points the mean is over (0: none recorded yet)
  std::string failed_items;  // e.g. "示值误差 2、时钟示值误差 1"
};

struct SamplingReportFailure {
  std::string serial_no, brand_model, org_name, district, certificate_no, failed_items;
  std::string max_error;  // e.g. "+1.6 %"
};

struct SamplingReportDocument {
  std::string plan_name, year, institute_name, regions, types, ratio, deadline;
  std::string seed, algorithm, drawn_on, generated_on;
  int64_t frame_size = 0, strata = 0, strata_covered = 0, sample_size = 0;
  int64_t dispatched = 0, verified = 0, passed = 0, failed = 0, unverifiable = 0;
  std::string coverage;  // 覆盖品牌型号 k/k，抽样比例 x.x %
  std::vector<SamplingReportLine> districts, strata_lines, operators;
  std::vector<SamplingReportFailure> failures;
};

// "x.x %" of part / whole ("—" when whole is 0).
std::string Percent(int64_t part, int64_t whole);

Result<std::string> RenderSamplingReportPdf(const SamplingReportDocument& doc);
Result<std::string> WriteSamplingReportXlsx(const SamplingReportDocument& doc);

}  // namespace mvis::io
