// Flowing A4 report layout shared by the report renderers (sampling_report.cpp,
// report_document.cpp): a title, numbered section headings, paragraphs, tables whose header repeats
// on continuation pages, and horizontal bar charts, with page numbers in the footer. Internal to
// mvis_io.
//
// Thread safety: a ReportWriter draws on one canvas from one thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "io/pdf_canvas.hpp"

namespace mvis::io::pdf {

inline constexpr double kReportMarginX = Mm(18);
inline constexpr double kReportWidth = kA4Width - 2 * kReportMarginX;
inline constexpr double kReportTop = Mm(18);

// Column widths in points from relative weights, filling the text width.
std::vector<double> Widths(std::vector<double> weights);
// A shaded header cell and a body cell of a report table.
Cell H(const std::string& text);
Cell C(const std::string& text, Align align = Align::kCenter);

class ReportWriter {
 public:
  explicit ReportWriter(PdfCanvas& canvas) : canvas_(canvas) {}

  void Title(const std::string& title, const std::string& subtitle);
  // 一、… 二、… in order.
  void Heading(const std::string& text);
  // A heading without a number (annexes, sub-sections).
  void Subheading(const std::string& text);
  void Paragraph(const std::string& text, double size = 10);
  // A table whose first row is the header, repeated on continuation pages.
  void Table(const std::vector<Row>& rows, const std::vector<double>& widths);

  // Horizontal bars: per label one bar per series, scaled to `max`; `texts` at the bar ends.
  struct Bar {
    std::string label;
    std::vector<double> values;
    std::vector<std::string> texts;
  };
  void BarChart(const std::string& caption, const std::vector<Bar>& bars,
                const std::vector<std::pair<std::string, Rgb>>& series, double max);

  void Finish() { Footer(); }

 private:
  void Need(double height);
  void Break();
  void Footer();

  PdfCanvas& canvas_;
  double y_ = kReportTop;
  int section_ = 0;
};

}  // namespace mvis::io::pdf
