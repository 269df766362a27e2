// Shared pieces of the certificate PDF (io/certificate_pdf.cpp draws the cover,
// io/certificate_results_pdf.cpp the results pages): page geometry, dates, widths, the footer.
#pragma once

#include <string>
#include <vector>

#include "io/pdf_canvas.hpp"
#include "io/verification_documents.hpp"

namespace mvis::io::certificate {

// The drawing vocabulary the certificate's files share.
using pdf::Align;
using pdf::Cell;
using pdf::Face;
using pdf::Mm;
using pdf::PdfCanvas;
using pdf::Row;
using pdf::TextStyle;

constexpr double kMarginX = pdf::Mm(22);
constexpr double kContentWidth = pdf::kA4Width - 2 * kMarginX;
constexpr double kFooterRuleY = pdf::kA4Height - pdf::Mm(15);
constexpr double kCellPad = pdf::Mm(1.8);

// The text, or "/" when it is empty (a certificate leaves no blank field).
std::string OrSlash(const std::string& text);
// "2024-05-06" → "2024年5月6日"; anything else is shown as given.
std::string ChineseDate(const std::string& iso);
// Column widths in proportion to `weights`, filling the content width.
std::vector<double> Widths(std::vector<double> weights);
// What the document's number is called: 证书编号 on a certificate, 通知书编号 on a result notice.
std::string NumberCaption(const CertificateDocument& doc);
// "合格" in black or "不合格" in red, centred.
pdf::Cell Verdict(bool pass, double size);
// Certificate number and "第 k 页 共 n 页" under the rule at the foot of the current page.
void DrawFooter(pdf::PdfCanvas& canvas, const CertificateDocument& doc, int total);
// The results pages, from the canvas's current page on.
void DrawResults(pdf::PdfCanvas& canvas, const CertificateDocument& doc, int total);

}  // namespace mvis::io::certificate
