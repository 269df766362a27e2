// The objects of a 双随机 task: who inspects (swaps with a reason, 回避 with a replacement drawn
// the same way), the on-site record with photos, the two signatures, and the task's completion
// (its publication deadline: 20 working days).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/audit_chain.hpp"
#include "domain/calendar.hpp"
#include "domain/instrument.hpp"
#include "domain/label_token.hpp"
#include "domain/reason.hpp"
#include "domain/rectification.hpp"
#include "domain/text.hpp"
#include "domain/working_days.hpp"
#include "services/core/workflow.hpp"
#include "services/supervision/inspection_internal.hpp"
#include "services/supervision/rectification_service.hpp"

namespace mvis::services {

using domain::InspectionObjectStatus;
using domain::InspectionTaskStatus;
using domain::access::Kind;
using domain::access::Op;
using Json = nlohmann::json;
using namespace inspection;

namespace {

// Task and object for a step: the task locked (steps on one task's objects run one at a time),
// the object of that task, the task drawn (not yet completed) unless `any_state`.
struct Target {
  store::InspectionTaskRow task;
  store::InspectionObjectRow object;
};
Result<Target> Load(store::Tx& tx, const Actor& actor, int64_t task_id, int64_t object_id, Op op,
                    bool lock) {
  auto t = LoadTask(tx, actor, task_id, op, lock);
  if (!t) return std::unexpected(t.error());
  auto b = store::FindInspectionObject(tx, object_id);
  if (!b || b->task_id != t->id) return NotFound(kObjectWhat);
  return Target{std::move(*t), std::move(*b)};
}

Status RequireDrawn(const store::InspectionTaskRow& t) {
  if (t.status != InspectionTaskStatus::kDrawn)
    return Fail(ErrorKind::kFailedPrecondition, "task_not_in_progress",
                "任务不在检查阶段，不能变更检查人员或检查记录");
  return {};
}

// The actor's active assignment on the object, or not_drawn_inspector.
Result<store::AssignmentRow> MyAssignment(const store::InspectionObjectRow& b, const Actor& actor) {
  for (const auto& a : b.inspectors)
    if (a.active && a.user_id == actor.user_id) return a;
  return Fail(ErrorKind::kPermissionDenied, "not_assigned_inspector",
              "只有被抽取为该检查对象检查人员的执法人员可以办理");
}

InspectionObjectView ObjectView(store::Tx& tx, int64_t object_id,
                                const store::InspectionTaskRow& task) {
  InspectionObjectView v;
  v.row = *store::FindInspectionObject(tx, object_id);
  if (auto item = store::FindInspectionItem(tx, task.item_id)) v.item_checks = item->checks;
  return v;
}

// The object's active inspectors, as a notice names them ("张三、李四").
std::string ActiveNames(const store::InspectionObjectRow& b) {
  std::string names;
  for (const auto& a : b.inspectors)
    if (a.active) names += (names.empty() ? "" : "、") + a.name;
  return names;
}

std::string ObjectRefId(const store::InspectionObjectRow& b) {
  return std::to_string(b.task_id);  // the object's steps are on its task's timeline
}

// Replaces assignment `a` of `object` and draws or sets its successor.
Status ReplaceInspector(Work& w, store::InspectionTaskRow& task,
                        const store::InspectionObjectRow& object, const store::AssignmentRow& a,
                        std::optional<int64_t> replacement, const std::string& kind,
                        const std::string& reason) {
  if (a.signed_at)
    return Fail(ErrorKind::kFailedPrecondition, "inspector_signed", "该执法人员已签名，不能调换");
  if (!store::ReplaceAssignment(w.tx, a.id, reason, w.now)) return StateChanged(kObjectWhat);
  if (replacement) {
    auto eligible = EligibleFor(w.tx, task, object);
    if (std::ranges::find(eligible, *replacement) == eligible.end())
      return InvalidField("replacement_id", "inspector_not_eligible",
                          "所选执法人员不符合条件（须持有效执法证、未停用、与检查对象无利害关系）");
    store::AssignmentRow next;
    next.object_id = object.id;
    next.inspector_id = *replacement;
    next.kind = kind;
    next.created_at = w.now;
    store::InsertAssignment(w.tx, next);
    return {};
  }
  const int64_t before = task.next_k;
  // The object as it now stands (the replaced officer is still listed, so not drawn again).
  auto now_object = store::FindInspectionObject(w.tx, object.id);
  if (auto ok = DrawInspectorsFor(w, task, *now_object, 1, kind); !ok) return ok;
  if (!store::AdvanceDrawCounter(w.tx, task.id, before, task.next_k))
    return StateChanged(kTaskWhat);
  return {};
}

}  // namespace

Result<InspectionObjectView> InspectionService::GetObject(const Actor& actor, int64_t task_id,
                                                          int64_t object_id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<InspectionObjectView> {
    auto x = Load(tx, actor, task_id, object_id, Op::kRead, false);
    if (!x) return std::unexpected(x.error());
    return ObjectView(tx, object_id, x->task);
  });
}

Result<InspectionObjectView> InspectionService::Swap(const Actor& actor, int64_t task_id,
                                                     int64_t object_id, int64_t inspector_id,
                                                     std::optional<int64_t> replacement_id,
                                                     const std::string& reason_in) {
  const std::string reason = domain::Trim(reason_in);
  if (auto ok = domain::CheckReason(reason, true, "请填写调换原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionObjectView> {
    auto x = Load(w.tx, actor, task_id, object_id, Op::kEdit, true);
    if (!x) return std::unexpected(x.error());
    if (auto ok = RequireDrawn(x->task); !ok) return std::unexpected(ok.error());
    auto it = std::ranges::find_if(x->object.inspectors, [&](const auto& a) {
      return a.active && a.inspector_id == inspector_id;
    });
    if (it == x->object.inspectors.end())
      return InvalidField("inspector_id", "inspector_not_assigned",
                          "该执法人员不是本对象的检查人员");
    const std::string replaced = it->name;
    if (auto ok = ReplaceInspector(w, x->task, x->object, *it, replacement_id, "swap", reason); !ok)
      return std::unexpected(ok.error());
    auto after = store::FindInspectionObject(w.tx, object_id);
    const std::string names = ActiveNames(*after);
    auto notices = ToInspectors(*after, {"inspection_reassigned", "检查人员调整",
                                         "“" + x->task.name + "”检查对象" + after->org_name +
                                             "的检查人员调整为：" + names + "。",
                                         "inspection_task", std::to_string(task_id)});
    Record(w, Transition{{Kind::kInspectionTask, ObjectRefId(x->object)},
                         "swap",
                         "",
                         "",
                         reason,
                         x->object.org_name + "：" + replaced + " → " + names,
                         {},
                         std::move(notices)});
    return ObjectView(w.tx, object_id, x->task);
  });
}

Result<InspectionObjectView> InspectionService::Recuse(const Actor& actor, int64_t task_id,
                                                       int64_t object_id,
                                                       const std::string& reason_in) {
  const std::string reason = domain::Trim(reason_in);
  if (auto ok = domain::CheckReason(reason, true, "请填写回避原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionObjectView> {
    auto x = Load(w.tx, actor, task_id, object_id, Op::kSign, true);
    if (!x) return std::unexpected(x.error());
    if (auto ok = RequireDrawn(x->task); !ok) return std::unexpected(ok.error());
    auto mine = MyAssignment(x->object, actor);
    if (!mine) return std::unexpected(mine.error());
    // The declared conflict stays in the library, so later draws leave this officer out too.
    store::SaveConflict(w.tx, mine->inspector_id, x->object.org_id, reason, w.now);
    if (auto ok = ReplaceInspector(w, x->task, x->object, *mine, std::nullopt, "recusal", reason);
        !ok)
      return std::unexpected(ok.error());
    auto after = store::FindInspectionObject(w.tx, object_id);
    const std::string names = ActiveNames(*after);
    auto notices = ToInspectors(*after, {"inspection_reassigned", "检查人员调整",
                                         mine->name + "已申请回避，“" + x->task.name + "”检查对象" +
                                             after->org_name + "的检查人员调整为：" + names + "。",
                                         "inspection_task", std::to_string(task_id)});
    notices.emplace_back(ToBureausOf{x->task.region_code},
                         Notice{"inspection_reassigned", "检查人员回避",
                                mine->name + "就“" + x->task.name + "”检查对象" + after->org_name +
                                    "申请回避，已重新随机抽取：" + names + "。",
                                "inspection_task", std::to_string(task_id)});
    Record(w, Transition{{Kind::kInspectionTask, ObjectRefId(x->object)},
                         "recuse",
                         "",
                         "",
                         reason,
                         x->object.org_name + "：" + mine->name + " 回避 → " + names,
                         {},
                         std::move(notices)});
    return ObjectView(w.tx, object_id, x->task);
  });
}

Result<InspectionObjectView> InspectionService::RecordFindings(const Actor& actor, int64_t task_id,
                                                               int64_t object_id,
                                                               const InspectionRecordInput& in) {
  auto result = domain::ParseInspectionResult(in.result);
  if (!result) return InvalidField("result", "result_invalid", "请选择检查结果");
  auto follow_up = domain::ParseFollowUp(in.follow_up);
  if (!follow_up) return InvalidField("follow_up", "follow_up_invalid", "请选择后续处置");
  if (auto ok = domain::CheckFollowUp(*result, *follow_up); !ok) return std::unexpected(ok.error());
  const std::string note = domain::Trim(in.note);
  if (domain::CodePoints(note) > domain::kInspectionNoteMax)
    return InvalidField("note", "note_too_long", "检查情况说明不能超过2000字");
  if (in.error_pct && (*in.error_pct < -100 || *in.error_pct > 100))
    return InvalidField("error_pct", "error_invalid", "现场误差应在-100%至100%之间");
  std::vector<std::string> items;
  for (const auto& i : in.rectification_items)
    if (auto t = domain::Trim(i); !t.empty()) items.push_back(t);
  const bool order = *follow_up == domain::FollowUp::kOrderCorrection;
  if (order && items.empty())
    return InvalidField("rectification_items", "items_required", "请填写责令改正的事项");
  if (!in.rectification_deadline.empty() && !domain::IsIsoDate(in.rectification_deadline))
    return InvalidField("rectification_deadline", "date_invalid", "整改期限无效");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionObjectView> {
    auto x = Load(w.tx, actor, task_id, object_id, Op::kSign, true);
    if (!x) return std::unexpected(x.error());
    if (auto ok = RequireDrawn(x->task); !ok) return std::unexpected(ok.error());
    if (auto mine = MyAssignment(x->object, actor); !mine) return std::unexpected(mine.error());
    if (x->object.status == InspectionObjectStatus::kSigned)
      return Fail(ErrorKind::kFailedPrecondition, "object_signed", "检查记录已签名完成，不能修改");
    auto item = store::FindInspectionItem(w.tx, x->task.item_id);
    Json checks = Json::array();
    for (const auto& c : item->checks) {
      auto it = std::ranges::find_if(in.checks, [&](const auto& f) { return f.code == c.code; });
      Json one{{"code", c.code}, {"ok", nullptr}, {"finding", ""}};
      if (it != in.checks.end()) {
        const std::string finding = domain::Trim(it->finding);
        if (domain::CodePoints(finding) > domain::kFindingMax)
          return InvalidField("checks", "finding_too_long", "检查情况不能超过500字");
        if (it->ok) one["ok"] = *it->ok;
        one["finding"] = finding;
      }
      checks.push_back(one);
    }
    for (const auto& f : in.checks)
      if (std::ranges::none_of(item->checks, [&](const auto& c) { return c.code == f.code; }))
        return InvalidField("checks", "check_invalid", "检查项不属于本抽查事项");
    const InspectionObjectStatus from = x->object.status;
    store::InspectionObjectRow b = x->object;
    b.status = InspectionObjectStatus::kRecorded;
    b.checks_json = checks.dump();
    b.error_check_json =
        in.error_pct
            ? Json{{"error_pct", *in.error_pct}, {"note", domain::Trim(in.error_note)}}.dump()
            : "";
    b.result = std::string(domain::ToString(*result));
    b.follow_up = std::string(domain::ToString(*follow_up));
    b.note = note;
    b.recorded_by = actor.user_id;
    b.recorded_at = w.now;
    b.rectification_id = x->object.rectification_id;
    if (!store::SaveInspectionObject(w.tx, b, from)) return StateChanged(kObjectWhat);
    store::ClearSignatures(w.tx, b.id);  // a changed record is signed again
    // The rectification order is opened when the record is signed (below), with these items.
    Json pending{{"items", items},
                 {"deadline", in.rectification_deadline.empty()
                                  ? domain::AddDays(w.Today(), domain::kRectificationDays)
                                  : in.rectification_deadline}};
    w.tx.Exec("UPDATE inspection_objects SET error_check = ? WHERE id = ?",
              {b.error_check_json.empty() && !order
                   ? std::string()
                   : Json{{"error_pct", in.error_pct ? Json(*in.error_pct) : Json(nullptr)},
                          {"note", domain::Trim(in.error_note)},
                          {"rectification", order ? pending : Json(nullptr)}}
                         .dump(),
               b.id});
    Record(w, Transition{{Kind::kInspectionTask, ObjectRefId(b)},
                         "record",
                         std::string(domain::ToString(from)),
                         std::string(domain::ToString(b.status)),
                         "",
                         b.org_name + "：" + std::string(domain::DisplayName(*result)) + "，" +
                             std::string(domain::DisplayName(*follow_up)),
                         {},
                         {}});
    return ObjectView(w.tx, object_id, x->task);
  });
}

Result<store::PhotoRow> InspectionService::AddPhoto(const Actor& actor, int64_t task_id,
                                                    int64_t object_id,
                                                    const std::string& check_code,
                                                    const std::string& bytes) {
  auto clean = domain::StripImageMetadata(bytes);
  if (!clean) return std::unexpected(clean.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::PhotoRow> {
    auto x = Load(w.tx, actor, task_id, object_id, Op::kSign, true);
    if (!x) return std::unexpected(x.error());
    if (auto ok = RequireDrawn(x->task); !ok) return std::unexpected(ok.error());
    if (auto mine = MyAssignment(x->object, actor); !mine) return std::unexpected(mine.error());
    if (x->object.status == InspectionObjectStatus::kSigned)
      return Fail(ErrorKind::kFailedPrecondition, "object_signed", "检查记录已签名完成，不能修改");
    if (!check_code.empty()) {
      auto item = store::FindInspectionItem(w.tx, x->task.item_id);
      if (std::ranges::none_of(item->checks, [&](const auto& c) { return c.code == check_code; }))
        return InvalidField("check_code", "check_invalid", "检查项不属于本抽查事项");
    }
    if (store::CountPhotos(w.tx, object_id) >= domain::kPhotosPerObjectMax)
      return Fail(ErrorKind::kFailedPrecondition, "photos_too_many",
                  "每个检查对象最多上传20张照片");
    store::PhotoRow p;
    p.object_id = object_id;
    p.check_code = check_code;
    p.mime = clean->mime;
    p.sha256 = domain::Sha256Hex(clean->bytes);
    p.size = static_cast<int64_t>(clean->bytes.size());
    p.data = domain::Base64UrlEncode(clean->bytes);
    p.uploaded_by = actor.user_id;
    p.created_at = w.now;
    p.id = store::InsertPhoto(w.tx, p);
    Record(w, Transition{{Kind::kInspectionTask, ObjectRefId(x->object)},
                         "photo",
                         "",
                         "",
                         "",
                         x->object.org_name + "：现场照片 " + std::to_string(p.size / 1024) +
                             " KB，SHA-256 " + p.sha256.substr(0, 16) + "…",
                         {},
                         {}});
    p.data.clear();
    return p;
  });
}

Result<Photo> InspectionService::GetPhoto(const Actor& actor, int64_t task_id, int64_t object_id,
                                          int64_t photo_id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<Photo> {
    auto x = Load(tx, actor, task_id, object_id, Op::kRead, false);
    if (!x) return std::unexpected(x.error());
    auto p = store::FindPhoto(tx, photo_id);
    if (!p || p->object_id != object_id) return NotFound("现场照片");
    auto bytes = domain::Base64UrlDecode(p->data);
    if (!bytes) return Internal("photo " + std::to_string(photo_id) + " is not base64");
    return Photo{p->mime, std::move(*bytes), p->sha256};
  });
}

Result<InspectionObjectView> InspectionService::Sign(const Actor& actor, int64_t task_id,
                                                     int64_t object_id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<InspectionObjectView> {
    auto x = Load(w.tx, actor, task_id, object_id, Op::kSign, true);
    if (!x) return std::unexpected(x.error());
    if (auto ok = RequireDrawn(x->task); !ok) return std::unexpected(ok.error());
    auto mine = MyAssignment(x->object, actor);
    if (!mine) return std::unexpected(mine.error());
    if (x->object.status != InspectionObjectStatus::kRecorded)
      return Fail(ErrorKind::kFailedPrecondition, "object_not_recorded",
                  x->object.status == InspectionObjectStatus::kPending ? "请先录入检查记录"
                                                                       : "检查记录已签名完成");
    if (mine->signed_at) return Fail(ErrorKind::kFailedPrecondition, "already_signed", "您已签名");
    if (!store::SignAssignment(w.tx, mine->id, w.now)) return StateChanged(kObjectWhat);
    auto after = *store::FindInspectionObject(w.tx, object_id);
    int active = 0, signed_count = 0;
    for (const auto& a : after.inspectors) {
      if (!a.active) continue;
      ++active;
      if (a.signed_at) ++signed_count;
    }
    std::vector<std::pair<Recipient, Notice>> notices;
    std::string to = std::string(domain::ToString(after.status));
    if (signed_count == active && active >= domain::kInspectorsPerObject) {
      // The last signature: the record is final; 责令改正 opens the rectification order.
      store::InspectionObjectRow b = after;
      b.status = InspectionObjectStatus::kSigned;
      b.completed_at = w.now;
      auto extra =
          after.error_check_json.empty() ? Json::object() : Json::parse(after.error_check_json);
      if (b.follow_up == "order_correction" && extra.contains("rectification") &&
          extra["rectification"].is_object()) {
        store::RectificationRow order;
        order.org_id = b.org_id;
        order.region_code = x->task.region_code;
        order.source = domain::RectificationSource::kInspection;
        order.source_id = x->task.id;
        order.source_name = "双随机抽查：" + x->task.name;
        for (const auto& i : extra["rectification"]["items"]) order.items.push_back(i);
        order.deadline = extra["rectification"]["deadline"].get<std::string>();
        b.rectification_id = supervision::OpenRectification(w, order);
      }
      if (!store::SaveInspectionObject(w.tx, b, InspectionObjectStatus::kRecorded))
        return StateChanged(kObjectWhat);
      to = std::string(domain::ToString(b.status));
      // The task is complete when every object is signed: publication within 20 working days.
      auto objects = store::ListInspectionObjects(w.tx, task_id);
      if (std::ranges::all_of(
              objects, [](const auto& o) { return o.status == InspectionObjectStatus::kSigned; })) {
        auto& t = x->task;
        const auto from = t.status;
        auto next = domain::NextStatus(from, domain::InspectionTaskAction::kComplete);
        if (!next) return std::unexpected(next.error());
        t.status = *next;
        t.completed_at = w.now;
        t.publish_deadline = domain::AddWorkingDays(w.Today(), domain::kPublicationWorkingDays,
                                                    store::LoadWorkCalendar(w.tx));
        t.updated_at = w.now;
        if (!store::SaveInspectionTask(w.tx, t, from)) return StateChanged(kTaskWhat);
        Record(w, Transition{{Kind::kInspectionTask, std::to_string(t.id)},
                             "complete",
                             std::string(domain::ToString(from)),
                             std::string(domain::ToString(t.status)),
                             "",
                             "公示期限 " + t.publish_deadline,
                             {},
                             {{ToBureausOf{t.region_code},
                               {"inspection_publish_due", "抽查结果待公示",
                                "“" + t.name + "”已全部检查完毕，请于 " + t.publish_deadline +
                                    " 前公示抽查结果（20个工作日内）。",
                                "inspection_task", std::to_string(t.id)}}}});
      }
    }
    Record(w, Transition{{Kind::kInspectionTask, ObjectRefId(after)},
                         "sign",
                         std::string(domain::ToString(after.status)),
                         to,
                         "",
                         after.org_name + "：" + mine->name + " 签名（" +
                             std::to_string(signed_count) + "/" + std::to_string(active) + "）",
                         {},
                         {}});
    return ObjectView(w.tx, object_id, x->task);
  });
}

}  // namespace mvis::services
