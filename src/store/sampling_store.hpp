// 抽样检定 plans and draws (tables sampling_plans, sampling_draws), and the registry queries a
// draw's frame is built from.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/sampling.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct SamplingPlanRow {
  int64_t id = 0;
  std::string name;
  int year = 0;
  std::vector<std::string> region_codes;  // empty: the whole city
  std::vector<std::string> type_codes;
  int ratio_e4 = 0;
  int64_t institute_org_id = 0;
  std::string institute_name;
  int exclude_days = 0;
  std::string deadline;
  domain::SamplingStatus status = domain::SamplingStatus::kDraft;
  int draws = 0;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct SamplingDrawRow {
  int64_t plan_id = 0;
  int seq = 0;
  std::string seed;
  std::string algorithm;
  std::string frame_json;
  std::string excluded_json;
  std::string items_json;
  int64_t frame_size = 0;
  int64_t strata = 0;
  std::string reason;
  int64_t drawn_by = 0;
  std::string drawn_by_name;
  int64_t drawn_at = 0;
};

int64_t InsertSamplingPlan(Tx& tx, const SamplingPlanRow& plan);
std::optional<SamplingPlanRow> FindSamplingPlan(Tx& tx, int64_t id);

struct SamplingPlanFilter {
  std::optional<std::vector<std::string>> region_codes;  // plans covering one of these
  std::optional<int64_t> institute_org_id;
};
Page<SamplingPlanRow> ListSamplingPlans(Tx& tx, const SamplingPlanFilter& filter,
                                        const PageRequest& page);

// Moves the plan from `from` to `to` (dispatch); false when it is no longer in `from`.
bool MoveSamplingPlan(Tx& tx, int64_t id, domain::SamplingStatus from, domain::SamplingStatus to,
                      int64_t now);

// Records draw number `draw.seq` and moves the plan to `to` if it still has seq − 1 draws in
// status `from`; false (nothing written) when another draw came first.
bool InsertDraw(Tx& tx, const SamplingDrawRow& draw, domain::SamplingStatus from,
                domain::SamplingStatus to);
// Draws of a plan, first first.
std::vector<SamplingDrawRow> ListDraws(Tx& tx, int64_t plan_id);

// What the plan page shows of a sampled unit, so the institute can find it on site.
struct SampledInstrument {
  int64_t instrument_id = 0;
  std::string serial_no, brand, model, org_name, region_code, region_name, install_address,
      station_name;
  int64_t org_id = 0;
};
// The instruments `ids`, in that order (ids not found are left out).
std::vector<SampledInstrument> SampledInstruments(Tx& tx, const std::vector<int64_t>& ids);

// How a sampled unit's on-site task stands (the plan's appointments, their latest records,
// certificates and 不具备检定条件 marks).
struct SampleTask {
  int64_t instrument_id = 0;
  int64_t org_id = 0;
  int64_t appointment_id = 0;
  std::string appointment_status;
  std::optional<int64_t> record_id;
  std::string record_status;  // of the latest record
  std::string conclusion;     // of the latest record: pass | fail
  std::string record_data;    // JSON (load points with error_pct)
  std::string failed_items;   // JSON [{item, name, detail}]
  std::string certificate_no;
  std::string unverifiable_reason;
  std::optional<int64_t> rectification_id;  // for a failure or a 不具备检定条件 mark
};
// The tasks of plan `plan_id`, by instrument.
std::map<int64_t, SampleTask> SampleTasks(Tx& tx, int64_t plan_id);

// A filed (approved, mandatory) instrument that may enter a frame.
struct FrameCandidate {
  int64_t instrument_id = 0;
  std::string brand, model;
};
// Filed instruments of `type_codes` installed in `region_codes` (empty: anywhere), by id.
std::vector<FrameCandidate> FrameCandidates(Tx& tx, const std::vector<std::string>& region_codes,
                                            const std::vector<std::string>& type_codes);
// Instruments with a certificate or result notice issued on or after `since` (YYYY-MM-DD), not
// revoked: the "verified within the last N days" exclusion.
std::vector<int64_t> VerifiedSince(Tx& tx, const std::string& since);

}  // namespace mvis::store
