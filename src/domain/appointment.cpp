#include "domain/appointment.hpp"

#include <array>
#include <string>

namespace mvis::domain {

namespace {

constexpr std::array kStatuses = {
    std::pair{AppointmentStatus::kDraft, "draft"},
    std::pair{AppointmentStatus::kSubmitted, "submitted"},
    std::pair{AppointmentStatus::kAccepted, "accepted"},
    std::pair{AppointmentStatus::kRejected, "rejected"},
    std::pair{AppointmentStatus::kScheduled, "scheduled"},
    std::pair{AppointmentStatus::kCompleted, "completed"},
    std::pair{AppointmentStatus::kCancelled, "cancelled"},
};

constexpr std::array kRecordStatuses = {
    std::pair{RecordStatus::kDraft, "draft"},
    std::pair{RecordStatus::kAwaitingCheck, "awaiting_check"},
    std::pair{RecordStatus::kAwaitingApproval, "awaiting_approval"},
    std::pair{RecordStatus::kApproved, "approved"},
};

}  // namespace

std::string_view ToString(AppointmentStatus s) {
  for (auto [v, name] : kStatuses)
    if (v == s) return name;
  return "draft";
}

std::optional<AppointmentStatus> ParseAppointmentStatus(std::string_view s) {
  for (auto [v, name] : kStatuses)
    if (name == s) return v;
  return std::nullopt;
}

std::string_view ToString(AppointmentAction a) {
  switch (a) {
    case AppointmentAction::kEdit:
      return "edit";
    case AppointmentAction::kSubmit:
      return "submit";
    case AppointmentAction::kCancel:
      return "cancel";
    case AppointmentAction::kAccept:
      return "accept";
    case AppointmentAction::kReject:
      return "reject";
    case AppointmentAction::kSchedule:
      return "schedule";
    case AppointmentAction::kComplete:
      return "complete";
  }
  return "edit";
}

std::string_view ToString(AppointmentMode m) {
  return m == AppointmentMode::kSendIn ? "send_in" : "on_site";
}

std::optional<AppointmentMode> ParseAppointmentMode(std::string_view s) {
  if (s == "send_in") return AppointmentMode::kSendIn;
  if (s == "on_site") return AppointmentMode::kOnSite;
  return std::nullopt;
}

std::string_view DisplayName(AppointmentStatus s) {
  switch (s) {
    case AppointmentStatus::kDraft:
      return "草稿";
    case AppointmentStatus::kSubmitted:
      return "待受理";
    case AppointmentStatus::kAccepted:
      return "已受理";
    case AppointmentStatus::kRejected:
      return "已拒绝";
    case AppointmentStatus::kScheduled:
      return "已安排";
    case AppointmentStatus::kCompleted:
      return "已完成";
    case AppointmentStatus::kCancelled:
      return "已取消";
  }
  return "";
}

std::string_view DisplayName(AppointmentAction a) {
  switch (a) {
    case AppointmentAction::kEdit:
      return "保存";
    case AppointmentAction::kSubmit:
      return "提交预约";
    case AppointmentAction::kCancel:
      return "取消预约";
    case AppointmentAction::kAccept:
      return "受理";
    case AppointmentAction::kReject:
      return "拒绝";
    case AppointmentAction::kSchedule:
      return "安排检定";
    case AppointmentAction::kComplete:
      return "检定完成";
  }
  return "";
}

std::string_view DisplayName(AppointmentMode m) {
  return m == AppointmentMode::kSendIn ? "预约送检" : "预约上门";
}

Result<AppointmentStatus> NextStatus(AppointmentStatus from, AppointmentAction action) {
  using S = AppointmentStatus;
  using A = AppointmentAction;
  std::optional<S> to;
  switch (action) {
    case A::kEdit:
      if (from == S::kDraft) to = S::kDraft;
      break;
    case A::kSubmit:
      if (from == S::kDraft) to = S::kSubmitted;
      break;
    case A::kCancel:
      if (from == S::kDraft || from == S::kSubmitted) to = S::kCancelled;
      break;
    case A::kAccept:
      if (from == S::kSubmitted) to = S::kAccepted;
      break;
    case A::kReject:
      if (from == S::kSubmitted) to = S::kRejected;
      break;
    case A::kSchedule:  // rescheduling is allowed until the work is complete
      if (from == S::kAccepted || from == S::kScheduled) to = S::kScheduled;
      break;
    case A::kComplete:
      if (from == S::kAccepted || from == S::kScheduled) to = S::kCompleted;
      break;
  }
  if (!to) {
    return Fail(ErrorKind::kFailedPrecondition, "appointment_illegal_transition",
                std::string("预约当前状态为“") + std::string(DisplayName(from)) + "”，不能" +
                    std::string(DisplayName(action)));
  }
  return *to;
}

bool IsOpen(AppointmentStatus s) {
  return s == AppointmentStatus::kSubmitted || s == AppointmentStatus::kAccepted ||
         s == AppointmentStatus::kScheduled;
}

std::string_view ToString(RecordStatus s) {
  for (auto [v, name] : kRecordStatuses)
    if (v == s) return name;
  return "draft";
}

std::optional<RecordStatus> ParseRecordStatus(std::string_view s) {
  for (auto [v, name] : kRecordStatuses)
    if (name == s) return v;
  return std::nullopt;
}

std::string_view DisplayName(RecordStatus s) {
  switch (s) {
    case RecordStatus::kDraft:
      return "草稿";
    case RecordStatus::kAwaitingCheck:
      return "待核验";
    case RecordStatus::kAwaitingApproval:
      return "待批准";
    case RecordStatus::kApproved:
      return "已批准";
  }
  return "";
}

}  // namespace mvis::domain
