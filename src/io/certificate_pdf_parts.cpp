#include "io/certificate_pdf_parts.hpp"

#include <cstdio>

namespace mvis::io::certificate {

std::string OrSlash(const std::string& text) { return text.empty() ? "/" : text; }

std::string ChineseDate(const std::string& iso) {
  int year = 0, month = 0, day = 0;
  char extra = 0;
  if (iso.size() != 10 ||
      std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3) {
    return OrSlash(iso);
  }
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::vector<double> Widths(std::vector<double> weights) {
  double sum = 0;
  for (double w : weights) sum += w;
  for (double& w : weights) w = w / sum * kContentWidth;
  return weights;
}

Cell Verdict(bool pass, double size) {
  return {pass ? "合格" : "不合格",
          {.face = pass ? Face::kBody : Face::kHeading,
           .size = size,
           .align = Align::kCenter,
           .color = pass ? pdf::kBlack : pdf::kRed}};
}

std::string NumberCaption(const CertificateDocument& doc) {
  return doc.pass ? "证书编号" : "通知书编号";
}

void DrawFooter(PdfCanvas& canvas, const CertificateDocument& doc, int total) {
  canvas.Line(kMarginX, kFooterRuleY, kMarginX + kContentWidth, kFooterRuleY, 0.5, pdf::kRuleGrey);
  TextStyle style{.size = 8.5, .color = pdf::kGrey, .wrap = false};
  double y = kFooterRuleY + Mm(1.5);
  canvas.Text(kMarginX, y, kContentWidth, NumberCaption(doc) + "：" + doc.number, style);
  style.align = Align::kRight;
  canvas.Text(
      kMarginX, y, kContentWidth,
      "第 " + std::to_string(canvas.page_count()) + " 页 共 " + std::to_string(total) + " 页",
      style);
}

}  // namespace mvis::io::certificate
