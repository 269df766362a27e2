// 统计分析报告: an institute's verification work in a period — results by kind, type, brand and
// model, operator and district; pass rates; the distribution of working errors against their
// limit per model; clock errors; failure items; turnaround (booking → acceptance → record →
// certificate); refused appointments — as JSON for the institute's dashboard and as PDF / XLSX.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "io/report_document.hpp"
#include "services/reporting/report_internal.hpp"
#include "services/reporting/report_service.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"
#include "store/statistics_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;
using nlohmann::json;

namespace {

constexpr char kWhat[] = "检定统计分析";
constexpr const char* kErrorBuckets[] = {"≤20%",    "20%–40%",  "40%–60%",
                                         "60%–80%", "80%–100%", "超出限值"};
constexpr const char* kClockBuckets[] = {"≤1 s", "1–2 s", "2–3 s", "3–5 s", ">5 s"};

struct Tally {
  int64_t verified = 0, passed = 0;
  void Add(bool pass) {
    ++verified;
    passed += pass ? 1 : 0;
  }
};

json TallyJson(const std::string& key, const std::string& name, const Tally& t) {
  return {{"key", key},
          {"name", name},
          {"verified", t.verified},
          {"passed", t.passed},
          {"failed", t.verified - t.passed}};
}

// Groups sorted by results, largest first, at most `limit` (0: all, in key order).
json Groups(const std::map<std::string, Tally>& m, const std::map<std::string, std::string>& names,
            size_t limit) {
  std::vector<std::pair<std::string, Tally>> rows(m.begin(), m.end());
  if (limit > 0) {
    std::ranges::stable_sort(
        rows, [](const auto& a, const auto& b) { return a.second.verified > b.second.verified; });
    if (rows.size() > limit) rows.resize(limit);
  }
  json out = json::array();
  for (const auto& [key, t] : rows) {
    auto it = names.find(key);
    out.push_back(TallyJson(key, it == names.end() ? key : it->second, t));
  }
  return out;
}

double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(std::ceil(q * v.size())) - (q > 0));
  std::ranges::nth_element(v, v.begin() + static_cast<std::ptrdiff_t>(k));
  return v[k];
}

double OneDecimal(double v) { return std::round(v * 10) / 10; }

int ErrorBucket(double ratio) {
  if (ratio > 1.0 + 1e-9) return 5;
  return std::min(4, static_cast<int>(ratio * 5 - 1e-9 < 0 ? 0 : ratio * 5 - 1e-9));
}

int ClockBucket(double s) {
  s = std::fabs(s);
  if (s <= 1) return 0;
  if (s <= 2) return 1;
  if (s <= 3) return 2;
  if (s <= 5) return 3;
  return 4;
}

std::string KindName(const std::string& k) {
  if (k == "first") return "首次检定";
  if (k == "subsequent") return "后续检定";
  if (k == "in_service") return "使用中检查";
  if (k == "sampling") return "抽样检定";
  return k;
}

}  // namespace

Result<json> ReportService::InstituteFigures(const Actor& actor, const InstituteReportQuery& q) {
  const auto subject = SubjectOf(actor);
  if (auto ok = domain::access::CheckRole(subject, Kind::kInstituteReport, Op::kRead); !ok)
    return std::unexpected(ok.error());
  const std::string today = domain::ChinaDate(ctx_.clock.Now());
  const std::string from = q.from.empty() ? today.substr(0, 4) + "-01-01" : q.from;
  const std::string to = q.to.empty() ? today : q.to;
  if (!domain::DayNumber(from) || from.size() != 10)
    return InvalidField("from", "date_invalid", "日期格式应为 YYYY-MM-DD");
  if (!domain::DayNumber(to) || to.size() != 10)
    return InvalidField("to", "date_invalid", "日期格式应为 YYYY-MM-DD");
  if (from > to) return InvalidField("from", "range_invalid", "开始日期不能晚于结束日期");
  if (domain::DaysBetween(from, to) > 3 * 366)
    return InvalidField("to", "range_too_long", "统计期间不能超过三年");
  const std::optional<int64_t> institute =
      actor.role == domain::Role::kInstitute ? actor.org_id : q.institute_org_id;
  if (!institute) return InvalidField("institute_org_id", "institute_required", "请选择检定机构");
  return ctx_.db.Read([&](store::Tx& tx) -> Result<json> {
    domain::access::Resource res;
    res.kind = Kind::kInstituteReport;
    res.institute_org_id = *institute;
    auto org = store::FindOrg(tx, *institute);
    if (!org || org->kind != domain::OrgKind::kInstitute) return NotFound(kWhat);
    if (auto ok = domain::access::Check(subject, res, Op::kRead, kWhat); !ok)
      return std::unexpected(ok.error());

    Tally all;
    std::map<std::string, Tally> by_kind, by_type, by_brand, by_org, by_region, by_month;
    std::map<std::string, std::string> brand_names;
    std::map<std::string, std::array<int64_t, 6>> error_by_model;  // "" = every model
    std::array<int64_t, 5> clock{};
    int64_t clock_measured = 0, clock_over = 0;
    std::map<std::string, std::pair<std::string, int64_t>> failures;  // item → name, count
    std::vector<double> to_accept, to_record, to_issue, total;
    for (const auto& r : store::IssuedResults(tx, *institute, from, to)) {
      all.Add(r.passed);
      by_kind[r.kind].Add(r.passed);
      by_type[r.type_code].Add(r.passed);
      const std::string model_key = r.brand + "|" + r.model;
      brand_names[model_key] = r.brand + " " + r.model;
      by_brand[model_key].Add(r.passed);
      by_org[std::to_string(r.org_id)].Add(r.passed);
      by_region[r.region_code].Add(r.passed);
      by_month[r.verified_on.substr(0, 7)].Add(r.passed);
      const json data = json::parse(r.data, nullptr, false);
      if (data.is_object()) {
        for (const auto& p : data.value("load_points", json::array())) {
          const double limit = p.value("limit_pct", 0.0);
          if (limit <= 0) continue;
          const int b = ErrorBucket(std::fabs(p.value("error_pct", 0.0)) / limit);
          ++error_by_model[model_key][b];
          ++error_by_model[""][b];
        }
        if (data.contains("clock_error_s") && data["clock_error_s"].is_number()) {
          ++clock_measured;
          ++clock[ClockBucket(data["clock_error_s"].get<double>())];
          if (data.value("clock_pass", true) == false) ++clock_over;
        }
      }
      const json failed = json::parse(r.failed_items, nullptr, false);
      if (failed.is_array())
        for (const auto& f : failed) {
          auto& slot = failures[f.value("item", "")];
          slot.first = f.value("name", "");
          ++slot.second;
        }
      if (r.submitted_at && r.accepted_at)
        to_accept.push_back(static_cast<double>(*r.accepted_at - *r.submitted_at) / 86400);
      if (r.accepted_at)
        to_record.push_back(static_cast<double>(r.recorded_at - *r.accepted_at) / 86400);
      to_issue.push_back(static_cast<double>(r.issued_at - r.recorded_at) / 86400);
      if (r.submitted_at)
        total.push_back(static_cast<double>(r.issued_at - *r.submitted_at) / 86400);
    }

    std::map<std::string, std::string> kind_names, type_names, org_names, region_names;
    for (const auto& [k, _] : by_kind) kind_names[k] = KindName(k);
    for (auto& [code, name] : store::TypeNames(tx)) type_names[code] = name;
    std::vector<int64_t> ids;
    for (const auto& [k, _] : by_org) ids.push_back(std::stoll(k));
    for (auto& [id, name] : store::OrgNames(tx, ids)) org_names[std::to_string(id)] = name;
    for (const auto& [code, _] : by_region)
      if (auto region = store::FindRegion(tx, code)) region_names[code] = region->name;

    json kinds = json::array();
    for (const char* k : {"first", "subsequent", "in_service", "sampling"})
      kinds.push_back(TallyJson(k, KindName(k), by_kind[k]));
    json months = json::array();
    for (const auto& [m, t] : by_month)
      months.push_back({{"month", m},
                        {"verified", t.verified},
                        {"passed", t.passed},
                        {"failed", t.verified - t.passed}});
    // Error distribution: every model together, then the ten models with most load points.
    std::vector<std::pair<std::string, int64_t>> models;
    for (const auto& [k, counts] : error_by_model)
      if (!k.empty()) {
        int64_t n = 0;
        for (auto c : counts) n += c;
        models.push_back({k, n});
      }
    std::ranges::stable_sort(models,
                             [](const auto& a, const auto& b) { return a.second > b.second; });
    if (models.size() > 10) models.resize(10);
    json error_rows = json::array();
    auto error_row = [&](const std::string& key, const std::string& name) {
      const auto& counts = error_by_model[key];
      int64_t points = 0;
      for (auto c : counts) points += c;
      error_rows.push_back({{"key", key}, {"name", name}, {"counts", counts}, {"points", points}});
    };
    error_row("", "全部型号");
    for (const auto& [k, _] : models) error_row(k, brand_names[k]);
    json buckets = json::array();
    for (const char* b : kErrorBuckets) buckets.push_back(b);
    json clock_buckets = json::array();
    for (const char* b : kClockBuckets) clock_buckets.push_back(b);
    std::vector<std::pair<std::string, std::pair<std::string, int64_t>>> failure_rows(
        failures.begin(), failures.end());
    std::ranges::stable_sort(failure_rows, [](const auto& a, const auto& b) {
      return a.second.second > b.second.second;
    });
    json failure_json = json::array();
    for (const auto& [item, v] : failure_rows)
      failure_json.push_back({{"item", item}, {"name", v.first}, {"count", v.second}});
    auto step = [](const char* key, const char* name, const std::vector<double>& days) {
      return json{
          {"step", key},
          {"name", name},
          {"n", static_cast<int64_t>(days.size())},
          {"median_days", days.empty() ? json(nullptr) : json(OneDecimal(Quantile(days, 0.5)))},
          {"p90_days", days.empty() ? json(nullptr) : json(OneDecimal(Quantile(days, 0.9)))}};
    };
    json refusals = json::array();
    int64_t refused = 0;
    for (const auto& r : store::RefusedAppointments(
             tx, *institute, domain::DayNumber(from).value_or(0) * 86400 - 8 * 3600,
             (domain::DayNumber(to).value_or(0) + 1) * 86400 - 8 * 3600)) {
      refused += r.n;
      refusals.push_back({{"reason", r.reason.empty() ? "未说明原因" : r.reason}, {"count", r.n}});
    }
    return json{{"institute_org_id", *institute},
                {"institute_name", org->name},
                {"from", from},
                {"to", to},
                {"totals",
                 {{"verified", all.verified},
                  {"passed", all.passed},
                  {"failed", all.verified - all.passed},
                  {"refused", refused}}},
                {"by_kind", kinds},
                {"by_type", Groups(by_type, type_names, 0)},
                {"by_brand", Groups(by_brand, brand_names, reporting::kTopRows)},
                {"by_operator", Groups(by_org, org_names, reporting::kTopRows)},
                {"by_district", Groups(by_region, region_names, 0)},
                {"by_month", months},
                {"error_distribution", {{"buckets", buckets}, {"models", error_rows}}},
                {"clock",
                 {{"buckets", clock_buckets},
                  {"counts", clock},
                  {"measured", clock_measured},
                  {"over_limit", clock_over}}},
                {"failure_items", failure_json},
                {"turnaround", json::array({step("accept", "预约提交→受理", to_accept),
                                            step("record", "受理→检定记录", to_record),
                                            step("certificate", "检定记录→出具证书", to_issue),
                                            step("total", "预约提交→出具证书", total)})},
                {"refusals", refusals}};
  });
}

namespace {

std::string Pct(int64_t part, int64_t whole) {
  if (whole <= 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string N(const json& v) {
  if (v.is_null()) return "—";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v.get<double>());
  return buf;
}

io::ReportTable ResultTable(const std::string& sheet, const std::string& first, const json& rows) {
  io::ReportTable t{sheet, {first, "检定台次", "合格", "不合格", "合格率"}, {}, {24, 9, 9, 9, 9}};
  for (const auto& r : rows)
    t.rows.push_back({r["name"].get<std::string>(), N(r["verified"]), N(r["passed"]),
                      N(r["failed"]),
                      Pct(r["passed"].get<int64_t>(), r["verified"].get<int64_t>())});
  return t;
}

io::ReportDocument InstituteDocumentOf(const json& f, const std::string& generated_on) {
  io::ReportDocument doc;
  doc.title = f["institute_name"].get<std::string>() + "\n检定统计分析报告";
  doc.subtitle = "统计期间 " + f["from"].get<std::string>() + " 至 " + f["to"].get<std::string>() +
                 "　　生成日期 " + generated_on;
  const json& t = f["totals"];
  io::ReportSection overall{"总体情况", false, {}, std::nullopt, std::nullopt};
  overall.paragraphs.push_back("统计期间共出具检定结果 " + N(t["verified"]) + " 台次，其中合格 " +
                               N(t["passed"]) + " 台次、不合格 " + N(t["failed"]) +
                               " 台次，合格率 " +
                               Pct(t["passed"].get<int64_t>(), t["verified"].get<int64_t>()) +
                               "；不予受理预约 " + N(t["refused"]) + " 件。");
  overall.table = ResultTable("按检定类别", "检定类别", f["by_kind"]);
  doc.sections.push_back(std::move(overall));

  io::ReportSection monthly{"各月检定情况", false, {}, std::nullopt, std::nullopt};
  io::ReportChart chart;
  chart.caption = "图1  各月检定与不合格台次";
  io::ReportTable months{"按月", {"月份", "检定台次", "合格", "不合格"}, {}, {10, 8, 8, 8}};
  std::vector<double> verified, failed;
  for (const auto& m : f["by_month"]) {
    chart.labels.push_back(m["month"].get<std::string>());
    verified.push_back(static_cast<double>(m["verified"].get<int64_t>()));
    failed.push_back(static_cast<double>(m["failed"].get<int64_t>()));
    months.rows.push_back(
        {m["month"].get<std::string>(), N(m["verified"]), N(m["passed"]), N(m["failed"])});
  }
  chart.series = {{"检定", verified}, {"不合格", failed}};
  chart.value_columns = {1, 3};
  monthly.chart = std::move(chart);
  monthly.table = std::move(months);
  doc.sections.push_back(std::move(monthly));

  doc.sections.push_back(
      {"按器具类型", false, {}, std::nullopt, ResultTable("按器具类型", "器具类型", f["by_type"])});
  doc.sections.push_back({"按品牌型号",
                          false,
                          {"检定台次居前的品牌型号（至多 20 个）："},
                          std::nullopt,
                          ResultTable("按品牌型号", "品牌 型号", f["by_brand"])});
  doc.sections.push_back({"按运营企业",
                          false,
                          {"检定台次居前的运营企业（至多 20 家）："},
                          std::nullopt,
                          ResultTable("按运营企业", "运营企业", f["by_operator"])});
  doc.sections.push_back(
      {"按辖区", false, {}, std::nullopt, ResultTable("按辖区", "区", f["by_district"])});

  // Working errors against their limit.
  const json& dist = f["error_distribution"];
  io::ReportSection errors{"示值误差分布", false, {}, std::nullopt, std::nullopt};
  errors.paragraphs.push_back(
      "各负载点示值误差绝对值占最大允许误差的比例（“超出限值”即该点不合格）。");
  io::ReportTable et{"示值误差分布", {"型号"}, {}, {22}};
  for (const auto& b : dist["buckets"]) {
    et.header.push_back(b.get<std::string>());
    et.weights.push_back(8);
  }
  et.header.push_back("负载点");
  et.weights.push_back(8);
  for (const auto& m : dist["models"]) {
    std::vector<std::string> row{m["name"].get<std::string>()};
    for (const auto& c : m["counts"]) row.push_back(N(c));
    row.push_back(N(m["points"]));
    et.rows.push_back(std::move(row));
  }
  if (!dist["models"].empty()) {
    io::ReportChart hist;
    hist.caption = "图2  示值误差分布（全部型号，负载点数）";
    std::vector<double> counts;
    for (size_t i = 0; i < dist["buckets"].size(); ++i) {
      hist.labels.push_back(dist["buckets"][i].get<std::string>());
      counts.push_back(static_cast<double>(dist["models"][0]["counts"][i].get<int64_t>()));
    }
    hist.series = {{"负载点", counts}};
    errors.chart = std::move(hist);
  }
  errors.table = std::move(et);
  doc.sections.push_back(std::move(errors));

  const json& clock = f["clock"];
  io::ReportSection clock_section{"时钟示值误差", false, {}, std::nullopt, std::nullopt};
  clock_section.paragraphs.push_back("测量时钟示值误差 " + N(clock["measured"]) +
                                     " 台次，超出限值 " + N(clock["over_limit"]) + " 台次。");
  io::ReportTable ct{"时钟示值误差", {"误差范围", "台次"}, {}, {12, 8}};
  for (size_t i = 0; i < clock["buckets"].size(); ++i)
    ct.rows.push_back({clock["buckets"][i].get<std::string>(), N(clock["counts"][i])});
  clock_section.table = std::move(ct);
  doc.sections.push_back(std::move(clock_section));

  io::ReportSection failures{"常见不合格项目", false, {}, std::nullopt, std::nullopt};
  io::ReportTable ft{"不合格项目", {"不合格项目", "台次"}, {}, {20, 8}};
  for (const auto& x : f["failure_items"])
    ft.rows.push_back({x["name"].get<std::string>(), N(x["count"])});
  if (ft.rows.empty()) failures.paragraphs.push_back("统计期间无不合格项目。");
  failures.table = std::move(ft);
  doc.sections.push_back(std::move(failures));

  io::ReportSection turnaround{"办理时效", false, {"单位：天。"}, std::nullopt, std::nullopt};
  io::ReportTable tt{"办理时效", {"环节", "件数", "中位数", "90%分位"}, {}, {16, 8, 8, 8}};
  for (const auto& s : f["turnaround"])
    tt.rows.push_back(
        {s["name"].get<std::string>(), N(s["n"]), N(s["median_days"]), N(s["p90_days"])});
  turnaround.table = std::move(tt);
  doc.sections.push_back(std::move(turnaround));

  io::ReportSection refusals{"不予受理情况", false, {}, std::nullopt, std::nullopt};
  io::ReportTable rt{"不予受理", {"原因", "件数"}, {}, {24, 8}};
  for (const auto& x : f["refusals"])
    rt.rows.push_back({x["reason"].get<std::string>(), N(x["count"])});
  if (rt.rows.empty()) refusals.paragraphs.push_back("统计期间无不予受理的预约。");
  refusals.table = std::move(rt);
  doc.sections.push_back(std::move(refusals));
  return doc;
}

}  // namespace

Result<FileDownload> ReportService::InstituteDocument(const Actor& actor,
                                                      const InstituteReportQuery& q,
                                                      const std::string& format) {
  auto f = InstituteFigures(actor, q);
  if (!f) return std::unexpected(f.error());
  const auto doc = InstituteDocumentOf(*f, domain::ChinaDate(ctx_.clock.Now()));
  const std::string name = (*f)["institute_name"].get<std::string>() + "检定统计分析报告" +
                           (*f)["from"].get<std::string>() + "至" + (*f)["to"].get<std::string>();
  return reporting::Rendered(doc, name, format);
}

}  // namespace mvis::services
