// The appointment (预约检定) workflow as a pure state machine:
//   draft → submitted → accepted → scheduled → completed
//   submitted → rejected (institute, with a reason); draft | submitted → cancelled (enterprise)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// An instrument the institute found 不具备检定条件 during an appointment; it needs no record for
// the appointment to complete, and a rectification order was opened for it.
struct UnverifiableMark {
  int64_t instrument_id = 0;
  std::string reason;
  int64_t rectification_id = 0;
  int64_t marked_at = 0;
};

// An appointment as stored, with what reads add (names, instruments, progress).
struct Appointment {
  int64_t id = 0;
  int64_t org_id = 0;  // the enterprise that books
  std::string org_name;
  int64_t institute_org_id = 0;
  std::string institute_name;
  AppointmentMode mode = AppointmentMode::kSendIn;
  AppointmentStatus status = AppointmentStatus::kDraft;
  std::string preferred_date;
  std::string scheduled_date;
  std::string contact_name;
  std::string contact_phone;
  std::string notes;
  std::string reason;  // of a rejection or cancellation
  std::vector<int64_t> verifier_user_ids;
  std::vector<int64_t> instrument_ids;
  std::vector<std::string> region_codes;       // install districts of its instruments (reads)
  int64_t verified_count = 0;                  // instruments with an approved record (reads)
  std::vector<UnverifiableMark> unverifiable;  // reads
  // Set on a 抽样检定 task: created accepted by the city bureau's dispatch, free of charge,
  // on site, recorded as in-service verification.
  std::optional<int64_t> sampling_plan_id;
  std::string sampling_plan_name;  // reads
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> accepted_at;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Verification record sign-off: draft → (verifier) awaiting_check → (checker)
// awaiting_approval → (approver) approved; send-back returns a signed record to draft.
enum class RecordStatus { kDraft, kAwaitingCheck, kAwaitingApproval, kApproved };
std::string_view ToString(RecordStatus s);
std::optional<RecordStatus> ParseRecordStatus(std::string_view s);
std::string_view DisplayName(RecordStatus s);

}  // namespace mvis::domain
