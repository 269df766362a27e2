// The reporting side in the demo: the city bureau's campaign milestones, 2026 annual reports in
// three states (武昌区 accepted, 江汉区 awaiting review, 洪山区 a draft — 江岸区's is left for the
// visitor to generate), two 重大问题 reports (one acknowledged) and last month's 通报 to the DRC,
// written through the service like the bureaus' clerks would.
#include "demo/demo_seed.hpp"
#include "domain/calendar.hpp"
#include "domain/time.hpp"

namespace mvis::demo {

namespace {

const services::AnnualReportEdit kNarratives{
    "",
    "一、完成辖区贸易结算用电动汽车充电桩的首轮备案审核，运营企业均已在系统中注册。\n"
    "二、按计划开展“双随机、一公开”抽查，抽查结果按期公示。\n"
    "三、配合市计量院完成抽样检定任务，对不合格充电桩督促整改。",
    "部分运营企业新建充电桩未在投入使用前申请首次检定；个别充电站到期未申请周期检定。",
    "明年一季度完成超期未检充电桩的集中检定，实现贸易结算用充电桩备案、检定全覆盖。"};

}  // namespace

Result<int> SeedDemoReports(const services::ServiceContext& ctx, services::ReportService& reports) {
  auto city = DemoActor(ctx.db, "city");
  if (!city) return std::unexpected(city.error());
  auto existing = reports.ListBulletins(*city, std::nullopt, domain::PageRequest{1, 1});
  if (!existing) return std::unexpected(existing.error());
  if (existing->total > 0) return 0;
  const std::string today = domain::ChinaDate(ctx.clock.Now());
  const int year = std::stoi(today.substr(0, 4));
  const std::string year_end = std::to_string(year) + "-12-31";
  int made = 0;

  const services::MilestoneInput milestones[] = {
      {"首轮备案审核全部完成", "filing_review", year_end, "",
       "各区完成辖区内已申报充电桩的备案审核。", 100},
      {"新建充电桩投运前首次检定", "first_verification", year_end, "2021-07-01",
       "2021年7月1日起投入使用的贸易结算用充电桩应在投入使用前完成首次检定。", 95},
      {"在用充电桩检定有效率达到90%", "periodic_verification", std::to_string(year + 1) + "-06-30",
       "", "", 90}};
  for (const auto& m : milestones) {
    if (auto r = reports.CreateMilestone(*city, m); !r) return std::unexpected(r.error());
    ++made;
  }

  // Annual reports: 武昌区 accepted, 江汉区 submitted, 洪山区 a draft.
  struct District {
    const char* user;
    int steps;  // 1 draft, 2 submitted, 3 accepted
  };
  for (const auto& d : {District{"wuchang", 3}, District{"jianghan", 2}, District{"hongshan", 1}}) {
    auto bureau = DemoActor(ctx.db, d.user);
    if (!bureau) return std::unexpected(bureau.error());
    auto report = reports.CreateAnnual(*bureau, {year, "", ""});
    if (!report) return std::unexpected(report.error());
    const int64_t id = report->row.id;
    if (auto r = reports.UpdateAnnual(*bureau, id, kNarratives); !r)
      return std::unexpected(r.error());
    if (d.steps >= 2)
      if (auto r = reports.SubmitAnnual(*bureau, id); !r) return std::unexpected(r.error());
    if (d.steps >= 3)
      if (auto r = reports.AcceptAnnual(*city, id); !r) return std::unexpected(r.error());
    ++made;
  }

  // 重大问题: one waiting for the city bureau, one acknowledged.
  auto hongshan = DemoActor(ctx.db, "hongshan");
  auto wuchang = DemoActor(ctx.db, "wuchang");
  if (!hongshan || !wuchang) return std::unexpected((!hongshan ? hongshan : wuchang).error());
  auto waiting = reports.CreateProblem(
      *hongshan, {"某充电站疑似计量作弊",
                  "接群众举报，辖区某充电站多台直流充电桩充电量明显偏大。我局已现场封存2台充电桩，"
                  "并委托市计量院进行检定，结果出来后续报。",
                  ""});
  if (!waiting) return std::unexpected(waiting.error());
  auto answered = reports.CreateProblem(
      *wuchang, {"运营企业拒不配合抽查",
                 "某运营企业在双随机抽查中拒绝提供充电桩检定证书，已责令改正，拟依法立案。", ""});
  if (!answered) return std::unexpected(answered.error());
  if (auto r = reports.Acknowledge(*city, answered->row.id, "同意立案，请依法查处并及时报告结果。");
      !r)
    return std::unexpected(r.error());
  made += 2;

  // Last month's 通报.
  const std::string month = domain::AddMonths(today, -1).substr(0, 7);
  if (auto r = reports.PublishBulletin(
          *city, {"全市电动汽车充电设施强制检定工作情况通报",
                  "各区备案审核工作进展顺利，但超期未检和从未检定的充电桩数量仍然较多。\n"
                  "请各区督促运营企业尽快申请检定，发展改革部门在项目验收时核查检定情况。",
                  month});
      !r)
    return std::unexpected(r.error());
  return made + 1;
}

}  // namespace mvis::demo
