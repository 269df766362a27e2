#include "http/accounts/views.hpp"

#include "domain/audit_names.hpp"
#include "domain/phone.hpp"
#include "domain/time.hpp"

namespace mvis::http {

Json UserJson(const services::UserView& u) {
  Json duties = Json::array();
  for (auto d : u.duties) duties.push_back(domain::ToString(d));
  return Json{{"id", u.id},
              {"username", u.username},
              {"display_name", u.display_name},
              {"role", domain::ToString(u.role)},
              {"org_id", u.org_id ? Json(*u.org_id) : Json(nullptr)},
              {"org_name", u.org_name},
              {"phone_masked", u.phone_masked},
              {"duties", duties},
              {"status", domain::ToString(u.status)},
              {"locked", u.locked},
              {"created_at", domain::IsoUtc(u.created_at)}};
}

Json OrgJson(const domain::Organisation& o) {
  return Json{{"id", o.id},
              {"kind", domain::ToString(o.kind)},
              {"name", o.name},
              {"credit_code", o.credit_code.empty() ? Json(nullptr) : Json(o.credit_code)},
              {"region_code", o.region_code},
              {"region_name", o.region_name},
              {"address", o.address},
              {"contact_name", o.contact_name},
              {"phone_masked", domain::MaskPhone(o.contact_phone)},
              {"public_phone", o.public_phone},
              {"status", domain::ToString(o.status)},
              {"created_at", domain::IsoUtc(o.created_at)}};
}

Json RegionJson(const domain::Region& r) {
  return Json{{"code", r.code},
              {"name", r.name},
              {"parent_code", r.parent_code.empty() ? Json(nullptr) : Json(r.parent_code)},
              {"level", domain::ToString(r.level)},
              {"standard", r.standard}};
}

Json MeJson(const services::MeView& me) {
  return Json{{"user", UserJson(me.user)},
              {"role", domain::ToString(me.user.role)},
              {"org", me.org ? OrgJson(*me.org) : Json(nullptr)},
              {"scope", {{"kind", domain::ToString(me.scope)}, {"region_codes", me.region_codes}}},
              {"csrf_token", me.csrf_token}};
}

Json MessageJson(const services::MessageView& m) {
  return Json{{"id", m.id},
              {"title", m.title},
              {"body", m.body},
              {"template", m.template_name},
              {"created_at", domain::IsoUtc(m.created_at)},
              {"read_at", TimeOrNull(m.read_at)},
              {"object_type", m.object_type},
              {"object_id", m.object_id}};
}

Json OutboxJson(const services::OutboxItem& n) {
  return Json{{"id", n.id},
              {"channel", "sms"},
              {"phone_masked", n.phone_masked},
              {"template", n.template_name},
              {"body", n.body},
              {"status", domain::ToString(n.status)},
              {"attempts", n.attempts},
              {"last_error", n.last_error},
              {"created_at", domain::IsoUtc(n.created_at)},
              {"sent_at", TimeOrNull(n.sent_at)}};
}

Json AuditJson(const domain::AuditEntry& e) {
  return Json{{"id", e.seq},
              {"at", domain::IsoUtc(e.at)},
              {"user_id", e.user_id ? Json(*e.user_id) : Json(nullptr)},
              {"username", e.username},
              {"role", e.role},
              {"org_id", e.org_id ? Json(*e.org_id) : Json(nullptr)},
              {"action", e.action},
              {"action_name", domain::AuditActionName(e.action)},
              {"object_type", e.object_type},
              {"object_name", domain::AuditObjectName(e.object_type)},
              {"object_id", e.object_id},
              {"summary", e.summary},
              {"ip", e.ip},
              {"result", e.result}};
}

}  // namespace mvis::http
