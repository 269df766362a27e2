// 通报: the city bureau's bulletin to the DRC, a frozen snapshot of the city dashboard.
#include <algorithm>

#include "domain/audit_chain.hpp"
#include "domain/inspection.hpp"
#include "domain/label_token.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/core/workflow.hpp"
#include "services/reporting/report_internal.hpp"
#include "services/reporting/report_service.hpp"
#include "services/reporting/statistics_service.hpp"
#include "store/events_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;
using nlohmann::json;

namespace {

constexpr char kBulletinWhat[] = "通报";

}  // namespace

namespace {

json CountsJson(const store::StateCounts& c) {
  return json{{"filed", c.filed},     {"approved", c.approved},
              {"valid", c.valid},     {"due_30d", c.due_30d},
              {"overdue", c.overdue}, {"never_verified", c.never_verified},
              {"failed", c.failed}};
}

BulletinView BulletinOf(store::Tx& tx, store::BulletinRow row, bool detail) {
  BulletinView v;
  v.figures = json::parse(row.figures);
  if (detail) v.events = store::ListEvents(tx, "bulletin", std::to_string(row.id));
  v.row = std::move(row);
  return v;
}

}  // namespace

Result<domain::Page<BulletinView>> ReportService::ListBulletins(const Actor& actor,
                                                                std::optional<int> year,
                                                                const domain::PageRequest& page) {
  if (!domain::access::ScopeFor(SubjectOf(actor), Kind::kBulletin).allowed) {
    auto denied = reporting::Denied(Kind::kBulletin, Op::kRead, kBulletinWhat);
    return std::unexpected(denied.error());
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<BulletinView>> {
    auto rows = store::ListBulletins(tx, year, page);
    domain::Page<BulletinView> out;
    out.total = rows.total;
    for (auto& r : rows.items) out.items.push_back(BulletinOf(tx, std::move(r), false));
    return out;
  });
}

Result<BulletinView> ReportService::PublishBulletin(const Actor& actor, const BulletinInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kBulletin, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  const std::string title = domain::Trim(in.title), note = domain::Trim(in.note);
  if (title.empty()) return InvalidField("title", "title_required", "请填写标题");
  if (domain::CodePoints(title) > domain::kReportTitleMax)
    return InvalidField("title", "title_too_long", "标题不能超过100字");
  if (auto ok = reporting::CheckText("note", note, domain::kNarrativeMax); !ok)
    return std::unexpected(ok.error());
  const auto period = domain::ParsePeriod(in.period);
  if (!period) return InvalidField("period", "period_invalid", "通报期间无效");
  const std::string today = domain::ChinaDate(ctx_.clock.Now());
  if (period->from > today) return InvalidField("period", "period_invalid", "通报期间不能晚于今天");
  // The snapshot: the dashboards' figures for the whole city as they stand now.
  StatisticsQuery q;
  q.year = std::stoi(in.period.substr(0, 4));
  auto overview = statistics_.Overview(actor, q);
  if (!overview) return std::unexpected(overview.error());
  auto districts = statistics_.Breakdown(actor, q, "district");
  if (!districts) return std::unexpected(districts.error());
  auto supervision = statistics_.Supervision(actor, q);
  if (!supervision) return std::unexpected(supervision.error());
  json overview_json = CountsJson(overview->counts);
  overview_json["enterprises"] = overview->enterprises;
  overview_json["connectors"] = overview->counts.connectors;
  overview_json["first_use_unverified"] = overview->first_use_unverified;
  json district_rows = json::array();
  for (const auto& d : *districts) {
    json row = CountsJson(d.counts);
    row["region_code"] = d.key;
    row["name"] = d.name;
    district_rows.push_back(std::move(row));
  }
  const json figures{{"as_of", overview->as_of},
                     {"overview", overview_json},
                     {"districts", district_rows},
                     {"supervision",
                      {{"inspection_tasks", supervision->inspections.tasks},
                       {"inspections_done", supervision->inspections.done},
                       {"inspections_published", supervision->inspections.published},
                       {"rectifications_open", supervision->rectifications.open},
                       {"rectifications_overdue", supervision->rectifications.overdue}}}};
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<BulletinView> {
    store::BulletinRow b;
    b.org_id = actor.org_id.value_or(0);
    b.title = title;
    b.note = note;
    b.period = in.period;
    b.figures = figures.dump();
    b.published_by = actor.user_id;
    b.published_at = w.now;
    b.id = store::InsertBulletin(w.tx, b);
    std::vector<std::pair<Recipient, Notice>> notices;
    store::OrgFilter drc{domain::OrgKind::kDrc, "", {}};
    for (const auto& org : store::ListOrgs(w.tx, drc, {1, 100}).items)
      notices.push_back({ToOrg{org.id},
                         {"bulletin_published", "通报",
                          w.OrgName() + "发布了" + domain::PeriodName(in.period) + "通报“" + title +
                              "”，请登录系统查看。"}});
    Record(w, Transition{{Kind::kBulletin, std::to_string(b.id)},
                         "publish",
                         "",
                         "published",
                         "",
                         title,
                         {},
                         std::move(notices)});
    return BulletinOf(w.tx, *store::FindBulletin(w.tx, b.id), true);
  });
}

Result<BulletinView> ReportService::GetBulletin(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<BulletinView> {
    auto b = store::FindBulletin(tx, id);
    if (!b) return NotFound(kBulletinWhat);
    if (auto ok = domain::access::Check(
            SubjectOf(actor), reporting::ReportResource(Kind::kBulletin, b->id, b->org_id, ""),
            Op::kRead, kBulletinWhat);
        !ok)
      return std::unexpected(ok.error());
    return BulletinOf(tx, std::move(*b), true);
  });
}

Result<FileDownload> ReportService::BulletinPdf(const Actor& actor, int64_t id) {
  auto v = GetBulletin(actor, id);
  if (!v) return std::unexpected(v.error());
  const auto& b = v->row;
  const json& f = v->figures;
  const json& o = f["overview"];
  auto n = [](const json& j, const char* k) { return std::to_string(j[k].get<int64_t>()); };
  io::ReportDocument doc;
  doc.title = b.title;
  doc.subtitle = b.org_name + "　" + domain::PeriodName(b.period) + "　数据截至 " +
                 f["as_of"].get<std::string>() + "　发布于 " +
                 domain::ChinaDateTime(b.published_at).substr(0, 16);
  io::ReportSection note{"通报事项", false, {}, std::nullopt, std::nullopt};
  for (size_t start = 0; start <= b.note.size();) {
    size_t end = b.note.find('\n', start);
    if (end == std::string::npos) end = b.note.size();
    if (end > start) note.paragraphs.push_back("　　" + b.note.substr(start, end - start));
    start = end + 1;
  }
  if (!note.paragraphs.empty()) doc.sections.push_back(std::move(note));
  io::ReportSection overall{"总体情况", false, {}, std::nullopt, std::nullopt};
  overall.paragraphs.push_back(
      "全市备案强制检定充电设施 " + n(o, "filed") + " 台（充电接口 " + n(o, "connectors") +
      " 个），运营企业 " + n(o, "enterprises") + " 家；已审核 " + n(o, "approved") +
      " 台，检定有效期内 " + n(o, "valid") + " 台（30日内到期 " + n(o, "due_30d") +
      " 台），超期未检 " + n(o, "overdue") + " 台，从未检定 " + n(o, "never_verified") +
      " 台，检定不合格停用 " + n(o, "failed") + " 台；投入使用前未经首次检定 " +
      n(o, "first_use_unverified") + " 台。");
  doc.sections.push_back(std::move(overall));
  io::ReportSection by_district{"各区情况", false, {}, std::nullopt, std::nullopt};
  io::ReportTable t;
  t.sheet = "各区情况";
  t.header = {"区",         "备案",     "已审核",   "有效期内",
              "30日内到期", "超期未检", "从未检定", "不合格停用"};
  t.weights = {14, 8, 8, 9, 9, 9, 9, 9};
  io::ReportChart chart;
  chart.caption = "图1  各区备案与超期未检台数";
  std::vector<double> filed, overdue;
  for (const auto& d : f["districts"]) {
    t.rows.push_back({d["name"].get<std::string>(), n(d, "filed"), n(d, "approved"), n(d, "valid"),
                      n(d, "due_30d"), n(d, "overdue"), n(d, "never_verified"), n(d, "failed")});
    chart.labels.push_back(d["name"].get<std::string>());
    filed.push_back(static_cast<double>(d["filed"].get<int64_t>()));
    overdue.push_back(static_cast<double>(d["overdue"].get<int64_t>()));
  }
  chart.series = {{"备案", filed}, {"超期未检", overdue}};
  by_district.chart = std::move(chart);
  by_district.table = std::move(t);
  doc.sections.push_back(std::move(by_district));
  const json& s = f["supervision"];
  io::ReportSection sup{"监督检查", false, {}, std::nullopt, std::nullopt};
  sup.paragraphs.push_back("本年度“双随机、一公开”抽查任务 " + n(s, "inspection_tasks") +
                           " 项，完成检查 " + n(s, "inspections_done") + " 家次，公示 " +
                           n(s, "inspections_published") + " 家次；未完成整改 " +
                           n(s, "rectifications_open") + " 份，其中逾期 " +
                           n(s, "rectifications_overdue") + " 份。");
  doc.sections.push_back(std::move(sup));
  return reporting::Rendered(doc, b.title, "pdf");
}

}  // namespace mvis::services
