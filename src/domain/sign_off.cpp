#include "domain/sign_off.hpp"

#include <algorithm>

namespace mvis::domain {

namespace {

bool Has(const std::vector<Duty>& duties, Duty d) {
  return std::find(duties.begin(), duties.end(), d) != duties.end();
}

std::optional<RecordStatus> Awaits(Duty duty) {
  switch (duty) {
    case Duty::kVerifier:
      return RecordStatus::kDraft;
    case Duty::kChecker:
      return RecordStatus::kAwaitingCheck;
    case Duty::kApprover:
      return RecordStatus::kAwaitingApproval;
  }
  return std::nullopt;
}

}  // namespace

Result<RecordStatus> SignOff(RecordStatus status, Duty duty, const std::vector<Duty>& user_duties,
                             int64_t user_id, const Signatures& signatures) {
  if (!Has(user_duties, duty)) {
    return Fail(ErrorKind::kPermissionDenied, "duty_missing",
                "您没有" + std::string(DisplayName(duty)) + "职责，不能以该身份签名");
  }
  if (Awaits(duty) != status) {
    return Fail(ErrorKind::kFailedPrecondition, "sign_out_of_order",
                "检定记录当前为“" + std::string(DisplayName(status)) + "”，不能以该身份签名");
  }
  for (const auto& other : {signatures.verifier, signatures.checker, signatures.approver}) {
    if (other && *other == user_id) {
      return Fail(ErrorKind::kFailedPrecondition, "signer_not_distinct",
                  "同一人不能在同一检定记录上担任两个签名角色");
    }
  }
  switch (duty) {
    case Duty::kVerifier:
      return RecordStatus::kAwaitingCheck;
    case Duty::kChecker:
      return RecordStatus::kAwaitingApproval;
    case Duty::kApprover:
      return RecordStatus::kApproved;
  }
  return RecordStatus::kDraft;
}

Status CheckSendBack(RecordStatus status, const std::vector<Duty>& user_duties) {
  bool allowed = (status == RecordStatus::kAwaitingCheck && Has(user_duties, Duty::kChecker)) ||
                 (status == RecordStatus::kAwaitingApproval && Has(user_duties, Duty::kApprover));
  if (allowed) return {};
  if (status == RecordStatus::kDraft || status == RecordStatus::kApproved) {
    return Fail(ErrorKind::kFailedPrecondition, "send_back_not_allowed",
                "检定记录当前为“" + std::string(DisplayName(status)) + "”，不能退回");
  }
  return Fail(ErrorKind::kPermissionDenied, "duty_missing", "只有当前环节的核验员或批准人可以退回");
}

Result<RecordStatus> SendBack(RecordStatus status, const std::vector<Duty>& user_duties) {
  if (auto ok = CheckSendBack(status, user_duties); !ok) return std::unexpected(ok.error());
  return RecordStatus::kDraft;
}

Result<RecordStatus> EditRecord(RecordStatus status) {
  if (status != RecordStatus::kDraft) {
    return Fail(ErrorKind::kFailedPrecondition, "verification_signed",
                "检定记录已签名，不能修改；如需修改请由核验员或批准人退回");
  }
  return RecordStatus::kDraft;
}

}  // namespace mvis::domain
