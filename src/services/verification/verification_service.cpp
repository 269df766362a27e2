#include "services/verification/verification_service.hpp"

#include <algorithm>
#include <set>

#include "domain/access_resources.hpp"
#include "domain/appointment.hpp"
#include "domain/calendar.hpp"
#include "domain/instrument.hpp"
#include "domain/reason.hpp"
#include "domain/sign_off.hpp"
#include "domain/text.hpp"
#include "services/core/reauth.hpp"
#include "services/core/workflow.hpp"
#include "services/supervision/rectification_service.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/detail_views.hpp"
#include "store/appointments_store.hpp"
#include "store/institutes_store.hpp"
#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"
#include "store/verifications_store.hpp"

namespace mvis::services {

using Json = nlohmann::json;

using domain::RecordStatus;
using domain::access::Kind;
using domain::access::Op;

namespace verification {

Result<domain::VerificationRecord> LoadRecord(store::Tx& tx, const Actor& actor, int64_t id,
                                              Op op) {
  auto v = store::FindVerification(tx, id);
  if (!v) return NotFound("检定记录");
  if (auto ok =
          domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*v), op, "检定记录");
      !ok)
    return std::unexpected(ok.error());
  return *v;
}

}  // namespace verification

namespace {

using verification::LoadRecord;

// Records are entered and edited by the institute's verifiers (检定员): the policy's kCreate /
// kEdit on records need the verifier duty.
Status RequireVerifier(const Actor& actor, Op op) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kVerificationRecord, op); !ok)
    return ok;
  if (!actor.org_id) return Forbidden();
  return {};
}

Status CheckInput(const VerificationInput& in, const std::string& today) {
  std::vector<FieldError> errors;
  if (!domain::ParseVerificationKind(in.kind))
    errors.push_back({"kind", "kind_invalid", "检定类别应为首次检定、后续检定或使用中检查"});
  if (!domain::IsIsoDate(in.verified_on))
    errors.push_back({"verified_on", "date_invalid", "检定日期应为 YYYY-MM-DD 格式的日期"});
  else if (in.verified_on > today)
    errors.push_back({"verified_on", "date_in_future", "检定日期不能晚于今天"});
  if (in.standard_ids.empty())
    errors.push_back({"standard_ids", "standards_required", "请选择使用的计量标准器"});
  if (!in.temperature_c || *in.temperature_c < -20 || *in.temperature_c > 60)
    errors.push_back({"temperature_c", "temperature_invalid", "环境温度应在 -20 ℃ 至 60 ℃ 之间"});
  if (!in.humidity_pct || *in.humidity_pct < 0 || *in.humidity_pct > 100)
    errors.push_back({"humidity_pct", "humidity_invalid", "相对湿度应在 0 至 100 %RH 之间"});
  if (!in.insulation_mohm || *in.insulation_mohm < 0)
    errors.push_back({"insulation_mohm", "insulation_required", "请录入绝缘电阻（MΩ）"});
  if (in.load_points.size() > 20)
    errors.push_back({"load_points", "load_points_too_many", "负载点不能超过20个"});
  for (const auto& c : in.checklist) {
    if (domain::CodePoints(c.note) > 200)
      errors.push_back({"checklist", "field_too_long", "检查项备注不能超过200个字符"});
  }
  if (errors.empty()) return {};
  Error e{ErrorKind::kInvalidArgument, "validation_failed", errors.front().message, {}, errors};
  if (errors.size() == 1) e.field = errors.front().field;
  return std::unexpected(e);
}

Json StandardJson(const domain::Standard& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"model", s.model},
          {"serial_no", s.serial_no},
          {"certificate_no", s.certificate_no},
          {"valid_until", s.valid_until},
          {"accuracy", s.accuracy}};
}

// Validates the input against the appointment, instrument, standards and rules, and computes
// the record's data, conclusion and failed items.
Status Compose(store::Tx& tx, const Actor& actor, const VerificationInput& in,
               domain::VerificationRecord& v) {
  auto appointment = verification::LoadAppointment(tx, actor, in.appointment_id, Op::kHandle);
  if (!appointment) return std::unexpected(appointment.error());
  if (appointment->status != domain::AppointmentStatus::kAccepted &&
      appointment->status != domain::AppointmentStatus::kScheduled) {
    return Fail(ErrorKind::kFailedPrecondition, "appointment_not_accepted",
                "预约尚未受理或已结束，不能录入检定记录");
  }
  if (std::ranges::find(appointment->instrument_ids, in.instrument_id) ==
      appointment->instrument_ids.end()) {
    return InvalidField("instrument_id", "instrument_not_in_appointment", "该器具不在此预约中");
  }
  auto instrument = store::FindInstrument(tx, in.instrument_id);
  if (!instrument) return NotFound("器具");
  auto type = store::FindInstrumentType(tx, instrument->data.type_code);
  if (!type) return NotFound("器具类型");

  Json standards = Json::array();
  std::set<int64_t> seen;
  for (int64_t sid : in.standard_ids) {
    if (!seen.insert(sid).second) continue;
    auto s = store::FindStandard(tx, sid);
    if (!s) return NotFound("标准器");
    if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*s), Op::kRead,
                                        "标准器");
        !ok)
      return std::unexpected(ok.error());
    if (!s->active)
      return InvalidField("standard_ids", "standard_inactive", "标准器“" + s->name + "”已停用");
    if (s->valid_until < in.verified_on) {
      return InvalidField(
          "standard_ids", "standard_expired",
          "标准器“" + s->name + "”的证书已于 " + s->valid_until + " 过期，不能用于检定");
    }
    standards.push_back(StandardJson(*s));
  }

  auto kind = domain::ParseVerificationKind(in.kind);
  if (!kind)
    return InvalidField("kind", "kind_invalid", "检定类别应为首次检定、后续检定或使用中检查");
  if (appointment->sampling_plan_id && *kind != domain::VerificationKind::kInService)
    return InvalidField("kind", "kind_must_be_in_service", "抽样检定任务应按使用中检查录入");
  if (std::ranges::any_of(appointment->unverifiable,
                          [&](const auto& m) { return m.instrument_id == in.instrument_id; }))
    return Fail(ErrorKind::kFailedPrecondition, "instrument_unverifiable",
                "该器具已标记为不具备检定条件，不能录入检定记录");
  domain::Measurement m;
  m.regulation = type->regulation;
  m.kind = *kind;
  m.accuracy_class = instrument->data.accuracy_class;
  m.insulation_mohm = *in.insulation_mohm;
  m.checklist = in.checklist;
  m.load_points = in.load_points;
  m.clock_error_s = in.clock_error_s;
  m.tou_billing = instrument->data.charger && instrument->data.charger->tou_billing.value_or(false);
  auto items = store::CheckItems(tx, type->regulation);
  auto rules = store::LimitRules(tx, type->regulation);
  if (rules.empty()) {
    return Fail(ErrorKind::kFailedPrecondition, "regulation_rules_missing",
                "检定规程 " + type->regulation + " 尚未配置限值，不能录入检定记录");
  }
  auto a = domain::Assess(m, rules, items);
  if (!a) return std::unexpected(a.error());

  Json checklist = Json::array();
  for (const auto& item : items) {
    for (const auto& c : in.checklist) {
      if (c.item == item.item)
        checklist.push_back(
            {{"item", c.item}, {"name", item.name}, {"pass", c.pass}, {"note", c.note}});
    }
  }
  Json points = Json::array();
  for (size_t i = 0; i < in.load_points.size(); ++i) {
    const auto& p = in.load_points[i];
    const auto& r = a->load_points[i];
    points.push_back({{"current_a", p.current_a},
                      {"voltage_v", p.voltage_v},
                      {"standard_energy_kwh", p.standard_energy_kwh},
                      {"charger_energy_kwh", p.charger_energy_kwh},
                      {"error_pct", r.error_pct},
                      {"rounded_error_pct", r.rounded_error_pct},
                      {"limit_pct", r.limit_pct},
                      {"pass", r.pass}});
  }
  Json data = {{"standard_ids", in.standard_ids},
               {"standards", standards},
               {"temperature_c", *in.temperature_c},
               {"humidity_pct", *in.humidity_pct},
               {"insulation_mohm", *in.insulation_mohm},
               {"checklist", checklist},
               {"load_points", points},
               {"tou_billing", m.tou_billing},
               {"clock_error_s",
                m.tou_billing && in.clock_error_s ? Json(*in.clock_error_s) : Json(nullptr)},
               {"clock_rounded_s", a->clock_rounded_s ? Json(*a->clock_rounded_s) : Json(nullptr)},
               {"clock_limit_s", a->clock_limit_s ? Json(*a->clock_limit_s) : Json(nullptr)},
               {"clock_pass", a->clock_pass}};
  Json failed = Json::array();
  for (const auto& f : a->failed_items)
    failed.push_back({{"item", f.item}, {"name", f.name}, {"detail", f.detail}});

  v.institute_org_id = appointment->institute_org_id;
  v.appointment_id = in.appointment_id;
  v.instrument_id = in.instrument_id;
  v.kind = m.kind;
  v.regulation = type->regulation;
  v.accuracy_class = instrument->data.accuracy_class;
  v.verified_on = in.verified_on;
  v.data = data.dump();
  v.conclusion = a->pass ? domain::Conclusion::kPass : domain::Conclusion::kFail;
  v.failed_items = failed.dump();
  return {};
}

ObjectRef RefOf(const domain::VerificationRecord& v) {
  return {Kind::kVerificationRecord, std::to_string(v.id)};
}

// A step of the record's sign-off; `change` sets what the new state writes.
Status MoveRecord(Work& w, domain::VerificationRecord& v, std::string action,
                  Result<RecordStatus> next, std::string reason, std::string note,
                  const std::function<void(domain::VerificationRecord&)>& change,
                  std::vector<std::pair<Recipient, Notice>> notices = {}) {
  const RecordStatus from = v.status;
  auto moved = Advance(w, Step<RecordStatus>{RefOf(v),
                                             std::move(action),
                                             "检定记录",
                                             from,
                                             std::move(next),
                                             [&](RecordStatus to) {
                                               v.status = to;
                                               v.updated_at = w.now;
                                               change(v);
                                               return store::UpdateVerification(w.tx, v, from);
                                             },
                                             std::move(reason),
                                             std::move(note),
                                             {},
                                             std::move(notices)});
  if (!moved) return std::unexpected(moved.error());
  return {};
}

std::string ConclusionName(domain::Conclusion c) {
  return c == domain::Conclusion::kPass ? "合格" : "不合格";
}

// A failed unit of a 抽样检定 plan: besides the result notice and stop-use, a rectification order
// to the enterprise, decided by the district bureau where the charger is used.
Status OrderRectificationIfSampledFailure(Work& w, const domain::VerificationRecord& v) {
  if (v.conclusion != domain::Conclusion::kFail) return {};
  auto a = store::FindAppointment(w.tx, v.appointment_id);
  if (!a || !a->sampling_plan_id) return {};
  auto instrument = store::FindInstrument(w.tx, v.instrument_id);
  if (!instrument) return Internal("instrument " + std::to_string(v.instrument_id) + " vanished");
  store::RectificationRow order;
  order.org_id = instrument->org_id;
  order.region_code = instrument->data.install_region_code;
  order.institute_org_id = v.institute_org_id;
  order.instrument_id = v.instrument_id;
  order.source = domain::RectificationSource::kSamplingFailure;
  order.source_id = *a->sampling_plan_id;
  order.source_name = "抽样检定《" + a->sampling_plan_name + "》不合格";
  for (const auto& f : nlohmann::json::parse(v.failed_items))
    order.items.push_back("不合格项目：" + f.value("name", std::string()) +
                          (f.value("detail", std::string()).empty()
                               ? ""
                               : "（" + f.value("detail", std::string()) + "）"));
  order.items.push_back("立即停止该充电桩的贸易结算使用，维修调整后重新申请检定");
  order.deadline = domain::AddDays(w.Today(), domain::kRectificationDays);
  if (!supervision::OpenRectification(w, order))
    return Internal("rectification for verification " + std::to_string(v.id));
  return {};
}

Result<VerificationView> Reloaded(Work& w, int64_t id) {
  auto v = store::FindVerification(w.tx, id);
  if (!v) return Internal("verification " + std::to_string(id) + " vanished in its transaction");
  return verification::RecordViewOf(w.tx, std::move(*v), w.Today());
}

}  // namespace

Result<VerificationView> VerificationService::Create(const Actor& actor,
                                                     const VerificationInput& in) {
  if (auto ok = RequireVerifier(actor, Op::kCreate); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckInput(in, ctx_.clock.Today()); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<VerificationView> {
    domain::VerificationRecord v;
    if (auto ok = Compose(w.tx, actor, in, v); !ok) return std::unexpected(ok.error());
    if (auto open = store::FindOpenVerification(w.tx, in.appointment_id, in.instrument_id)) {
      return Fail(ErrorKind::kConflict, "verification_exists",
                  "该器具在本预约中已有未完成的检定记录（编号 " + std::to_string(*open) + "）");
    }
    v.status = RecordStatus::kDraft;
    v.created_by = actor.user_id;
    v.created_at = v.updated_at = w.now;
    v.id = store::InsertVerification(w.tx, v);
    Record(w, {RefOf(v), "create", "", std::string(domain::ToString(v.status)), "",
               "器具 #" + std::to_string(v.instrument_id) + "，结论" +
                   ConclusionName(v.conclusion) + "；"});
    return Reloaded(w, v.id);
  });
}

Result<VerificationView> VerificationService::Update(const Actor& actor, int64_t id,
                                                     const VerificationInput& in) {
  if (auto ok = RequireVerifier(actor, Op::kEdit); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckInput(in, ctx_.clock.Today()); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<VerificationView> {
    auto v = LoadRecord(w.tx, actor, id, Op::kEdit);
    if (!v) return std::unexpected(v.error());
    auto next = domain::EditRecord(v->status);
    if (!next) return std::unexpected(next.error());
    VerificationInput fixed = in;  // the record stays with its appointment and instrument
    fixed.appointment_id = v->appointment_id;
    fixed.instrument_id = v->instrument_id;
    domain::VerificationRecord composed = *v;
    if (auto ok = Compose(w.tx, actor, fixed, composed); !ok) return std::unexpected(ok.error());
    std::string note =
        "结论" + ConclusionName(v->conclusion) + " → " + ConclusionName(composed.conclusion) + "；";
    if (auto ok = MoveRecord(w, *v, "update", next, "", note,
                             [&](auto& row) {
                               row.kind = composed.kind;
                               row.verified_on = composed.verified_on;
                               row.data = composed.data;
                               row.conclusion = composed.conclusion;
                               row.failed_items = composed.failed_items;
                             });
        !ok)
      return std::unexpected(ok.error());
    return Reloaded(w, id);
  });
}

Result<VerificationView> VerificationService::Sign(const Actor& actor, int64_t id,
                                                   const std::string& duty_name,
                                                   const std::string& password) {
  auto duty = domain::ParseDuty(duty_name);
  if (!duty) return InvalidField("duty", "duty_invalid", "签名身份应为检定员、核验员或批准人");
  if (auto ok = Reauthenticate(ctx_, actor, password,
                               {"verification.sign", "verification", std::to_string(id)});
      !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<VerificationView> {
    auto v = LoadRecord(w.tx, actor, id, Op::kSign);
    if (!v) return std::unexpected(v.error());
    domain::Signatures sigs{v->verifier_user_id, v->checker_user_id, v->approver_user_id};
    auto next = domain::SignOff(v->status, *duty, actor.duties, actor.user_id, sigs);
    auto signed_ok = MoveRecord(w, *v, "sign", next, "",
                                std::string(domain::DisplayName(*duty)) + "签名（已验证密码）：",
                                [&](auto& row) {
                                  switch (*duty) {
                                    case domain::Duty::kVerifier:
                                      row.verifier_user_id = actor.user_id;
                                      row.verifier_signed_at = w.now;
                                      break;
                                    case domain::Duty::kChecker:
                                      row.checker_user_id = actor.user_id;
                                      row.checker_signed_at = w.now;
                                      break;
                                    case domain::Duty::kApprover:
                                      row.approver_user_id = actor.user_id;
                                      row.approver_signed_at = w.now;
                                      break;
                                  }
                                  row.last_reason.clear();
                                });
    if (!signed_ok) return std::unexpected(signed_ok.error());
    if (v->status == RecordStatus::kApproved) {
      auto approved = store::FindVerification(w.tx, id);
      if (!approved) return Internal("verification " + std::to_string(id) + " vanished");
      if (auto issued = certificates_.Issue(w, *approved); !issued)
        return std::unexpected(issued.error());
      if (auto ok = OrderRectificationIfSampledFailure(w, *approved); !ok)
        return std::unexpected(ok.error());
      if (auto done = verification::CompleteIfDone(w, v->appointment_id); !done)
        return std::unexpected(done.error());
    }
    return Reloaded(w, id);
  });
}

Result<VerificationView> VerificationService::SendBack(const Actor& actor, int64_t id,
                                                       const std::string& reason) {
  if (auto ok = domain::CheckReason(reason, true, "请填写退回原因"); !ok)
    return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<VerificationView> {
    auto v = LoadRecord(w.tx, actor, id, Op::kSign);
    if (!v) return std::unexpected(v.error());
    std::vector<std::pair<Recipient, Notice>> notices;
    if (v->verifier_user_id) {
      notices.push_back({ToInbox{*v->verifier_user_id},
                         {"verification_sent_back", "检定记录被退回",
                          "检定记录（编号 " + std::to_string(id) + "）被退回，原因：" + reason}});
    }
    if (auto ok = MoveRecord(
            w, *v, "send_back", domain::SendBack(v->status, actor.duties), reason, "",
            [&](auto& row) {
              row.verifier_user_id = row.verifier_signed_at = std::nullopt;
              row.checker_user_id = row.checker_signed_at = std::nullopt;
              row.approver_user_id = row.approver_signed_at = std::nullopt;
              row.last_reason = reason;
            },
            std::move(notices));
        !ok)
      return std::unexpected(ok.error());
    return Reloaded(w, id);
  });
}

}  // namespace mvis::services
