#include "http/registry/views.hpp"

#include "domain/filing.hpp"
#include "domain/time.hpp"
#include "http/accounts/views.hpp"
#include "services/registry/instrument_codec.hpp"

namespace mvis::http {

Json InstrumentTypeJson(const domain::InstrumentType& t) {
  return Json{
      {"code", t.code},
      {"name", t.name},
      {"regulation", t.regulation},
      {"verification_form", ToString(t.verification_form.value_or(domain::VerificationForm{}))},
      {"period_months", t.period_months},
      {"mandatory_uses", t.mandatory_uses},
      {"charger_current", t.charger_current.empty() ? Json(nullptr) : Json(t.charger_current)},
      {"is_charger", t.is_charger()},
      {"accuracy_classes", t.accuracy_classes},
      {"active", t.active}};
}

Json InstrumentJson(const domain::Instrument& r) {
  Json j = services::InstrumentDataToJson(r.data);
  j["id"] = r.id;
  j["org_id"] = r.org_id;
  j["org_name"] = r.org_name;
  j["type_name"] = r.type_name;
  j["install_region_name"] = r.region_name;
  j["use_name"] = domain::UseDisplayName(r.data.use);
  j["mandatory"] = r.mandatory;
  j["status"] = domain::ToString(r.status);
  j["status_name"] = domain::DisplayName(r.status);
  j["change_pending"] = r.change_pending;
  j["pending_change"] =
      r.pending_change.empty() ? Json(nullptr) : Json::parse(r.pending_change, nullptr, false);
  j["last_reason"] = r.last_reason;
  j["deregister_kind"] =
      r.deregister_kind ? Json(domain::ToString(*r.deregister_kind)) : Json(nullptr);
  j["deregister_date"] = r.deregister_date.empty() ? Json(nullptr) : Json(r.deregister_date);
  j["submitted_at"] = TimeOrNull(r.submitted_at);
  j["approved_at"] = TimeOrNull(r.approved_at);
  j["created_at"] = domain::IsoUtc(r.created_at);
  j["updated_at"] = domain::IsoUtc(r.updated_at);
  j["verification_state"] = domain::ToString(r.verification_state);
  j["last_verified_on"] = r.last_verified_on.empty() ? Json(nullptr) : Json(r.last_verified_on);
  j["valid_until"] = r.valid_until.empty() ? Json(nullptr) : Json(r.valid_until);
  j["last_certificate_no"] =
      r.last_certificate_no.empty() ? Json(nullptr) : Json(r.last_certificate_no);
  j["stop_use"] = r.verification_state == domain::VerificationState::kFailed;
  return j;
}

Json ArchiveJson(const services::ArchiveEntry& e) {
  Json counts = Json::object();
  for (auto s : {domain::FilingStatus::kSubmitted, domain::FilingStatus::kApproved,
                 domain::FilingStatus::kReturned, domain::FilingStatus::kDeregistered}) {
    auto it = e.counts.find(s);
    counts[std::string(domain::ToString(s))] = it == e.counts.end() ? 0 : it->second;
  }
  return Json{{"org", OrgJson(e.org)},
              {"contact_name", e.org.contact_name},
              {"phone", e.contact_phone},
              {"counts", counts}};
}

}  // namespace mvis::http
