// Three-person sign-off of a verification record (检定员 → 核验员 → 批准人) as pure rules.
#pragma once

#include <optional>
#include <vector>

#include "domain/appointment.hpp"
#include "domain/error.hpp"
#include "domain/roles.hpp"

namespace mvis::domain {

struct Signatures {
  std::optional<int64_t> verifier, checker, approver;  // user ids
};

// The record status after `user_id` (holding `user_duties`) signs as `duty`. Errors:
// permission denied "duty_missing" when the user lacks the duty; failed precondition
// "sign_out_of_order" when the record is not waiting for that duty, "signer_not_distinct" when
// the user already holds another signature of the record.
Result<RecordStatus> SignOff(RecordStatus status, Duty duty, const std::vector<Duty>& user_duties,
                             int64_t user_id, const Signatures& signatures);

// Whether a user with `user_duties` may send a record in `status` back to draft: the checker
// while it awaits the check, the approver while it awaits approval.
Status CheckSendBack(RecordStatus status, const std::vector<Duty>& user_duties);
// The status after a send-back (always draft), or CheckSendBack's error.
Result<RecordStatus> SendBack(RecordStatus status, const std::vector<Duty>& user_duties);

// The status after editing the record's data: only a draft (unsigned) record may be edited;
// failed precondition "verification_signed" otherwise.
Result<RecordStatus> EditRecord(RecordStatus status);

}  // namespace mvis::domain
