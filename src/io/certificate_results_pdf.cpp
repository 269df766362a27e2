// The results pages of the certificate: usually one; long tables continue on further pages with
// the header row repeated.
#include <string>
#include <vector>

#include "io/certificate_pdf_parts.hpp"

namespace mvis::io::certificate {

namespace {

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

}  // namespace

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

}  // namespace mvis::io::certificate
