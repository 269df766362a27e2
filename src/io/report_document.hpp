// A generic statistical report (年度工作报告, its city compilation, 通报): sections of paragraphs,
// tables and bar charts, laid out as an A4 PDF (Noto CJK, tables repeating their header, charts
// drawn with the canvas) and as an XLSX workbook (one sheet per table, numbers as numbers, a bar
// chart below the table that has one). The services fill the document; these functions lay it out.
//
// Thread safety: every function may be called from any thread concurrently.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/error.hpp"

namespace mvis::io {

struct ReportTable {
  std::string sheet;  // the XLSX sheet's name (≤ 31 characters, unique in the document)
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // cells that read as numbers become numbers
  std::vector<double> weights;                 // relative column widths in the PDF
};

// Bars per label, one per series; drawn from the section's table in the XLSX when it has one
// (label_column and value_columns index the table's columns).
struct ReportChart {
  std::string caption;
  std::vector<std::string> labels;
  std::vector<std::pair<std::string, std::vector<double>>> series;  // name, one value per label
  int label_column = 0;
  std::vector<int> value_columns;
};

struct ReportSection {
  std::string heading;  // numbered 一、二、… unless `annex`
  bool annex = false;
  std::vector<std::string> paragraphs;
  std::optional<ReportChart> chart;
  std::optional<ReportTable> table;
};

struct ReportDocument {
  std::string title;     // may hold a line break
  std::string subtitle;  // e.g. 数据截至 2026-12-06　报送单位 …
  std::vector<ReportSection> sections;
};

Result<std::string> RenderReportPdf(const ReportDocument& doc);
Result<std::string> WriteReportXlsx(const ReportDocument& doc);

}  // namespace mvis::io
