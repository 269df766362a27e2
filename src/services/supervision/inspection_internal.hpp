// What the files of InspectionService share (inspection_library.cpp: item list, libraries,
// calendar, statistics, announcements; inspection_plans.cpp: annual plans; inspection_tasks.cpp:
// tasks and their draws; inspection_records.cpp: the objects' inspectors, on-site records, photos
// and signatures).
// Internal to services/supervision.
#pragma once

#include "services/core/notifier.hpp"
#include "services/supervision/inspection_service.hpp"

namespace mvis::services::inspection {

inline constexpr char kTaskWhat[] = "双随机抽查任务";
inline constexpr char kPlanWhat[] = "年度抽查计划";
inline constexpr char kInspectorWhat[] = "执法检查人员";
inline constexpr char kObjectWhat[] = "检查对象";

domain::access::Resource ResourceOf(const store::InspectionTaskRow& t);
// Task `id` if `actor` may do `op` to it; not_found or permission_denied. `lock`: FOR UPDATE.
Result<store::InspectionTaskRow> LoadTask(store::Tx& tx, const Actor& actor, int64_t id,
                                          domain::access::Op op, bool lock = false);
// The task as shown: draw summary, progress, overdue; objects, events and checks `with_detail`.
InspectionTaskView ViewOf(store::Tx& tx, store::InspectionTaskRow row, const std::string& today,
                          bool with_detail);

// Plan `id` if `actor` may do `op` to it; not_found or permission_denied.
Result<store::InspectionPlanRow> LoadPlan(store::Tx& tx, const Actor& actor, int64_t id,
                                          domain::access::Op op);
// The district `code` must be a district the actor covers (`field` names the input).
Status CheckDistrict(store::Tx& tx, const Actor& actor, const std::string& code,
                     const std::string& field);

// The inspectors eligible for `object_org_id` among the bureau's on `task_date`, leaving out
// those already drawn for the object (active or not).
std::vector<int64_t> EligibleFor(store::Tx& tx, const store::InspectionTaskRow& task,
                                 const store::InspectionObjectRow& object);
// Draws `count` inspectors for `object` with the task's next numbers and records them (kind
// draw | swap | recusal); advances the task's counter. inspectors_insufficient when fewer are
// eligible (nothing written).
Status DrawInspectorsFor(Work& w, store::InspectionTaskRow& task,
                         const store::InspectionObjectRow& object, int count,
                         const std::string& kind);

// `notice` to each active inspector of `object` (inbox and SMS), about the task.
std::vector<std::pair<Recipient, Notice>> ToInspectors(const store::InspectionObjectRow& object,
                                                       Notice notice);

}  // namespace mvis::services::inspection
