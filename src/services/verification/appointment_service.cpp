#include "services/verification/appointment_service.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "domain/access_resources.hpp"
#include "domain/appointment.hpp"
#include "domain/calendar.hpp"
#include "domain/instrument.hpp"
#include "domain/phone.hpp"
#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/core/workflow.hpp"
#include "services/supervision/rectification_service.hpp"
#include "services/verification/detail_views.hpp"
#include "store/appointments_store.hpp"
#include "store/institutes_store.hpp"
#include "store/instruments_store.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"
#include "store/verifications_store.hpp"

namespace mvis::services {

using domain::AppointmentAction;
using domain::AppointmentStatus;
using domain::access::Kind;
using domain::access::Op;

namespace verification {

Result<domain::Appointment> LoadAppointment(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  auto a = store::FindAppointment(tx, id);
  if (!a) return NotFound("预约");
  if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*a), op, "预约");
      !ok)
    return std::unexpected(ok.error());
  return *a;
}

namespace {

std::string Ref(const domain::Appointment& a) {
  return "预约（编号 " + std::to_string(a.id) + "，" + std::string(domain::DisplayName(a.mode)) +
         "，" + std::to_string(a.instrument_ids.size()) + "台器具）";
}

// One appointment step: the state machine, `change` to the row, the conditional write, the
// timeline, audit and notices. `a` holds the new state on success.
Status Move(Work& w, domain::Appointment& a, AppointmentAction action, std::string reason,
            const std::function<void(domain::Appointment&)>& change = {},
            std::vector<std::pair<Recipient, Notice>> notices = {}) {
  const AppointmentStatus from = a.status;
  auto moved = Advance(w, Step<AppointmentStatus>{{Kind::kAppointment, std::to_string(a.id)},
                                                  std::string(domain::ToString(action)),
                                                  "预约",
                                                  from,
                                                  domain::NextStatus(from, action),
                                                  [&](AppointmentStatus to) {
                                                    a.status = to;
                                                    a.updated_at = w.now;
                                                    if (change) change(a);
                                                    return store::UpdateAppointment(w.tx, a, from);
                                                  },
                                                  std::move(reason),
                                                  "",
                                                  {},
                                                  std::move(notices)});
  if (!moved) return std::unexpected(moved.error());
  return {};
}

}  // namespace

Status CompleteIfDone(Work& w, int64_t appointment_id) {
  auto a = store::FindAppointment(w.tx, appointment_id);
  if (!a) return Internal("appointment " + std::to_string(appointment_id) + " vanished");
  // Instruments marked 不具备检定条件 need no record.
  if (a->verified_count + static_cast<int64_t>(a->unverifiable.size()) <
      static_cast<int64_t>(a->instrument_ids.size()))
    return {};
  if (!domain::NextStatus(a->status, AppointmentAction::kComplete)) return {};
  return Move(w, *a, AppointmentAction::kComplete, "", {},
              {{ToOrg{a->org_id},
                {"appointment_completed", "预约检定已完成",
                 "您的" + Ref(*a) + "已全部检定完毕，检定结果可在平台查看。"}}});
}

}  // namespace verification

namespace {

using verification::LoadAppointment;
using verification::Move;
using verification::Ref;

constexpr size_t kMaxInstruments = 1000;

Status CheckInput(const AppointmentInput& in, const std::string& today) {
  std::vector<FieldError> errors;
  if (!domain::ParseAppointmentMode(in.mode))
    errors.push_back({"mode", "mode_invalid", "请选择预约方式：预约送检或预约上门"});
  if (in.institute_org_id <= 0)
    errors.push_back({"institute_org_id", "field_required", "请选择检定机构"});
  if (in.instrument_ids.empty())
    errors.push_back({"instrument_ids", "instruments_required", "请从备案中选择至少一台器具"});
  if (in.instrument_ids.size() > kMaxInstruments)
    errors.push_back({"instrument_ids", "instruments_too_many", "一次预约最多1000台器具"});
  if (!domain::IsIsoDate(in.preferred_date))
    errors.push_back({"preferred_date", "date_invalid", "期望日期应为 YYYY-MM-DD 格式的日期"});
  else if (in.preferred_date < today)
    errors.push_back({"preferred_date", "date_in_past", "期望日期不能早于今天"});
  if (domain::Trim(in.contact_name).empty())
    errors.push_back({"contact_name", "field_required", "联系人不能为空"});
  else if (domain::CodePoints(in.contact_name) > 50)
    errors.push_back({"contact_name", "field_too_long", "联系人不能超过50个字符"});
  if (!domain::IsValidMobile(in.contact_phone))
    errors.push_back({"contact_phone", "phone_invalid", "联系电话应为11位手机号码"});
  if (domain::CodePoints(in.notes) > 500)
    errors.push_back({"notes", "field_too_long", "备注不能超过500个字符"});
  if (errors.empty()) return {};
  Error e{ErrorKind::kInvalidArgument, "validation_failed", errors.front().message, {}, errors};
  if (errors.size() == 1) e.field = errors.front().field;
  return std::unexpected(e);
}

std::string InstrumentName(const domain::Instrument& row) {
  return "器具“" + row.data.name + "”（出厂编号 " + row.data.serial_no + "）";
}

// The instruments must be the enterprise's own approved, mandatory filings, of types the
// institute verifies; on submission none may be held by another open appointment.
Status CheckInstruments(Work& w, const AppointmentInput& in, int64_t appointment_id,
                        bool submitting) {
  auto profile = store::FindInstituteProfile(w.tx, in.institute_org_id);
  if (!profile) return InvalidField("institute_org_id", "institute_unknown", "所选检定机构不存在");
  const auto subject = SubjectOf(w.actor);
  std::set<int64_t> seen;
  for (int64_t id : in.instrument_ids) {
    if (!seen.insert(id).second)
      return InvalidField("instrument_ids", "instrument_repeated", "同一台器具不能重复选择");
    auto row = store::FindInstrument(w.tx, id);
    if (!row || !domain::access::Check(subject, domain::access::ResourceOf(*row), Op::kSubmit, ""))
      return NotFound("器具（编号 " + std::to_string(id) + "）");
    if (row->status != domain::FilingStatus::kApproved || !row->mandatory) {
      return Fail(ErrorKind::kFailedPrecondition, "instrument_not_filed",
                  InstrumentName(*row) + "尚未备案，只能预约已备案的强制检定器具");
    }
    if (std::ranges::find(profile->type_codes, row->data.type_code) == profile->type_codes.end()) {
      return Fail(ErrorKind::kFailedPrecondition, "institute_not_capable",
                  profile->name + "不能检定" + row->type_name + "，请选择其他检定机构");
    }
  }
  if (submitting) {
    // An instrument is in at most one open appointment: concurrent submissions of the same
    // instrument check one after the other (ids in order, so two bookings cannot deadlock).
    for (int64_t id : seen) store::LockKey(w.tx, "booking:instrument:" + std::to_string(id));
    auto held = store::InstrumentsInOpenAppointments(w.tx, in.instrument_ids, appointment_id);
    if (!held.empty()) {
      auto row = store::FindInstrument(w.tx, held.front());
      return Fail(ErrorKind::kConflict, "instrument_already_booked",
                  (row ? InstrumentName(*row) : "器具") + "已在其他进行中的预约中");
    }
    auto waiting = store::InstrumentsAwaitingRectification(w.tx, in.instrument_ids);
    if (!waiting.empty()) {
      auto row = store::FindInstrument(w.tx, waiting.front());
      return Fail(
          ErrorKind::kFailedPrecondition, "instrument_not_ready",
          (row ? InstrumentName(*row) : "器具") + "不具备检定条件，整改验收通过后才能重新预约");
    }
  }
  return {};
}

AppointmentInput InputOf(const domain::Appointment& a) {
  return {std::string(domain::ToString(a.mode)),
          a.institute_org_id,
          a.instrument_ids,
          a.preferred_date,
          a.contact_name,
          a.contact_phone,
          a.notes};
}

void Assign(domain::Appointment& a, const AppointmentInput& in) {
  a.institute_org_id = in.institute_org_id;
  a.mode = domain::ParseAppointmentMode(in.mode).value_or(a.mode);  // CheckInput refused others
  a.preferred_date = in.preferred_date;
  a.contact_name = domain::Trim(in.contact_name);
  a.contact_phone = in.contact_phone;
  a.notes = in.notes;
  a.instrument_ids = in.instrument_ids;
}

std::pair<Recipient, Notice> Submitted(Work& w, const domain::Appointment& a) {
  return {ToOrg{a.institute_org_id},
          {"appointment_submitted", "新的预约检定申请",
           w.OrgName() + "提交了" + Ref(a) + "，请及时受理。"}};
}

Result<AppointmentDetail> Reloaded(Work& w, int64_t id) {
  auto a = store::FindAppointment(w.tx, id);
  if (!a) return Internal("appointment " + std::to_string(id) + " vanished in its transaction");
  return verification::DetailOf(w.tx, w.actor, std::move(*a), w.Today());
}

}  // namespace

Result<AppointmentDetail> AppointmentService::Create(const Actor& actor, const AppointmentInput& in,
                                                     bool submit) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kAppointment, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  if (!actor.org_id) return Forbidden();
  if (auto ok = CheckInput(in, ctx_.clock.Today()); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AppointmentDetail> {
    if (auto ok = CheckInstruments(w, in, 0, submit); !ok) return std::unexpected(ok.error());
    domain::Appointment a;
    Assign(a, in);
    a.org_id = *actor.org_id;
    a.status = AppointmentStatus::kDraft;
    a.created_by = actor.user_id;
    a.created_at = a.updated_at = w.now;
    a.id = store::InsertAppointment(w.tx, a);
    Record(w, {{Kind::kAppointment, std::to_string(a.id)},
               std::string(domain::ToString(AppointmentAction::kEdit)),
               "",
               std::string(domain::ToString(a.status))});
    if (submit) {
      if (auto ok = Move(w, a, AppointmentAction::kSubmit, "",
                         [&](auto& row) { row.submitted_at = w.now; }, {Submitted(w, a)});
          !ok)
        return std::unexpected(ok.error());
    }
    return Reloaded(w, a.id);
  });
}

Result<AppointmentDetail> AppointmentService::Update(const Actor& actor, int64_t id,
                                                     const AppointmentInput& in) {
  if (auto ok = CheckInput(in, ctx_.clock.Today()); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AppointmentDetail> {
    auto a = LoadAppointment(w.tx, actor, id, Op::kEdit);
    if (!a) return std::unexpected(a.error());
    if (auto next = domain::NextStatus(a->status, AppointmentAction::kEdit); !next)
      return std::unexpected(next.error());
    if (auto ok = CheckInstruments(w, in, id, false); !ok) return std::unexpected(ok.error());
    if (auto ok = Move(w, *a, AppointmentAction::kEdit, "", [&](auto& row) { Assign(row, in); });
        !ok)
      return std::unexpected(ok.error());
    return Reloaded(w, id);
  });
}

Result<AppointmentDetail> AppointmentService::Submit(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AppointmentDetail> {
    auto a = LoadAppointment(w.tx, actor, id, Op::kSubmit);
    if (!a) return std::unexpected(a.error());
    if (auto next = domain::NextStatus(a->status, AppointmentAction::kSubmit); !next)
      return std::unexpected(next.error());
    if (auto ok = CheckInput(InputOf(*a), w.Today()); !ok) return std::unexpected(ok.error());
    if (auto ok = CheckInstruments(w, InputOf(*a), id, true); !ok)
      return std::unexpected(ok.error());
    if (auto ok = Move(w, *a, AppointmentAction::kSubmit, "",
                       [&](auto& row) { row.submitted_at = w.now; }, {Submitted(w, *a)});
        !ok)
      return std::unexpected(ok.error());
    return Reloaded(w, id);
  });
}

Result<AppointmentDetail> AppointmentService::Cancel(const Actor& actor, int64_t id,
                                                     const std::string& reason) {
  if (auto ok = domain::CheckReason(reason, false, ""); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AppointmentDetail> {
    auto a = LoadAppointment(w.tx, actor, id, Op::kWithdraw);
    if (!a) return std::unexpected(a.error());
    std::vector<std::pair<Recipient, Notice>> notices;
    if (a->status == AppointmentStatus::kSubmitted) {
      notices.push_back(
          {ToOrg{a->institute_org_id},
           {"appointment_cancelled", "预约已取消", w.OrgName() + "取消了" + Ref(*a) + "。"}});
    }
    if (auto ok = Move(
            w, *a, AppointmentAction::kCancel, reason, [&](auto& row) { row.reason = reason; },
            std::move(notices));
        !ok)
      return std::unexpected(ok.error());
    return Reloaded(w, id);
  });
}

Result<AppointmentDetail> AppointmentService::Accept(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AppointmentDetail> {
    auto a = LoadAppointment(w.tx, actor, id, Op::kHandle);
    if (!a) return std::unexpected(a.error());
    auto profile = store::FindInstituteProfile(w.tx, a->institute_org_id);
    std::string contact =
        profile ? "联系人：" + profile->contact_name + "，电话：" + profile->contact_phone : "";
    Notice notice{"appointment_accepted", "预约已受理",
                  "您的" + Ref(*a) + "已由" + a->institute_name + "受理。" + contact + "。"};
    std::vector<std::pair<Recipient, Notice>> notices{{ToOrg{a->org_id}, notice}};
    auto org = store::FindOrg(w.tx, a->org_id);
    if (org && org->contact_phone != a->contact_phone)
      notices.push_back({ToPhone{a->contact_phone}, notice});
    if (auto ok = Move(
            w, *a, AppointmentAction::kAccept, "", [&](auto& row) { row.accepted_at = w.now; },
            std::move(notices));
        !ok)
      return std::unexpected(ok.error());
    return Reloaded(w, id);
  });
}

Result<AppointmentDetail> AppointmentService::MarkUnverifiable(const Actor& actor, int64_t id,
                                                               int64_t instrument_id,
                                                               const std::string& reason_in) {
  const std::string reason = domain::Trim(reason_in);
  if (auto ok = domain::CheckReason(reason, true, "请填写不具备检定条件的原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AppointmentDetail> {
    auto a = LoadAppointment(w.tx, actor, id, Op::kHandle);
    if (!a) return std::unexpected(a.error());
    if (a->status != AppointmentStatus::kAccepted && a->status != AppointmentStatus::kScheduled) {
      return Fail(ErrorKind::kFailedPrecondition, "appointment_not_accepted",
                  "预约尚未受理或已结束，不能标记不具备检定条件");
    }
    if (std::ranges::find(a->instrument_ids, instrument_id) == a->instrument_ids.end())
      return InvalidField("instrument_id", "instrument_not_in_appointment", "该器具不在此预约中");
    if (std::ranges::any_of(a->unverifiable,
                            [&](const auto& m) { return m.instrument_id == instrument_id; }))
      return Fail(ErrorKind::kConflict, "already_unverifiable", "该器具已标记为不具备检定条件");
    if (store::FindOpenVerification(w.tx, id, instrument_id) ||
        store::HasApprovedVerification(w.tx, id, instrument_id)) {
      return Fail(ErrorKind::kConflict, "verification_exists",
                  "该器具在本预约中已有检定记录，不能再标记不具备检定条件");
    }
    auto instrument = store::FindInstrument(w.tx, instrument_id);
    if (!instrument) return NotFound("器具");
    store::RectificationRow order;
    order.org_id = a->org_id;
    order.region_code = instrument->data.install_region_code;
    order.institute_org_id = a->institute_org_id;
    order.instrument_id = instrument_id;
    order.source = domain::RectificationSource::kUnverifiable;
    order.source_id = a->id;
    order.source_name = "预约（编号 " + std::to_string(a->id) + "）现场不具备检定条件";
    order.items = {reason, "整改完成后在平台提交整改情况，经辖区市场监管局验收后可重新预约检定"};
    order.deadline = domain::AddDays(w.Today(), domain::kRectificationDays);
    auto order_id = supervision::OpenRectification(w, order);
    if (!order_id) return Internal("rectification for appointment " + std::to_string(id));
    domain::UnverifiableMark mark{instrument_id, reason, *order_id, w.now};
    if (!store::InsertUnverifiable(w.tx, id, mark, actor.user_id))
      return Fail(ErrorKind::kConflict, "already_unverifiable", "该器具已标记为不具备检定条件");
    const std::string status(domain::ToString(a->status));
    Record(
        w,
        Transition{
            {Kind::kAppointment, std::to_string(id)},
            "mark_unverifiable",
            status,
            status,
            reason,
            InstrumentName(*instrument) + "不具备检定条件，整改通知编号 " +
                std::to_string(*order_id),
            {{{Kind::kInstrument, std::to_string(instrument_id)}, "unverifiable", "", "", reason}},
            {}});
    if (auto done = verification::CompleteIfDone(w, id); !done)
      return std::unexpected(done.error());
    return Reloaded(w, id);
  });
}

Result<AppointmentDetail> AppointmentService::Reject(const Actor& actor, int64_t id,
                                                     const std::string& reason) {
  if (auto ok = domain::CheckReason(reason, true, "请填写拒绝原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AppointmentDetail> {
    auto a = LoadAppointment(w.tx, actor, id, Op::kHandle);
    if (!a) return std::unexpected(a.error());
    if (auto ok =
            Move(w, *a, AppointmentAction::kReject, reason, [&](auto& row) { row.reason = reason; },
                 {{ToOrg{a->org_id},
                   {"appointment_rejected", "预约未被受理",
                    "您的" + Ref(*a) + "未被" + a->institute_name + "受理，原因：" + reason}}});
        !ok)
      return std::unexpected(ok.error());
    return Reloaded(w, id);
  });
}

Result<AppointmentDetail> AppointmentService::Schedule(const Actor& actor, int64_t id,
                                                       const std::string& date,
                                                       const std::vector<int64_t>& verifiers) {
  if (!domain::IsIsoDate(date))
    return InvalidField("date", "date_invalid", "检定日期应为 YYYY-MM-DD 格式的日期");
  if (date < ctx_.clock.Today())
    return InvalidField("date", "date_in_past", "检定日期不能早于今天");
  if (verifiers.empty())
    return InvalidField("verifier_user_ids", "verifiers_required", "请至少安排一名检定员");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AppointmentDetail> {
    auto a = LoadAppointment(w.tx, actor, id, Op::kHandle);
    if (!a) return std::unexpected(a.error());
    if (auto next = domain::NextStatus(a->status, AppointmentAction::kSchedule); !next)
      return std::unexpected(next.error());
    std::string names;
    for (int64_t uid : verifiers) {
      auto u = store::FindUser(w.tx, uid);
      if (!u || u->org_id != a->institute_org_id || u->status != domain::AccountStatus::kActive ||
          std::ranges::find(u->duties, domain::Duty::kVerifier) == u->duties.end()) {
        return InvalidField("verifier_user_ids", "verifier_invalid",
                            "所选人员不是本机构的在岗检定员");
      }
      names += (names.empty() ? "" : "、") + u->display_name;
    }
    std::string where =
        a->mode == domain::AppointmentMode::kOnSite ? "检定人员将上门检定" : "请按时送检";
    if (auto ok = Move(w, *a, AppointmentAction::kSchedule, date + " " + names,
                       [&](auto& row) {
                         row.scheduled_date = date;
                         row.verifier_user_ids = verifiers;
                       },
                       {{ToOrg{a->org_id},
                         {"appointment_scheduled", "检定已安排",
                          "您的" + Ref(*a) + "已安排在" + date + "检定（检定员：" + names + "），" +
                              where + "。"}}});
        !ok)
      return std::unexpected(ok.error());
    return Reloaded(w, id);
  });
}

}  // namespace mvis::services
