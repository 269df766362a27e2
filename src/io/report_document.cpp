#include "io/report_document.hpp"

#include <algorithm>
#include <charconv>

#include "io/pdf_canvas.hpp"
#include "io/report_writer.hpp"
#include "io/xlsx_writer.hpp"

namespace mvis::io {

namespace {

using pdf::Align;
using pdf::C;
using pdf::H;
using pdf::ReportWriter;

constexpr pdf::Rgb kSeriesColors[] = {
    {0.16, 0.42, 0.78}, {0.0, 0.55, 0.35}, {0.85, 0.45, 0.1}, {0.75, 0.08, 0.08}};

// A cell that reads entirely as a number (integers, decimals, a leading minus).
std::optional<double> Number(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string Shown(double v) {
  if (v == static_cast<double>(static_cast<int64_t>(v)))
    return std::to_string(static_cast<int64_t>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void Chart(ReportWriter& w, const ReportChart& chart) {
  double max = 0;
  std::vector<ReportWriter::Bar> bars;
  for (size_t i = 0; i < chart.labels.size(); ++i) {
    ReportWriter::Bar bar{chart.labels[i], {}, {}};
    for (const auto& [name, values] : chart.series) {
      const double v = i < values.size() ? values[i] : 0;
      max = std::max(max, v);
      bar.values.push_back(v);
      bar.texts.push_back(Shown(v));
    }
    bars.push_back(std::move(bar));
  }
  std::vector<std::pair<std::string, pdf::Rgb>> series;
  for (size_t s = 0; s < chart.series.size(); ++s)
    series.emplace_back(chart.series[s].first, kSeriesColors[s % std::size(kSeriesColors)]);
  w.BarChart(chart.caption, bars, series, max);
}

void Table(ReportWriter& w, const ReportTable& table) {
  std::vector<pdf::Row> rows;
  pdf::Row header;
  for (const auto& h : table.header) header.push_back(H(h));
  rows.push_back(std::move(header));
  for (const auto& r : table.rows) {
    pdf::Row row;
    for (size_t c = 0; c < r.size(); ++c)
      row.push_back(C(r[c], c == 0 ? Align::kLeft : Align::kCenter));
    rows.push_back(std::move(row));
  }
  std::vector<double> weights = table.weights;
  if (weights.size() != table.header.size()) weights.assign(table.header.size(), 1);
  w.Table(rows, pdf::Widths(weights));
}

}  // namespace

Result<std::string> RenderReportPdf(const ReportDocument& doc) {
  pdf::PdfCanvas canvas(pdf::kA4Width, pdf::kA4Height, doc.title);
  ReportWriter w(canvas);
  w.Title(doc.title, doc.subtitle);
  for (const auto& s : doc.sections) {
    if (s.annex)
      w.Subheading(s.heading);
    else
      w.Heading(s.heading);
    for (const auto& p : s.paragraphs) w.Paragraph(p);
    if (s.chart && !s.chart->labels.empty()) Chart(w, *s.chart);
    if (s.table && !s.table->rows.empty()) Table(w, *s.table);
  }
  w.Finish();
  return canvas.Finish();
}

Result<std::string> WriteReportXlsx(const ReportDocument& doc) {
  std::vector<XlsxSheet> sheets;
  // The first sheet: title, subtitle and every section's text.
  XlsxSheet text{"报告", {{"内容", 100}}, {}, std::nullopt};
  text.rows.push_back({doc.title});
  text.rows.push_back({doc.subtitle});
  for (const auto& s : doc.sections) {
    text.rows.push_back({s.heading});
    for (const auto& p : s.paragraphs) text.rows.push_back({p});
  }
  sheets.push_back(std::move(text));
  for (const auto& s : doc.sections) {
    if (!s.table) continue;
    XlsxSheet sheet;
    sheet.name = s.table->sheet;
    for (const auto& h : s.table->header)
      sheet.columns.push_back({h, std::max(10.0, 2.2 * static_cast<double>(h.size()) / 3 + 4)});
    if (!sheet.columns.empty()) sheet.columns[0].width = 28;
    for (const auto& r : s.table->rows) {
      std::vector<XlsxValue> row;
      for (size_t c = 0; c < r.size(); ++c) {
        auto n = c == 0 ? std::nullopt : Number(r[c]);
        row.push_back(n ? XlsxValue(*n) : XlsxValue(r[c]));
      }
      sheet.rows.push_back(std::move(row));
    }
    if (s.chart && !s.chart->value_columns.empty() && !sheet.rows.empty())
      sheet.chart = XlsxBarChart{s.chart->caption, s.chart->label_column, s.chart->value_columns};
    sheets.push_back(std::move(sheet));
  }
  return WriteXlsxWorkbook(sheets);
}

}  // namespace mvis::io
