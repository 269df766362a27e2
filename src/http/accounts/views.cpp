#include "http/accounts/views.hpp"

#include "domain/phone.hpp"
#include "domain/time.hpp"

namespace mvis::http {
namespace {

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
              {"read_at", TimeOrNull(n.read_at)}};
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
              {"object_type", e.object_type},
              {"object_id", e.object_id},
              {"summary", e.summary},
              {"ip", e.ip},
              {"result", e.result}};
}

}  // namespace mvis::http
