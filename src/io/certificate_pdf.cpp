// The verification certificate / result notice: cover page, then the results (usually one page;
// long tables continue on further pages with the header row repeated).
#include <cstdio>
#include <string>
#include <vector>

#include "io/pdf_canvas.hpp"
#include "io/verification_documents.hpp"

namespace mvis::io {

using pdf::Align;
using pdf::Cell;
using pdf::Face;
using pdf::Mm;
using pdf::PdfCanvas;
using pdf::Row;
using pdf::TextStyle;

namespace {

constexpr double kMarginX = Mm(22);
constexpr double kContentWidth = pdf::kA4Width - 2 * kMarginX;
constexpr double kFooterRuleY = pdf::kA4Height - Mm(15);
constexpr double kCellPad = Mm(1.8);

std::string OrSlash(const std::string& text) { return text.empty() ? "/" : text; }

// "2024-05-06" → "2024年5月6日"; anything else is shown as given.
std::string ChineseDate(const std::string& iso) {
  int year = 0, month = 0, day = 0;
  char extra = 0;
  if (iso.size() != 10 ||
      std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3) {
    return OrSlash(iso);
  }
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

// Column widths in proportion to `weights`, filling the content width.
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

void DrawFooter(PdfCanvas& canvas, const CertificateDocument& doc, int total) {
  canvas.Line(kMarginX, kFooterRuleY, kMarginX + kContentWidth, kFooterRuleY, 0.5, pdf::kRuleGrey);
  TextStyle style{.size = 8.5, .color = pdf::kGrey, .wrap = false};
  double y = kFooterRuleY + Mm(1.5);
  canvas.Text(kMarginX, y, kContentWidth, "证书编号：" + doc.number, style);
  style.align = Align::kRight;
  canvas.Text(
      kMarginX, y, kContentWidth,
      "第 " + std::to_string(canvas.page_count()) + " 页 共 " + std::to_string(total) + " 页",
      style);
}

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
  y += canvas.Text(kMarginX, y, kContentWidth, "证书编号：" + OrSlash(doc.number),
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
  DrawBottomBlock(canvas, doc);
  DrawFooter(canvas, doc, total);
}

// ---- Results pages ----------------------------------------------------------------------------

constexpr double kBodyBottom = kFooterRuleY - Mm(4);
constexpr double kTableText = 9.5;

// Flows headings and tables down the results pages, breaking to a new page when one is full.
class ResultsWriter {
 public:
  ResultsWriter(PdfCanvas& canvas, const CertificateDocument& doc, int total)
      : canvas_(canvas), doc_(doc), total_(total) {
    Title("检定结果");
  }

  void Heading(const std::string& text) {
    static const char* const kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
    TextStyle style{.face = Face::kHeading, .size = 11.5};
    std::string numbered = std::string(kNumerals[section_++ % 8]) + "、" + text;
    double height = canvas_.Measure(numbered, style, kContentWidth).height;
    if (y_ + height + Mm(16) > kBodyBottom) Break();
    y_ += Mm(4);
    y_ += canvas_.Text(kMarginX, y_, kContentWidth, numbered, style) + Mm(1.5);
  }

  // A table whose first row is the header, repeated at the top of continuation pages.
  void Table(const std::vector<Row>& rows, const std::vector<double>& widths) {
    if (rows.empty()) return;
    const double header = canvas_.RowHeight(rows[0], widths, kCellPad);
    for (size_t i = 0; i < rows.size(); ++i) {
      double height = i == 0 ? header : canvas_.RowHeight(rows[i], widths, kCellPad);
      if (i == 0) {
        double first = rows.size() > 1 ? canvas_.RowHeight(rows[1], widths, kCellPad) : 0;
        if (y_ + header + first > kBodyBottom) Break();
      } else if (y_ + height > kBodyBottom) {
        Break();
        canvas_.DrawRow(kMarginX, y_, rows[0], widths, header, kCellPad);
        y_ += header;
      }
      canvas_.DrawRow(kMarginX, y_, rows[i], widths, height, kCellPad);
      y_ += height;
    }
  }

  void End() {
    TextStyle style{.size = 9, .align = Align::kCenter, .color = pdf::kGrey};
    if (y_ + Mm(10) <= kBodyBottom)
      canvas_.Text(kMarginX, y_ + Mm(4), kContentWidth, "（以下空白）", style);
    DrawFooter(canvas_, doc_, total_);
  }

 private:
  void Title(const std::string& text) {
    y_ = Mm(20);
    y_ += canvas_.Text(
        kMarginX, y_, kContentWidth, text,
        {.face = Face::kHeading, .size = 18, .align = Align::kCenter, .letter_spacing = 4});
    y_ += Mm(2);
  }

  void Break() {
    DrawFooter(canvas_, doc_, total_);
    canvas_.NewPage(pdf::kA4Width, pdf::kA4Height);
    Title("检定结果（续）");
  }

  PdfCanvas& canvas_;
  const CertificateDocument& doc_;
  int total_;
  double y_ = 0;
  int section_ = 0;
};

Row HeaderRow(const std::vector<std::string>& titles) {
  Row row;
  for (const auto& title : titles) {
    row.push_back(
        {title, {.face = Face::kHeading, .size = kTableText, .align = Align::kCenter}, true});
  }
  return row;
}

Cell Centered(const std::string& text) {
  return {OrSlash(text), {.size = kTableText, .align = Align::kCenter, .max_lines = 12}};
}

void DrawResults(PdfCanvas& canvas, const CertificateDocument& doc, int total) {
  ResultsWriter out(canvas, doc, total);

  out.Heading("使用的计量标准器");
  std::vector<Row> standards = {
      HeaderRow({"名称", "型号规格", "出厂编号", "证书编号", "有效期至"})};
  for (const auto& s : doc.standards) {
    standards.push_back({Centered(s.name), Centered(s.model), Centered(s.serial_no),
                         Centered(s.certificate_no), Centered(s.valid_until)});
  }
  if (doc.standards.empty()) standards.push_back(Row(5, Centered("")));
  out.Table(standards, Widths({40, 30, 28, 38, 30}));

  out.Heading("检定环境条件及绝缘电阻");
  TextStyle label{.size = kTableText, .align = Align::kCenter};
  TextStyle value{.size = kTableText, .max_lines = 4};
  out.Table({{{"环境温度", label, true},
              {OrSlash(doc.temperature), value},
              {"相对湿度", label, true},
              {OrSlash(doc.humidity), value}}},
            Widths({30, 53, 30, 53}));
  out.Table({{{"绝缘电阻", label, true}, {OrSlash(doc.insulation), value}}}, Widths({30, 136}));

  out.Heading("外观及功能检查");
  std::vector<Row> checklist = {HeaderRow({"序号", "检查项目", "结果", "备注"})};
  TextStyle left{.size = kTableText, .max_lines = 12};
  for (size_t i = 0; i < doc.checklist.size(); ++i) {
    const auto& item = doc.checklist[i];
    checklist.push_back({Centered(std::to_string(i + 1)),
                         {OrSlash(item.name), left},
                         Verdict(item.pass, kTableText),
                         {item.note, left}});
  }
  if (doc.checklist.empty()) checklist.push_back(Row(4, Centered("")));
  out.Table(checklist, Widths({12, 72, 22, 60}));

  out.Heading("工作误差");
  std::vector<Row> errors = {HeaderRow({"电流\n(A)", "电压\n(V)", "标准电能\n(kWh)",
                                        "被检电能\n(kWh)", "误差\n(%)", "允许误差\n(%)", "结论"})};
  for (const auto& p : doc.load_points) {
    errors.push_back({Centered(p.current_a), Centered(p.voltage_v), Centered(p.standard_energy_kwh),
                      Centered(p.charger_energy_kwh), Centered(p.error_pct), Centered(p.limit_pct),
                      Verdict(p.pass, kTableText)});
  }
  if (doc.load_points.empty()) errors.push_back(Row(7, Centered("")));
  out.Table(errors, Widths({22, 22, 26, 26, 22, 26, 22}));

  if (!doc.clock_error_s.empty()) {
    out.Heading("时钟示值误差");
    out.Table({HeaderRow({"示值误差 (s)", "允许误差 (s)", "结论"}),
               {Centered(doc.clock_error_s), Centered(doc.clock_limit_s),
                Verdict(doc.clock_pass, kTableText)}},
              Widths({1, 1, 1}));
  }
  out.End();
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

}  // namespace mvis::io
