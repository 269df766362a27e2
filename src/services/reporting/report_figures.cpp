// The figures of an annual report (registry state at the cut-off from the tallies, the period's
// flows and supervision from the base tables), their sum for the city compilation, and the
// documents (PDF, XLSX) laid out from them.
#include <algorithm>
#include <cstdio>
#include <map>

#include "domain/calendar.hpp"
#include "domain/report.hpp"
#include "domain/time.hpp"
#include "io/report_document.hpp"
#include "services/reporting/report_internal.hpp"
#include "services/reporting/report_service.hpp"
#include "store/statistics_store.hpp"

namespace mvis::services::reporting {

using nlohmann::json;

namespace {

// The state counts of a group, as the figures name them.
json StateJson(const store::StateCounts& c) {
  return json{{"filed", c.filed},
              {"approved", c.approved},
              {"valid", c.valid},
              {"overdue", c.overdue},
              {"never_verified", c.never_verified},
              {"failed", c.failed}};
}

// Unix seconds of 00:00 China time on `date`.
int64_t ChinaMidnight(const std::string& date) {
  return domain::DayNumber(date).value_or(0) * 86400 - 8 * 3600;
}

}  // namespace

json AnnualFigures(store::Tx& tx, const std::vector<std::string>& regions,
                   const std::vector<std::string>& region_names, int year,
                   const std::string& cut_off) {
  const std::string from = std::to_string(year) + "-01-01";
  store::StatFilter f;
  f.regions = regions;
  f.today = cut_off;
  f.soon = domain::AddDays(cut_off, 30);
  using D = store::StatDimension;
  store::StateCounts all;
  if (auto total = store::TallyCounts(tx, f, D::kNone); !total.empty()) all = total.front().counts;

  json totals{{"enterprises", store::TallyEnterprises(tx, f)},
              {"filed", all.filed},
              {"approved", all.approved},
              {"connectors", all.connectors},
              {"valid", all.valid},
              {"due_30d", all.due_30d},
              {"overdue", all.overdue},
              {"never_verified", all.never_verified},
              {"failed", all.failed}};
  int64_t new_filings = 0, verified = 0, passed = 0, failed = 0, first = 0, first_passed = 0;
  std::map<std::string, store::PeriodFlows> by_type_flows;
  for (const auto& p : store::FlowsInPeriod(tx, regions, from, cut_off, "type")) {
    new_filings += p.new_filings;
    verified += p.verified;
    passed += p.passed;
    failed += p.failed;
    first += p.first;
    first_passed += p.first_passed;
    by_type_flows[p.key] = p;
  }
  totals["new_filings"] = new_filings;
  totals["verified"] = verified;
  totals["passed"] = passed;
  totals["failed_verifications"] = failed;
  totals["first_verified"] = first;
  totals["first_passed"] = first_passed;
  totals["fees_waived"] = verified;  // mandatory verification is done free of charge
  const auto sup = store::SupervisionFiguresInPeriod(
      tx, regions, from, cut_off, ChinaMidnight(from), ChinaMidnight(domain::AddDays(cut_off, 1)));
  totals["inspection_tasks"] = sup.tasks;
  totals["inspection_objects"] = sup.objects;
  totals["inspections_done"] = sup.done;
  totals["inspections_published"] = sup.published;
  totals["rectifications_opened"] = sup.rectifications_opened;
  totals["rectifications_closed"] = sup.rectifications_closed;
  totals["rectifications_open"] = sup.rectifications_open;
  totals["cases_opened"] = sup.cases_opened;
  totals["cases_closed"] = sup.cases_closed;
  totals["penalty_yuan"] = sup.penalty_yuan;

  std::map<std::string, std::string> type_names;
  for (auto& [code, name] : store::TypeNames(tx)) type_names[code] = name;
  json by_type = json::array();
  std::map<std::string, store::StateCounts> type_states;
  for (const auto& g : store::TallyCounts(tx, f, D::kType)) type_states[g.key] = g.counts;
  for (const auto& [code, flows] : by_type_flows) type_states.try_emplace(code);
  for (const auto& [code, counts] : type_states) {
    json row = StateJson(counts);
    row["key"] = code;
    row["name"] = type_names.contains(code) ? type_names[code] : code;
    const auto it = by_type_flows.find(code);
    row["verified"] = it == by_type_flows.end() ? 0 : it->second.verified;
    row["passed"] = it == by_type_flows.end() ? 0 : it->second.passed;
    by_type.push_back(std::move(row));
  }
  json by_brand = json::array();
  for (const auto& g : store::TallyCounts(tx, f, D::kBrandModel, "filed", kTopRows)) {
    json row = StateJson(g.counts);
    row["key"] = g.key;
    row["key2"] = g.key2;
    row["name"] = g.key + " " + g.key2;
    by_brand.push_back(std::move(row));
  }
  json by_operator = json::array();
  const auto orgs = store::TallyCounts(tx, f, D::kOrg, "filed", kTopRows);
  std::vector<int64_t> ids;
  for (const auto& g : orgs) ids.push_back(std::stoll(g.key));
  std::map<std::string, std::string> org_names;
  for (auto& [id, name] : store::OrgNames(tx, ids)) org_names[std::to_string(id)] = name;
  for (const auto& g : orgs) {
    json row = StateJson(g.counts);
    row["key"] = g.key;
    row["name"] = org_names.contains(g.key) ? org_names[g.key] : g.key;
    by_operator.push_back(std::move(row));
  }
  std::map<std::string, store::PeriodFlows> months;
  for (auto& p : store::FlowsInPeriod(tx, regions, from, cut_off, "month")) months[p.key] = p;
  json by_month = json::array();
  for (int m = 1; m <= std::stoi(cut_off.substr(5, 2)); ++m) {
    const std::string key = std::to_string(year) + (m < 10 ? "-0" : "-") + std::to_string(m);
    const auto& p = months[key];
    by_month.push_back({{"month", key},
                        {"new_filings", p.new_filings},
                        {"verified", p.verified},
                        {"passed", p.passed},
                        {"failed", p.failed}});
  }
  return json{{"year", year},         {"cut_off", cut_off},
              {"period_from", from},  {"region_names", region_names},
              {"totals", totals},     {"by_type", by_type},
              {"by_brand", by_brand}, {"by_operator", by_operator},
              {"by_month", by_month}};
}

json SumFigures(const std::vector<json>& figures, int year) {
  json totals = json::object();
  json names = json::array();
  std::string cut_off;
  // Rows merged by key (and key2), in first-seen order, numbers summed.
  auto merge = [](json& into, const json& rows, bool two_keys) {
    for (const auto& row : rows) {
      json* found = nullptr;
      for (auto& r : into)
        if (r["key"] == row["key"] && (!two_keys || r["key2"] == row["key2"])) found = &r;
      if (!found) {
        into.push_back(row);
        continue;
      }
      for (auto it = row.begin(); it != row.end(); ++it)
        if (it->is_number_integer())
          (*found)[it.key()] = (*found)[it.key()].get<int64_t>() + it->get<int64_t>();
    }
  };
  json by_type = json::array(), by_brand = json::array(), by_operator = json::array(),
       by_month = json::array();
  for (const auto& f : figures) {
    for (auto it = f["totals"].begin(); it != f["totals"].end(); ++it)
      totals[it.key()] = totals.value(it.key(), int64_t{0}) + it->get<int64_t>();
    for (const auto& n : f["region_names"]) names.push_back(n);
    cut_off = std::max(cut_off, f["cut_off"].get<std::string>());
    merge(by_type, f["by_type"], false);
    merge(by_brand, f["by_brand"], true);
    merge(by_operator, f["by_operator"], false);
    for (const auto& m : f["by_month"]) {
      json* found = nullptr;
      for (auto& r : by_month)
        if (r["month"] == m["month"]) found = &r;
      if (!found) {
        by_month.push_back(m);
        continue;
      }
      for (const char* k : {"new_filings", "verified", "passed", "failed"})
        (*found)[k] = (*found)[k].get<int64_t>() + m[k].get<int64_t>();
    }
  }
  if (figures.empty())
    for (const char* k : kTotalKeys) totals[k] = 0;
  auto by_filed = [](json& rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
      return a["filed"].get<int64_t>() > b["filed"].get<int64_t>();
    });
    if (rows.size() > static_cast<size_t>(kTopRows))
      rows.erase(rows.begin() + kTopRows, rows.end());
  };
  by_filed(by_brand);
  by_filed(by_operator);
  std::stable_sort(by_month.begin(), by_month.end(),
                   [](const json& a, const json& b) { return a["month"] < b["month"]; });
  const std::string from = std::to_string(year) + "-01-01";
  return json{{"year", year},         {"cut_off", cut_off.empty() ? from : cut_off},
              {"period_from", from},  {"region_names", names},
              {"totals", totals},     {"by_type", by_type},
              {"by_brand", by_brand}, {"by_operator", by_operator},
              {"by_month", by_month}};
}

namespace {

std::string N(const json& v) { return std::to_string(v.get<int64_t>()); }

std::string Pct(int64_t part, int64_t whole) {
  if (whole <= 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

io::ReportTable StateTable(const std::string& sheet, const std::string& first, const json& rows,
                           bool with_flows) {
  io::ReportTable t;
  t.sheet = sheet;
  t.header = {first, "备案", "已审核", "有效期内", "超期未检", "从未检定", "不合格停用"};
  t.weights = {24, 8, 8, 9, 9, 9, 9};
  if (with_flows) {
    t.header.insert(t.header.end(), {"本期检定", "本期合格", "合格率"});
    t.weights.insert(t.weights.end(), {8, 8, 8});
  }
  for (const auto& r : rows) {
    std::vector<std::string> row{r["name"].get<std::string>()};
    for (const char* k : kStateKeys) row.push_back(N(r[k]));
    if (with_flows) {
      row.push_back(N(r["verified"]));
      row.push_back(N(r["passed"]));
      row.push_back(Pct(r["passed"].get<int64_t>(), r["verified"].get<int64_t>()));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

// Paragraphs of a narrative (blank lines dropped).
std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back("　　" + line);
    start = end + 1;
  }
  if (out.empty()) out.push_back("（未填写）");
  return out;
}

}  // namespace

io::ReportDocument FiguresDocument(const std::string& title, const std::string& subtitle,
                                   const json& figures) {
  const json& t = figures["totals"];
  auto n = [&](const char* k) { return t[k].get<int64_t>(); };
  io::ReportDocument doc;
  doc.title = title;
  doc.subtitle = subtitle;
  io::ReportSection filing{"备案情况", false, {}, std::nullopt, std::nullopt};
  filing.paragraphs.push_back(
      "截至 " + figures["cut_off"].get<std::string>() + "，辖区内备案强制检定充电设施 " +
      N(t["filed"]) + " 台（充电接口 " + N(t["connectors"]) + " 个），涉及运营企业 " +
      N(t["enterprises"]) + " 家；其中已审核 " + N(t["approved"]) + " 台。本年度（" +
      figures["period_from"].get<std::string>() + " 起）新增备案 " + N(t["new_filings"]) + " 台。");
  filing.paragraphs.push_back("检定有效期内 " + N(t["valid"]) + " 台（其中30日内到期 " +
                              N(t["due_30d"]) + " 台），超期未检 " + N(t["overdue"]) +
                              " 台，从未检定 " + N(t["never_verified"]) + " 台，检定不合格停用 " +
                              N(t["failed"]) + " 台。");
  filing.table = StateTable("按类型", "器具类型", figures["by_type"], true);
  doc.sections.push_back(std::move(filing));

  io::ReportSection verification{"检定情况", false, {}, std::nullopt, std::nullopt};
  verification.paragraphs.push_back(
      "本期完成检定 " + N(t["verified"]) + " 台次，合格 " + N(t["passed"]) + " 台次、不合格 " +
      N(t["failed_verifications"]) + " 台次，合格率 " + Pct(n("passed"), n("verified")) +
      "；其中首次检定 " + N(t["first_verified"]) + " 台次，一次检定合格率 " +
      Pct(n("first_passed"), n("first_verified")) + "。强制检定免收检定费 " + N(t["fees_waived"]) +
      " 台次。");
  io::ReportChart chart;
  chart.caption = "图1  各月新增备案与检定台次";
  io::ReportTable months;
  months.sheet = "按月";
  months.header = {"月份", "新增备案", "检定", "合格", "不合格"};
  months.weights = {10, 8, 8, 8, 8};
  std::vector<double> filed_values, verified_values;
  for (const auto& m : figures["by_month"]) {
    const std::string month = m["month"].get<std::string>();
    chart.labels.push_back(month.substr(0, 4) + "年" + std::to_string(std::stoi(month.substr(5))) +
                           "月");
    filed_values.push_back(static_cast<double>(m["new_filings"].get<int64_t>()));
    verified_values.push_back(static_cast<double>(m["verified"].get<int64_t>()));
    months.rows.push_back({chart.labels.back(), N(m["new_filings"]), N(m["verified"]),
                           N(m["passed"]), N(m["failed"])});
  }
  chart.series = {{"新增备案", filed_values}, {"检定", verified_values}};
  chart.label_column = 0;
  chart.value_columns = {1, 2};
  verification.chart = std::move(chart);
  verification.table = std::move(months);
  doc.sections.push_back(std::move(verification));

  io::ReportSection brands{"按品牌型号", false, {}, std::nullopt, std::nullopt};
  brands.paragraphs.push_back("备案数量居前的品牌型号（至多 " + std::to_string(kTopRows) +
                              " 个）：");
  brands.table = StateTable("按品牌型号", "品牌 型号", figures["by_brand"], false);
  doc.sections.push_back(std::move(brands));
  io::ReportSection operators{"按运营企业", false, {}, std::nullopt, std::nullopt};
  operators.paragraphs.push_back("备案数量居前的运营企业（至多 " + std::to_string(kTopRows) +
                                 " 家）：");
  operators.table = StateTable("按运营企业", "运营企业", figures["by_operator"], false);
  doc.sections.push_back(std::move(operators));

  io::ReportSection supervision{"监督检查与整改", false, {}, std::nullopt, std::nullopt};
  supervision.paragraphs.push_back(
      "本期开展“双随机、一公开”抽查任务 " + N(t["inspection_tasks"]) + " 项，抽取检查对象 " +
      N(t["inspection_objects"]) + " 家次，完成检查 " + N(t["inspections_done"]) +
      " 家次，公示结果 " + N(t["inspections_published"]) + " 家次，公示率 " +
      Pct(n("inspections_published"), n("inspections_done")) + "。");
  supervision.paragraphs.push_back(
      "下达整改通知 " + N(t["rectifications_opened"]) + " 份，完成整改 " +
      N(t["rectifications_closed"]) + " 份，截至期末尚未完成 " + N(t["rectifications_open"]) +
      " 份；立案 " + N(t["cases_opened"]) + " 件，结案 " + N(t["cases_closed"]) + " 件，罚没款 " +
      N(t["penalty_yuan"]) + " 元。");
  doc.sections.push_back(std::move(supervision));
  return doc;
}

io::ReportDocument AnnualDocumentOf(const store::AnnualReportRow& r, const json& figures,
                                    bool frozen) {
  const std::string subtitle = "报送单位：" + r.org_name + "　　数据截至 " +
                               figures["cut_off"].get<std::string>() +
                               (frozen ? "（报送时冻结）" : "（草稿，实时数据）");
  auto doc = FiguresDocument(
      r.region_name + std::to_string(r.year) + "年度\n强制检定计量器具监督管理工作报告", subtitle,
      figures);
  doc.sections.push_back({"工作开展情况", false, Paragraphs(r.work), std::nullopt, std::nullopt});
  doc.sections.push_back({"存在问题", false, Paragraphs(r.problems), std::nullopt, std::nullopt});
  doc.sections.push_back({"下一步工作计划", false, Paragraphs(r.plan), std::nullopt, std::nullopt});
  return doc;
}

io::ReportDocument CityDocumentOf(const CityCompilation& c, const std::string& city_name,
                                  const std::string& generated_on) {
  auto doc = FiguresDocument(
      city_name + std::to_string(c.year) + "年度\n强制检定计量器具监督管理工作汇总报告",
      "汇总已通过审核的区级报告 " + std::to_string(c.accepted) + " 份（共 " +
          std::to_string(c.districts.size()) + " 个区）　　生成日期 " + generated_on,
      c.figures);
  io::ReportSection status{"各区报送情况", false, {}, std::nullopt, std::nullopt};
  io::ReportTable t;
  t.sheet = "各区报送情况";
  t.header = {"区", "状态", "数据截至", "报送时间"};
  t.weights = {14, 10, 12, 16};
  for (const auto& d : c.districts) {
    const auto& rep = d.report;
    t.rows.push_back({d.region_name, rep ? std::string(domain::DisplayName(rep->status)) : "未编制",
                      rep ? rep->cut_off : "—",
                      rep && rep->submitted_at ? domain::ChinaDateTime(*rep->submitted_at) : "—"});
  }
  status.table = std::move(t);
  doc.sections.push_back(std::move(status));
  for (const auto& r : c.annex) {
    io::ReportSection annex{"附件：" + r.region_name + "工作报告（数据截至 " + r.cut_off + "）",
                            true,
                            {},
                            std::nullopt,
                            std::nullopt};
    annex.paragraphs.push_back("【工作开展情况】");
    for (auto& p : Paragraphs(r.work)) annex.paragraphs.push_back(std::move(p));
    annex.paragraphs.push_back("【存在问题】");
    for (auto& p : Paragraphs(r.problems)) annex.paragraphs.push_back(std::move(p));
    annex.paragraphs.push_back("【下一步工作计划】");
    for (auto& p : Paragraphs(r.plan)) annex.paragraphs.push_back(std::move(p));
    doc.sections.push_back(std::move(annex));
  }
  return doc;
}

}  // namespace mvis::services::reporting
