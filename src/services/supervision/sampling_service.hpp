// 抽样检定 (issue 11 A): the city bureau plans a sampling verification of at least 5 % of the
// filed chargers covering every brand and model, draws the sample with a seed anyone can replay
// (domain/sampling.hpp), and the institute carries it out. Each draw is a workflow step (plan
// draft → drawn; a redraw with a reason keeps the earlier draws).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/page.hpp"
#include "domain/rectification.hpp"
#include "domain/sampling.hpp"
#include "io/sampling_report.hpp"
#include "services/core/context.hpp"
#include "store/sampling_store.hpp"

namespace mvis::services {

struct SamplingPlanInput {
  std::string name;
  int year = 0;
  std::vector<std::string> region_codes;
  std::vector<std::string> type_codes;
  std::string ratio;  // "0.05"
  int64_t institute_org_id = 0;
  int exclude_days = 0;
  std::string deadline;  // YYYY-MM-DD or ""
};

struct ExcludedUnit {
  int64_t instrument_id = 0;
  std::string reason;
};

struct SamplingDraw {
  int seq = 0;
  std::string seed;
  std::string algorithm;
  int64_t frame_size = 0;
  int64_t strata = 0;
  std::vector<domain::FrameUnit> frame;  // frame order
  std::vector<ExcludedUnit> excluded;
  std::vector<domain::FrameUnit> items;  // pick order
  std::string reason;
  std::string drawn_by;
  int64_t drawn_at = 0;
};

// Execution of the current draw.
struct SamplingProgress {
  int64_t sampled = 0, dispatched = 0, verified = 0, passed = 0, failed = 0, unverifiable = 0;
};

// 举一反三: an enterprise's rectification report on the plan, as an order to it.
struct SamplingFollowup {
  int64_t org_id = 0;
  std::string org_name;
  int64_t rectification_id = 0;
  domain::RectificationStatus status = domain::RectificationStatus::kIssued;
};

struct SamplingPlanView {
  store::SamplingPlanRow plan;
  std::vector<std::string> region_names;
  std::vector<std::string> type_names;
  std::vector<SamplingDraw> draws;  // first first, the last is the current one (frames left out)
  // The current draw's units in pick order with what identifies them on site; a district bureau
  // gets those installed in its districts.
  std::vector<store::SampledInstrument> sample;
  std::map<int64_t, store::SampleTask> tasks;  // by instrument, for the units in `sample`
  SamplingProgress progress;
  std::vector<SamplingFollowup> followups;
};

struct DispatchResult {
  int64_t created = 0;
  std::vector<ExcludedUnit> skipped;  // units left without a task, with the reason
  SamplingPlanView plan;
};

struct FollowupResult {
  int64_t created = 0;
  SamplingPlanView plan;
};

struct ReplayResult {
  bool matches = false;
  int seq = 0;
  std::string seed;
  std::string algorithm;
  std::vector<domain::FrameUnit> items;  // as recomputed
};

class SamplingService {
 public:
  explicit SamplingService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<SamplingPlanView> Create(const Actor& actor, const SamplingPlanInput& in);
  Result<domain::Page<SamplingPlanView>> List(const Actor& actor, const domain::PageRequest& page);
  Result<SamplingPlanView> Get(const Actor& actor, int64_t id);
  // Builds and freezes the frame, draws with `seed` (generated when empty) and records the draw;
  // a drawn plan is drawn again only with a reason.
  Result<SamplingDraw> Draw(const Actor& actor, int64_t id, const std::string& seed,
                            const std::string& reason);
  // The current draw with its frame (not_found before the first draw: `plan_not_drawn`).
  Result<SamplingDraw> CurrentDraw(const Actor& actor, int64_t id);
  // Creates a free on-site in-service task (an accepted appointment with the plan's institute)
  // for every sampled unit without one; units held by another open appointment are skipped.
  // Notifies each enterprise and the institute. drawn | dispatched → dispatched.
  Result<DispatchResult> Dispatch(const Actor& actor, int64_t id);
  // 举一反三: a rectification order to every enterprise of the sample (per district where it
  // has sampled units) to report its own rectification; enterprises asked before are skipped.
  Result<FollowupResult> RequestFollowups(const Actor& actor, int64_t id,
                                          const std::string& deadline, const std::string& note);
  // 抽检分析报告 of the current draw, as the PDF and XLSX show it.
  Result<io::SamplingReportDocument> Report(const Actor& actor, int64_t id);

  // Recomputes the current draw from its stored frame and seed.
  Result<ReplayResult> Replay(const Actor& actor, int64_t id);
  // The same, for the command line (`mvis sampling replay --plan ID`): no caller to check.
  Result<ReplayResult> ReplayLocally(int64_t id);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
