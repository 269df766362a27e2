#include "io/report_writer.hpp"

#include <algorithm>

namespace mvis::io::pdf {

namespace {

constexpr double kBottom = kA4Height - Mm(18);
constexpr double kPad = Mm(1.5);

}  // namespace

std::vector<double> Widths(std::vector<double> weights) {
  double sum = 0;
  for (double w : weights) sum += w;
  for (double& w : weights) w = w / sum * kReportWidth;
  return weights;
}

Cell H(const std::string& text) {
  return {text, {.face = Face::kHeading, .size = 8.5, .align = Align::kCenter}, true};
}
Cell C(const std::string& text, Align align) {
  return {text, {.size = 8.5, .align = align}, false};
}

void ReportWriter::Title(const std::string& title, const std::string& subtitle) {
  y_ += canvas_.Text(kReportMarginX, y_, kReportWidth, title,
                     {.face = Face::kHeading, .size = 17, .align = Align::kCenter});
  y_ += Mm(2);
  y_ += canvas_.Text(kReportMarginX, y_, kReportWidth, subtitle,
                     {.size = 10, .align = Align::kCenter, .color = kGrey});
  y_ += Mm(3);
  canvas_.Line(kReportMarginX, y_, kReportMarginX + kReportWidth, y_, 0.8);
  y_ += Mm(2);
}

void ReportWriter::Heading(const std::string& text) {
  static const char* const kNumerals[] = {"一", "二", "三",   "四",   "五",   "六",   "七",  "八",
                                          "九", "十", "十一", "十二", "十三", "十四", "十五"};
  TextStyle style{.face = Face::kHeading, .size = 12};
  const std::string numbered =
      std::string(kNumerals[section_++ % std::size(kNumerals)]) + "、" + text;
  Need(canvas_.Measure(numbered, style, kReportWidth).height + Mm(18));
  y_ += Mm(4);
  y_ += canvas_.Text(kReportMarginX, y_, kReportWidth, numbered, style) + Mm(2);
}

void ReportWriter::Paragraph(const std::string& text, double size) {
  TextStyle style{.size = size};
  double h = canvas_.Measure(text, style, kReportWidth).height;
  Need(h);
  y_ += canvas_.Text(kReportMarginX, y_, kReportWidth, text, style) + Mm(1.5);
}

void ReportWriter::Table(const std::vector<Row>& rows, const std::vector<double>& widths) {
  if (rows.empty()) return;
  const double header = canvas_.RowHeight(rows[0], widths, kPad);
  for (size_t i = 0; i < rows.size(); ++i) {
    const double height = i == 0 ? header : canvas_.RowHeight(rows[i], widths, kPad);
    if (i == 0) {
      const double first = rows.size() > 1 ? canvas_.RowHeight(rows[1], widths, kPad) : 0;
      Need(header + first);
    } else if (y_ + height > kBottom) {
      Break();
      canvas_.DrawRow(kReportMarginX, y_, rows[0], widths, header, kPad);
      y_ += header;
    }
    canvas_.DrawRow(kReportMarginX, y_, rows[i], widths, height, kPad);
    y_ += height;
  }
  y_ += Mm(2);
}

void ReportWriter::BarChart(const std::string& caption, const std::vector<Bar>& bars,
                            const std::vector<std::pair<std::string, Rgb>>& series, double max) {
  const double bar_h = Mm(3.2);
  const double group_h = bar_h * static_cast<double>(series.size()) + Mm(2.2);
  const double label_w = Mm(42);
  const double plot_w = kReportWidth - label_w - Mm(24);
  Need(Mm(14) + group_h * static_cast<double>(std::min<size_t>(bars.size(), 4)));
  y_ += canvas_.Text(kReportMarginX, y_, kReportWidth, caption,
                     {.size = 9.5, .align = Align::kCenter, .color = kGrey});
  // Legend.
  double lx = kReportMarginX + label_w;
  const TextStyle legend{.size = 8.5, .wrap = false};
  for (const auto& [name, color] : series) {
    canvas_.FillRect(lx, y_ + Mm(1.2), Mm(4), Mm(2.5), color);
    canvas_.Text(lx + Mm(5), y_, Mm(40), name, legend);
    lx += Mm(9) + canvas_.Measure(name, legend, Mm(40)).width;
  }
  y_ += Mm(6);
  const double scale = max > 0 ? plot_w / max : 0;
  for (const auto& bar : bars) {
    if (y_ + group_h > kBottom) Break();
    canvas_.Text(kReportMarginX, y_ + Mm(0.3), label_w - Mm(2), bar.label,
                 {.size = 8.5, .align = Align::kRight, .max_lines = 2});
    double by = y_;
    for (size_t s = 0; s < series.size() && s < bar.values.size(); ++s) {
      const double w = std::max(0.0, bar.values[s] * scale);
      canvas_.FillRect(kReportMarginX + label_w, by, std::max(w, 0.6), bar_h, series[s].second);
      if (s < bar.texts.size())
        canvas_.Text(kReportMarginX + label_w + w + Mm(1), by - Mm(0.4), Mm(23), bar.texts[s],
                     {.size = 7.5, .wrap = false});
      by += bar_h;
    }
    y_ += group_h;
  }
  y_ += Mm(3);
}

void ReportWriter::Need(double height) {
  if (y_ + height > kBottom) Break();
}

void ReportWriter::Break() {
  Footer();
  canvas_.NewPage(kA4Width, kA4Height);
  y_ = kReportTop;
}

void ReportWriter::Footer() {
  canvas_.Text(kReportMarginX, kA4Height - Mm(12), kReportWidth,
               "第 " + std::to_string(canvas_.page_count()) + " 页",
               {.size = 8.5, .align = Align::kCenter, .color = kGrey});
}

void ReportWriter::Subheading(const std::string& text) {
  TextStyle style{.face = Face::kHeading, .size = 11};
  Need(canvas_.Measure(text, style, kReportWidth).height + Mm(14));
  y_ += Mm(3);
  y_ += canvas_.Text(kReportMarginX, y_, kReportWidth, text, style) + Mm(1.5);
}

}  // namespace mvis::io::pdf
