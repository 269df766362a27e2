#include "services/verification/appointment_service.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "domain/appointment.hpp"
#include "domain/instrument.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "services/verification/institute_service.hpp"
#include "store/institutes_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

using domain::AppointmentAction;
using domain::AppointmentStatus;

namespace {

constexpr size_t kMaxInstruments = 1000;

std::string OrgNameOf(store::Tx& tx, const Actor& actor) {
  if (!actor.org_id) return "";
  auto org = store::FindOrg(tx, *actor.org_id);
  return org ? org->name : "";
}

bool IsReasonBlank(const std::string& s) { return domain::Trim(s).empty(); }

Status CheckInput(const AppointmentInput& in) {
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
  else if (in.preferred_date < domain::TodayChina())
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

// The instruments must be the enterprise's own approved, mandatory filings, of types the
// institute verifies; on submission none may be held by another open appointment.
Status CheckInstruments(store::Tx& tx, const Actor& actor, const AppointmentInput& in,
                        int64_t appointment_id, bool submitting) {
  auto profile = store::FindInstituteProfile(tx, in.institute_org_id);
  if (!profile) return InvalidField("institute_org_id", "institute_unknown", "所选检定机构不存在");
  std::set<int64_t> seen;
  for (int64_t id : in.instrument_ids) {
    if (!seen.insert(id).second)
      return InvalidField("instrument_ids", "instrument_repeated", "同一台器具不能重复选择");
    auto row = store::FindInstrument(tx, id);
    if (!row || row->org_id != actor.org_id) {
      return Fail(ErrorKind::kNotFound, "not_found",
                  "器具（编号 " + std::to_string(id) + "）不存在或无权访问");
    }
    std::string who = "器具“" + row->data.name + "”（出厂编号 " + row->data.serial_no + "）";
    if (row->status != "approved" || !row->mandatory) {
      return Fail(ErrorKind::kFailedPrecondition, "instrument_not_filed",
                  who + "尚未备案，只能预约已备案的强制检定器具");
    }
    if (std::ranges::find(profile->type_codes, row->data.type_code) == profile->type_codes.end()) {
      return Fail(ErrorKind::kFailedPrecondition, "institute_not_capable",
                  profile->name + "不能检定" + row->type_name + "，请选择其他检定机构");
    }
  }
  if (submitting) {
    auto held = store::InstrumentsInOpenAppointments(tx, in.instrument_ids, appointment_id);
    if (!held.empty()) {
      auto row = store::FindInstrument(tx, held.front());
      return Fail(ErrorKind::kConflict, "instrument_already_booked",
                  "器具“" + row->data.name + "”（出厂编号 " + row->data.serial_no +
                      "）已在其他进行中的预约中");
    }
  }
  return {};
}

Result<store::AppointmentRow> LoadOwn(store::Tx& tx, const Actor& actor, int64_t id) {
  auto a = LoadVisibleAppointment(tx, actor, id);
  if (!a) return a;
  if (!actor.Is(domain::Role::kEnterprise)) return Forbidden();
  return a;
}

Result<store::AppointmentRow> LoadForInstitute(store::Tx& tx, const Actor& actor, int64_t id) {
  auto a = LoadVisibleAppointment(tx, actor, id);
  if (!a) return a;
  if (!actor.Is(domain::Role::kInstitute)) return Forbidden();
  return a;
}

AppointmentInput InputOf(const store::AppointmentRow& a) {
  return {a.mode,         a.institute_org_id, a.instrument_ids, a.preferred_date,
          a.contact_name, a.contact_phone,    a.notes};
}

Result<AppointmentStatus> Transition(const store::AppointmentRow& a, AppointmentAction action) {
  return domain::NextStatus(*domain::ParseAppointmentStatus(a.status), action);
}

// Moves `a` by `action`: checks the transition, applies `change`, writes the row and records
// the timeline event (with `reason`) and the audit row. Returns the status it came from.
Result<std::string> Move(store::Tx& tx, const Actor& actor, store::AppointmentRow& a,
                         AppointmentAction action, const std::string& reason,
                         const std::function<void(store::AppointmentRow&)>& change = {}) {
  auto next = Transition(a, action);
  if (!next) return std::unexpected(next.error());
  std::string from = a.status;
  a.status = std::string(domain::ToString(*next));
  a.updated_at = domain::NowSeconds();
  if (change) change(a);
  store::UpdateAppointment(tx, a);
  RecordAppointmentEvent(tx, actor, a, std::string(domain::ToString(action)), from, reason);
  return from;
}

std::string Ref(const store::AppointmentRow& a) {
  return "预约（编号 " + std::to_string(a.id) + "，" +
         std::string(domain::DisplayName(*domain::ParseAppointmentMode(a.mode))) + "，" +
         std::to_string(a.instrument_ids.size()) + "台器具）";
}

AppointmentDetail Detail(store::Tx& tx, store::AppointmentRow a) {
  AppointmentDetail d;
  for (int64_t id : a.instrument_ids)
    if (auto row = store::FindInstrument(tx, id)) d.instruments.push_back(std::move(*row));
  d.events = store::ListAppointmentEvents(tx, a.id);
  for (int64_t uid : a.verifier_user_ids)
    if (auto u = store::FindUser(tx, uid)) d.verifiers.push_back(std::move(*u));
  if (auto p = store::FindInstituteProfile(tx, a.institute_org_id)) {
    d.institute_contact_name = p->contact_name;
    d.institute_contact_phone = p->contact_phone;
  }
  d.appointment = std::move(a);
  return d;
}

}  // namespace

Result<store::AppointmentRow> LoadVisibleAppointment(store::Tx& tx, const Actor& actor,
                                                     int64_t id) {
  auto a = store::FindAppointment(tx, id);
  if (!a) return NotFound("预约");
  bool visible = false;
  switch (actor.role) {
    case domain::Role::kEnterprise:
      visible = actor.org_id == a->org_id;
      break;
    case domain::Role::kInstitute:
      visible = actor.org_id == a->institute_org_id && a->status != "draft";
      break;
    case domain::Role::kDistrictRegulator:
    case domain::Role::kCityRegulator:
      if (a->status == "draft") break;
      for (int64_t iid : a->instrument_ids) {
        auto row = store::FindInstrument(tx, iid);
        if (row && actor.CoversRegion(row->data.install_region_code)) visible = true;
      }
      break;
    default:
      break;
  }
  if (!visible) return NotFound("预约");
  return *a;
}

void RecordAppointmentEvent(store::Tx& tx, const Actor& actor, const store::AppointmentRow& a,
                            const std::string& action, const std::string& from,
                            const std::string& reason) {
  store::AppointmentEvent e;
  e.appointment_id = a.id;
  e.at = domain::NowSeconds();
  if (actor.user_id) e.user_id = actor.user_id;
  e.username = actor.username;
  e.org_name = OrgNameOf(tx, actor);
  e.action = action;
  e.from_status = from;
  e.to_status = a.status;
  e.reason = reason;
  store::InsertAppointmentEvent(tx, e);
  Audit(tx, actor,
        {"appointment." + action, "appointment", std::to_string(a.id),
         from + " -> " + a.status + (reason.empty() ? "" : "; reason: " + reason)});
}

void CompleteIfDone(store::Tx& tx, const Actor& actor, int64_t appointment_id) {
  auto a = store::FindAppointment(tx, appointment_id);
  if (!a || a->verified_count < static_cast<int64_t>(a->instrument_ids.size())) return;
  if (!Move(tx, actor, *a, AppointmentAction::kComplete, "")) return;
  NotifyOrg(tx, a->org_id,
            {"appointment_completed", "预约检定已完成",
             "您的" + Ref(*a) + "已全部检定完毕，检定结果可在平台查看。"});
}

Result<AppointmentDetail> AppointmentService::Create(const Actor& actor, const AppointmentInput& in,
                                                     bool submit) {
  if (!actor.Is(domain::Role::kEnterprise) || !actor.org_id)
    return Fail(ErrorKind::kPermissionDenied, "permission_denied", "只有企业用户可以预约检定");
  if (auto ok = CheckInput(in); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<AppointmentDetail> {
    if (auto ok = CheckInstruments(tx, actor, in, 0, submit); !ok)
      return std::unexpected(ok.error());
    const int64_t now = domain::NowSeconds();
    store::AppointmentRow a;
    a.org_id = *actor.org_id;
    a.institute_org_id = in.institute_org_id;
    a.mode = in.mode;
    a.status = "draft";
    a.preferred_date = in.preferred_date;
    a.contact_name = domain::Trim(in.contact_name);
    a.contact_phone = in.contact_phone;
    a.notes = in.notes;
    a.instrument_ids = in.instrument_ids;
    a.created_by = actor.user_id;
    a.created_at = a.updated_at = now;
    a.id = store::InsertAppointment(tx, a);
    RecordAppointmentEvent(tx, actor, a, "edit", "", "");
    if (submit) {
      a.status = "submitted";
      a.submitted_at = now;
      store::UpdateAppointment(tx, a);
      RecordAppointmentEvent(tx, actor, a, "submit", "draft", "");
      NotifyOrg(tx, a.institute_org_id,
                {"appointment_submitted", "新的预约检定申请",
                 OrgNameOf(tx, actor) + "提交了" + Ref(a) + "，请及时受理。"});
    }
    return Detail(tx, *store::FindAppointment(tx, a.id));
  });
}

Result<AppointmentDetail> AppointmentService::Update(const Actor& actor, int64_t id,
                                                     const AppointmentInput& in) {
  if (auto ok = CheckInput(in); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<AppointmentDetail> {
    auto a = LoadOwn(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    if (auto next = Transition(*a, AppointmentAction::kEdit); !next)
      return std::unexpected(next.error());
    if (auto ok = CheckInstruments(tx, actor, in, id, false); !ok)
      return std::unexpected(ok.error());
    a->institute_org_id = in.institute_org_id;
    a->mode = in.mode;
    a->preferred_date = in.preferred_date;
    a->contact_name = domain::Trim(in.contact_name);
    a->contact_phone = in.contact_phone;
    a->notes = in.notes;
    a->instrument_ids = in.instrument_ids;
    a->updated_at = domain::NowSeconds();
    store::UpdateAppointment(tx, *a);
    RecordAppointmentEvent(tx, actor, *a, "edit", "draft", "");
    return Detail(tx, *store::FindAppointment(tx, id));
  });
}

Result<AppointmentDetail> AppointmentService::Submit(const Actor& actor, int64_t id) {
  return db_.Write([&](store::Tx& tx) -> Result<AppointmentDetail> {
    auto a = LoadOwn(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    if (auto next = Transition(*a, AppointmentAction::kSubmit); !next)
      return std::unexpected(next.error());
    if (auto ok = CheckInput(InputOf(*a)); !ok) return std::unexpected(ok.error());
    if (auto ok = CheckInstruments(tx, actor, InputOf(*a), id, true); !ok)
      return std::unexpected(ok.error());
    auto moved = Move(tx, actor, *a, AppointmentAction::kSubmit, "",
                      [](auto& row) { row.submitted_at = row.updated_at; });
    if (!moved) return std::unexpected(moved.error());
    NotifyOrg(tx, a->institute_org_id,
              {"appointment_submitted", "新的预约检定申请",
               OrgNameOf(tx, actor) + "提交了" + Ref(*a) + "，请及时受理。"});
    return Detail(tx, *store::FindAppointment(tx, id));
  });
}

Result<AppointmentDetail> AppointmentService::Cancel(const Actor& actor, int64_t id,
                                                     const std::string& reason) {
  if (domain::CodePoints(reason) > 500)
    return InvalidField("reason", "reason_too_long", "原因不能超过500字");
  return db_.Write([&](store::Tx& tx) -> Result<AppointmentDetail> {
    auto a = LoadOwn(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    auto from = Move(tx, actor, *a, AppointmentAction::kCancel, reason,
                     [&](auto& row) { row.reason = reason; });
    if (!from) return std::unexpected(from.error());
    if (*from == "submitted") {
      NotifyOrg(tx, a->institute_org_id,
                {"appointment_cancelled", "预约已取消",
                 OrgNameOf(tx, actor) + "取消了" + Ref(*a) + "。"});
    }
    return Detail(tx, *store::FindAppointment(tx, id));
  });
}

Result<AppointmentDetail> AppointmentService::Accept(const Actor& actor, int64_t id) {
  return db_.Write([&](store::Tx& tx) -> Result<AppointmentDetail> {
    auto a = LoadForInstitute(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    auto moved = Move(tx, actor, *a, AppointmentAction::kAccept, "",
                      [](auto& row) { row.accepted_at = row.updated_at; });
    if (!moved) return std::unexpected(moved.error());
    auto profile = store::FindInstituteProfile(tx, a->institute_org_id);
    std::string contact =
        profile ? "联系人：" + profile->contact_name + "，电话：" + profile->contact_phone : "";
    Notice notice{"appointment_accepted", "预约已受理",
                  "您的" + Ref(*a) + "已由" + a->institute_name + "受理。" + contact + "。"};
    NotifyOrg(tx, a->org_id, notice);
    auto org = store::FindOrg(tx, a->org_id);
    if (org && org->contact_phone != a->contact_phone) QueueSms(tx, a->contact_phone, notice);
    return Detail(tx, *store::FindAppointment(tx, id));
  });
}

Result<AppointmentDetail> AppointmentService::Reject(const Actor& actor, int64_t id,
                                                     const std::string& reason) {
  if (IsReasonBlank(reason)) return InvalidField("reason", "reason_required", "请填写拒绝原因");
  if (domain::CodePoints(reason) > 500)
    return InvalidField("reason", "reason_too_long", "原因不能超过500字");
  return db_.Write([&](store::Tx& tx) -> Result<AppointmentDetail> {
    auto a = LoadForInstitute(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    auto moved = Move(tx, actor, *a, AppointmentAction::kReject, reason,
                      [&](auto& row) { row.reason = reason; });
    if (!moved) return std::unexpected(moved.error());
    NotifyOrg(tx, a->org_id,
              {"appointment_rejected", "预约未被受理",
               "您的" + Ref(*a) + "未被" + a->institute_name + "受理，原因：" + reason});
    return Detail(tx, *store::FindAppointment(tx, id));
  });
}

Result<AppointmentDetail> AppointmentService::Schedule(const Actor& actor, int64_t id,
                                                       const std::string& date,
                                                       const std::vector<int64_t>& verifiers) {
  if (!domain::IsIsoDate(date))
    return InvalidField("date", "date_invalid", "检定日期应为 YYYY-MM-DD 格式的日期");
  if (date < domain::TodayChina())
    return InvalidField("date", "date_in_past", "检定日期不能早于今天");
  if (verifiers.empty())
    return InvalidField("verifier_user_ids", "verifiers_required", "请至少安排一名检定员");
  return db_.Write([&](store::Tx& tx) -> Result<AppointmentDetail> {
    auto a = LoadForInstitute(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    if (auto next = Transition(*a, AppointmentAction::kSchedule); !next)
      return std::unexpected(next.error());
    std::string names;
    for (int64_t uid : verifiers) {
      auto u = store::FindUser(tx, uid);
      auto duties = u ? domain::ParseDuties(u->duties) : std::nullopt;
      if (!u || u->org_id != a->institute_org_id || u->status != "active" || !duties ||
          std::ranges::find(*duties, domain::Duty::kVerifier) == duties->end()) {
        return InvalidField("verifier_user_ids", "verifier_invalid",
                            "所选人员不是本机构的在岗检定员");
      }
      names += (names.empty() ? "" : "、") + u->display_name;
    }
    auto moved =
        Move(tx, actor, *a, AppointmentAction::kSchedule, date + " " + names, [&](auto& row) {
          row.scheduled_date = date;
          row.verifier_user_ids = verifiers;
        });
    if (!moved) return std::unexpected(moved.error());
    std::string where = a->mode == "on_site" ? "检定人员将上门检定" : "请按时送检";
    NotifyOrg(
        tx, a->org_id,
        {"appointment_scheduled", "检定已安排",
         "您的" + Ref(*a) + "已安排在" + date + "检定（检定员：" + names + "），" + where + "。"});
    return Detail(tx, *store::FindAppointment(tx, id));
  });
}

Result<AppointmentDetail> AppointmentService::Get(const Actor& actor, int64_t id) {
  return db_.Read([&](store::Tx& tx) -> Result<AppointmentDetail> {
    auto a = LoadVisibleAppointment(tx, actor, id);
    if (!a) return std::unexpected(a.error());
    auto d = Detail(tx, *a);
    if (actor.Is(domain::Role::kDistrictRegulator) || actor.Is(domain::Role::kCityRegulator)) {
      std::erase_if(d.instruments, [&](const store::InstrumentRow& i) {
        return !actor.CoversRegion(i.data.install_region_code);
      });
    }
    return d;
  });
}

namespace {

Result<store::AppointmentFilter> Scoped(const Actor& actor) {
  store::AppointmentFilter f;
  switch (actor.role) {
    case domain::Role::kEnterprise:
      f.org_id = actor.org_id.value_or(-1);
      break;
    case domain::Role::kInstitute:
      f.institute_org_id = actor.org_id.value_or(-1);
      f.exclude_drafts = true;
      break;
    case domain::Role::kDistrictRegulator:
    case domain::Role::kCityRegulator:
      f.region_codes = actor.region_codes;
      f.exclude_drafts = true;
      break;
    default:
      return Forbidden();
  }
  return f;
}

}  // namespace

Result<store::Page<AppointmentDetail>> AppointmentService::List(const Actor& actor,
                                                                const AppointmentQuery& q,
                                                                const store::PageRequest& page) {
  auto f = Scoped(actor);
  if (!f) return std::unexpected(f.error());
  if (!q.status.empty() && !domain::ParseAppointmentStatus(q.status))
    return InvalidField("status", "status_invalid", "预约状态无效");
  f->status = q.status;
  f->mode = q.mode;
  f->query = q.query;
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<AppointmentDetail>> {
    auto rows = store::ListAppointments(tx, *f, page);
    store::Page<AppointmentDetail> out;
    out.total = rows.total;
    for (auto& a : rows.items) {
      AppointmentDetail d;
      d.appointment = std::move(a);
      out.items.push_back(std::move(d));
    }
    return out;
  });
}

Result<int64_t> AppointmentService::OpenCount(const Actor& actor) {
  auto f = Scoped(actor);
  if (!f) return std::unexpected(f.error());
  return db_.Read([&](store::Tx& tx) -> Result<int64_t> {
    if (actor.Is(domain::Role::kInstitute)) {
      f->status = "submitted";
      return store::CountAppointments(tx, *f);
    }
    int64_t n = 0;
    for (const char* s : {"submitted", "accepted", "scheduled"}) {
      f->status = s;
      n += store::CountAppointments(tx, *f);
    }
    return n;
  });
}

}  // namespace mvis::services
