// Pass labels (检定合格标识): a green frame, the QR code on the left and, on the right, the title
// 检定合格 over the certificate number, the expiry date and the institute, shrunk to fit.
#include <algorithm>
#include <string>
#include <vector>

#include "io/pdf_canvas.hpp"
#include "io/verification_documents.hpp"

namespace mvis::io {

using pdf::Align;
using pdf::Face;
using pdf::Mm;
using pdf::PdfCanvas;
using pdf::TextStyle;

namespace {

constexpr double kSheetMargin = Mm(10);
constexpr double kSheetGap = Mm(3);
constexpr double kMaxTextSize = 14;
constexpr double kMinTextSize = 3.5;

// One line (or wrapped paragraph) of a label's text column.
struct Line {
  std::string text;
  TextStyle style;
  double space_before = 0;
};

// The text column at one text size: inline ("证书编号：…") or stacked (caption over value).
std::vector<Line> ColumnLines(const LabelData& label, double size, bool stacked) {
  const TextStyle title{.face = Face::kHeading,
                        .size = size * 1.5,
                        .align = Align::kCenter,
                        .color = pdf::kGreen,
                        .letter_spacing = size * 0.3};
  const TextStyle value{.size = size};
  const TextStyle caption{.size = size * 0.8, .color = pdf::kGrey};
  const TextStyle institute{.size = size * 0.85, .color = pdf::kGrey, .max_lines = 3};
  const double gap = size * 0.5;
  std::vector<Line> lines = {{"检定合格", title}};
  if (stacked) {
    lines.push_back({"证书编号", caption, gap});
    lines.push_back({label.number, value});
    lines.push_back({"有效期至", caption});
    lines.push_back({label.valid_until, value});
  } else {
    lines.push_back({"证书编号：" + label.number, value, gap});
    lines.push_back({"有效期至：" + label.valid_until, value});
  }
  lines.push_back({label.institute_name, institute, gap});
  return lines;
}

double ColumnHeight(const PdfCanvas& canvas, const std::vector<Line>& lines, double width) {
  double height = 0;
  for (const Line& line : lines) {
    height += line.space_before + canvas.Measure(line.text, line.style, width).height;
  }
  return height;
}

// Whether every line but the institute's name fits unbroken.
bool LinesUnbroken(const PdfCanvas& canvas, const std::vector<Line>& lines, double width) {
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    TextStyle single = lines[i].style;
    single.wrap = false;
    if (canvas.Measure(lines[i].text, single, width).width > width) return false;
  }
  return true;
}

struct ColumnFit {
  double size = kMinTextSize;
  bool stacked = true;
};

// The largest text size (in steps of 0.25 pt) at which the column fits `width` × `height`, without
// breaking a line if possible, in whichever arrangement allows the larger text.
ColumnFit FitColumn(const PdfCanvas& canvas, const LabelData& label, double width, double height) {
  constexpr double kStep = 0.25;
  const int steps = static_cast<int>((kMaxTextSize - kMinTextSize) / kStep);
  auto largest = [&](bool stacked, bool unbroken) -> int {  // -1 when even the smallest fails
    auto fits = [&](int step) {
      auto lines = ColumnLines(label, kMinTextSize + step * kStep, stacked);
      return ColumnHeight(canvas, lines, width) <= height &&
             (!unbroken || LinesUnbroken(canvas, lines, width));
    };
    if (!fits(0)) return -1;
    int low = 0, high = steps;  // fits(low) holds
    while (low < high) {
      int mid = (low + high + 1) / 2;
      if (fits(mid)) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  };
  int inline_step = largest(false, true);
  int stacked_step = largest(true, true);
  if (inline_step >= 0 && inline_step >= stacked_step)
    return {kMinTextSize + inline_step * kStep, false};
  if (stacked_step >= 0) return {kMinTextSize + stacked_step * kStep, true};
  return {kMinTextSize + std::max(largest(true, false), 0) * kStep, true};
}

void DrawLabel(PdfCanvas& canvas, double x, double y, double w, double h, const LabelData& label) {
  const double margin = std::clamp(std::min(w, h) * 0.06, Mm(1.5), Mm(3));
  canvas.StrokeRect(x + Mm(0.4), y + Mm(0.4), w - Mm(0.8), h - Mm(0.8), 1.2, pdf::kGreen, Mm(1.5));

  const double qr = std::min(h - 2 * margin, (w - 3 * margin) * 0.6);
  canvas.Qr(x + margin, y + (h - qr) / 2, qr, QrModules(label.qr_url), 2);

  const double text_x = x + qr + 2 * margin;
  const double text_width = w - qr - 3 * margin;
  const double text_height = h - 2 * margin;
  const ColumnFit fit = FitColumn(canvas, label, text_width, text_height);
  const auto lines = ColumnLines(label, fit.size, fit.stacked);
  double text_y = y + margin + (text_height - ColumnHeight(canvas, lines, text_width)) / 2;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i == 1) {  // a rule under the title
      double rule_y = text_y + lines[i].space_before / 2;
      canvas.Line(text_x, rule_y, text_x + text_width, rule_y, 0.6, pdf::kGreen);
    }
    text_y += lines[i].space_before;
    text_y += canvas.Text(text_x, text_y, text_width, lines[i].text, lines[i].style);
  }
}

}  // namespace

Result<std::string> RenderLabelsPdf(const std::vector<LabelData>& labels,
                                    const LabelLayout& layout) {
  if (!(layout.width_mm >= 30 && layout.width_mm <= 100 && layout.height_mm >= 20 &&
        layout.height_mm <= 80)) {
    return Fail(ErrorKind::kInvalidArgument, "label_size_invalid",
                "标签尺寸超出范围（宽 30–100 mm，高 20–80 mm）");
  }
  if (labels.empty()) return Fail(ErrorKind::kInvalidArgument, "labels_empty", "没有可打印的标识");

  const double w = Mm(layout.width_mm);
  const double h = Mm(layout.height_mm);
  if (!layout.sheet) {
    PdfCanvas canvas(w, h, "检定合格标识");
    for (size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) canvas.NewPage(w, h);
      DrawLabel(canvas, 0, 0, w, h, labels[i]);
    }
    return canvas.Finish();
  }

  const int columns =
      static_cast<int>((pdf::kA4Width - 2 * kSheetMargin + kSheetGap) / (w + kSheetGap));
  const int rows =
      static_cast<int>((pdf::kA4Height - 2 * kSheetMargin + kSheetGap) / (h + kSheetGap));
  const size_t per_page = static_cast<size_t>(columns * rows);
  PdfCanvas canvas(pdf::kA4Width, pdf::kA4Height, "检定合格标识");
  for (size_t i = 0; i < labels.size(); ++i) {
    size_t slot = i % per_page;
    if (i > 0 && slot == 0) canvas.NewPage(pdf::kA4Width, pdf::kA4Height);
    double x = kSheetMargin + static_cast<double>(slot % columns) * (w + kSheetGap);
    double y = kSheetMargin + static_cast<double>(slot / columns) * (h + kSheetGap);
    DrawLabel(canvas, x, y, w, h, labels[i]);
  }
  return canvas.Finish();
}

}  // namespace mvis::io
