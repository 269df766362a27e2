// The verification certificate / result notice: cover page, then the results (usually one page;
// long tables continue on further pages with the header row repeated).
#include <string>
#include <vector>

#include "io/certificate_pdf_parts.hpp"

namespace mvis::io {

using namespace certificate;

namespace {

// ---- Cover page -------------------------------------------------------------------------------

constexpr double kBottomBlockY = kFooterRuleY - Mm(34);  // institute contacts and QR code
constexpr double kSignaturesY = kBottomBlockY - Mm(26);  // signatories and dates
constexpr double kQrSize = Mm(26);

// Text size and line limit for the cover's table; smaller ones are tried until the table fits.
struct CoverFit {
  double size;
  int max_lines;
};
constexpr CoverFit kCoverFits[] = {{11, 8}, {10, 8}, {9, 8}, {8, 8}, {8, 4}, {8, 2}, {8, 1}};
constexpr double kCoverPad = Mm(2.4);

std::vector<Row> CoverRows(const CertificateDocument& doc, CoverFit fit) {
  std::string model = doc.model;
  if (!model.empty() && !doc.specification.empty()) model += " / ";
  model += doc.specification;
  const std::pair<const char*, std::string> fields[] = {
      {"送检单位", doc.client_name},
      {"计量器具名称", doc.instrument_name},
      {"型号规格", model},
      {"出厂编号", doc.serial_no},
      {"制造单位", doc.manufacturer},
      {"准确度等级", doc.accuracy_class},
      {"安装地址", doc.install_address},
      {"检定依据", doc.regulation},
      {"检定类别", doc.kind_name},
  };
  TextStyle label{.size = fit.size, .align = Align::kCenter, .max_lines = fit.max_lines};
  TextStyle value{.size = fit.size, .max_lines = fit.max_lines};
  std::vector<Row> rows;
  for (const auto& [name, text] : fields) {
    rows.push_back({{name, label, true}, {OrSlash(text), value}});
  }
  TextStyle verdict = value;
  verdict.face = Face::kHeading;
  verdict.size = fit.size + 1;
  verdict.color = doc.pass ? pdf::kBlack : pdf::kRed;
  rows.push_back({{"检定结论", label, true}, {OrSlash(doc.conclusion), verdict}});
  return rows;
}

// The failed items of a result notice: a red-framed box under the table.
struct FailBox {
  std::string text;
  TextStyle heading{.face = Face::kHeading, .size = 11, .color = pdf::kRed};
  TextStyle items;
  double Height(const PdfCanvas& canvas) const {
    if (text.empty()) return 0;
    double inner = kContentWidth - 2 * Mm(3);
    return Mm(5) + canvas.Measure("不合格项目", heading, inner).height + Mm(1) +
           canvas.Measure(text, items, inner).height + Mm(3);
  }
};

FailBox MakeFailBox(const CertificateDocument& doc, CoverFit fit) {
  FailBox box;
  if (doc.pass || doc.failed_items.empty()) return box;
  for (size_t i = 0; i < doc.failed_items.size(); ++i) {
    if (i > 0) box.text += "；";
    box.text += std::to_string(i + 1) + ". " + doc.failed_items[i];
  }
  box.items = {.size = fit.size + 1, .max_lines = fit.max_lines};
  return box;
}

void DrawSignatures(PdfCanvas& canvas, const CertificateDocument& doc) {
  const double column = kContentWidth / 3;
  const std::pair<const char*, const std::string*> signers[] = {
      {"批准人", &doc.approver}, {"核验员", &doc.checker}, {"检定员", &doc.verifier}};
  TextStyle label{.face = Face::kHeading, .size = 10.5, .wrap = false};
  TextStyle name{.size = 11.5, .align = Align::kCenter, .max_lines = 1};
  for (int i = 0; i < 3; ++i) {
    double x = kMarginX + i * column;
    double label_width = canvas.Measure(signers[i].first, label, column).width + Mm(2);
    canvas.Text(x, kSignaturesY + Mm(0.6), column, signers[i].first, label);
    double line_width = column - label_width - Mm(6);
    canvas.Text(x + label_width, kSignaturesY, line_width, *signers[i].second, name);
    canvas.Line(x + label_width, kSignaturesY + Mm(6.5), x + label_width + line_width,
                kSignaturesY + Mm(6.5), 0.6);
  }
  std::vector<std::string> dates = {"检定日期：" + ChineseDate(doc.verified_on),
                                    "发证日期：" + ChineseDate(doc.issue_date)};
  if (doc.pass) dates.push_back("有效期至：" + ChineseDate(doc.valid_until));
  TextStyle date{.size = 10.5, .wrap = false};
  for (size_t i = 0; i < dates.size(); ++i) {
    canvas.Text(kMarginX + i * column, kSignaturesY + Mm(13), column, dates[i], date);
  }
}

void DrawBottomBlock(PdfCanvas& canvas, const CertificateDocument& doc) {
  bool with_qr = doc.pass && !doc.qr_url.empty();
  double y = kBottomBlockY;
  canvas.Line(kMarginX, y, kMarginX + kContentWidth, y, 0.5, pdf::kRuleGrey);
  double width = kContentWidth - (with_qr ? kQrSize + Mm(6) : 0);
  y += Mm(3);
  y += canvas.Text(kMarginX, y, width, doc.institute_name,
                   {.face = Face::kHeading, .size = 10, .max_lines = 1});
  TextStyle info{.size = 9, .color = pdf::kGrey, .max_lines = 2};
  y += Mm(0.8) +
       canvas.Text(kMarginX, y + Mm(0.8), width, "地址：" + OrSlash(doc.institute_address), info);
  y += Mm(0.8) +
       canvas.Text(kMarginX, y + Mm(0.8), width, "电话：" + OrSlash(doc.institute_phone), info);
  if (!doc.authorization_no.empty()) {
    y += Mm(0.8) +
         canvas.Text(kMarginX, y + Mm(0.8), width, "计量授权证书号：" + doc.authorization_no, info);
  }
  info.size = 8;
  canvas.Text(
      kMarginX, y + Mm(2.5), width,
      doc.pass ? "本证书仅对所检计量器具本次检定结果负责；未经本机构书面同意，不得部分复制本证书。"
               : "本通知书仅对所检计量器具本次检定结果负责。",
      info);
  if (!with_qr) return;
  double qr_x = kMarginX + kContentWidth - kQrSize;
  double qr_y = kBottomBlockY + Mm(2);
  canvas.Qr(qr_x, qr_y, kQrSize, QrModules(doc.qr_url), 4);
  canvas.Text(qr_x, qr_y + kQrSize - Mm(1.5), kQrSize, "扫码查验",
              {.size = 8.5, .align = Align::kCenter, .color = pdf::kGrey});
}

void DrawCover(PdfCanvas& canvas, const CertificateDocument& doc, int total) {
  double y = Mm(20);
  y += canvas.Text(kMarginX, y, kContentWidth, doc.institute_name,
                   {.face = Face::kHeading,
                    .size = 17,
                    .align = Align::kCenter,
                    .letter_spacing = 1,
                    .max_lines = 2});
  y += Mm(8);
  y += canvas.Text(kMarginX, y, kContentWidth, doc.pass ? "检定证书" : "检定结果通知书",
                   {.face = Face::kHeading,
                    .size = doc.pass ? 36.0 : 30.0,
                    .align = Align::kCenter,
                    .letter_spacing = doc.pass ? 14.0 : 6.0});
  y += canvas.Text(kMarginX, y, kContentWidth,
                   doc.pass ? "VERIFICATION CERTIFICATE" : "NOTIFICATION OF VERIFICATION RESULT",
                   {.face = Face::kHeading,
                    .size = 10,
                    .align = Align::kCenter,
                    .color = pdf::kGrey,
                    .letter_spacing = 2});
  y += Mm(5);
  y += canvas.Text(kMarginX, y, kContentWidth, NumberCaption(doc) + "：" + OrSlash(doc.number),
                   {.size = 12, .align = Align::kCenter, .max_lines = 1});
  if (doc.revision > 1) {
    std::string line = "第 " + std::to_string(doc.revision) + " 次修订";
    if (!doc.revision_reason.empty()) line += "　修订原因：" + doc.revision_reason;
    y += Mm(1) +
         canvas.Text(kMarginX, y + Mm(1), kContentWidth, line,
                     {.size = 9.5, .align = Align::kCenter, .color = pdf::kGrey, .max_lines = 2});
  }
  y += Mm(6);

  const std::vector<double> widths = {Mm(34), kContentWidth - Mm(34)};
  const double limit = kSignaturesY - Mm(6);
  std::vector<Row> rows;
  std::vector<double> heights;
  FailBox box;
  for (const CoverFit& fit : kCoverFits) {
    rows = CoverRows(doc, fit);
    box = MakeFailBox(doc, fit);
    heights.clear();
    double total_height = box.Height(canvas);
    for (const Row& row : rows) {
      heights.push_back(canvas.RowHeight(row, widths, kCoverPad));
      total_height += heights.back();
    }
    if (y + total_height <= limit) break;
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    canvas.DrawRow(kMarginX, y, rows[i], widths, heights[i], kCoverPad);
    y += heights[i];
  }
  if (!box.text.empty()) {
    double height = box.Height(canvas) - Mm(2);
    y += Mm(2);
    canvas.FillRect(kMarginX, y, kContentWidth, height, pdf::kPaleRed);
    canvas.StrokeRect(kMarginX, y, kContentWidth, height, 1.2, pdf::kRed);
    double inner = kContentWidth - 2 * Mm(3);
    double text_y = y + Mm(2.5);
    text_y += canvas.Text(kMarginX + Mm(3), text_y, inner, "不合格项目", box.heading) + Mm(1);
    canvas.Text(kMarginX + Mm(3), text_y, inner, box.text, box.items);
  }
  DrawSignatures(canvas, doc);
  // The 检定专用章 over the right end of the signatures and dates, as a stamp is put on paper.
  if (!doc.seal_png.empty()) {
    canvas.Png(kMarginX + kContentWidth - Mm(26), kSignaturesY + Mm(8), Mm(40), Mm(40),
               doc.seal_png);
  }
  DrawBottomBlock(canvas, doc);
  DrawFooter(canvas, doc, total);
}

}  // namespace

Result<std::string> RenderCertificatePdf(const CertificateDocument& doc) {
  const std::string title = (doc.pass ? "检定证书 " : "检定结果通知书 ") + doc.number;
  int total = 2;
  // Page numbers read "第 k 页 共 n 页": when the results overflow, render again with the count.
  for (int attempt = 0;; ++attempt) {
    PdfCanvas canvas(pdf::kA4Width, pdf::kA4Height, title);
    DrawCover(canvas, doc, total);
    canvas.NewPage(pdf::kA4Width, pdf::kA4Height);
    DrawResults(canvas, doc, total);
    if (canvas.page_count() == total || attempt > 0) return canvas.Finish();
    total = canvas.page_count();
  }
}

Result<std::pair<int, int>> CheckSealPng(const std::string& png) {
  return pdf::CheckPngSize(png, 1200);
}

}  // namespace mvis::io
