// PDF documents of the verification business (DESIGN.md §2.3): the verification certificate
// (检定证书), the result notice (检定结果通知书) and sheets of pass labels (检定合格标识) with a
// QR code. Rendering uses cairo + pango with the Noto CJK fonts (fonts-noto-cjk); Chinese text is
// embedded as font subsets of two faces, about 60–90 KB each with cairo 1.16, so a certificate is
// about 180 KB and a label PDF about 120 KB plus 5–10 KB a label.
//
// Thread safety: every function may be called from any thread concurrently.
#pragma once

#include <string>
#include <vector>

#include "domain/error.hpp"

namespace mvis::io {

struct StandardLine {  // a standard instrument used (计量标准器)
  std::string name, model, serial_no, certificate_no, valid_until;
};

struct ChecklistLine {  // one appearance / function item
  std::string name;
  bool pass = true;
  std::string note;
};

struct LoadPointLine {  // one working-error load point, already formatted for display
  std::string current_a, voltage_v, standard_energy_kwh, charger_energy_kwh;
  std::string error_pct;  // rounded error as shown, e.g. "+0.3"
  std::string limit_pct;  // e.g. "±1.0"
  bool pass = true;
};

// Everything a certificate or result notice shows; the service fills it from a frozen snapshot.
struct CertificateDocument {
  bool pass = true;  // true: 检定证书; false: 检定结果通知书
  std::string number;
  int revision = 1;
  std::string revision_reason;  // shown on revisions > 1
  std::string institute_name, institute_address, institute_phone;
  std::string authorization_no;  // 计量授权证书号, "" when the institute has not entered it
  std::string seal_png;  // the 检定专用章 as PNG bytes, drawn at the signatures; "" for none
  std::string client_name, client_address;  // the instrument's owner
  std::string instrument_name;              // type name, e.g. 电动汽车交流充电桩
  std::string model, serial_no, manufacturer, accuracy_class;
  std::string specification;  // e.g. "380 V, 7 kW, 1.0–32 A"
  std::string install_address;
  std::string regulation;  // e.g. "JJG 1148-2022 电动汽车交流充电桩检定规程"
  std::string kind_name;   // 首次检定 / 后续检定 / 使用中检查
  std::string conclusion;  // 合格 / 不合格
  std::string verified_on, issue_date, valid_until;  // YYYY-MM-DD; valid_until empty on a fail
  std::string verifier, checker, approver;           // names of the three signatories
  std::vector<StandardLine> standards;
  std::string temperature, humidity,
      insulation;  // formatted, e.g. "22.5 ℃", "55 %RH", "≥ 5 MΩ (120 MΩ)"
  std::vector<ChecklistLine> checklist;
  std::vector<LoadPointLine> load_points;
  std::string clock_error_s, clock_limit_s;  // empty when the charger does not bill by time
  bool clock_pass = true;
  std::vector<std::string> failed_items;  // names, for the result notice
  std::string qr_url;                     // certificates only: printed on the cover
};

// The width and height of a PNG image, or seal_invalid (not a PNG cairo can read, or larger
// than 1200 × 1200 pixels).
Result<std::pair<int, int>> CheckSealPng(const std::string& png);

// A two-page A4 PDF: cover page and results page.
Result<std::string> RenderCertificatePdf(const CertificateDocument& doc);

struct LabelData {
  std::string qr_url;  // https://host/v/<token>
  std::string number;  // certificate number
  std::string valid_until;
  std::string institute_name;
};

struct LabelLayout {
  double width_mm = 50;   // 30..100
  double height_mm = 30;  // 20..80
  bool sheet = true;      // true: labels in a grid on A4 pages; false: one page per label
};

// Pass labels with a QR code holding `qr_url`; errors when the layout is out of range.
Result<std::string> RenderLabelsPdf(const std::vector<LabelData>& labels,
                                    const LabelLayout& layout);

// The QR code of `text` (error correction M, 8-bit mode) as rows of dark (true) / light modules,
// without the quiet zone; empty when `text` is empty or too long for any QR version.
std::vector<std::vector<bool>> QrModules(const std::string& text);

}  // namespace mvis::io
