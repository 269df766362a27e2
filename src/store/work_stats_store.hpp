// Figures read for an institute's 统计分析报告 (its issued results in a period, the appointments it
// refused) and for the campaign milestones (progress per district), plus the milestone rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

// One result (certificate or result notice, first revision) an institute issued.
struct IssuedResult {
  std::string kind;  // first | subsequent | in_service | sampling (an appointment of a plan)
  bool passed = false;
  std::string type_code, brand, model, region_code, verified_on;
  int64_t org_id = 0;
  std::string data, failed_items;  // the record's JSON
  std::optional<int64_t> submitted_at, accepted_at;
  int64_t recorded_at = 0, issued_at = 0;
};
// Results of `institute` verified in [from, to] (YYYY-MM-DD), instruments under mandatory
// verification.
std::vector<IssuedResult> IssuedResults(Tx& tx, int64_t institute, const std::string& from,
                                        const std::string& to);
struct RefusalCount {
  std::string reason;
  int64_t n = 0;
};
// Appointments `institute` rejected in the period (by their last change), by reason.
std::vector<RefusalCount> RefusedAppointments(Tx& tx, int64_t institute, int64_t from_epoch,
                                              int64_t to_epoch);

// ---- milestones
struct MilestoneRow {
  int64_t id = 0;
  std::string title, kind, deadline;
  int64_t target_pct = 100;
  std::string since, note, status = "active";
  int64_t created_by = 0, created_at = 0, updated_at = 0;
};
int64_t InsertMilestone(Tx& tx, const MilestoneRow& row);
std::optional<MilestoneRow> FindMilestone(Tx& tx, int64_t id);
// `status` "" = every one; ordered by deadline.
Page<MilestoneRow> ListMilestones(Tx& tx, const std::string& status, const PageRequest& page);
// Writes every field of `row` if it is still active; false otherwise.
bool SaveMilestone(Tx& tx, const MilestoneRow& row);

struct RegionRatio {
  std::string region_code;
  int64_t numerator = 0, denominator = 0;
};
// Approved chargers put into use on or after `since`, per district: verified at least once
// (numerator) of all (denominator).
std::vector<RegionRatio> FirstVerificationSince(Tx& tx, const std::string& since);
// Inspection objects of tasks dated in `year`, per district: published (numerator) of all.
std::vector<RegionRatio> InspectionsPublished(Tx& tx, int year);

}  // namespace mvis::store
