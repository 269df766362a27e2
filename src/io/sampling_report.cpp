// The 抽检分析报告 as a PDF (flowing sections, tables and two bar charts drawn with the canvas) and
// as an XLSX workbook (one sheet per breakdown, a bar chart of pass rates by brand and model).
#include "io/sampling_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "io/pdf_canvas.hpp"
#include "io/report_writer.hpp"
#include "io/xlsx_writer.hpp"

namespace mvis::io {

using pdf::Align;
using pdf::Cell;
using pdf::Face;
using pdf::Mm;
using pdf::PdfCanvas;
using pdf::Row;
using pdf::TextStyle;

std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

namespace {

using pdf::C;
using pdf::H;
using pdf::ReportWriter;
using pdf::Widths;

constexpr pdf::Rgb kBlue{0.16, 0.42, 0.78};
constexpr pdf::Rgb kPaleGrey{0.80, 0.82, 0.85};

std::string ErrorText(const SamplingReportLine& l, double value) {
  if (l.error_points == 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  return buf;
}

std::vector<Row> BreakdownRows(const std::string& first,
                               const std::vector<SamplingReportLine>& lines, bool with_frame) {
  std::vector<Row> rows;
  Row header{H(first)};
  if (with_frame) header.push_back(H("抽样框"));
  for (const char* h :
       {"抽样数", "已检定", "合格", "不合格", "合格率", "平均误差(%)", "最大误差(%)", "不合格项目"})
    header.push_back(H(h));
  rows.push_back(header);
  for (const auto& l : lines) {
    Row r{C(l.name, Align::kLeft)};
    if (with_frame) r.push_back(C(std::to_string(l.frame)));
    r.push_back(C(std::to_string(l.sampled)));
    r.push_back(C(std::to_string(l.verified)));
    r.push_back(C(std::to_string(l.passed)));
    r.push_back(C(std::to_string(l.failed)));
    r.push_back(C(Percent(l.passed, l.verified)));
    r.push_back(C(ErrorText(l, l.mean_error_pct)));
    r.push_back(C(ErrorText(l, l.max_error_pct)));
    r.push_back(C(l.failed_items.empty() ? "—" : l.failed_items, Align::kLeft));
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

Result<std::string> RenderSamplingReportPdf(const SamplingReportDocument& doc) {
  PdfCanvas canvas(pdf::kA4Width, pdf::kA4Height, doc.plan_name + " 抽检分析报告");
  ReportWriter w(canvas);
  w.Title(doc.plan_name + "\n抽检分析报告",
          "承担机构：" + doc.institute_name + "　　生成日期：" + doc.generated_on);

  w.Heading("概况");
  w.Paragraph("抽样区域：" + doc.regions + "；器具类型：" + doc.types + "；计划抽样比例 " +
              doc.ratio + "；完成期限：" + (doc.deadline.empty() ? "未设定" : doc.deadline) + "。");
  w.Paragraph("抽样框 " + std::to_string(doc.frame_size) + " 台，分 " + std::to_string(doc.strata) +
              " 个品牌型号；抽取样本 " + std::to_string(doc.sample_size) + " 台，已下发检定任务 " +
              std::to_string(doc.dispatched) + " 台，已完成检定 " + std::to_string(doc.verified) +
              " 台，其中合格 " + std::to_string(doc.passed) + " 台、不合格 " +
              std::to_string(doc.failed) + " 台，合格率 " + Percent(doc.passed, doc.verified) +
              "；不具备检定条件 " + std::to_string(doc.unverifiable) + " 台。");
  w.Paragraph(doc.coverage + "。", 11);

  w.Heading("各区抽样情况");
  double max_frame = 0;
  std::vector<ReportWriter::Bar> district_bars;
  for (const auto& l : doc.districts) {
    max_frame = std::max(max_frame, static_cast<double>(l.frame));
    district_bars.push_back(
        {l.name,
         {static_cast<double>(l.frame), static_cast<double>(l.sampled)},
         {std::to_string(l.frame) + " 台",
          std::to_string(l.sampled) + " 台（" + Percent(l.sampled, l.frame) + "）"}});
  }
  w.BarChart("图1  各区抽样框与样本数量", district_bars, {{"抽样框", kPaleGrey}, {"样本", kBlue}},
             max_frame);
  w.Table(BreakdownRows("区", doc.districts, true), Widths({10, 7, 7, 7, 6, 7, 8, 9, 9, 18}));

  w.Heading("按品牌型号");
  std::vector<ReportWriter::Bar> rate_bars;
  for (const auto& l : doc.strata_lines) {
    const double rate =
        l.verified > 0 ? 100.0 * static_cast<double>(l.passed) / static_cast<double>(l.verified)
                       : 0;
    rate_bars.push_back(
        {l.name,
         {rate},
         {l.verified > 0 ? Percent(l.passed, l.verified) + "（" + std::to_string(l.passed) + "/" +
                               std::to_string(l.verified) + "）"
                         : "未检定"}});
  }
  w.BarChart("图2  各品牌型号检定合格率", rate_bars, {{"合格率", pdf::kGreen}}, 100);
  w.Table(BreakdownRows("品牌 型号", doc.strata_lines, true),
          Widths({16, 7, 7, 7, 6, 7, 8, 9, 9, 16}));

  w.Heading("按运营企业");
  w.Table(BreakdownRows("运营企业", doc.operators, false), Widths({22, 7, 7, 6, 7, 8, 9, 9, 16}));

  w.Heading("不合格器具清单");
  if (doc.failures.empty()) {
    w.Paragraph("截至报告生成日，尚无检定不合格的样本。");
  } else {
    std::vector<Row> rows{{H("出厂编号"), H("品牌 型号"), H("运营企业"), H("区"),
                           H("结果通知书编号"), H("不合格项目"), H("最大误差")}};
    for (const auto& f : doc.failures)
      rows.push_back({C(f.serial_no), C(f.brand_model, Align::kLeft), C(f.org_name, Align::kLeft),
                      C(f.district), C(f.certificate_no.empty() ? "—" : f.certificate_no),
                      C(f.failed_items, Align::kLeft), C(f.max_error)});
    w.Table(rows, Widths({17, 13, 17, 7, 19, 15, 9}));
  }

  w.Heading("抽样方法");
  w.Paragraph("样本按品牌型号分层抽取（算法 " + doc.algorithm + "，随机种子 " + doc.seed +
                  "，抽取日期 " + doc.drawn_on +
                  "）：第 k 个随机数为 SHA-256(种子 + \",\" + k) 按无符号大端整数读取；抽样框按"
                  "（品牌型号键的 UTF-8 字节，器具编号）排序；先从每个品牌型号各抽 1 台，再从其余"
                  "器具中抽满样本量 n = ⌈比例 × N⌉。任何人可按公开的抽样框与种子复算样本。",
              9.5);
  w.Finish();
  return canvas.Finish();
}

Result<std::string> WriteSamplingReportXlsx(const SamplingReportDocument& doc) {
  std::vector<XlsxSheet> sheets;
  XlsxSheet summary{"概况", {{"项目", 24}, {"内容", 60}}, {}, {}};
  auto add = [&](const std::string& k, const std::string& v) {
    summary.rows.push_back({XlsxValue{k}, XlsxValue{v}});
  };
  add("计划名称", doc.plan_name);
  add("年度", doc.year);
  add("承担机构", doc.institute_name);
  add("抽样区域", doc.regions);
  add("器具类型", doc.types);
  add("计划抽样比例", doc.ratio);
  add("抽样框（台）", std::to_string(doc.frame_size));
  add("品牌型号数", std::to_string(doc.strata));
  add("样本（台）", std::to_string(doc.sample_size));
  add("已下发", std::to_string(doc.dispatched));
  add("已检定", std::to_string(doc.verified));
  add("合格", std::to_string(doc.passed));
  add("不合格", std::to_string(doc.failed));
  add("合格率", Percent(doc.passed, doc.verified));
  add("不具备检定条件", std::to_string(doc.unverifiable));
  add("覆盖情况", doc.coverage);
  add("随机种子", doc.seed);
  add("算法", doc.algorithm);
  add("抽取日期", doc.drawn_on);
  add("生成日期", doc.generated_on);
  sheets.push_back(std::move(summary));

  auto breakdown = [](const std::string& sheet, const std::string& first,
                      const std::vector<SamplingReportLine>& lines, bool with_frame) {
    XlsxSheet s{sheet, {{first, 28}}, {}, {}};
    if (with_frame) s.columns.push_back({"抽样框", 10});
    for (const char* h : {"抽样数", "已检定", "合格", "不合格"}) s.columns.push_back({h, 10});
    s.columns.push_back({"合格率(%)", 12});
    s.columns.push_back({"平均误差(%)", 12});
    s.columns.push_back({"最大误差(%)", 12});
    s.columns.push_back({"不合格项目", 30});
    for (const auto& l : lines) {
      std::vector<XlsxValue> r{XlsxValue{l.name}};
      if (with_frame) r.push_back(XlsxValue{static_cast<double>(l.frame)});
      for (auto n : {l.sampled, l.verified, l.passed, l.failed})
        r.push_back(XlsxValue{static_cast<double>(n)});
      r.push_back(l.verified > 0 ? XlsxValue{std::round(1000.0 * static_cast<double>(l.passed) /
                                                        static_cast<double>(l.verified)) /
                                             10.0}
                                 : XlsxValue{std::string("—")});
      r.push_back(l.error_points ? XlsxValue{std::round(l.mean_error_pct * 100) / 100}
                                 : XlsxValue{std::string("—")});
      r.push_back(l.error_points ? XlsxValue{std::round(l.max_error_pct * 100) / 100}
                                 : XlsxValue{std::string("—")});
      r.push_back(XlsxValue{l.failed_items});
      s.rows.push_back(std::move(r));
    }
    return s;
  };
  auto districts = breakdown("按区", "区", doc.districts, true);
  districts.chart = XlsxBarChart{"各区抽样框与样本数量", 0, {1, 2}};
  sheets.push_back(std::move(districts));
  auto strata = breakdown("按品牌型号", "品牌 型号", doc.strata_lines, true);
  strata.chart = XlsxBarChart{"各品牌型号检定合格率(%)", 0, {6}};
  sheets.push_back(std::move(strata));
  sheets.push_back(breakdown("按运营企业", "运营企业", doc.operators, false));

  XlsxSheet failures{"不合格清单",
                     {{"出厂编号", 18},
                      {"品牌 型号", 24},
                      {"运营企业", 30},
                      {"区", 10},
                      {"检定结果通知书编号", 22},
                      {"不合格项目", 30},
                      {"最大误差", 12}},
                     {},
                     {}};
  for (const auto& f : doc.failures)
    failures.rows.push_back({XlsxValue{f.serial_no}, XlsxValue{f.brand_model},
                             XlsxValue{f.org_name}, XlsxValue{f.district},
                             XlsxValue{f.certificate_no}, XlsxValue{f.failed_items},
                             XlsxValue{f.max_error}});
  sheets.push_back(std::move(failures));
  return WriteXlsxWorkbook(sheets);
}

}  // namespace mvis::io
