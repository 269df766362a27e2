#include "services/verification/verification_service.hpp"

#include <algorithm>
#include <set>

#include "domain/appointment.hpp"
#include "domain/instrument.hpp"
#include "domain/sign_off.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "services/verification/appointment_service.hpp"
#include "store/appointments_store.hpp"
#include "store/institutes_store.hpp"
#include "store/instruments_store.hpp"

namespace mvis::services {

using Json = nlohmann::json;

namespace {

bool IsInstituteUser(const Actor& actor) {
  return actor.Is(domain::Role::kInstitute) && actor.org_id.has_value();
}

// Records are entered and edited by the institute's verifiers (检定员).
Status RequireVerifier(const Actor& actor) {
  if (!IsInstituteUser(actor))
    return Fail(ErrorKind::kPermissionDenied, "permission_denied",
                "只有检定机构人员可以录入检定记录");
  if (std::ranges::find(actor.duties, domain::Duty::kVerifier) == actor.duties.end())
    return Fail(ErrorKind::kPermissionDenied, "duty_missing", "只有检定员可以录入或修改检定记录");
  return {};
}

Status CheckInput(const VerificationInput& in) {
  std::vector<FieldError> errors;
  if (!domain::ParseVerificationKind(in.kind))
    errors.push_back({"kind", "kind_invalid", "检定类别应为首次检定、后续检定或使用中检查"});
  if (!domain::IsIsoDate(in.verified_on))
    errors.push_back({"verified_on", "date_invalid", "检定日期应为 YYYY-MM-DD 格式的日期"});
  else if (in.verified_on > domain::TodayChina())
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

Json StandardJson(const store::StandardRow& s) {
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
               store::VerificationRow& v) {
  auto appointment = LoadVisibleAppointment(tx, actor, in.appointment_id);
  if (!appointment) return std::unexpected(appointment.error());
  if (appointment->status != "accepted" && appointment->status != "scheduled") {
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
    if (!s || s->org_id != *actor.org_id) return NotFound("标准器");
    if (!s->active)
      return InvalidField("standard_ids", "standard_inactive", "标准器“" + s->name + "”已停用");
    if (s->valid_until < in.verified_on) {
      return InvalidField(
          "standard_ids", "standard_expired",
          "标准器“" + s->name + "”的证书已于 " + s->valid_until + " 过期，不能用于检定");
    }
    standards.push_back(StandardJson(*s));
  }

  domain::Measurement m;
  m.regulation = type->regulation;
  m.kind = *domain::ParseVerificationKind(in.kind);
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

  v.institute_org_id = *actor.org_id;
  v.appointment_id = in.appointment_id;
  v.instrument_id = in.instrument_id;
  v.kind = in.kind;
  v.regulation = type->regulation;
  v.accuracy_class = instrument->data.accuracy_class;
  v.verified_on = in.verified_on;
  v.data = data.dump();
  v.conclusion = a->pass ? "pass" : "fail";
  v.failed_items = failed.dump();
  return {};
}

Result<store::VerificationRow> LoadOwn(store::Tx& tx, const Actor& actor, int64_t id) {
  auto v = store::FindVerification(tx, id);
  if (!v || !IsInstituteUser(actor) || v->institute_org_id != *actor.org_id)
    return NotFound("检定记录");
  return *v;
}

bool CanSee(const Actor& actor, const store::VerificationRow& v) {
  switch (actor.role) {
    case domain::Role::kInstitute:
      return actor.org_id == v.institute_org_id;
    case domain::Role::kEnterprise:
      return actor.org_id == v.org_id && v.status == "approved";
    case domain::Role::kDistrictRegulator:
    case domain::Role::kCityRegulator:
      return v.status == "approved" && actor.CoversRegion(v.install_region_code);
    default:
      return false;
  }
}

std::vector<std::string> StatusesAwaiting(const std::vector<domain::Duty>& duties) {
  std::vector<std::string> out;
  for (auto d : duties) {
    if (d == domain::Duty::kVerifier) out.push_back("draft");
    if (d == domain::Duty::kChecker) out.push_back("awaiting_check");
    if (d == domain::Duty::kApprover) out.push_back("awaiting_approval");
  }
  return out;
}

// The view of record `v` with its document (once approved) and the document's live status.
VerificationView ViewOf(store::Tx& tx, store::VerificationRow v) {
  VerificationView view{std::move(v), std::nullopt, ""};
  if (view.record.status == "approved") {
    view.certificate = store::FindCertificateOfVerification(tx, view.record.id);
    if (view.certificate) {
      if (auto latest = store::FindCertificate(tx, view.certificate->number)) {
        view.certificate = *latest;
        view.certificate_live_status =
            CertificateService::LiveStatus(tx, *latest, domain::TodayChina());
      }
    }
  }
  return view;
}

}  // namespace

Result<VerificationView> VerificationService::Create(const Actor& actor,
                                                     const VerificationInput& in) {
  if (auto ok = RequireVerifier(actor); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckInput(in); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<VerificationView> {
    store::VerificationRow v;
    if (auto ok = Compose(tx, actor, in, v); !ok) return std::unexpected(ok.error());
    if (auto open = store::FindOpenVerification(tx, in.appointment_id, in.instrument_id)) {
      return Fail(ErrorKind::kConflict, "verification_exists",
                  "该器具在本预约中已有未完成的检定记录（编号 " + std::to_string(*open) + "）");
    }
    const int64_t now = domain::NowSeconds();
    v.status = "draft";
    v.created_by = actor.user_id;
    v.created_at = v.updated_at = now;
    v.id = store::InsertVerification(tx, v);
    Audit(tx, actor,
          {"verification.create", "verification", std::to_string(v.id),
           "instrument " + std::to_string(v.instrument_id) + "; conclusion " + v.conclusion});
    return ViewOf(tx, *store::FindVerification(tx, v.id));
  });
}

Result<VerificationView> VerificationService::Update(const Actor& actor, int64_t id,
                                                     const VerificationInput& in) {
  if (auto ok = RequireVerifier(actor); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckInput(in); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<VerificationView> {
    auto v = LoadOwn(tx, actor, id);
    if (!v) return std::unexpected(v.error());
    if (v->status != "draft") {
      return Fail(ErrorKind::kFailedPrecondition, "verification_signed",
                  "检定记录已签名，不能修改；如需修改请由核验员或批准人退回");
    }
    VerificationInput fixed = in;  // the record stays with its appointment and instrument
    fixed.appointment_id = v->appointment_id;
    fixed.instrument_id = v->instrument_id;
    std::string before = v->conclusion;
    if (auto ok = Compose(tx, actor, fixed, *v); !ok) return std::unexpected(ok.error());
    v->updated_at = domain::NowSeconds();
    store::UpdateVerification(tx, *v);
    Audit(tx, actor,
          {"verification.update", "verification", std::to_string(id),
           "conclusion " + before + " -> " + v->conclusion});
    return ViewOf(tx, *store::FindVerification(tx, id));
  });
}

Result<VerificationView> VerificationService::Sign(const Actor& actor, int64_t id,
                                                   const std::string& duty_name) {
  auto duty = domain::ParseDuty(duty_name);
  if (!duty) return InvalidField("duty", "duty_invalid", "签名身份应为检定员、核验员或批准人");
  return db_.Write([&](store::Tx& tx) -> Result<VerificationView> {
    auto v = LoadOwn(tx, actor, id);
    if (!v) return std::unexpected(v.error());
    auto status = *domain::ParseRecordStatus(v->status);
    domain::Signatures sigs{v->verifier_user_id, v->checker_user_id, v->approver_user_id};
    auto next = domain::SignOff(status, *duty, actor.duties, actor.user_id, sigs);
    if (!next) return std::unexpected(next.error());
    const int64_t now = domain::NowSeconds();
    switch (*duty) {
      case domain::Duty::kVerifier:
        v->verifier_user_id = actor.user_id;
        v->verifier_signed_at = now;
        break;
      case domain::Duty::kChecker:
        v->checker_user_id = actor.user_id;
        v->checker_signed_at = now;
        break;
      case domain::Duty::kApprover:
        v->approver_user_id = actor.user_id;
        v->approver_signed_at = now;
        break;
    }
    std::string from = v->status;
    v->status = std::string(domain::ToString(*next));
    v->last_reason.clear();
    v->updated_at = now;
    store::UpdateVerification(tx, *v);
    Audit(tx, actor,
          {"verification.sign", "verification", std::to_string(id),
           duty_name + ": " + from + " -> " + v->status});
    if (*next == domain::RecordStatus::kApproved) {
      auto issued = certificates_.Issue(tx, actor, *store::FindVerification(tx, id));
      if (!issued) return std::unexpected(issued.error());
      CompleteIfDone(tx, actor, v->appointment_id);
    }
    return ViewOf(tx, *store::FindVerification(tx, id));
  });
}

Result<VerificationView> VerificationService::SendBack(const Actor& actor, int64_t id,
                                                       const std::string& reason) {
  if (domain::Trim(reason).empty())
    return InvalidField("reason", "reason_required", "请填写退回原因");
  if (domain::CodePoints(reason) > 500)
    return InvalidField("reason", "reason_too_long", "原因不能超过500字");
  return db_.Write([&](store::Tx& tx) -> Result<VerificationView> {
    auto v = LoadOwn(tx, actor, id);
    if (!v) return std::unexpected(v.error());
    if (auto ok = domain::CheckSendBack(*domain::ParseRecordStatus(v->status), actor.duties); !ok)
      return std::unexpected(ok.error());
    std::string from = v->status;
    auto verifier = v->verifier_user_id;
    v->status = "draft";
    v->verifier_user_id = v->verifier_signed_at = std::nullopt;
    v->checker_user_id = v->checker_signed_at = std::nullopt;
    v->approver_user_id = v->approver_signed_at = std::nullopt;
    v->last_reason = reason;
    v->updated_at = domain::NowSeconds();
    store::UpdateVerification(tx, *v);
    Audit(tx, actor,
          {"verification.send_back", "verification", std::to_string(id),
           from + " -> draft; reason: " + reason});
    if (verifier) {
      NotifyInbox(tx, *verifier,
                  {"verification_sent_back", "检定记录被退回",
                   "检定记录（编号 " + std::to_string(id) + "）被退回，原因：" + reason});
    }
    return ViewOf(tx, *store::FindVerification(tx, id));
  });
}

Result<VerificationView> VerificationService::Get(const Actor& actor, int64_t id) {
  return db_.Read([&](store::Tx& tx) -> Result<VerificationView> {
    auto v = store::FindVerification(tx, id);
    if (!v || !CanSee(actor, *v)) return NotFound("检定记录");
    return ViewOf(tx, *v);
  });
}

Result<store::Page<VerificationView>> VerificationService::List(const Actor& actor,
                                                                const VerificationQuery& q,
                                                                const store::PageRequest& page) {
  store::VerificationFilter f;
  switch (actor.role) {
    case domain::Role::kInstitute:
      f.institute_org_id = actor.org_id.value_or(-1);
      break;
    case domain::Role::kEnterprise:
      f.org_id = actor.org_id.value_or(-1);
      f.statuses = {"approved"};
      break;
    case domain::Role::kDistrictRegulator:
    case domain::Role::kCityRegulator:
      f.region_codes = actor.region_codes;
      f.statuses = {"approved"};
      break;
    default:
      return Forbidden();
  }
  if (!q.status.empty()) {
    if (!domain::ParseRecordStatus(q.status))
      return InvalidField("status", "status_invalid", "检定记录状态无效");
    if (!f.statuses.empty() && f.statuses.front() != q.status)
      f.statuses = {"none"};
    else
      f.statuses = {q.status};
  }
  if (q.awaiting_me) {
    auto mine = StatusesAwaiting(actor.duties);
    std::vector<std::string> both;
    for (const auto& s : mine)
      if (f.statuses.empty() || std::ranges::find(f.statuses, s) != f.statuses.end())
        both.push_back(s);
    f.statuses = both.empty() ? std::vector<std::string>{"none"} : both;
  }
  f.appointment_id = q.appointment_id;
  f.instrument_id = q.instrument_id;
  f.query = q.query;
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<VerificationView>> {
    auto rows = store::ListVerifications(tx, f, page);
    store::Page<VerificationView> out;
    out.total = rows.total;
    for (auto& v : rows.items) out.items.push_back(ViewOf(tx, std::move(v)));
    return out;
  });
}

Result<int64_t> VerificationService::AwaitingMe(const Actor& actor) {
  if (!IsInstituteUser(actor)) return int64_t{0};
  store::VerificationFilter f;
  f.institute_org_id = *actor.org_id;
  f.statuses = StatusesAwaiting(actor.duties);
  if (f.statuses.empty()) return int64_t{0};
  return db_.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountVerifications(tx, f); });
}

}  // namespace mvis::services
