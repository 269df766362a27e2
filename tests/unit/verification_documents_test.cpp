// Certificates, result notices and pass labels as PDFs. The checks that read the PDFs back use
// poppler-utils (pdfinfo, pdftoppm, pdftotext) and zbar-tools (zbarimg), and skip without them.
// With MVIS_DOCS_SAMPLE_DIR set, CertificateDocumentPdf.WritesSamples leaves PDFs there to look at.
#include "io/verification_documents.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "domain/label_token.hpp"

namespace mvis::io {
namespace {

constexpr char kQrUrl[] = "http://127.0.0.1:8080/v/abc.DEF-_123";

// A private directory under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/mvis-docs-test-XXXXXX";
    if (mkdtemp(name) != nullptr) path_ = name;
  }
  ~TempDir() {
    if (!path_.empty()) std::filesystem::remove_all(path_);
  }
  std::string File(const std::string& name, const std::string& bytes = {}) const {
    std::string path = path_ + "/" + name;
    if (!bytes.empty()) std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool HaveTool(const char* path) { return access(path, X_OK) == 0; }

// Standard output of a shell command.
std::string Shell(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

int PageCount(const std::string& pdf_path) {
  std::string info = Shell("/usr/bin/pdfinfo '" + pdf_path + "'");
  auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

CertificateDocument SampleCertificate(bool pass) {
  CertificateDocument d;
  d.pass = pass;
  d.number = pass ? "JJ2024-DC-000123" : "JT2024-DC-000045";
  d.institute_name = "某市计量检定测试所";
  d.institute_address = "某省某市高新区科技路 88 号";
  d.institute_phone = "0571-88886666";
  d.client_name = "某市新能源充电服务有限公司";
  d.client_address = "某市滨江区江南大道 100 号";
  d.instrument_name = "电动汽车交流充电桩";
  d.model = "AC7K-01";
  d.serial_no = "SN20230815001";
  d.manufacturer = "某某电气股份有限公司";
  d.accuracy_class = "1.0 级";
  d.specification = "220 V, 7 kW, 0.5–32 A";
  d.install_address = "某市滨江区江南大道 100 号地下停车场 B2-015";
  d.regulation = "JJG 1148-2022 电动汽车交流充电桩检定规程";
  d.kind_name = "首次检定";
  d.conclusion = pass ? "合格" : "不合格";
  d.verified_on = "2024-05-06";
  d.issue_date = "2024-05-08";
  d.valid_until = pass ? "2027-05-05" : "";
  d.verifier = "李检定";
  d.checker = "王核验";
  d.approver = "张批准";
  d.standards = {{"交流充电桩检定装置", "ACS-3000", "2021-0456", "JZ2024-0789", "2025-03-31"},
                 {"温湿度计", "TH-20", "TH-1234", "JZ2024-1011", "2025-01-15"}};
  d.temperature = "22.5 ℃";
  d.humidity = "55 %RH";
  d.insulation = "≥ 5 MΩ（实测 120 MΩ）";
  d.checklist = {{"铭牌及标志", true, ""},
                 {"外观结构", true, ""},
                 {"显示功能", pass, pass ? "" : "显示屏第 3 位数码段缺失"},
                 {"计量接口", true, ""},
                 {"付费金额及电能量显示", true, "与计费一致"}};
  const char* currents[] = {"32", "16", "1.6"};
  for (const char* current : currents) {
    d.load_points.push_back({current, "220", "1.0000", "1.0030", "+0.3", "±1.0", true});
  }
  if (!pass) d.load_points.back() = {"1.6", "220", "0.1000", "0.1015", "+1.5", "±1.0", false};
  d.clock_error_s = "+0.8";
  d.clock_limit_s = "±1";
  if (!pass) d.failed_items = {"显示功能", "工作误差（1.6 A）"};
  d.qr_url = pass ? kQrUrl : "";
  return d;
}

void ExpectPdf(const std::string& pdf) {
  ASSERT_GE(pdf.size(), 5u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_LT(pdf.size(), 300u * 1024);
}

// Page count, Chinese text extraction and a raster of page 1.
void ExpectCertificatePages(const std::string& pdf, int pages, const std::string& title,
                            const std::string& number_caption) {
  if (!HaveTool("/usr/bin/pdfinfo") || !HaveTool("/usr/bin/pdftoppm")) {
    GTEST_SKIP() << "poppler-utils not installed";
  }
  TempDir dir;
  std::string path = dir.File("certificate.pdf", pdf);
  EXPECT_EQ(PageCount(path), pages);
  if (HaveTool("/usr/bin/pdftotext")) {
    std::string text = Shell("/usr/bin/pdftotext -layout '" + path + "' -");
    EXPECT_NE(text.find(title), std::string::npos);
    EXPECT_NE(text.find("送检单位"), std::string::npos);
    std::erase(text, ' ');  // pdftotext drops or adds spaces between glyphs at will
    EXPECT_NE(text.find("共" + std::to_string(pages) + "页"), std::string::npos);
    EXPECT_NE(text.find(number_caption + "："), std::string::npos) << number_caption;
    if (number_caption != "证书编号") EXPECT_EQ(text.find("证书编号："), std::string::npos);
  }
  std::string png = dir.File("page1");
  Shell("/usr/bin/pdftoppm -r 60 -png -f 1 -l 1 -singlefile '" + path + "' '" + png + "'");
  ASSERT_TRUE(std::filesystem::exists(png + ".png"));
  EXPECT_GT(std::filesystem::file_size(png + ".png"), 8000u);
}

TEST(CertificateDocumentPdf, PassIsATwoPageCertificate) {
  auto pdf = RenderCertificatePdf(SampleCertificate(true));
  ASSERT_TRUE(pdf) << pdf.error().code;
  ExpectPdf(*pdf);
  ExpectCertificatePages(*pdf, 2, "检定证书", "证书编号");
}

TEST(CertificateDocumentPdf, FailIsATwoPageResultNotice) {
  CertificateDocument doc = SampleCertificate(false);
  doc.revision = 2;
  doc.revision_reason = "更正制造单位名称";
  auto pdf = RenderCertificatePdf(doc);
  ASSERT_TRUE(pdf) << pdf.error().code;
  ExpectPdf(*pdf);
  ExpectCertificatePages(*pdf, 2, "检定结果通知书", "通知书编号");
}

// Text far longer than the boxes it goes in.
CertificateDocument LongTextCertificate() {
  CertificateDocument doc = SampleCertificate(true);
  doc.client_name.clear();
  for (int i = 0; i < 20; ++i) doc.client_name += "某某新能源汽车充电";
  doc.client_name += "服务有限公司第一分公司第二营业部门江南站";  // 200 characters in all
  doc.manufacturer = std::string(120, 'M');                       // no break opportunity
  doc.install_address = doc.client_name;
  doc.checklist[0].note = doc.client_name.substr(0, 180);  // 60 characters: wraps to 2 lines
  doc.revision = 3;
  doc.revision_reason = doc.client_name;
  doc.number = "\xff invalid UTF-8";
  return doc;
}

// Results that need a second results page.
CertificateDocument OverflowingCertificate() {
  CertificateDocument doc = SampleCertificate(true);
  for (int i = 0; i < 25; ++i) {
    doc.checklist.push_back({"附加检查项目 " + std::to_string(i), true, ""});
  }
  return doc;
}

TEST(CertificateDocumentPdf, LongTextWrapsAndStaysOnTwoPages) {
  auto pdf = RenderCertificatePdf(LongTextCertificate());
  ASSERT_TRUE(pdf) << pdf.error().code;
  ExpectPdf(*pdf);
  ExpectCertificatePages(*pdf, 2, "检定证书", "证书编号");
}

TEST(CertificateDocumentPdf, LongResultsContinueWithPageCountsUpdated) {
  auto pdf = RenderCertificatePdf(OverflowingCertificate());
  ASSERT_TRUE(pdf) << pdf.error().code;
  ExpectPdf(*pdf);
  ExpectCertificatePages(*pdf, 3, "检定证书", "证书编号");
}

TEST(LabelPdf, SheetOfThreeLabels) {
  std::vector<LabelData> labels;
  for (int i = 0; i < 3; ++i) {
    labels.push_back(
        {kQrUrl, "JJ2024-DC-00012" + std::to_string(i), "2027-05-05", "某市计量检定测试所"});
  }
  auto pdf = RenderLabelsPdf(labels, {.width_mm = 50, .height_mm = 30, .sheet = true});
  ASSERT_TRUE(pdf) << pdf.error().code;
  ExpectPdf(*pdf);
  if (!HaveTool("/usr/bin/pdfinfo")) GTEST_SKIP() << "poppler-utils not installed";
  TempDir dir;
  std::string path = dir.File("labels.pdf", *pdf);
  EXPECT_EQ(PageCount(path), 1);
  EXPECT_NE(Shell("/usr/bin/pdfinfo '" + path + "'").find("(A4)"), std::string::npos);
}

TEST(LabelPdf, FullSheetsStartNewPages) {
  std::vector<LabelData> labels(
      61, LabelData{kQrUrl, "JJ2024-DC-000123", "2027-05-05", "某市计量检定测试所"});
  auto pdf = RenderLabelsPdf(labels, {.width_mm = 50, .height_mm = 30, .sheet = true});
  ASSERT_TRUE(pdf) << pdf.error().code;  // 3 columns × 8 rows a page
  if (!HaveTool("/usr/bin/pdfinfo")) GTEST_SKIP() << "poppler-utils not installed";
  TempDir dir;
  EXPECT_EQ(PageCount(dir.File("labels.pdf", *pdf)), 3);
}

TEST(LabelPdf, SingleLabelQrCodeDecodesToTheUrl) {
  LabelData label{kQrUrl, "JJ2024-DC-000123", "2027-05-05", "某市计量检定测试所"};
  auto pdf = RenderLabelsPdf({label, label}, {.width_mm = 50, .height_mm = 30, .sheet = false});
  ASSERT_TRUE(pdf) << pdf.error().code;
  ExpectPdf(*pdf);
  if (!HaveTool("/usr/bin/pdftoppm") || !HaveTool("/usr/bin/zbarimg")) {
    GTEST_SKIP() << "poppler-utils or zbar-tools not installed";
  }
  TempDir dir;
  std::string path = dir.File("label.pdf", *pdf);
  EXPECT_EQ(PageCount(path), 2);
  EXPECT_NE(Shell("/usr/bin/pdfinfo '" + path + "'").find("141.732 x 85.0394 pts"),
            std::string::npos);
  std::string png = dir.File("label");
  Shell("/usr/bin/pdftoppm -r 300 -png -f 1 -l 1 -singlefile '" + path + "' '" + png + "'");
  std::string decoded = Shell("/usr/bin/zbarimg --raw -q '" + png + ".png' 2>/dev/null");
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, kQrUrl);
}

// A 50 × 30 mm label printed on a 203 dpi thermal printer: the label URL with a real compact
// token is a QR code of version 7 or lower at level M, and zbarimg reads it at that resolution.
TEST(LabelPdf, CompactLabelUrlDecodesAt203Dpi) {
  auto key = domain::GenerateLabelKey("k2026-abcdef");
  std::string token =
      domain::SignCompactLabelToken({"WHJL-2026-000123", "2029-11-27", "", ""}, key);
  std::string url = domain::LabelUrl("https://jl.whscjg.gov.cn", token);
  auto modules = QrModules(url);
  ASSERT_FALSE(modules.empty());
  EXPECT_LE(modules.size(), 45u) << "version " << (modules.size() - 17) / 4;  // 17 + 4 × 7
  LabelData label{url, "WHJL-2026-000123", "2029-11-27", "武汉市计量测试检定研究所"};
  auto pdf = RenderLabelsPdf({label}, {.width_mm = 50, .height_mm = 30, .sheet = false});
  ASSERT_TRUE(pdf) << pdf.error().code;
  if (!HaveTool("/usr/bin/pdftoppm") || !HaveTool("/usr/bin/zbarimg")) {
    GTEST_SKIP() << "poppler-utils or zbar-tools not installed";
  }
  TempDir dir;
  std::string path = dir.File("label.pdf", *pdf);
  std::string png = dir.File("label203");
  Shell("/usr/bin/pdftoppm -r 203 -mono -png -singlefile '" + path + "' '" + png + "'");
  std::string decoded = Shell("/usr/bin/zbarimg --raw -q '" + png + ".png' 2>/dev/null");
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, url);
}

TEST(LabelPdf, SizeOutOfRangeIsRejected) {
  LabelData label{kQrUrl, "JJ2024-DC-000123", "2027-05-05", "某市计量检定测试所"};
  const LabelLayout bad[] = {{29.9, 30, true},  {100.1, 30, true}, {50, 19.9, false},
                             {50, 80.1, false}, {0, 0, true},      {std::nan(""), 30, true}};
  for (const LabelLayout& layout : bad) {
    auto pdf = RenderLabelsPdf({label}, layout);
    ASSERT_FALSE(pdf) << layout.width_mm << " × " << layout.height_mm;
    EXPECT_EQ(pdf.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(pdf.error().code, "label_size_invalid");
  }
  for (const LabelLayout& edge : {LabelLayout{30, 20, true}, LabelLayout{100, 80, false}}) {
    EXPECT_TRUE(RenderLabelsPdf({label}, edge)) << edge.width_mm << " × " << edge.height_mm;
  }
}

TEST(LabelPdf, EmptyListIsRejected) {
  auto pdf = RenderLabelsPdf({}, {});
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, "labels_empty");
}

TEST(QrModules, SquareOddSizedMatrix) {
  for (const std::string& text :
       {std::string(kQrUrl), std::string("检定合格"), std::string(300, 'x')}) {
    auto modules = QrModules(text);
    ASSERT_FALSE(modules.empty());
    EXPECT_EQ(modules.size() % 2, 1u);
    EXPECT_GE(modules.size(), 21u);
    for (const auto& row : modules) EXPECT_EQ(row.size(), modules.size());
    EXPECT_TRUE(modules[0][0] && modules[0][6] && modules[6][0]);  // finder pattern corners
  }
  EXPECT_EQ(QrModules(kQrUrl).size(), 29u);  // 36 bytes at level M: version 3
  EXPECT_TRUE(QrModules("").empty());
  EXPECT_TRUE(QrModules(std::string(5000, 'x')).empty());
}

// Not a check: leaves sample PDFs in $MVIS_DOCS_SAMPLE_DIR for a person to look at.
TEST(CertificateDocumentPdf, WritesSamples) {
  const char* dir = std::getenv("MVIS_DOCS_SAMPLE_DIR");
  if (dir == nullptr) GTEST_SKIP() << "MVIS_DOCS_SAMPLE_DIR not set";
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const Result<std::string>& pdf) {
    ASSERT_TRUE(pdf) << name;
    std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << *pdf;
  };
  write("certificate.pdf", RenderCertificatePdf(SampleCertificate(true)));
  CertificateDocument notice = SampleCertificate(false);
  notice.revision = 2;
  notice.revision_reason = "更正制造单位名称";
  write("notice.pdf", RenderCertificatePdf(notice));
  write("certificate-long.pdf", RenderCertificatePdf(LongTextCertificate()));
  write("certificate-overflow.pdf", RenderCertificatePdf(OverflowingCertificate()));
  std::string token(127, 'A');  // the length of a signed label token
  std::vector<LabelData> labels;
  for (int i = 0; i < 5; ++i) {
    labels.push_back({"https://mvis.example.gov.cn/v/" + token,
                      "JJ2024-DC-00012" + std::to_string(i), "2027-05-05", "某市计量检定测试所"});
  }
  write("labels-sheet.pdf", RenderLabelsPdf(labels, {.width_mm = 50, .height_mm = 30}));
  write("label-30x20.pdf",
        RenderLabelsPdf({labels[0]}, {.width_mm = 30, .height_mm = 20, .sheet = false}));
  write("label-100x80.pdf",
        RenderLabelsPdf({labels[0]}, {.width_mm = 100, .height_mm = 80, .sheet = false}));
  write("label-60x40.pdf",
        RenderLabelsPdf({labels[0]}, {.width_mm = 60, .height_mm = 40, .sheet = false}));
}

}  // namespace
}  // namespace mvis::io
