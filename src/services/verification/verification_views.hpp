// What the verification business's use cases return: institutes, standards, rules, appointments
// with their instruments and timeline, records with their documents, certificates, the public
// check of a label and the regulators' overview. Contact phone numbers are already masked where
// the access policy says the viewer has no need for them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/appointment.hpp"
#include "domain/certificate.hpp"
#include "domain/institute.hpp"
#include "domain/object_event.hpp"
#include "domain/registry.hpp"
#include "domain/roles.hpp"
#include "domain/verification.hpp"
#include "domain/verification_record.hpp"

namespace mvis::services {

struct InstituteView {
  domain::InstituteProfile profile;
  bool suggested = false;  // covers the queried type and region
};

struct StaffMember {
  int64_t id = 0;
  std::string display_name;
  std::vector<domain::Duty> duties;
};

struct StandardView {
  domain::Standard standard;
  bool expired = false;  // its certificate's validity ended before today
};

struct VerificationRules {
  std::string type_code, regulation;
  int period_months = 0;
  std::vector<domain::CheckItem> checklist;
  std::vector<domain::LimitRule> limits;
};

struct VerificationView {
  domain::VerificationRecord record;
  std::optional<domain::Certificate> certificate;  // once approved: its document's latest revision
  std::optional<domain::LiveStatus> certificate_live_status;
};

struct AppointmentDetail {
  domain::Appointment appointment;  // contact_phone masked unless the viewer needs it
  std::vector<domain::Instrument> instruments;
  std::vector<domain::ObjectEvent> events;
  std::vector<StaffMember> verifiers;
  std::string institute_contact_name, institute_contact_phone;
  std::vector<VerificationView> verifications;  // the records the viewer may see
};

struct CertificateView {
  domain::Certificate certificate;
  domain::LiveStatus live_status = domain::LiveStatus::kValid;
  std::vector<domain::Certificate> revisions;  // detail only, oldest first
};

// The instrument as the public page shows it (frozen in the certificate's snapshot).
struct PublicInstrument {
  std::string type_name, model, serial_no, manufacturer, district;
  std::string station, install_address;   // where it is used, as on the certificate
  std::string bureau_name, bureau_phone;  // the district bureau, for complaints
};

// What the public sees for a label (no personal data).
struct PublicCheck {
  domain::LiveStatus status = domain::LiveStatus::kValid;
  domain::Certificate certificate;  // latest revision, without its snapshot
  PublicInstrument instrument;
  std::vector<domain::Certificate> revisions;
  int64_t checked_at = 0;       // when this check was made
  std::string complaint_phone;  // 12315 unless configured ([site] complaint_phone)
};

// A label signing public key, as published.
struct PublicKeyView {
  std::string kid;
  std::string public_key;  // base64url
  bool active = true;
  int64_t created_at = 0;
  int64_t not_after = 0;
};

// Approved instruments of one district by verification situation (检定监管).
struct SummaryRow {
  std::string region_code, region_name;
  int64_t approved = 0, never_verified = 0, valid = 0, due_soon = 0, overdue = 0, failed = 0;
};

}  // namespace mvis::services
