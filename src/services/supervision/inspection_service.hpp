// 双随机一公开 (issue 11 B, D; docs/supervision.md): the item list and libraries, the districts'
// annual plans, tasks with their replayable draws of enterprises and inspectors, the on-site
// record with photos and two signatures, publication within 20 working days, the public
// announcements and the statistics. Every state change is a workflow step (timeline, audit,
// notices) with a conditional update; steps on one task's objects lock the task row.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/object_event.hpp"
#include "domain/page.hpp"
#include "services/core/context.hpp"
#include "store/inspections_store.hpp"

namespace mvis::services {

// ---- inputs
struct InspectionItemInput {
  std::string code, name;
  std::vector<std::string> sub_items;
  std::string legal_basis, authority, object_scope, ratio_note, frequency, method,
      inspector_requirements;
  std::vector<store::CheckItemRow> checks;
  std::optional<domain::ClassRanges> class_ranges;  // default kDefaultClassRanges
};
struct InspectorInput {
  int64_t user_id = 0;  // create only
  std::string cert_no, cert_expiry;
  bool active = true;
};
struct InspectionPlanInput {
  int year = 0;
  std::string region_code, title, scope;
  int batches = 1;
  std::string timing;
};
struct InspectionTaskInput {
  std::string name;
  int64_t item_id = 0;
  std::optional<int64_t> plan_id;
  std::string region_code, task_date;
  bool directed = false;
  std::vector<std::string> scope_regions, scope_types, scope_classes;
  std::array<std::string, 4> ratios;  // "0.05" per class; "" = the default
  // A targeted inspection (线索核查) of this enterprise, with the finding that led to it (basis
  // required): no random draw of objects, only of the inspectors; not directed.
  std::optional<int64_t> target_org_id;
  std::string basis;
};
struct CheckFindingInput {
  std::string code;
  std::optional<bool> ok;
  std::string finding;
};
struct InspectionRecordInput {
  std::vector<CheckFindingInput> checks;
  std::optional<double> error_pct;
  std::string error_note, result, follow_up, note;
  std::vector<std::string> rectification_items;
  std::string rectification_deadline;  // "" = 30 days from today
};

// ---- views
struct InspectionTaskView {
  store::InspectionTaskRow row;
  std::array<int64_t, 4> frame_sizes{}, sample_sizes{};
  std::vector<std::pair<int64_t, std::string>> excluded;  // org id, reason
  std::vector<std::string> excluded_names;
  bool overdue = false;
  struct Progress {
    int64_t objects = 0, recorded = 0, signed_ = 0, published = 0, closed = 0;
  } progress;
  std::vector<store::InspectionObjectRow> objects;  // detail only
  std::vector<domain::ObjectEvent> events;          // detail only
  std::vector<store::CheckItemRow> checks;          // the item's, detail only
};
struct InspectionPlanView {
  store::InspectionPlanRow row;
  std::vector<domain::ObjectEvent> events;  // detail only
};
struct InspectionObjectView {
  store::InspectionObjectRow row;
  std::vector<store::CheckItemRow> item_checks;  // names of the checks
};
struct InspectionStatistics {
  std::vector<store::TaskStatRow> tasks;
  std::vector<store::TaskStatRow> districts;  // task_id 0, task_name the number of tasks
  std::vector<int64_t> district_tasks;        // tasks per district row
};
struct PublicAnnouncement {
  std::string kind;  // item_list | plan | task | result
  int64_t id = 0;
  std::string title, region_name, item_name, task_date, enterprise_name, credit_code,
      inspection_date, result, result_name, body;
  int year = 0;
  int64_t objects = 0;
  std::optional<int64_t> published_at;
};
struct Photo {
  std::string mime, bytes, sha256;
};

class InspectionService {
 public:
  explicit InspectionService(const ServiceContext& ctx) : ctx_(ctx) {}

  // 抽查事项清单
  Result<std::vector<store::InspectionItemRow>> ListItems(const Actor& actor);
  Result<store::InspectionItemRow> CreateItem(const Actor& actor, const InspectionItemInput& in);
  Result<store::InspectionItemRow> UpdateItem(const Actor& actor, int64_t id,
                                              const InspectionItemInput& in);

  // 名录库
  Result<domain::Page<store::InspectorRow>> ListInspectors(const Actor& actor,
                                                           const std::string& query,
                                                           std::optional<bool> active,
                                                           const domain::PageRequest& page);
  Result<std::vector<store::InspectorCandidateUser>> InspectorCandidates(const Actor& actor);
  Result<store::InspectorRow> CreateInspector(const Actor& actor, const InspectorInput& in);
  Result<store::InspectorRow> UpdateInspector(const Actor& actor, int64_t id,
                                              const InspectorInput& in);
  Result<store::InspectorRow> DeclareConflict(const Actor& actor, int64_t id, int64_t org_id,
                                              const std::string& reason);
  Result<store::InspectorRow> RemoveConflict(const Actor& actor, int64_t id, int64_t org_id);
  Result<domain::Page<store::ObjectLibraryRow>> ListObjects(const Actor& actor,
                                                            const std::string& region_code,
                                                            const std::string& credit_class,
                                                            const std::string& query,
                                                            const domain::PageRequest& page);

  // 年度抽查工作计划
  Result<domain::Page<InspectionPlanView>> ListPlans(const Actor& actor, std::optional<int> year,
                                                     const std::string& status,
                                                     const domain::PageRequest& page);
  Result<InspectionPlanView> GetPlan(const Actor& actor, int64_t id);
  Result<InspectionPlanView> CreatePlan(const Actor& actor, const InspectionPlanInput& in);
  Result<InspectionPlanView> UpdatePlan(const Actor& actor, int64_t id,
                                        const InspectionPlanInput& in);
  Result<InspectionPlanView> SubmitPlan(const Actor& actor, int64_t id);
  Result<InspectionPlanView> AcceptPlan(const Actor& actor, int64_t id);
  Result<InspectionPlanView> ReturnPlan(const Actor& actor, int64_t id, const std::string& reason);

  // Tasks
  Result<domain::Page<InspectionTaskView>> ListTasks(const Actor& actor, const std::string& status,
                                                     std::optional<int> year,
                                                     const std::string& query,
                                                     const domain::PageRequest& page);
  Result<InspectionTaskView> GetTask(const Actor& actor, int64_t id);
  Result<InspectionTaskView> CreateTask(const Actor& actor, const InspectionTaskInput& in);
  // The same inside the caller's write (a triage step that makes a targeted task): the new
  // task's id.
  Result<int64_t> CreateTaskIn(Work& w, const Actor& actor, const InspectionTaskInput& in);
  Result<InspectionTaskView> Draw(const Actor& actor, int64_t id, const std::string& seed);
  Result<bool> Replay(const Actor& actor, int64_t id);
  Result<InspectionTaskView> Publish(const Actor& actor, int64_t id);
  Result<std::vector<store::MyInspectionRow>> Mine(const Actor& actor);

  // Objects
  Result<InspectionObjectView> GetObject(const Actor& actor, int64_t task_id, int64_t object_id);
  Result<InspectionObjectView> Swap(const Actor& actor, int64_t task_id, int64_t object_id,
                                    int64_t inspector_id, std::optional<int64_t> replacement_id,
                                    const std::string& reason);
  Result<InspectionObjectView> Recuse(const Actor& actor, int64_t task_id, int64_t object_id,
                                      const std::string& reason);
  Result<InspectionObjectView> RecordFindings(const Actor& actor, int64_t task_id,
                                              int64_t object_id, const InspectionRecordInput& in);
  Result<store::PhotoRow> AddPhoto(const Actor& actor, int64_t task_id, int64_t object_id,
                                   const std::string& check_code, const std::string& bytes);
  Result<Photo> GetPhoto(const Actor& actor, int64_t task_id, int64_t object_id, int64_t photo_id);
  Result<InspectionObjectView> Sign(const Actor& actor, int64_t task_id, int64_t object_id);

  // Statistics, the working-day calendar, the public announcements
  Result<InspectionStatistics> Statistics(const Actor& actor, int year);
  Result<std::vector<store::CalendarDayRow>> CalendarDays(const Actor& actor, int year);
  Result<store::CalendarDayRow> SaveCalendarDay(const Actor& actor, const std::string& date,
                                                const std::string& kind, const std::string& name);
  Status DeleteCalendarDay(const Actor& actor, const std::string& date);
  Result<domain::Page<PublicAnnouncement>> Announcements(const std::string& kind,
                                                         const domain::PageRequest& page);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
