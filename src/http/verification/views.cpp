#include "http/verification/views.hpp"

#include "domain/appointment.hpp"
#include "domain/time.hpp"
#include "http/accounts/views.hpp"
#include "http/registry/views.hpp"

namespace mvis::http {
namespace {

Json OptStr(const std::string& s) { return s.empty() ? Json() : Json(s); }

Json Signature(const std::optional<int64_t>& user, const std::optional<int64_t>& at,
               const std::string& name) {
  if (!user) return nullptr;
  return {{"user_id", *user}, {"display_name", name}, {"at", TimeOrNull(at)}};
}

}  // namespace

Json InstituteJson(const services::InstituteView& v) {
  const auto& p = v.profile;
  return {{"org_id", p.org_id},
          {"name", p.name},
          {"code", p.code},
          {"type_codes", p.type_codes},
          {"region_codes", p.region_codes},
          {"contact_name", p.contact_name},
          {"contact_phone", p.contact_phone},
          {"address", p.address},
          {"authorization_no", p.authorization_no},
          {"suggested", v.suggested}};
}

Json StandardJson(const services::StandardView& v) {
  const auto& s = v.standard;
  return {{"id", s.id},
          {"name", s.name},
          {"model", s.model},
          {"serial_no", s.serial_no},
          {"certificate_no", s.certificate_no},
          {"valid_until", s.valid_until},
          {"accuracy", s.accuracy},
          {"active", s.active},
          {"expired", v.expired}};
}

Json RulesJson(const services::VerificationRules& r) {
  Json checklist = Json::array();
  for (const auto& c : r.checklist) checklist.push_back({{"item", c.item}, {"name", c.name}});
  Json limits = Json::array();
  for (const auto& l : r.limits) {
    limits.push_back({{"item", l.item},
                      {"kind", l.kind},
                      {"accuracy_class", l.accuracy_class},
                      {"limit", l.limit},
                      {"rounding", l.rounding}});
  }
  return {{"type_code", r.type_code},
          {"regulation", r.regulation},
          {"period_months", r.period_months},
          {"checklist", checklist},
          {"limits", limits}};
}

Json AppointmentJson(const services::AppointmentDetail& d, bool detail,
                     const std::string& public_url) {
  const auto& a = d.appointment;
  Json verifiers = Json::array();
  for (const auto& u : d.verifiers)
    verifiers.push_back({{"id", u.id}, {"display_name", u.display_name}});
  Json j = {{"id", a.id},
            {"org_id", a.org_id},
            {"org_name", a.org_name},
            {"institute_org_id", a.institute_org_id},
            {"institute_name", a.institute_name},
            {"institute_contact_name", d.institute_contact_name},
            {"institute_contact_phone", d.institute_contact_phone},
            {"mode", domain::ToString(a.mode)},
            {"status", domain::ToString(a.status)},
            {"status_name", domain::DisplayName(a.status)},
            {"preferred_date", a.preferred_date},
            {"scheduled_date", OptStr(a.scheduled_date)},
            {"contact_name", a.contact_name},
            {"contact_phone", a.contact_phone},
            {"notes", a.notes},
            {"reason", a.reason},
            {"verifier_user_ids", a.verifier_user_ids},
            {"verifiers", verifiers},
            {"instrument_ids", a.instrument_ids},
            {"instrument_count", a.instrument_ids.size()},
            {"verified_count", a.verified_count},
            {"submitted_at", TimeOrNull(a.submitted_at)},
            {"accepted_at", TimeOrNull(a.accepted_at)},
            {"created_at", domain::IsoUtc(a.created_at)},
            {"updated_at", domain::IsoUtc(a.updated_at)},
            {"sampling_plan_id", a.sampling_plan_id ? Json(*a.sampling_plan_id) : Json(nullptr)},
            {"sampling_plan_name", a.sampling_plan_name}};
  if (detail) {
    Json marks = Json::array();
    for (const auto& m : a.unverifiable)
      marks.push_back({{"instrument_id", m.instrument_id},
                       {"reason", m.reason},
                       {"rectification_id", m.rectification_id},
                       {"marked_at", domain::IsoUtc(m.marked_at)}});
    j["unverifiable"] = marks;
    Json instruments = Json::array();
    for (const auto& i : d.instruments) instruments.push_back(InstrumentJson(i));
    Json records = Json::array();
    for (const auto& v : d.verifications) records.push_back(VerificationJson(v, public_url));
    j["instruments"] = instruments;
    j["events"] = EventsJson(d.events)["items"];
    j["verifications"] = records;
  }
  return j;
}

Json VerificationJson(const services::VerificationView& view, const std::string& public_url) {
  const auto& v = view.record;
  Json data = Json::parse(v.data, nullptr, false);
  if (!data.is_object()) data = Json::object();
  Json failed = Json::parse(v.failed_items, nullptr, false);
  Json j = {{"id", v.id},
            {"appointment_id", v.appointment_id},
            {"instrument_id", v.instrument_id},
            {"institute_org_id", v.institute_org_id},
            {"institute_name", v.institute_name},
            {"org_id", v.org_id},
            {"org_name", v.org_name},
            {"instrument",
             {{"id", v.instrument_id},
              {"type_code", v.type_code},
              {"type_name", v.type_name},
              {"name", v.instrument_name},
              {"model", v.model},
              {"serial_no", v.serial_no},
              {"manufacturer", v.manufacturer},
              {"accuracy_class", v.accuracy_class},
              {"tou_billing", v.tou_billing}}},
            {"kind", domain::ToString(v.kind)},
            {"regulation", v.regulation},
            {"accuracy_class", v.accuracy_class},
            {"verified_on", v.verified_on},
            {"status", domain::ToString(v.status)},
            {"status_name", domain::DisplayName(v.status)},
            {"conclusion", domain::ToString(v.conclusion)},
            {"failed_items", failed.is_array() ? failed : Json::array()},
            {"signatures",
             {{"verifier", Signature(v.verifier_user_id, v.verifier_signed_at, v.verifier_name)},
              {"checker", Signature(v.checker_user_id, v.checker_signed_at, v.checker_name)},
              {"approver", Signature(v.approver_user_id, v.approver_signed_at, v.approver_name)}}},
            {"last_reason", v.last_reason},
            {"created_at", domain::IsoUtc(v.created_at)},
            {"updated_at", domain::IsoUtc(v.updated_at)}};
  for (const char* key : {"standard_ids", "standards", "temperature_c", "humidity_pct",
                          "insulation_mohm", "checklist", "load_points", "tou_billing",
                          "clock_error_s", "clock_rounded_s", "clock_limit_s", "clock_pass"}) {
    j[key] = data.value(key, Json());
  }
  j["certificate"] = view.certificate ? CertificateJson(*view.certificate,
                                                        view.certificate_live_status, public_url)
                                      : Json();
  return j;
}

Json CertificateJson(const domain::Certificate& c,
                     const std::optional<domain::LiveStatus>& live_status,
                     const std::string& public_url) {
  Json s = Json::parse(c.snapshot, nullptr, false);
  Json instrument = s.is_object() ? s.value("instrument", Json::object()) : Json::object();
  Json j = {{"number", c.number},
            {"revision", c.revision},
            {"kind", domain::ToString(c.kind)},
            {"status", domain::ToString(c.status)},
            {"conclusion", c.kind == domain::DocumentKind::kCertificate ? "pass" : "fail"},
            {"issue_date", c.issue_date},
            {"valid_until", OptStr(c.valid_until)},
            {"verified_on", c.verified_on},
            {"reason", c.reason},
            {"verification_id", c.verification_id},
            {"instrument_id", c.instrument_id},
            {"type_name", instrument.value("type_name", "")},
            {"instrument_summary",
             instrument.value("model", "") + " / " + instrument.value("serial_no", "")},
            {"org_id", c.org_id},
            {"org_name", c.org_name},
            {"institute_org_id", c.institute_org_id},
            {"institute_name", c.institute_name},
            {"qr_url", c.token.empty() ? Json() : Json(domain::LabelUrl(public_url, c.token))},
            {"created_at", domain::IsoUtc(c.created_at)}};
  if (live_status) j["live_status"] = domain::ToString(*live_status);
  return j;
}

Json CertificateViewJson(const services::CertificateView& v, const std::string& public_url) {
  Json j = CertificateJson(v.certificate, v.live_status, public_url);
  if (!v.revisions.empty()) {
    Json revisions = Json::array();
    for (const auto& r : v.revisions)
      revisions.push_back(CertificateJson(r, std::nullopt, public_url));
    j["revisions"] = revisions;
  }
  return j;
}

Json PublicCheckJson(const services::PublicCheck& p) {
  const auto& c = p.certificate;
  const auto& ins = p.instrument;
  Json history = Json::array();
  for (const auto& r : p.revisions) {
    history.push_back({{"revision", r.revision},
                       {"action", r.revision == 1 ? "issue" : "revise"},
                       {"reason", r.revision == 1 ? "" : r.reason},
                       {"at", domain::IsoUtc(r.created_at)}});
  }
  if (c.status == domain::CertificateStatus::kRevoked)
    history.push_back(
        {{"revision", c.revision}, {"action", "revoke"}, {"reason", c.reason}, {"at", nullptr}});
  return {{"status", domain::ToString(p.status)},
          {"certificate",
           {{"number", c.number},
            {"revision", c.revision},
            {"issue_date", c.issue_date},
            {"valid_until", OptStr(c.valid_until)},
            {"verified_on", c.verified_on},
            {"conclusion", c.kind == domain::DocumentKind::kCertificate ? "pass" : "fail"},
            {"institute_name", c.institute_name}}},
          {"instrument",
           {{"type_name", ins.type_name},
            {"model", ins.model},
            {"serial_no", ins.serial_no},
            {"manufacturer", ins.manufacturer},
            {"district", ins.district},
            {"station", ins.station},
            {"install_address", ins.install_address}}},
          {"owner_name", c.org_name},
          {"history", history},
          {"checked_at", domain::IsoUtc(p.checked_at)},
          {"complaint",
           {{"phone", p.complaint_phone},
            {"bureau_name", ins.bureau_name},
            {"bureau_phone", ins.bureau_phone}}}};
}

Json SummaryJson(const std::vector<services::SummaryRow>& rows, int due_days) {
  Json items = Json::array();
  for (const auto& r : rows) {
    items.push_back({{"region_code", r.region_code},
                     {"region_name", r.region_name},
                     {"approved", r.approved},
                     {"never_verified", r.never_verified},
                     {"valid", r.valid},
                     {"due_soon", r.due_soon},
                     {"overdue", r.overdue},
                     {"failed", r.failed}});
  }
  return {{"items", items}, {"due_days", due_days}};
}

Result<services::VerificationQuery> VerificationQueryOf(RequestContext& ctx) {
  services::VerificationQuery q;
  const auto& r = ctx.request();
  q.status = r.Query("status");
  q.awaiting_me = r.Query("awaiting") == "me";
  q.query = r.Query("q");
  q.verified = {r.Query("date_from"), r.Query("date_to")};
  auto appointment = ctx.QueryId("appointment_id");
  if (!appointment) return std::unexpected(appointment.error());
  auto instrument = ctx.QueryId("instrument_id");
  if (!instrument) return std::unexpected(instrument.error());
  q.appointment_id = *appointment;
  q.instrument_id = *instrument;
  return q;
}

Result<services::CertificateQuery> CertificateQueryOf(RequestContext& ctx) {
  const auto& r = ctx.request();
  services::CertificateQuery q{r.Query("kind"),
                               r.Query("status"),
                               r.Query("q"),
                               std::nullopt,
                               {r.Query("date_from"), r.Query("date_to")}};
  auto instrument = ctx.QueryId("instrument_id");
  if (!instrument) return std::unexpected(instrument.error());
  q.instrument_id = *instrument;
  return q;
}

services::AppointmentQuery AppointmentQueryOf(RequestContext& ctx) {
  const auto& r = ctx.request();
  return {r.Query("status"), r.Query("mode"), r.Query("q")};
}

}  // namespace mvis::http
