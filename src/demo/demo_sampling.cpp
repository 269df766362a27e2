// The demo's 抽样检定 plan: 5 % of the AC and DC chargers of 江岸区 and 洪山区, drawn with a seed
// written down beforehand, so the plan page shows a finished, replayable draw.
#include "demo/demo_seed.hpp"

namespace mvis::demo {

Result<int> SeedDemoSampling(const services::ServiceContext& ctx,
                             services::SamplingService& sampling) {
  auto city = DemoActor(ctx.db, "city");
  if (!city) return std::unexpected(city.error());
  auto existing = sampling.List(*city, domain::PageRequest{1, 1});
  if (!existing) return std::unexpected(existing.error());
  if (existing->total > 0) return 0;
  auto verifier = DemoActor(ctx.db, "verifier");
  if (!verifier) return std::unexpected(verifier.error());

  services::SamplingPlanInput in;
  in.name = "2027年度电动汽车充电桩计量抽样检定";
  in.year = 2027;
  in.region_codes = {"420102", "420111"};
  in.type_codes = {"ev_ac_charger", "ev_dc_charger"};
  in.ratio = "0.05";
  in.institute_org_id = verifier->org_id.value_or(0);
  in.deadline = "2027-06-30";
  auto plan = sampling.Create(*city, in);
  if (!plan) return std::unexpected(plan.error());
  auto drawn = sampling.Draw(*city, plan->plan.id, "20261205093000123456", "");
  if (!drawn) return std::unexpected(drawn.error());
  return static_cast<int>(drawn->items.size());
}

}  // namespace mvis::demo
