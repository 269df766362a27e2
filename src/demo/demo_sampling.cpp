// The demo's 抽样检定 plan: 5 % of the AC and DC chargers of 江岸区 and 洪山区, drawn with a seed
// written down beforehand, so the plan page shows a finished, replayable draw; its tasks are
// dispatched and partly executed (passes, a failure whose rectification the enterprise has
// answered, a unit 不具备检定条件), so the report and the rectification pages have content.
#include "demo/demo_seed.hpp"
#include "domain/calendar.hpp"
#include "store/instruments_store.hpp"

namespace mvis::demo {

using namespace mvis::services;  // demo data is made through the services

Result<int> SeedDemoSampling(const ServiceContext& ctx, SamplingService& sampling,
                             AppointmentService& appointments, VerificationService& verifications,
                             RectificationService& rectifications) {
  auto city = DemoActor(ctx.db, "city");
  if (!city) return std::unexpected(city.error());
  auto existing = sampling.List(*city, domain::PageRequest{1, 1});
  if (!existing) return std::unexpected(existing.error());
  if (existing->total > 0) return 0;
  auto verifier = DemoActor(ctx.db, "verifier");
  if (!verifier) return std::unexpected(verifier.error());
  auto approver = DemoActor(ctx.db, "approver");
  if (!approver) return std::unexpected(approver.error());

  SamplingPlanInput in;
  in.name = "2027年度电动汽车充电桩计量抽样检定";
  in.year = 2027;
  in.region_codes = {"420102", "420111"};
  in.type_codes = {"ev_ac_charger", "ev_dc_charger"};
  in.ratio = "0.05";
  in.institute_org_id = verifier->org_id.value_or(0);
  in.deadline = "2027-06-30";
  auto plan = sampling.Create(*city, in);
  if (!plan) return std::unexpected(plan.error());
  const int64_t id = plan->plan.id;
  auto drawn = sampling.Draw(*city, id, "20261205093000123456", "");
  if (!drawn) return std::unexpected(drawn.error());
  auto dispatched = sampling.Dispatch(*city, id);
  if (!dispatched) return std::unexpected(dispatched.error());

  // Execute the first tasks: two pass, one fails, one cannot be verified.
  auto standards = DemoStandards(ctx, in.institute_org_id);
  if (!standards) return std::unexpected(standards.error());
  const double errors[] = {0.3, -0.4, 2.4};
  int done = 0;
  std::optional<int64_t> failure_order;
  for (const auto& unit : dispatched->plan.sample) {
    if (done == 4) break;
    auto task = dispatched->plan.tasks.find(unit.instrument_id);
    if (task == dispatched->plan.tasks.end()) continue;
    const int64_t appointment = task->second.appointment_id;
    if (done == 3) {
      auto marked = appointments.MarkUnverifiable(*approver, appointment, unit.instrument_id,
                                                  "现场充电枪线缆长度不足，标准器无法接入");
      if (!marked) return std::unexpected(marked.error());
      ++done;
      continue;
    }
    auto scheduled =
        appointments.Schedule(*approver, appointment, ctx.clock.Today(), {verifier->user_id});
    if (!scheduled) return std::unexpected(scheduled.error());
    auto instrument = ctx.db.Read([&](store::Tx& tx) -> Result<domain::Instrument> {
      auto row = store::FindInstrument(tx, unit.instrument_id);
      if (!row) return NotFound("器具");
      return *row;
    });
    if (!instrument) return std::unexpected(instrument.error());
    auto record = verifications.Create(
        *verifier,
        DemoRecord(ctx, appointment, *instrument, *standards, errors[done], "in_service"));
    if (!record) return std::unexpected(record.error());
    if (auto ok = DemoSign(verifications, ctx.db, record->record.id); !ok)
      return std::unexpected(ok.error());
    ++done;
  }

  // The enterprise has answered the failure's rectification; the district has yet to decide.
  auto again = sampling.Get(*city, id);
  if (!again) return std::unexpected(again.error());
  for (const auto& [instrument_id, task] : again->tasks) {
    if (task.conclusion != "fail" || !task.rectification_id) continue;
    std::optional<Actor> owner;
    for (const char* name : {"charger", "kuaichong"}) {
      auto a = DemoActor(ctx.db, name);
      if (a && a->org_id == task.org_id) owner = *a;
    }
    if (!owner) continue;
    auto answered = rectifications.Answer(
        *owner, *task.rectification_id,
        "已停止该充电桩的贸易结算使用，由厂家更换计量模块并自检合格，已重新预约检定。");
    if (!answered) return std::unexpected(answered.error());
  }
  return static_cast<int>(drawn->items.size());
}

}  // namespace mvis::demo
