#include "store/inspections_store.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "store/inspections_sql.hpp"
#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

using Json = nlohmann::json;
using namespace inspection_sql;

// ---- plans

constexpr char kSelectPlan[] =
    "SELECT p.id, p.org_id, o.name, p.region_code, g.name, p.year, p.title, p.scope, p.batches, "
    "p.timing, p.status, p.return_reason, p.submitted_at, p.decided_at, p.created_by, "
    "p.created_at, p.updated_at FROM inspection_plans p JOIN orgs o ON o.id = p.org_id JOIN "
    "regions g ON g.code = p.region_code";

InspectionPlanRow ToPlan(const Row& r) {
  InspectionPlanRow p;
  p.id = r.Int(0);
  p.org_id = r.Int(1);
  p.org_name = r.Str(2);
  p.region_code = r.Str(3);
  p.region_name = r.Str(4);
  p.year = static_cast<int>(r.Int(5));
  p.title = r.Str(6);
  p.scope = r.Str(7);
  p.batches = static_cast<int>(r.Int(8));
  p.timing = r.Str(9);
  p.status =
      Stored(domain::ParseInspectionPlanStatus(r.Str(10)), "inspection_plans.status", r.Str(10));
  p.return_reason = r.Str(11);
  p.submitted_at = r.OptInt(12);
  p.decided_at = r.OptInt(13);
  p.created_by = r.Int(14);
  p.created_at = r.Int(15);
  p.updated_at = r.Int(16);
  return p;
}

// ---- tasks

constexpr char kSelectTask[] =
    "SELECT t.id, t.org_id, o.name, t.region_code, g.name, t.plan_id, COALESCE(p.title, ''), "
    "t.item_id, i.name, t.name, t.task_date, t.directed, t.scope_regions, t.scope_types, "
    "t.scope_classes, t.ratios, t.status, t.seed, t.algorithm, t.frame, t.excluded, "
    "t.frame_size, t.next_k, t.drawn_at, t.completed_at, t.publish_deadline, t.published_at, "
    "t.created_by, t.created_at, t.updated_at, t.target_org_id, COALESCE(x.name, ''), t.basis "
    "FROM inspection_tasks t JOIN orgs o ON o.id = t.org_id JOIN regions g ON g.code = "
    "t.region_code JOIN inspection_items i ON i.id = t.item_id LEFT JOIN inspection_plans p ON "
    "p.id = t.plan_id LEFT JOIN orgs x ON x.id = t.target_org_id";

InspectionTaskRow ToTask(const Row& r) {
  InspectionTaskRow t;
  t.id = r.Int(0);
  t.org_id = r.Int(1);
  t.org_name = r.Str(2);
  t.region_code = r.Str(3);
  t.region_name = r.Str(4);
  t.plan_id = r.OptInt(5);
  t.plan_title = r.Str(6);
  t.item_id = r.Int(7);
  t.item_name = r.Str(8);
  t.name = r.Str(9);
  t.task_date = r.Str(10);
  t.directed = r.Int(11) != 0;
  t.scope_regions = SplitCsv(r.Str(12));
  t.scope_types = SplitCsv(r.Str(13));
  t.scope_classes = SplitCsv(r.Str(14));
  auto ratios = SplitCsv(r.Str(15));
  for (size_t k = 0; k < 4 && k < ratios.size(); ++k) t.ratios[k] = std::stoi(ratios[k]);
  t.status =
      Stored(domain::ParseInspectionTaskStatus(r.Str(16)), "inspection_tasks.status", r.Str(16));
  t.seed = r.Str(17);
  t.algorithm = r.Str(18);
  t.frame_json = r.Str(19);
  t.excluded_json = r.Str(20);
  t.frame_size = r.Int(21);
  t.next_k = r.Int(22);
  t.drawn_at = r.OptInt(23);
  t.completed_at = r.OptInt(24);
  t.publish_deadline = r.Str(25);
  t.published_at = r.OptInt(26);
  t.created_by = r.Int(27);
  t.created_at = r.Int(28);
  t.updated_at = r.Int(29);
  t.target_org_id = r.OptInt(30);
  t.target_org_name = r.Str(31);
  t.basis = r.Str(32);
  return t;
}

std::string RatiosCsv(const domain::ClassRatios& r) {
  return JoinCsv(
      {std::to_string(r[0]), std::to_string(r[1]), std::to_string(r[2]), std::to_string(r[3])});
}

Where TaskWhere(const InspectionTaskFilter& f) {
  Where w;
  if (f.region_codes) w.AddIn("t.region_code", *f.region_codes);
  if (f.status) w.Add("t.status = ?", {std::string(domain::ToString(*f.status))});
  if (f.year) w.Add("t.task_date LIKE ?", {std::to_string(*f.year) + "-%"});
  if (!f.query.empty()) w.Add("LOWER(t.name) LIKE ? ESCAPE '!'", {LikePattern(f.query)});
  return w;
}

// ---- objects

std::string SelectObject() {
  return "SELECT b.id, b.task_id, b.org_id, o.name, COALESCE(o.credit_code, ''), b.credit_class, "
         "b.pick_order, b.status, b.checks, b.error_check, b.result, b.follow_up, b.note, "
         "b.rectification_id, COALESCE(r.status, ''), b.recorded_by, b.recorded_at, "
         "b.completed_at, b.published_at FROM inspection_objects b JOIN orgs o ON o.id = "
         "b.org_id LEFT JOIN rectifications r ON r.id = b.rectification_id";
}

InspectionObjectRow ToObject(const Row& r) {
  InspectionObjectRow b;
  b.id = r.Int(0);
  b.task_id = r.Int(1);
  b.org_id = r.Int(2);
  b.org_name = r.Str(3);
  b.credit_code = r.Str(4);
  b.credit_class = r.Str(5);
  b.pick_order = static_cast<int>(r.Int(6));
  b.status =
      Stored(domain::ParseInspectionObjectStatus(r.Str(7)), "inspection_objects.status", r.Str(7));
  b.checks_json = r.Str(8);
  b.error_check_json = r.Str(9);
  b.result = r.Str(10);
  b.follow_up = r.Str(11);
  b.note = r.Str(12);
  b.rectification_id = r.OptInt(13);
  b.rectification_status = r.Str(14);
  b.recorded_by = r.OptInt(15);
  b.recorded_at = r.OptInt(16);
  b.completed_at = r.OptInt(17);
  b.published_at = r.OptInt(18);
  return b;
}

// Inspectors and photos of `objects`.
void AttachObjectParts(Tx& tx, std::vector<InspectionObjectRow>& objects) {
  if (objects.empty()) return;
  std::map<int64_t, InspectionObjectRow*> by_id;
  std::string in;
  std::vector<Param> params;
  for (auto& b : objects) {
    by_id[b.id] = &b;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(b.id);
  }
  for (const auto& r :
       tx.Query("SELECT a.id, a.object_id, a.inspector_id, i.user_id, " + UserName("u") +
                    ", i.cert_no, a.kind, a.active, a.reason, a.signed_at, a.replaced_at, "
                    "a.created_at FROM inspection_assignments a JOIN inspectors i ON i.id = "
                    "a.inspector_id JOIN users u ON u.id = i.user_id WHERE a.object_id IN (" +
                    in + ") ORDER BY a.id",
                params)) {
    AssignmentRow a;
    a.id = r.Int(0);
    a.object_id = r.Int(1);
    a.inspector_id = r.Int(2);
    a.user_id = r.Int(3);
    a.name = r.Str(4);
    a.cert_no = r.Str(5);
    a.kind = r.Str(6);
    a.active = r.Int(7) != 0;
    a.reason = r.Str(8);
    a.signed_at = r.OptInt(9);
    a.replaced_at = r.OptInt(10);
    a.created_at = r.Int(11);
    by_id[a.object_id]->inspectors.push_back(std::move(a));
  }
  for (const auto& r : tx.Query(
           "SELECT id, object_id, check_code, mime, sha256, size, uploaded_by, created_at FROM "
           "inspection_photos WHERE object_id IN (" +
               in + ") ORDER BY id",
           params)) {
    PhotoRow p;
    p.id = r.Int(0);
    p.object_id = r.Int(1);
    p.check_code = r.Str(2);
    p.mime = r.Str(3);
    p.sha256 = r.Str(4);
    p.size = r.Int(5);
    p.uploaded_by = r.Int(6);
    p.created_at = r.Int(7);
    by_id[p.object_id]->photos.push_back(std::move(p));
  }
}

// The object library's query: enterprises with approved mandatory instruments under `f`.
}  // namespace

// ---- plans

int64_t InsertInspectionPlan(Tx& tx, const InspectionPlanRow& p) {
  return tx
      .QueryOne(
          "INSERT INTO inspection_plans (org_id, region_code, year, title, scope, batches, "
          "timing, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?) RETURNING id",
          {p.org_id, p.region_code, int64_t{p.year}, p.title, p.scope, int64_t{p.batches}, p.timing,
           std::string(domain::ToString(p.status)), p.created_by, p.created_at, p.updated_at})
      ->Int(0);
}

std::optional<InspectionPlanRow> FindInspectionPlan(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelectPlan) + " WHERE p.id = ?", {id});
  if (!r) return std::nullopt;
  return ToPlan(*r);
}

Page<InspectionPlanRow> ListInspectionPlans(Tx& tx, const InspectionPlanFilter& f,
                                            const PageRequest& page) {
  Where w;
  if (f.region_codes) w.AddIn("p.region_code", *f.region_codes);
  if (f.year) w.Add("p.year = ?", {int64_t{*f.year}});
  if (f.status) w.Add("p.status = ?", {std::string(domain::ToString(*f.status))});
  Page<InspectionPlanRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM inspection_plans p" + w.sql(), w.params())->Int(0);
  for (const auto& r : tx.Query(
           std::string(kSelectPlan) + w.sql() + " ORDER BY p.year DESC, p.id DESC LIMIT ? OFFSET ?",
           Paged(w.params(), page)))
    out.items.push_back(ToPlan(r));
  return out;
}

bool SaveInspectionPlan(Tx& tx, const InspectionPlanRow& p, domain::InspectionPlanStatus from) {
  return tx.Exec(
             "UPDATE inspection_plans SET year = ?, title = ?, scope = ?, batches = ?, timing = "
             "?, status = ?, return_reason = ?, submitted_at = ?, decided_at = ?, updated_at = ? "
             "WHERE id = ? AND status = ?",
             {int64_t{p.year}, p.title, p.scope, int64_t{p.batches}, p.timing,
              std::string(domain::ToString(p.status)), p.return_reason, OptParam(p.submitted_at),
              OptParam(p.decided_at), p.updated_at, p.id, std::string(domain::ToString(from))}) ==
         1;
}

// ---- tasks

int64_t InsertInspectionTask(Tx& tx, const InspectionTaskRow& t) {
  return tx
      .QueryOne(
          "INSERT INTO inspection_tasks (org_id, region_code, plan_id, item_id, name, "
          "task_date, directed, scope_regions, scope_types, scope_classes, ratios, status, "
          "created_by, created_at, updated_at, target_org_id, basis) VALUES (?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {t.org_id, t.region_code, OptParam(t.plan_id), t.item_id, t.name, t.task_date,
           int64_t{t.directed ? 1 : 0}, JoinCsv(t.scope_regions), JoinCsv(t.scope_types),
           JoinCsv(t.scope_classes), RatiosCsv(t.ratios), std::string(domain::ToString(t.status)),
           t.created_by, t.created_at, t.updated_at, OptParam(t.target_org_id), t.basis})
      ->Int(0);
}

std::optional<InspectionTaskRow> FindInspectionTask(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelectTask) + " WHERE t.id = ?", {id});
  if (!r) return std::nullopt;
  return ToTask(*r);
}

std::optional<InspectionTaskRow> LockInspectionTask(Tx& tx, int64_t id) {
  if (!tx.QueryOne("SELECT t.id FROM inspection_tasks t WHERE t.id = ?" + ForUpdate(tx, "t"), {id}))
    return std::nullopt;
  return FindInspectionTask(tx, id);
}

Page<InspectionTaskRow> ListInspectionTasks(Tx& tx, const InspectionTaskFilter& f,
                                            const PageRequest& page) {
  Where w = TaskWhere(f);
  Page<InspectionTaskRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM inspection_tasks t" + w.sql(), w.params())->Int(0);
  for (const auto& r : tx.Query(std::string(kSelectTask) + w.sql() +
                                    " ORDER BY t.task_date DESC, t.id DESC LIMIT ? OFFSET ?",
                                Paged(w.params(), page)))
    out.items.push_back(ToTask(r));
  return out;
}

bool SaveInspectionTask(Tx& tx, const InspectionTaskRow& t, domain::InspectionTaskStatus from) {
  return tx.Exec(
             "UPDATE inspection_tasks SET status = ?, seed = ?, algorithm = ?, frame = ?, "
             "excluded = ?, frame_size = ?, next_k = ?, drawn_at = ?, completed_at = ?, "
             "publish_deadline = ?, published_at = ?, updated_at = ? WHERE id = ? AND status = ?",
             {std::string(domain::ToString(t.status)), t.seed, t.algorithm, t.frame_json,
              t.excluded_json, t.frame_size, t.next_k, OptParam(t.drawn_at),
              OptParam(t.completed_at), t.publish_deadline, OptParam(t.published_at), t.updated_at,
              t.id, std::string(domain::ToString(from))}) == 1;
}

bool AdvanceDrawCounter(Tx& tx, int64_t task_id, int64_t expected, int64_t to) {
  return tx.Exec("UPDATE inspection_tasks SET next_k = ? WHERE id = ? AND next_k = ?",
                 {to, task_id, expected}) == 1;
}

// ---- objects

int64_t InsertInspectionObject(Tx& tx, const InspectionObjectRow& b) {
  return tx
      .QueryOne(
          "INSERT INTO inspection_objects (task_id, org_id, credit_class, pick_order, status) "
          "VALUES (?, ?, ?, ?, ?) RETURNING id",
          {b.task_id, b.org_id, b.credit_class, int64_t{b.pick_order},
           std::string(domain::ToString(b.status))})
      ->Int(0);
}

std::optional<InspectionObjectRow> FindInspectionObject(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(SelectObject() + " WHERE b.id = ?", {id});
  if (!r) return std::nullopt;
  std::vector<InspectionObjectRow> one{ToObject(*r)};
  AttachObjectParts(tx, one);
  return one.front();
}

std::vector<InspectionObjectRow> ListInspectionObjects(Tx& tx, int64_t task_id) {
  std::vector<InspectionObjectRow> out;
  for (const auto& r :
       tx.Query(SelectObject() + " WHERE b.task_id = ? ORDER BY b.pick_order", {task_id}))
    out.push_back(ToObject(r));
  AttachObjectParts(tx, out);
  return out;
}

bool SaveInspectionObject(Tx& tx, const InspectionObjectRow& b,
                          domain::InspectionObjectStatus from) {
  return tx.Exec(
             "UPDATE inspection_objects SET status = ?, checks = ?, error_check = ?, result = ?, "
             "follow_up = ?, note = ?, rectification_id = ?, recorded_by = ?, recorded_at = ?, "
             "completed_at = ? WHERE id = ? AND status = ?",
             {std::string(domain::ToString(b.status)), b.checks_json, b.error_check_json, b.result,
              b.follow_up, b.note, OptParam(b.rectification_id), OptParam(b.recorded_by),
              OptParam(b.recorded_at), OptParam(b.completed_at), b.id,
              std::string(domain::ToString(from))}) == 1;
}

int64_t InsertAssignment(Tx& tx, const AssignmentRow& a) {
  return tx
      .QueryOne(
          "INSERT INTO inspection_assignments (object_id, inspector_id, kind, active, reason, "
          "created_at) VALUES (?, ?, ?, 1, '', ?) RETURNING id",
          {a.object_id, a.inspector_id, a.kind, a.created_at})
      ->Int(0);
}

bool ReplaceAssignment(Tx& tx, int64_t assignment_id, const std::string& reason, int64_t now) {
  return tx.Exec(
             "UPDATE inspection_assignments SET active = 0, reason = ?, replaced_at = ? WHERE id "
             "= ? AND active = 1",
             {reason, now, assignment_id}) == 1;
}

bool SignAssignment(Tx& tx, int64_t assignment_id, int64_t now) {
  return tx.Exec(
             "UPDATE inspection_assignments SET signed_at = ? WHERE id = ? AND active = 1 AND "
             "signed_at IS NULL",
             {now, assignment_id}) == 1;
}

void ClearSignatures(Tx& tx, int64_t object_id) {
  tx.Exec("UPDATE inspection_assignments SET signed_at = NULL WHERE object_id = ?", {object_id});
}

int64_t InsertPhoto(Tx& tx, const PhotoRow& p) {
  return tx
      .QueryOne(
          "INSERT INTO inspection_photos (object_id, check_code, mime, sha256, size, data, "
          "uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {p.object_id, p.check_code, p.mime, p.sha256, p.size, p.data, p.uploaded_by,
           p.created_at})
      ->Int(0);
}

std::optional<PhotoRow> FindPhoto(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(
      "SELECT id, object_id, check_code, mime, sha256, size, data, uploaded_by, created_at FROM "
      "inspection_photos WHERE id = ?",
      {id});
  if (!r) return std::nullopt;
  return PhotoRow{r->Int(0), r->Int(1), r->Str(2), r->Str(3), r->Str(4),
                  r->Int(5), r->Str(6), r->Int(7), r->Int(8)};
}

int64_t CountPhotos(Tx& tx, int64_t object_id) {
  return tx.QueryOne("SELECT COUNT(*) FROM inspection_photos WHERE object_id = ?", {object_id})
      ->Int(0);
}

int64_t PublishObjects(Tx& tx, int64_t task_id, int64_t now) {
  return tx.Exec(
      "UPDATE inspection_objects SET published_at = ? WHERE task_id = ? AND status = 'signed' "
      "AND published_at IS NULL",
      {now, task_id});
}

std::vector<MyInspectionRow> MyInspections(Tx& tx, int64_t inspector_id) {
  std::vector<MyInspectionRow> out;
  for (const auto& r : tx.Query(
           "SELECT t.id, b.id, t.name, t.task_date, o.name, b.status FROM inspection_assignments "
           "a JOIN inspection_objects b ON b.id = a.object_id JOIN inspection_tasks t ON t.id = "
           "b.task_id JOIN orgs o ON o.id = b.org_id WHERE a.inspector_id = ? AND a.active = 1 "
           "AND a.signed_at IS NULL AND t.status = 'drawn' ORDER BY t.task_date, b.pick_order",
           {inspector_id})) {
    MyInspectionRow m;
    m.task_id = r.Int(0);
    m.object_id = r.Int(1);
    m.task_name = r.Str(2);
    m.task_date = r.Str(3);
    m.org_name = r.Str(4);
    m.status = Stored(domain::ParseInspectionObjectStatus(r.Str(5)), "inspection_objects.status",
                      r.Str(5));
    out.push_back(std::move(m));
  }
  return out;
}

// ---- published

Page<InspectionTaskRow> ListAnnouncedTasks(Tx& tx, const PageRequest& page) {
  Page<InspectionTaskRow> out;
  out.total =
      tx.QueryOne("SELECT COUNT(*) FROM inspection_tasks t WHERE t.status <> 'draft'")->Int(0);
  for (const auto& r : tx.Query(std::string(kSelectTask) +
                                    " WHERE t.status <> 'draft' ORDER BY t.drawn_at DESC, t.id "
                                    "DESC LIMIT ? OFFSET ?",
                                Paged({}, page)))
    out.items.push_back(ToTask(r));
  return out;
}

int64_t CountObjects(Tx& tx, int64_t task_id) {
  return tx.QueryOne("SELECT COUNT(*) FROM inspection_objects WHERE task_id = ?", {task_id})
      ->Int(0);
}

// ---- statistics

std::vector<TaskStatRow> TaskStatistics(Tx& tx, int year,
                                        const std::optional<std::vector<std::string>>& regions) {
  InspectionTaskFilter f;
  f.region_codes = regions;
  f.year = year;
  Where w = TaskWhere(f);
  w.Add("t.status <> 'draft'");
  // 完结: no follow-up needed, or the rectification it opened is closed.
  std::vector<TaskStatRow> out;
  for (const auto& r : tx.Query(
           "SELECT t.id, t.name, t.region_code, g.name, t.frame_size, (SELECT COUNT(*) FROM "
           "inspection_objects b WHERE b.task_id = t.id), (SELECT COUNT(*) FROM "
           "inspection_objects b WHERE b.task_id = t.id AND b.published_at IS NOT NULL), (SELECT "
           "COUNT(*) FROM inspection_objects b LEFT JOIN rectifications r ON r.id = "
           "b.rectification_id WHERE b.task_id = t.id AND b.published_at IS NOT NULL AND "
           "(b.rectification_id IS NULL OR r.status = 'closed')) FROM inspection_tasks t JOIN "
           "regions g ON g.code = t.region_code" +
               w.sql() + " ORDER BY t.region_code, t.id",
           w.params()))
    out.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Int(4), r.Int(5), r.Int(6), r.Int(7)});
  return out;
}

std::vector<UnpublishedTaskRow> UnpublishedTasks(
    Tx& tx, const std::optional<std::vector<std::string>>& region_codes) {
  Where w;
  if (region_codes) w.AddIn("t.region_code", *region_codes);
  w.Add("t.status = 'completed'");
  std::vector<UnpublishedTaskRow> out;
  for (const auto& r :
       tx.Query("SELECT t.id, t.name, t.region_code, t.publish_deadline, (SELECT COUNT(*) FROM "
                "inspection_objects b WHERE b.task_id = t.id AND b.published_at IS NULL) FROM "
                "inspection_tasks t" +
                    w.sql() + " ORDER BY t.publish_deadline, t.id",
                w.params()))
    out.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Int(4)});
  return out;
}

}  // namespace mvis::store
