// One instrument as the registry keeps it: the data its owner entered, where it stands in the
// filing workflow (domain/filing.hpp) and the outcome of its last verification.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/filing.hpp"
#include "domain/instrument.hpp"

namespace mvis::domain {

// The instrument's verification outcome (docs/verification.md): never verified, passed (valid
// until a date), failed (stop use until re-verified), or its certificate revoked.
enum class VerificationState { kNever, kPassed, kFailed, kRevoked };
std::string_view ToString(VerificationState s);
std::optional<VerificationState> ParseVerificationState(std::string_view s);

struct Instrument {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;     // the owner's name
  std::string type_name;    // the catalogue type's name
  std::string region_name;  // the install district's name
  InstrumentData data;
  bool mandatory = true;
  FilingStatus status = FilingStatus::kDraft;
  bool change_pending = false;
  std::string pending_change;  // JSON of the proposed InstrumentData while a change is reviewed
  std::string last_reason;     // of the last return, rejected change or deregistration
  std::optional<DeregisterKind> deregister_kind;
  std::string deregister_date;
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> approved_at;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  VerificationState verification_state = VerificationState::kNever;
  std::string last_verified_on;
  std::string valid_until;
  std::string last_certificate_no;
};

// Which situation of verification a list asks for (approved instruments only).
enum class VerificationFilter { kNever, kValid, kDueSoon, kOverdue, kFailed };
std::optional<VerificationFilter> ParseVerificationFilter(std::string_view s);

}  // namespace mvis::domain
