// The demo's 双随机一公开: the officers of four district bureaus in the inspector library, annual
// plans (two accepted and public, one awaiting the city), a public-holiday calendar, and a task in
// every state — 江岸区 published (one finding ordered corrected), 洪山区 completed with its
// publication deadline near (so it is on the bureau's to-do list), 武昌区 being inspected (one
// record signed by one officer), 江汉区 a draft.
#include "demo/demo_seed.hpp"
#include "domain/calendar.hpp"
#include "domain/working_days.hpp"
#include "services/supervision/inspection_service.hpp"
#include "store/inspections_store.hpp"

namespace mvis::demo {

using namespace mvis::services;

namespace {

struct Officer {
  const char* username;
  const char* cert_no;
};

// Records every object of a drawn task (the first finding ordered corrected when `finding`) and
// has both officers sign; `sign` false leaves each record with one signature.
Status Inspect(InspectionService& svc, store::Database& db, int64_t task_id, bool finding,
               bool sign_all) {
  auto any = DemoActor(db, "city");
  if (!any) return std::unexpected(any.error());
  auto objects = db.Read([&](store::Tx& tx) -> Result<std::vector<store::InspectionObjectRow>> {
    return store::ListInspectionObjects(tx, task_id);
  });
  if (!objects) return std::unexpected(objects.error());
  bool first = true;
  for (const auto& b : *objects) {
    std::vector<std::string> officers;
    for (const auto& a : b.inspectors)
      if (a.active) {
        auto user = db.Read([&](store::Tx& tx) -> Result<std::string> {
          return tx.QueryOne("SELECT username FROM users WHERE id = ?", {a.user_id})->Str(0);
        });
        if (!user) return std::unexpected(user.error());
        officers.push_back(*user);
      }
    auto lead = DemoActor(db, officers.at(0));
    if (!lead) return std::unexpected(lead.error());
    InspectionRecordInput in;
    const bool problem = finding && first;
    in.checks = {{"filed", true, "已向辖区市场监管局备案"},
                 {"verified", true, "检定合格，在有效期内"},
                 {"label", !problem, problem ? "2号桩未张贴检定合格标识" : "标识与证书一致"},
                 {"tamper", true, "封印完好，未见改动计量、异常计费迹象"}};
    if (problem) {
      in.result = "corrected";
      in.follow_up = "order_correction";
      in.note = "现场检查发现1台充电桩未张贴检定合格标识，已当场责令改正。";
      in.rectification_items = {"补贴检定合格标识并提交现场照片"};
    } else {
      in.result = "no_problem";
      in.follow_up = "none";
      in.error_pct = 0.4;
      in.error_note = "便携式标准装置核查，示值误差 +0.4%";
    }
    if (auto r = svc.RecordFindings(*lead, task_id, b.id, in); !r)
      return std::unexpected(r.error());
    first = false;
    for (size_t i = 0; i < officers.size(); ++i) {
      if (!sign_all && i > 0) break;
      auto officer = DemoActor(db, officers[i]);
      if (!officer) return std::unexpected(officer.error());
      if (auto r = svc.Sign(*officer, task_id, b.id); !r) return std::unexpected(r.error());
    }
    if (!sign_all) break;  // the rest of a task in progress is still to be inspected
  }
  return {};
}

}  // namespace

Result<int> SeedDemoInspections(const ServiceContext& ctx, InspectionService& svc) {
  store::Database& db = ctx.db;
  auto existing = db.Read([](store::Tx& tx) -> Result<int64_t> {
    return tx.QueryOne("SELECT COUNT(*) FROM inspection_tasks")->Int(0);
  });
  if (!existing) return std::unexpected(existing.error());
  if (*existing > 0) return 0;
  const std::string today = ctx.clock.Today();
  const std::string year = today.substr(0, 4);
  const std::string next_year = std::to_string(std::stoi(year) + 1);

  // The city's calendar: the public holidays around the demo's dates.
  auto city = DemoActor(db, "city");
  if (!city) return std::unexpected(city.error());
  for (int d = 1; d <= 7; ++d)
    if (auto r =
            svc.SaveCalendarDay(*city, year + "-10-0" + std::to_string(d), "holiday", "国庆节");
        !r)
      return std::unexpected(r.error());
  if (auto r = svc.SaveCalendarDay(*city, next_year + "-01-01", "holiday", "元旦"); !r)
    return std::unexpected(r.error());

  // The inspector library: each bureau adds its officers.
  const std::vector<std::pair<const char*, std::vector<Officer>>> bureaus = {
      {"jiangan",
       {{"jiangan", "鄂执42010201"},
        {"jiangan_li", "鄂执42010202"},
        {"jiangan_zhou", "鄂执42010203"}}},
      {"hongshan", {{"hongshan", "鄂执42011101"}, {"hongshan_sun", "鄂执42011102"}}},
      {"wuchang", {{"wuchang", "鄂执42010601"}, {"wuchang_chen", "鄂执42010602"}}},
      {"jianghan", {{"jianghan", "鄂执42010301"}, {"jianghan_wang", "鄂执42010302"}}},
  };
  for (const auto& [bureau, officers] : bureaus) {
    auto head = DemoActor(db, bureau);
    if (!head) return std::unexpected(head.error());
    for (const auto& o : officers) {
      auto user = DemoActor(db, o.username);
      if (!user) return std::unexpected(user.error());
      InspectorInput in{user->user_id, o.cert_no, next_year + "-12-31", true};
      if (auto r = svc.CreateInspector(*head, in); !r) return std::unexpected(r.error());
    }
  }

  // Annual plans: 江岸区 and 洪山区 accepted (public), 武昌区 awaiting the city.
  const std::vector<std::tuple<const char*, const char*, const char*, bool>> plans = {
      {"jiangan", "420102", "江岸区", true},
      {"hongshan", "420111", "洪山区", true},
      {"wuchang", "420106", "武昌区", false}};
  std::map<std::string, int64_t> plan_of;
  for (const auto& [bureau, region, name, accept] : plans) {
    auto head = DemoActor(db, bureau);
    if (!head) return std::unexpected(head.error());
    InspectionPlanInput in{
        std::stoi(year),
        region,
        std::string(name) + year + "年度贸易结算用充电桩双随机抽查工作计划",
        std::string("辖区内使用贸易结算用电动汽车充电桩的运营企业，按企业信用风险分类确定抽查比例"),
        2,
        "第一批6月至7月，第二批11月至12月；检查结束后20个工作日内公示结果"};
    auto plan = svc.CreatePlan(*head, in);
    if (!plan) return std::unexpected(plan.error());
    if (auto r = svc.SubmitPlan(*head, plan->row.id); !r) return std::unexpected(r.error());
    if (accept)
      if (auto r = svc.AcceptPlan(*city, plan->row.id); !r) return std::unexpected(r.error());
    plan_of[region] = plan->row.id;
  }

  auto items = svc.ListItems(*city);
  if (!items) return std::unexpected(items.error());
  const int64_t item = items->front().id;
  struct DemoTask {
    const char* bureau;
    const char* region;
    const char* name;
    const char* seed;  // "" leaves it a draft
  };
  const DemoTask tasks[] = {
      {"jiangan", "420102", "江岸区第二批充电桩计量双随机抽查", "20261120100000314159"},
      {"hongshan", "420111", "洪山区第二批充电桩计量双随机抽查", "20261125100000271828"},
      {"wuchang", "420106", "武昌区第二批充电桩计量双随机抽查", "20261201100000141421"},
      {"jianghan", "420103", "江汉区第二批充电桩计量双随机抽查", ""},
  };
  int drawn = 0;
  for (const auto& t : tasks) {
    auto head = DemoActor(db, t.bureau);
    if (!head) return std::unexpected(head.error());
    InspectionTaskInput in;
    in.name = t.name;
    in.item_id = item;
    if (auto p = plan_of.find(t.region); p != plan_of.end() && std::string(t.region) != "420106")
      in.plan_id = p->second;
    in.region_code = t.region;
    in.task_date = today;
    // Twice the defaults' lower bounds for B and C: a district of a few operators still has a
    // sample.
    in.ratios = {"0.05", "0.2", "0.6", "1"};
    auto task = svc.CreateTask(*head, in);
    if (!task) return std::unexpected(task.error());
    const int64_t id = task->row.id;
    if (std::string(t.seed).empty()) continue;
    auto d = svc.Draw(*head, id, t.seed);
    if (!d) return std::unexpected(d.error());
    drawn += static_cast<int>(d->objects.size());
    const std::string region = t.region;
    if (region == "420102") {
      if (auto ok = Inspect(svc, db, id, true, true); !ok) return std::unexpected(ok.error());
      if (auto r = svc.Publish(*head, id); !r) return std::unexpected(r.error());
    } else if (region == "420111") {
      if (auto ok = Inspect(svc, db, id, false, true); !ok) return std::unexpected(ok.error());
      // History: inspected 17 working days ago, so its publication is due within 3 working days
      // and shows on 洪山区's to-do list.
      auto dated = db.Write([&](store::Tx& tx) -> Status {
        const auto calendar = store::LoadWorkCalendar(tx);
        tx.Exec("UPDATE inspection_tasks SET publish_deadline = ? WHERE id = ?",
                {domain::AddWorkingDays(today, 3, calendar), id});
        return {};
      });
      if (!dated) return std::unexpected(dated.error());
    } else {
      if (auto ok = Inspect(svc, db, id, false, false); !ok) return std::unexpected(ok.error());
    }
  }
  return drawn;
}

}  // namespace mvis::demo
