#include "http/views.hpp"

#include "domain/filing.hpp"
#include "domain/phone.hpp"
#include "domain/time.hpp"
#include "services/instrument_codec.hpp"

namespace mvis::http {
namespace {

Json OptTime(const std::optional<int64_t>& t) {
  return t ? Json(domain::IsoUtc(*t)) : Json(nullptr);
}

Json Duties(const std::string& csv) {
  Json out = Json::array();
  size_t start = 0;
  while (start < csv.size()) {
    size_t comma = csv.find(',', start);
    if (comma == std::string::npos) comma = csv.size();
    out.push_back(csv.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

Json UserJson(const store::UserRow& u) {
  return Json{{"id", u.id},
              {"username", u.username},
              {"display_name", u.display_name},
              {"role", u.role},
              {"org_id", u.org_id ? Json(*u.org_id) : Json(nullptr)},
              {"org_name", u.org_name},
              {"phone_masked", domain::MaskPhone(u.phone)},
              {"duties", Duties(u.duties)},
              {"status", u.status},
              {"locked", u.locked_until > domain::NowSeconds()},
              {"created_at", domain::IsoUtc(u.created_at)}};
}

Json OrgJson(const store::OrgRow& o) {
  return Json{{"id", o.id},
              {"kind", o.kind},
              {"name", o.name},
              {"credit_code", o.credit_code.empty() ? Json(nullptr) : Json(o.credit_code)},
              {"region_code", o.region_code},
              {"region_name", o.region_name},
              {"address", o.address},
              {"contact_name", o.contact_name},
              {"phone_masked", domain::MaskPhone(o.contact_phone)},
              {"status", o.status},
              {"created_at", domain::IsoUtc(o.created_at)}};
}

Json RegionJson(const store::RegionRow& r) {
  return Json{{"code", r.code},
              {"name", r.name},
              {"parent_code", r.parent_code.empty() ? Json(nullptr) : Json(r.parent_code)},
              {"level", r.level},
              {"standard", r.standard}};
}

Json MeJson(const services::MeView& me) {
  return Json{{"user", UserJson(me.user)},
              {"role", me.user.role},
              {"org", me.org ? OrgJson(*me.org) : Json(nullptr)},
              {"scope", {{"kind", domain::ToString(me.scope)}, {"region_codes", me.region_codes}}},
              {"csrf_token", me.csrf_token}};
}

Json MessageJson(const store::NotificationRow& n) {
  return Json{{"id", n.id},
              {"title", n.title},
              {"body", n.body},
              {"template", n.template_name},
              {"created_at", domain::IsoUtc(n.created_at)},
              {"read_at", OptTime(n.read_at)}};
}

Json OutboxJson(const store::NotificationRow& n) {
  return Json{{"id", n.id},
              {"channel", n.channel},
              {"phone_masked", domain::MaskPhone(n.phone)},
              {"template", n.template_name},
              {"body", n.body},
              {"status", n.status},
              {"attempts", n.attempts},
              {"last_error", n.last_error},
              {"created_at", domain::IsoUtc(n.created_at)},
              {"sent_at", OptTime(n.sent_at)}};
}

Json AuditJson(const domain::AuditEntry& e) {
  return Json{{"id", e.seq},
              {"at", domain::IsoUtc(e.at)},
              {"user_id", e.user_id ? Json(*e.user_id) : Json(nullptr)},
              {"username", e.username},
              {"role", e.role},
              {"org_id", e.org_id ? Json(*e.org_id) : Json(nullptr)},
              {"action", e.action},
              {"object_type", e.object_type},
              {"object_id", e.object_id},
              {"summary", e.summary},
              {"ip", e.ip},
              {"result", e.result}};
}

Json InstrumentTypeJson(const domain::InstrumentType& t) {
  return Json{
      {"code", t.code},
      {"name", t.name},
      {"regulation", t.regulation},
      {"verification_form", t.verification_form},
      {"period_months", t.period_months},
      {"mandatory_uses", t.mandatory_uses},
      {"charger_current", t.charger_current.empty() ? Json(nullptr) : Json(t.charger_current)},
      {"is_charger", t.is_charger()},
      {"accuracy_classes", t.accuracy_classes},
      {"active", t.active}};
}

Json InstrumentJson(const store::InstrumentRow& r) {
  Json j = services::InstrumentDataToJson(r.data);
  j["id"] = r.id;
  j["org_id"] = r.org_id;
  j["org_name"] = r.org_name;
  j["type_name"] = r.type_name;
  j["install_region_name"] = r.region_name;
  j["use_name"] = domain::UseDisplayName(r.data.use);
  j["mandatory"] = r.mandatory;
  j["status"] = r.status;
  auto status = domain::ParseFilingStatus(r.status);
  j["status_name"] = status ? domain::DisplayName(*status) : "";
  j["change_pending"] = r.change_pending;
  j["pending_change"] =
      r.pending_change.empty() ? Json(nullptr) : Json::parse(r.pending_change, nullptr, false);
  j["last_reason"] = r.last_reason;
  j["deregister_kind"] = r.deregister_kind.empty() ? Json(nullptr) : Json(r.deregister_kind);
  j["deregister_date"] = r.deregister_date.empty() ? Json(nullptr) : Json(r.deregister_date);
  j["submitted_at"] = OptTime(r.submitted_at);
  j["approved_at"] = OptTime(r.approved_at);
  j["created_at"] = domain::IsoUtc(r.created_at);
  j["updated_at"] = domain::IsoUtc(r.updated_at);
  j["verification_state"] = r.verification_state;
  j["last_verified_on"] = r.last_verified_on.empty() ? Json(nullptr) : Json(r.last_verified_on);
  j["valid_until"] = r.valid_until.empty() ? Json(nullptr) : Json(r.valid_until);
  j["last_certificate_no"] =
      r.last_certificate_no.empty() ? Json(nullptr) : Json(r.last_certificate_no);
  j["stop_use"] = r.verification_state == "failed";
  return j;
}

Json InstrumentEventJson(const store::InstrumentEvent& e) {
  return Json{{"id", e.id},
              {"at", domain::IsoUtc(e.at)},
              {"username", e.username},
              {"org_name", e.org_name},
              {"action", e.action},
              {"from_status", e.from_status.empty() ? Json(nullptr) : Json(e.from_status)},
              {"to_status", e.to_status},
              {"reason", e.reason}};
}

Json ArchiveJson(const services::ArchiveEntry& e) {
  Json counts = Json::object();
  for (const char* s : {"submitted", "approved", "returned", "deregistered"}) {
    auto it = e.counts.find(s);
    counts[s] = it == e.counts.end() ? 0 : it->second;
  }
  return Json{
      {"org", OrgJson(e.org)},
      {"contact_name", e.org.contact_name},
      {"phone", e.show_phone ? e.org.contact_phone : domain::MaskPhone(e.org.contact_phone)},
      {"counts", counts}};
}

}  // namespace mvis::http
