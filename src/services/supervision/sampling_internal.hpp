// What the files of SamplingService share (sampling_service.cpp: plans and draws;
// sampling_execution.cpp: dispatch and 举一反三; sampling_analysis.cpp: the analysis report).
// Internal to services/supervision.
#pragma once

#include "services/supervision/sampling_service.hpp"

namespace mvis::services::sampling {

inline constexpr char kWhat[] = "抽样检定计划";

// Plan `id` if `actor` may do `op` to it (the access policy); not_found or permission_denied.
Result<store::SamplingPlanRow> LoadPlan(store::Tx& tx, const Actor& actor, int64_t id,
                                        domain::access::Op op);
// A stored draw; the frame and exclusions only `with_frame`.
SamplingDraw DrawOf(const store::SamplingDrawRow& d, bool with_frame);
// The plan with names, its draws (`with_draws`) and, for a `reader`, the current sample with
// tasks, progress and 举一反三 orders as the reader may see them.
SamplingPlanView ViewOf(store::Tx& tx, store::SamplingPlanRow plan, bool with_draws,
                        const Actor* reader = nullptr);

}  // namespace mvis::services::sampling
