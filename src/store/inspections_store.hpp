// 双随机一公开 (issue 11 B, D): the item list, the inspector library with declared conflicts, the
// districts' annual plans, tasks with their frozen frame, the drawn enterprises (objects) with
// their inspectors, records and photos, the working-day calendar, and the read models built on
// them (object library, public announcements, statistics). Tables: migration 0015.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/inspection.hpp"
#include "domain/working_days.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

// ---- 抽查事项清单
struct CheckItemRow {
  std::string code, name;
};
struct InspectionItemRow {
  int64_t id = 0;
  std::string code, name;
  std::vector<std::string> sub_items;
  std::string legal_basis, authority, object_scope, ratio_note, frequency, method,
      inspector_requirements;
  std::vector<CheckItemRow> checks;
  domain::ClassRanges class_ranges = domain::kDefaultClassRanges;
  int64_t created_at = 0, updated_at = 0;
};
std::vector<InspectionItemRow> ListInspectionItems(Tx& tx);
std::optional<InspectionItemRow> FindInspectionItem(Tx& tx, int64_t id);
// nullopt when the code is taken.
std::optional<int64_t> InsertInspectionItem(Tx& tx, const InspectionItemRow& item);
// false when the code is taken by another item.
bool UpdateInspectionItem(Tx& tx, const InspectionItemRow& item);

// ---- 执法检查人员名录库
struct ConflictRow {
  int64_t org_id = 0;
  std::string org_name, reason;
  int64_t declared_at = 0;
};
struct InspectorRow {
  int64_t id = 0, user_id = 0, org_id = 0;
  std::string name, org_name, cert_no, cert_expiry;
  bool active = true;
  std::vector<ConflictRow> conflicts;
  int64_t created_at = 0, updated_at = 0;
};
struct InspectorFilter {
  std::optional<int64_t> org_id;  // the bureau
  std::optional<bool> active;
  std::string query;  // name or certificate number
};
Page<InspectorRow> ListInspectors(Tx& tx, const InspectorFilter& f, const PageRequest& page);
// Every inspector of `org_id` with conflicts (the draw's candidates), by id.
std::vector<InspectorRow> InspectorsOf(Tx& tx, int64_t org_id);
std::optional<InspectorRow> FindInspector(Tx& tx, int64_t id);
std::optional<InspectorRow> FindInspectorByUser(Tx& tx, int64_t user_id);
// nullopt when the user is in the library already.
std::optional<int64_t> InsertInspector(Tx& tx, const InspectorRow& row);
void UpdateInspector(Tx& tx, const InspectorRow& row);
// Insert or replace a declared conflict.
void SaveConflict(Tx& tx, int64_t inspector_id, int64_t org_id, const std::string& reason,
                  int64_t now);
bool DeleteConflict(Tx& tx, int64_t inspector_id, int64_t org_id);
// Regulator users of `org_id` (every bureau when nullopt) not yet in the library.
struct InspectorCandidateUser {
  int64_t user_id = 0, org_id = 0;
  std::string name, org_name;
};
std::vector<InspectorCandidateUser> InspectorCandidateUsers(Tx& tx, std::optional<int64_t> org_id);

// ---- 检查对象名录库: enterprises with filed (approved, mandatory) instruments
struct ObjectLibraryRow {
  int64_t org_id = 0;
  std::string name, credit_code;
  std::string credit_class;  // effective (override first); "" when never computed
  std::vector<std::string> region_names;
  int64_t chargers = 0;
  std::string last_inspected;  // the latest task date it was inspected on, or ""
};
struct ObjectLibraryFilter {
  std::optional<std::vector<std::string>> region_codes;  // installed in one of these
  std::vector<std::string> type_codes;                   // of these types (empty: any)
  std::string credit_class;                              // "" any; "B" also matches never computed
  std::string query;                                     // name or credit code
};
Page<ObjectLibraryRow> ListObjectLibrary(Tx& tx, const ObjectLibraryFilter& f,
                                         const PageRequest& page);
// The draw's candidates: every enterprise of the library under `f` (no paging), by org id.
std::vector<ObjectLibraryRow> ObjectCandidates(Tx& tx, const ObjectLibraryFilter& f);
// An enterprise's effective credit class (override first); "" when never computed.
std::string EffectiveCreditClass(Tx& tx, int64_t org_id);
// Enterprises inspected by bureau `org_id` for item `item_id` on a task dated on or after `since`
// (other than `task_id`), with that task's id.
std::vector<std::pair<int64_t, int64_t>> InspectedSince(Tx& tx, int64_t org_id, int64_t item_id,
                                                        const std::string& since, int64_t task_id);

// ---- 年度抽查工作计划
struct InspectionPlanRow {
  int64_t id = 0, org_id = 0;
  std::string org_name, region_code, region_name;
  int year = 0;
  std::string title, scope;
  int batches = 1;
  std::string timing;
  domain::InspectionPlanStatus status = domain::InspectionPlanStatus::kDraft;
  std::string return_reason;
  std::optional<int64_t> submitted_at, decided_at;
  int64_t created_by = 0, created_at = 0, updated_at = 0;
};
struct InspectionPlanFilter {
  std::optional<std::vector<std::string>> region_codes;
  std::optional<int> year;
  std::optional<domain::InspectionPlanStatus> status;
};
int64_t InsertInspectionPlan(Tx& tx, const InspectionPlanRow& row);
std::optional<InspectionPlanRow> FindInspectionPlan(Tx& tx, int64_t id);
Page<InspectionPlanRow> ListInspectionPlans(Tx& tx, const InspectionPlanFilter& f,
                                            const PageRequest& page);
// Writes every field of `row` if it is still in `from`; false otherwise.
bool SaveInspectionPlan(Tx& tx, const InspectionPlanRow& row, domain::InspectionPlanStatus from);

// ---- Tasks
struct InspectionTaskRow {
  int64_t id = 0, org_id = 0;
  std::string org_name, region_code, region_name;
  std::optional<int64_t> plan_id;
  std::string plan_title;
  int64_t item_id = 0;
  std::string item_name, name, task_date;
  bool directed = false;
  std::vector<std::string> scope_regions, scope_types, scope_classes;
  domain::ClassRatios ratios = domain::kDefaultClassRatios;
  domain::InspectionTaskStatus status = domain::InspectionTaskStatus::kDraft;
  std::string seed, algorithm;
  std::string frame_json = "[]";     // [[org_id, class index], …] in org id order
  std::string excluded_json = "[]";  // [[org_id, "reason"], …]
  int64_t frame_size = 0;
  int64_t next_k = 1;
  std::optional<int64_t> drawn_at, completed_at, published_at;
  std::string publish_deadline;
  int64_t created_by = 0, created_at = 0, updated_at = 0;
  // A targeted inspection (线索核查): the one enterprise inspected (no random draw of objects,
  // only of the inspectors) and the finding that led to it.
  std::optional<int64_t> target_org_id;
  std::string target_org_name;  // read only
  std::string basis;
};
struct InspectionTaskFilter {
  std::optional<std::vector<std::string>> region_codes;
  std::optional<domain::InspectionTaskStatus> status;
  std::optional<int> year;  // of the task date
  std::string query;        // task name
};
int64_t InsertInspectionTask(Tx& tx, const InspectionTaskRow& row);
std::optional<InspectionTaskRow> FindInspectionTask(Tx& tx, int64_t id);
// Locks the task row (PostgreSQL: FOR UPDATE) before a step that changes its objects.
std::optional<InspectionTaskRow> LockInspectionTask(Tx& tx, int64_t id);
Page<InspectionTaskRow> ListInspectionTasks(Tx& tx, const InspectionTaskFilter& f,
                                            const PageRequest& page);
// Writes status, draw fields, dates and next_k if the task is still in `from`; false otherwise.
bool SaveInspectionTask(Tx& tx, const InspectionTaskRow& row, domain::InspectionTaskStatus from);
// Advances the task's next_k from `expected` to `to` (a replacement draw); false when another
// draw used the numbers meanwhile.
bool AdvanceDrawCounter(Tx& tx, int64_t task_id, int64_t expected, int64_t to);

// ---- Objects, inspectors on them, photos
struct AssignmentRow {
  int64_t id = 0, object_id = 0, inspector_id = 0, user_id = 0;
  std::string name, cert_no, kind;  // kind: draw | swap | recusal
  bool active = true;
  std::string reason;
  std::optional<int64_t> signed_at, replaced_at;
  int64_t created_at = 0;
};
struct PhotoRow {
  int64_t id = 0, object_id = 0;
  std::string check_code, mime, sha256;
  int64_t size = 0;
  std::string data;  // base64 (only when read with data)
  int64_t uploaded_by = 0, created_at = 0;
};
struct InspectionObjectRow {
  int64_t id = 0, task_id = 0, org_id = 0;
  std::string org_name, credit_code, credit_class;
  int pick_order = 0;
  domain::InspectionObjectStatus status = domain::InspectionObjectStatus::kPending;
  std::string checks_json = "[]";  // [{"code", "ok", "finding"}]
  std::string error_check_json;    // {"error_pct", "note"} or ""
  std::string result, follow_up, note;
  std::optional<int64_t> rectification_id;
  std::string rectification_status;
  std::optional<int64_t> recorded_by, recorded_at, completed_at, published_at;
  std::vector<AssignmentRow> inspectors;  // every assignment, first first
  std::vector<PhotoRow> photos;           // without data
};
int64_t InsertInspectionObject(Tx& tx, const InspectionObjectRow& row);
std::optional<InspectionObjectRow> FindInspectionObject(Tx& tx, int64_t id);
// Objects of a task in pick order, with inspectors and photos.
std::vector<InspectionObjectRow> ListInspectionObjects(Tx& tx, int64_t task_id);
// Writes the record fields and status if the object is still in `from`; false otherwise.
bool SaveInspectionObject(Tx& tx, const InspectionObjectRow& row,
                          domain::InspectionObjectStatus from);
int64_t InsertAssignment(Tx& tx, const AssignmentRow& row);
// Ends an active assignment (a swap or 回避); false when it was not active.
bool ReplaceAssignment(Tx& tx, int64_t assignment_id, const std::string& reason, int64_t now);
// Signs an active, unsigned assignment; false otherwise.
bool SignAssignment(Tx& tx, int64_t assignment_id, int64_t now);
// Clears the signatures given on an object (its record changed).
void ClearSignatures(Tx& tx, int64_t object_id);
int64_t InsertPhoto(Tx& tx, const PhotoRow& row);
std::optional<PhotoRow> FindPhoto(Tx& tx, int64_t id);  // with data
int64_t CountPhotos(Tx& tx, int64_t object_id);
// Marks every signed, unpublished object of the task published at `now`; the number marked.
int64_t PublishObjects(Tx& tx, int64_t task_id, int64_t now);

// What an officer still has to do: objects of drawn tasks with an active unsigned assignment.
struct MyInspectionRow {
  int64_t task_id = 0, object_id = 0;
  std::string task_name, task_date, org_name;
  domain::InspectionObjectStatus status = domain::InspectionObjectStatus::kPending;
};
std::vector<MyInspectionRow> MyInspections(Tx& tx, int64_t inspector_id);

// ---- 工作日历
struct CalendarDayRow {
  std::string date;
  domain::DayKind kind = domain::DayKind::kHoliday;
  std::string name;
};
std::vector<CalendarDayRow> ListCalendarDays(Tx& tx, const std::string& from,
                                             const std::string& to);
domain::WorkCalendar LoadWorkCalendar(Tx& tx);
void SaveCalendarDay(Tx& tx, const CalendarDayRow& row);
bool DeleteCalendarDay(Tx& tx, const std::string& date);

// ---- Published (一公开), for the public page
struct PublicResultRow {
  int64_t object_id = 0;
  std::string task_name, region_name, item_name, enterprise_name, credit_code, inspection_date,
      result;
  int64_t published_at = 0;
};
Page<PublicResultRow> ListPublishedResults(Tx& tx, const PageRequest& page);
// Accepted annual plans and drawn tasks (newest first).
Page<InspectionPlanRow> ListAcceptedPlans(Tx& tx, const PageRequest& page);
Page<InspectionTaskRow> ListAnnouncedTasks(Tx& tx, const PageRequest& page);
// The number of objects of each task.
int64_t CountObjects(Tx& tx, int64_t task_id);

// ---- Statistics per task (a district's figures are sums over its tasks)
struct TaskStatRow {
  int64_t task_id = 0;
  std::string task_name, region_code, region_name;
  int64_t frame = 0, objects = 0, published = 0, closed = 0;
};
// Drawn tasks of `year` (task date) in `region_codes` (nullopt: all).
std::vector<TaskStatRow> TaskStatistics(Tx& tx, int year,
                                        const std::optional<std::vector<std::string>>& regions);

// Completed tasks with unpublished results in `region_codes`, for the bureaus' to-do lists.
struct UnpublishedTaskRow {
  int64_t task_id = 0;
  std::string name, region_code, publish_deadline;
  int64_t unpublished = 0;
};
std::vector<UnpublishedTaskRow> UnpublishedTasks(
    Tx& tx, const std::optional<std::vector<std::string>>& region_codes);

}  // namespace mvis::store
