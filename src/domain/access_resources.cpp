#include "domain/access_resources.hpp"

namespace mvis::domain::access {

Resource ResourceOf(const Instrument& i) {
  Resource r;
  r.kind = Kind::kInstrument;
  r.owner_org_id = i.org_id;
  r.region_codes = {i.data.install_region_code};
  r.released = i.status != FilingStatus::kDraft;
  r.mandatory = i.mandatory;
  return r;
}

Resource ResourceOf(const Organisation& org) {
  Resource r;
  r.kind = Kind::kOrganisation;
  r.id = org.id;
  r.region_codes = {org.region_code};
  return r;
}

Resource ResourceOf(const Appointment& a) {
  Resource r;
  r.kind = Kind::kAppointment;
  r.owner_org_id = a.org_id;
  r.institute_org_id = a.institute_org_id;
  r.region_codes = a.region_codes;
  r.released = a.status != AppointmentStatus::kDraft;
  return r;
}

Resource ResourceOf(const VerificationRecord& v) {
  Resource r;
  r.kind = Kind::kVerificationRecord;
  r.owner_org_id = v.org_id;
  r.institute_org_id = v.institute_org_id;
  r.region_codes = {v.install_region_code};
  r.released = v.status == RecordStatus::kApproved;
  return r;
}

Resource ResourceOf(const Certificate& c) {
  Resource r;
  r.kind = Kind::kCertificate;
  r.owner_org_id = c.org_id;
  r.institute_org_id = c.institute_org_id;
  r.region_codes = {c.install_region_code};
  return r;
}

Resource ResourceOf(const InstituteProfile& p) {
  Resource r;
  r.kind = Kind::kInstituteProfile;
  r.id = p.org_id;
  r.institute_org_id = p.org_id;
  return r;
}

Resource ResourceOf(const Standard& s) {
  Resource r;
  r.kind = Kind::kStandard;
  r.institute_org_id = s.org_id;
  return r;
}

}  // namespace mvis::domain::access
