#include "services/verification/detail_views.hpp"

#include "domain/access_resources.hpp"
#include "domain/phone.hpp"
#include "store/events_store.hpp"
#include "store/institutes_store.hpp"
#include "store/instruments_store.hpp"
#include "store/users_store.hpp"
#include "store/verifications_store.hpp"

namespace mvis::services::verification {

using domain::access::Op;

domain::LiveStatus LiveStatusOf(store::Tx& tx, const domain::Certificate& c,
                                const std::string& today) {
  return domain::LiveStatusOf(c, store::LatestCertificateOfInstrument(tx, c.instrument_id), today);
}

VerificationView RecordViewOf(store::Tx& tx, domain::VerificationRecord record,
                              const std::string& today) {
  VerificationView view{std::move(record), std::nullopt, std::nullopt};
  if (view.record.status != domain::RecordStatus::kApproved) return view;
  if (auto issued = store::FindCertificateOfVerification(tx, view.record.id)) {
    if (auto latest = store::FindCertificate(tx, issued->number)) {
      view.certificate_live_status = LiveStatusOf(tx, *latest, today);
      view.certificate = std::move(*latest);
    }
  }
  return view;
}

AppointmentDetail DetailOf(store::Tx& tx, const Actor& viewer, domain::Appointment a,
                           const std::string& today) {
  const auto subject = SubjectOf(viewer);
  AppointmentDetail d;
  for (int64_t id : a.instrument_ids) {
    auto row = store::FindInstrument(tx, id);
    if (!row) continue;
    auto seen_as = domain::access::ResourceOf(*row);
    seen_as.institute_org_id = a.institute_org_id;  // booked with this institute
    if (domain::access::Decide(subject, seen_as, Op::kRead) == domain::access::Decision::kAllow)
      d.instruments.push_back(std::move(*row));
  }
  d.events = store::ListEvents(tx, "appointment", std::to_string(a.id));
  for (int64_t uid : a.verifier_user_ids)
    if (auto u = store::FindUser(tx, uid))
      d.verifiers.push_back({u->id, u->display_name, u->duties});
  if (auto p = store::FindInstituteProfile(tx, a.institute_org_id)) {
    d.institute_contact_name = p->contact_name;
    d.institute_contact_phone = p->contact_phone;
  }
  auto scope = domain::access::ScopeFor(subject, domain::access::Kind::kVerificationRecord);
  if (scope.allowed) {
    store::VerificationFilter f;
    f.appointment_id = a.id;
    f.institute_org_id = scope.institute_org_id;
    f.org_id = scope.owner_org_id;
    f.region_codes = scope.region_codes;
    if (scope.released_only) f.statuses = {domain::RecordStatus::kApproved};
    for (auto& v : store::ListVerifications(tx, f, {1, 200}).items)
      d.verifications.push_back(RecordViewOf(tx, std::move(v), today));
  }
  if (!domain::access::SeesContactPhone(subject, domain::access::ResourceOf(a)))
    a.contact_phone = domain::MaskPhone(a.contact_phone);
  d.appointment = std::move(a);
  return d;
}

}  // namespace mvis::services::verification
