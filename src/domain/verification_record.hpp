// A verification record (检定记录) as stored: the measured data and the computed conclusion of
// one instrument's verification, with its three signatures (domain/sign_off.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/appointment.hpp"
#include "domain/verification.hpp"

namespace mvis::domain {

enum class Conclusion { kPass, kFail };
std::string_view ToString(Conclusion c);
std::optional<Conclusion> ParseConclusion(std::string_view s);

struct VerificationRecord {
  int64_t id = 0;
  int64_t institute_org_id = 0;
  int64_t appointment_id = 0;
  int64_t instrument_id = 0;
  VerificationKind kind = VerificationKind::kFirst;
  std::string regulation, accuracy_class, verified_on;
  RecordStatus status = RecordStatus::kDraft;
  std::string data;  // JSON of the measured data and computed results
  Conclusion conclusion = Conclusion::kPass;
  std::string failed_items;  // JSON array
  std::optional<int64_t> verifier_user_id, verifier_signed_at;
  std::optional<int64_t> checker_user_id, checker_signed_at;
  std::optional<int64_t> approver_user_id, approver_signed_at;
  std::string last_reason;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // Filled by reads.
  int64_t org_id = 0;  // the instrument's owner
  std::string org_name, institute_name, install_region_code;
  std::string verifier_name, checker_name, approver_name;
  std::string type_code, type_name, instrument_name, model, serial_no, manufacturer;
  bool tou_billing = false;
};

}  // namespace mvis::domain
