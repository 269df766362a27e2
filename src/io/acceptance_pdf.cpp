// Lays out the 验收核查证明 PDF (see acceptance_pdf.hpp).
#include "io/acceptance_pdf.hpp"

#include <algorithm>

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

constexpr double kMarginX = Mm(15);
constexpr double kTop = Mm(15);
constexpr double kBottom = pdf::kA4Height - Mm(15);
constexpr double kWidth = pdf::kA4Width - 2 * kMarginX;
constexpr double kPad = Mm(1.2);
constexpr double kItemQr = Mm(16);

TextStyle Body(double size = 9, Align align = Align::kLeft) {
  TextStyle s;
  s.size = size;
  s.align = align;
  return s;
}

TextStyle Heading(double size) {
  TextStyle s;
  s.face = Face::kHeading;
  s.size = size;
  s.align = Align::kCenter;
  return s;
}

}  // namespace

Result<std::string> RenderAcceptanceEvidencePdf(const AcceptanceEvidenceDocument& doc) {
  PdfCanvas canvas(pdf::kA4Width, pdf::kA4Height, "验收核查证明 " + doc.project_name);
  double y = kTop;
  y += canvas.Text(kMarginX, y, kWidth, "电动汽车充电设施项目计量检定核查证明", Heading(18));
  y += Mm(4);

  // Project block on the left, the signed check's QR on the right.
  const double qr = Mm(30);
  const double info_w = kWidth - qr - Mm(6);
  const double block_top = y;
  auto line = [&](const std::string& label, const std::string& value) {
    y += canvas.Text(kMarginX, y, info_w, label + "：" + (value.empty() ? "—" : value), Body(10.5));
    y += Mm(1);
  };
  line("项目名称", doc.project_name);
  line("建设单位", doc.owner_name);
  line("充电站", doc.stations);
  line("核查单位", doc.office_name);
  line("核查人", doc.created_by);
  line("核查日期", doc.checked_on);
  line("充电桩数量", std::to_string(doc.items.size()) + " 台");
  canvas.Qr(kMarginX + kWidth - qr, block_top, qr, QrModules(doc.summary_url), 2);
  TextStyle note = Body(7, Align::kCenter);
  note.color = pdf::kGrey;
  canvas.Text(kMarginX + kWidth - qr - Mm(4), block_top + qr + Mm(1), qr + Mm(8), "扫码核验本证明",
              note);
  y = std::max(y, block_top + qr + Mm(6));

  // Verdict banner.
  TextStyle verdict = Heading(13);
  verdict.color = doc.passed ? pdf::kGreen : pdf::kRed;
  const double vh = canvas.Measure(doc.verdict_text, verdict, kWidth - Mm(6)).height + Mm(5);
  canvas.FillRect(kMarginX, y, kWidth, vh, doc.passed ? pdf::kShade : pdf::kPaleRed);
  canvas.Text(kMarginX + Mm(3), y + Mm(2.5), kWidth - Mm(6), "核查结论：" + doc.verdict_text,
              verdict);
  y += vh + Mm(4);

  // The chargers.
  const std::vector<double> widths{Mm(8),  Mm(30), Mm(30), Mm(18),
                                   Mm(30), Mm(20), Mm(24), kItemQr + 2 * kPad};
  double rest = kWidth;
  for (double w : widths) rest -= w;
  std::vector<double> cols = widths;
  cols[4] += rest;  // the certificate column takes what is left
  TextStyle head = Body(8.5, Align::kCenter);
  Row header{{"序号", head, true},
             {"设备编码", head, true},
             {"厂家/出厂编号", head, true},
             {"辖区", head, true},
             {"证书编号/检定机构", head, true},
             {"检定日期", head, true},
             {"有效期至/状态", head, true},
             {"查验", head, true}};
  auto draw_header = [&] {
    const double h = canvas.RowHeight(header, cols, kPad);
    canvas.DrawRow(kMarginX, y, header, cols, h, kPad);
    y += h;
  };
  draw_header();
  int seq = 0;
  for (const auto& it : doc.items) {
    TextStyle cell = Body(8);
    TextStyle status = Body(8);
    status.color = it.ok ? pdf::kGreen : pdf::kRed;
    Row row{{std::to_string(++seq), Body(8, Align::kCenter)},
            {it.equipment_id.empty() ? "—" : it.equipment_id, cell},
            {it.identity, cell},
            {it.district.empty() ? "—" : it.district, cell},
            {(it.certificate_no.empty() ? "—" : it.certificate_no) +
                 (it.institute.empty() ? "" : "\n" + it.institute),
             cell},
            {it.verified_on.empty() ? "—" : it.verified_on, cell},
            {(it.valid_until.empty() ? "—" : it.valid_until) + "\n" + it.status_name, status},
            {"", cell}};
    const double h = std::max(canvas.RowHeight(row, cols, kPad), kItemQr + 2 * kPad);
    if (y + h > kBottom - Mm(12)) {
      canvas.NewPage(pdf::kA4Width, pdf::kA4Height);
      y = kTop;
      draw_header();
    }
    canvas.DrawRow(kMarginX, y, row, cols, h, kPad);
    if (!it.qr_url.empty()) {
      double x = kMarginX;
      for (size_t i = 0; i + 1 < cols.size(); ++i) x += cols[i];
      canvas.Qr(x + kPad, y + (h - kItemQr) / 2, kItemQr, QrModules(it.qr_url), 1);
    }
    y += h;
  }
  y += Mm(4);
  if (y + Mm(14) > kBottom) {
    canvas.NewPage(pdf::kA4Width, pdf::kA4Height);
    y = kTop;
  }
  TextStyle small = Body(7.5);
  small.color = pdf::kGrey;
  y += canvas.Text(
      kMarginX, y, kWidth,
      "说明：本证明依据强制检定计量器具管理信息系统中的备案与检定证书数据，于核查日期生成；"
      "每台充电桩的二维码指向其检定合格标识的公开查验页面，右上角二维码指向本次核查的公开核验页面。"
      "核查摘要以 Ed25519 数字签名（与合格标识同一密钥体系）。",
      small);
  canvas.Text(kMarginX, y + Mm(1), kWidth, doc.signature_note, small);
  return canvas.Finish();
}

}  // namespace mvis::io
