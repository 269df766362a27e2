#include "services/supervision/rectification_service.hpp"

#include "domain/audit_chain.hpp"
#include "domain/inspection.hpp"
#include "domain/label_token.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/core/workflow.hpp"
#include "store/events_store.hpp"

namespace mvis::services {

using domain::RectificationAction;
using domain::RectificationStatus;
using domain::access::Kind;
using domain::access::Op;

namespace {

constexpr char kWhat[] = "整改通知";
constexpr size_t kEvidencePhotosMax = 10;

domain::access::Resource ResourceOf(const store::RectificationRow& r) {
  domain::access::Resource res;
  res.kind = Kind::kRectification;
  res.id = r.id;
  res.owner_org_id = r.org_id;
  res.region_codes = {r.region_code};
  res.institute_org_id = r.institute_org_id;
  return res;
}

Result<store::RectificationRow> Load(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto r = store::FindRectification(tx, id);
  if (!r) return NotFound(kWhat);
  if (auto ok = domain::access::Check(SubjectOf(actor), ResourceOf(*r), op, kWhat); !ok)
    return std::unexpected(ok.error());
  return *r;
}

RectificationView ViewOf(store::Tx& tx, store::RectificationRow row, const std::string& today,
                         bool with_events) {
  RectificationView v;
  v.overdue = domain::IsOverdue(row.status, row.deadline, today);
  if (with_events) {
    v.events = store::ListEvents(tx, "rectification", std::to_string(row.id));
    v.enforcement = store::FindCase(tx, row.id);
    v.photos = store::ListEvidencePhotos(tx, row.id);
  }
  v.row = std::move(row);
  return v;
}

std::string Subject(const store::RectificationRow& r) {
  std::string s = r.source_name;
  if (!r.serial_no.empty()) s += "（出厂编号 " + r.serial_no + "）";
  return s;
}

// One step of an order; `change` sets what the new state writes.
Result<RectificationView> Move(Work& w, store::RectificationRow& r, RectificationAction action,
                               std::string reason,
                               const std::function<void(store::RectificationRow&)>& change,
                               std::vector<std::pair<Recipient, Notice>> notices) {
  const RectificationStatus from = r.status;
  auto moved =
      Advance(w, Step<RectificationStatus>{{Kind::kRectification, std::to_string(r.id)},
                                           std::string(domain::ToString(action)),
                                           kWhat,
                                           from,
                                           domain::NextStatus(from, action),
                                           [&](RectificationStatus to) {
                                             r.status = to;
                                             r.updated_at = w.now;
                                             change(r);
                                             return store::MoveRectification(w.tx, r, from);
                                           },
                                           std::move(reason),
                                           Subject(r),
                                           {},
                                           std::move(notices)});
  if (!moved) return std::unexpected(moved.error());
  auto again = store::FindRectification(w.tx, r.id);
  if (!again) return Internal("rectification " + std::to_string(r.id) + " vanished");
  return ViewOf(w.tx, std::move(*again), w.Today(), true);
}

}  // namespace

namespace supervision {

std::optional<int64_t> OpenRectification(Work& w, store::RectificationRow row) {
  row.status = RectificationStatus::kIssued;
  row.created_by = w.actor.user_id;
  row.created_at = row.updated_at = w.now;
  auto id = store::InsertRectification(w.tx, row);
  if (!id) return std::nullopt;
  row.id = *id;
  auto stored = store::FindRectification(w.tx, *id);
  const std::string subject = Subject(stored ? *stored : row);
  std::string items;
  for (size_t i = 0; i < row.items.size(); ++i)
    items += (i ? "；" : "") + std::to_string(i + 1) + ". " + row.items[i];
  Record(w, Transition{{Kind::kRectification, std::to_string(*id)},
                       "create",
                       "",
                       std::string(domain::ToString(row.status)),
                       "",
                       subject + "，期限 " + row.deadline,
                       {},
                       {{ToOrg{row.org_id},
                         {"rectification_issued", "整改通知",
                          "您有一项整改通知：" + subject + "。整改事项：" + items + "。请于 " +
                              row.deadline + " 前整改并在平台提交整改情况。"}},
                        {ToBureausOf{row.region_code},
                         {"rectification_issued", "整改通知",
                          "已向" + (stored ? stored->org_name : std::string("企业")) +
                              "发出整改通知：" + subject + "，期限 " + row.deadline + "。"}}}});
  return id;
}

}  // namespace supervision

Result<RectificationList> RectificationService::List(const Actor& actor,
                                                     const RectificationQuery& q,
                                                     const domain::PageRequest& page) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kRectification);
  if (!scope.allowed) {
    return std::unexpected(domain::access::DenialError(domain::access::Decision::kForbidden,
                                                       Kind::kRectification, Op::kRead, kWhat));
  }
  store::RectificationFilter f;
  f.org_id = scope.owner_org_id;
  f.institute_org_id = scope.institute_org_id;
  f.region_codes = scope.region_codes;
  if (!q.status.empty()) {
    f.status = domain::ParseRectificationStatus(q.status);
    if (!f.status) return InvalidField("status", "status_invalid", "状态无效");
  }
  if (!q.source.empty()) {
    f.source = domain::ParseRectificationSource(q.source);
    if (!f.source) return InvalidField("source", "source_invalid", "来源无效");
  }
  f.query = domain::Trim(q.query);
  const std::string today = ctx_.clock.Today();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<RectificationList> {
    RectificationList out;
    store::RectificationFilter overdue = f;
    overdue.status.reset();
    overdue.overdue_on = today;
    out.overdue = store::CountRectifications(tx, overdue);
    if (q.overdue) f.overdue_on = today;
    auto rows = store::ListRectifications(tx, f, page);
    out.page.total = rows.total;
    for (auto& r : rows.items) out.page.items.push_back(ViewOf(tx, std::move(r), today, false));
    return out;
  });
}

Result<RectificationView> RectificationService::Get(const Actor& actor, int64_t id) {
  const std::string today = ctx_.clock.Today();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<RectificationView> {
    auto r = Load(tx, actor, id, Op::kRead);
    if (!r) return std::unexpected(r.error());
    return ViewOf(tx, std::move(*r), today, true);
  });
}

Result<RectificationView> RectificationService::Answer(const Actor& actor, int64_t id,
                                                       const std::string& answer_in) {
  const std::string answer = domain::Trim(answer_in);
  if (answer.empty()) return InvalidField("answer", "answer_required", "请填写整改情况");
  if (domain::CodePoints(answer) > domain::kRectificationAnswerMax)
    return InvalidField("answer", "answer_too_long", "整改情况不能超过2000字");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<RectificationView> {
    auto r = Load(w.tx, actor, id, Op::kSubmit);
    if (!r) return std::unexpected(r.error());
    return Move(w, *r, RectificationAction::kAnswer, "",
                [&](auto& row) {
                  row.answer = answer;
                  row.answered_at = w.now;
                },
                {{ToBureausOf{r->region_code},
                  {"rectification_answered", "企业已提交整改情况",
                   r->org_name + "已就“" + Subject(*r) + "”提交整改情况，请验收。"}}});
  });
}

Result<RectificationView> RectificationService::Accept(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<RectificationView> {
    auto r = Load(w.tx, actor, id, Op::kReview);
    if (!r) return std::unexpected(r.error());
    return Move(w, *r, RectificationAction::kAccept, "",
                [&](auto& row) {
                  row.closed_at = w.now;
                  row.decision_reason.clear();
                },
                {{ToOrg{r->org_id},
                  {"rectification_accepted", "整改已验收",
                   "您就“" + Subject(*r) + "”提交的整改情况已验收通过，整改完结。"}}});
  });
}

Result<RectificationView> RectificationService::Return(const Actor& actor, int64_t id,
                                                       const std::string& reason_in) {
  const std::string reason = domain::Trim(reason_in);
  if (auto ok = domain::CheckReason(reason, true, "请填写退回原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<RectificationView> {
    auto r = Load(w.tx, actor, id, Op::kReview);
    if (!r) return std::unexpected(r.error());
    return Move(w, *r, RectificationAction::kReturn, reason,
                [&](auto& row) { row.decision_reason = reason; },
                {{ToOrg{r->org_id},
                  {"rectification_returned", "整改被退回",
                   "您就“" + Subject(*r) + "”提交的整改情况被退回，原因：" + reason + "。请于 " +
                       r->deadline + " 前重新整改并提交。"}}});
  });
}

namespace {

Status CheckText(const std::string& text, const char* field, size_t max, const char* required,
                 const char* too_long) {
  if (text.empty()) return InvalidField(field, std::string(field) + "_required", required);
  if (domain::CodePoints(text) > max)
    return InvalidField(field, std::string(field) + "_too_long", too_long);
  return {};
}

// A step of the case, on the order's timeline (the order's status is unchanged).
Result<RectificationView> CaseStep(Work& w, const store::RectificationRow& r, store::CaseRow& c,
                                   domain::CaseAction action, const std::string& reason,
                                   const std::string& note, const Notice& notice) {
  const domain::CaseStatus from = c.status;
  auto next = domain::NextStatus(from, action);
  if (!next) return std::unexpected(next.error());
  c.status = *next;
  c.updated_at = w.now;
  if (!store::MoveCase(w.tx, c, from)) return StateChanged("案件");
  const std::string status(domain::ToString(r.status));
  Record(w, Transition{{Kind::kRectification, std::to_string(r.id)},
                       std::string(domain::ToString(action)),
                       status,
                       status,
                       reason,
                       note,
                       {},
                       {{ToOrg{r.org_id}, notice}}});
  auto again = store::FindRectification(w.tx, r.id);
  return ViewOf(w.tx, std::move(*again), w.Today(), true);
}

}  // namespace

Result<RectificationView> RectificationService::OpenCase(const Actor& actor, int64_t id,
                                                         const std::string& basis_in,
                                                         const std::string& facts_in) {
  const std::string basis = domain::Trim(basis_in), facts = domain::Trim(facts_in);
  if (auto ok = CheckText(basis, "legal_basis", 200, "请填写立案依据", "立案依据不能超过200字");
      !ok)
    return std::unexpected(ok.error());
  if (auto ok = CheckText(facts, "facts", 2000, "请填写案件事实", "案件事实不能超过2000字"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<RectificationView> {
    auto r = Load(w.tx, actor, id, Op::kReview);
    if (!r) return std::unexpected(r.error());
    if (!domain::IsOverdue(r->status, r->deadline, w.Today()))
      return Fail(ErrorKind::kFailedPrecondition, "rectification_not_overdue",
                  "只有逾期未整改的整改通知可以立案");
    store::CaseRow c;
    c.rectification_id = r->id;
    c.legal_basis = basis;
    c.facts = facts;
    c.opened_by = actor.user_id;
    c.opened_at = c.updated_at = w.now;
    if (!store::InsertCase(w.tx, c))
      return Fail(ErrorKind::kConflict, "case_exists", "该整改通知已立案");
    const std::string status(domain::ToString(r->status));
    Record(w, Transition{{Kind::kRectification, std::to_string(r->id)},
                         "open_case",
                         status,
                         status,
                         facts,
                         "立案依据：" + basis,
                         {},
                         {{ToOrg{r->org_id},
                           {"case_opened", "立案通知",
                            "因“" + Subject(*r) + "”逾期未整改，" + w.OrgName() + "已依据" + basis +
                                "立案调查。",
                            "", ""}}}});
    auto again = store::FindRectification(w.tx, r->id);
    return ViewOf(w.tx, std::move(*again), w.Today(), true);
  });
}

Result<RectificationView> RectificationService::DecideCase(const Actor& actor, int64_t id,
                                                           const std::string& decision_in,
                                                           int64_t penalty_yuan) {
  const std::string decision = domain::Trim(decision_in);
  if (auto ok = CheckText(decision, "decision", 2000, "请填写处理决定", "处理决定不能超过2000字");
      !ok)
    return std::unexpected(ok.error());
  if (penalty_yuan < 0 || penalty_yuan > 100000000)
    return InvalidField("penalty_yuan", "penalty_invalid", "罚款金额应为0至1亿元的整数");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<RectificationView> {
    auto r = Load(w.tx, actor, id, Op::kReview);
    if (!r) return std::unexpected(r.error());
    auto c = store::FindCase(w.tx, id);
    if (!c) return NotFound("案件");
    c->decision = decision;
    c->penalty_yuan = penalty_yuan;
    c->decided_at = w.now;
    const std::string penalty =
        penalty_yuan > 0 ? "罚款 " + std::to_string(penalty_yuan) + " 元" : "不予罚款";
    return CaseStep(
        w, *r, *c, domain::CaseAction::kDecide, decision, penalty,
        {"case_decided", "行政处理决定",
         "关于“" + Subject(*r) + "”的案件已作出处理决定：" + decision + "（" + penalty + "）。", "",
         ""});
  });
}

Result<RectificationView> RectificationService::CloseCase(const Actor& actor, int64_t id,
                                                          const std::string& note_in) {
  const std::string note = domain::Trim(note_in);
  if (auto ok = CheckText(note, "note", 500, "请填写结案说明", "结案说明不能超过500字"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<RectificationView> {
    auto r = Load(w.tx, actor, id, Op::kReview);
    if (!r) return std::unexpected(r.error());
    auto c = store::FindCase(w.tx, id);
    if (!c) return NotFound("案件");
    c->closing_note = note;
    c->closed_at = w.now;
    return CaseStep(w, *r, *c, domain::CaseAction::kClose, note, "结案",
                    {"case_closed", "结案通知",
                     "关于“" + Subject(*r) + "”的案件已结案：" + note + "。", "", ""});
  });
}

Result<store::EvidencePhoto> RectificationService::AddPhoto(const Actor& actor, int64_t id,
                                                            const std::string& bytes) {
  auto clean = domain::StripImageMetadata(bytes);
  if (!clean) return std::unexpected(clean.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::EvidencePhoto> {
    auto r = Load(w.tx, actor, id, Op::kSubmit);
    if (!r) return std::unexpected(r.error());
    if (r->status != RectificationStatus::kIssued && r->status != RectificationStatus::kReturned)
      return Fail(ErrorKind::kFailedPrecondition, "rectification_not_open",
                  "整改通知已提交或已完结，不能再上传照片");
    if (store::ListEvidencePhotos(w.tx, id).size() >= kEvidencePhotosMax)
      return Fail(ErrorKind::kFailedPrecondition, "photos_too_many", "每项整改最多上传10张照片");
    store::EvidencePhoto p;
    p.rectification_id = id;
    p.mime = clean->mime;
    p.sha256 = domain::Sha256Hex(clean->bytes);
    p.size = static_cast<int64_t>(clean->bytes.size());
    p.data = domain::Base64UrlEncode(clean->bytes);
    p.uploaded_by = actor.user_id;
    p.created_at = w.now;
    p.id = store::InsertEvidencePhoto(w.tx, p);
    Record(w, Transition{{Kind::kRectification, std::to_string(id)},
                         "photo",
                         "",
                         "",
                         "",
                         "整改照片 " + std::to_string(p.size / 1024) + " KB，SHA-256 " +
                             p.sha256.substr(0, 16) + "…",
                         {},
                         {}});
    p.data.clear();
    return p;
  });
}

Result<EvidenceImage> RectificationService::GetPhoto(const Actor& actor, int64_t id,
                                                     int64_t photo_id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<EvidenceImage> {
    auto r = Load(tx, actor, id, Op::kRead);
    if (!r) return std::unexpected(r.error());
    auto p = store::FindEvidencePhoto(tx, photo_id);
    if (!p || p->rectification_id != id) return NotFound("整改照片");
    auto bytes = domain::Base64UrlDecode(p->data);
    if (!bytes) return Internal("rectification photo " + std::to_string(photo_id));
    return EvidenceImage{p->mime, std::move(*bytes), p->sha256};
  });
}

}  // namespace mvis::services
