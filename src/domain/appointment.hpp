// The appointment (预约检定) workflow as a pure state machine:
//   draft → submitted → accepted → scheduled → completed
//   submitted → rejected (institute, with a reason); draft | submitted → cancelled (enterprise)
#pragma once

#include <optional>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

enum class AppointmentStatus {
  kDraft,
  kSubmitted,
  kAccepted,
  kRejected,
  kScheduled,
  kCompleted,
  kCancelled
};
enum class AppointmentAction { kEdit, kSubmit, kCancel, kAccept, kReject, kSchedule, kComplete };
enum class AppointmentMode { kSendIn, kOnSite };  // 预约送检 / 预约上门

std::string_view ToString(AppointmentStatus s);
std::string_view ToString(AppointmentAction a);
std::string_view ToString(AppointmentMode m);
std::optional<AppointmentStatus> ParseAppointmentStatus(std::string_view s);
std::optional<AppointmentMode> ParseAppointmentMode(std::string_view s);
std::string_view DisplayName(AppointmentStatus s);  // 草稿, 待受理, 已受理, …
std::string_view DisplayName(AppointmentAction a);
std::string_view DisplayName(AppointmentMode m);

// The status after `action`, or failed precondition "appointment_illegal_transition".
Result<AppointmentStatus> NextStatus(AppointmentStatus from, AppointmentAction action);

// Open appointments hold their instruments: an instrument is in at most one at a time.
bool IsOpen(AppointmentStatus s);

// Verification record sign-off: draft → (verifier) awaiting_check → (checker)
// awaiting_approval → (approver) approved; send-back returns a signed record to draft.
enum class RecordStatus { kDraft, kAwaitingCheck, kAwaitingApproval, kApproved };
std::string_view ToString(RecordStatus s);
std::optional<RecordStatus> ParseRecordStatus(std::string_view s);
std::string_view DisplayName(RecordStatus s);

}  // namespace mvis::domain
