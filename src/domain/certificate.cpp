#include "domain/certificate.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {
namespace {

constexpr EnumName<DocumentKind> kKinds[] = {{DocumentKind::kCertificate, "certificate"},
                                             {DocumentKind::kResultNotice, "result_notice"}};
constexpr EnumName<CertificateStatus> kStatuses[] = {{CertificateStatus::kValid, "valid"},
                                                     {CertificateStatus::kSuperseded, "superseded"},
                                                     {CertificateStatus::kRevoked, "revoked"}};
constexpr EnumName<CertificateAction> kActions[] = {{CertificateAction::kRevise, "revise"},
                                                    {CertificateAction::kRevoke, "revoke"}};
constexpr EnumName<LiveStatus> kLive[] = {{LiveStatus::kValid, "valid"},
                                          {LiveStatus::kExpired, "expired"},
                                          {LiveStatus::kRevoked, "revoked"},
                                          {LiveStatus::kSuperseded, "superseded"},
                                          {LiveStatus::kFailed, "failed"}};

}  // namespace

std::string_view ToString(DocumentKind k) { return NameIn(kKinds, k); }
std::optional<DocumentKind> ParseDocumentKind(std::string_view s) { return ParseIn(kKinds, s); }
std::string_view DisplayName(DocumentKind k) {
  return k == DocumentKind::kCertificate ? "检定证书" : "检定结果通知书";
}
std::string_view ToString(CertificateStatus s) { return NameIn(kStatuses, s); }
std::optional<CertificateStatus> ParseCertificateStatus(std::string_view s) {
  return ParseIn(kStatuses, s);
}
std::string_view ToString(CertificateAction a) { return NameIn(kActions, a); }
std::string_view ToString(LiveStatus s) { return NameIn(kLive, s); }
std::optional<LiveStatus> ParseLiveStatus(std::string_view s) { return ParseIn(kLive, s); }

std::string_view DisplayName(LiveStatus s) {
  switch (s) {
    case LiveStatus::kValid:
      return "有效";
    case LiveStatus::kExpired:
      return "已过期";
    case LiveStatus::kRevoked:
      return "已注销";
    case LiveStatus::kSuperseded:
      return "已替代";
    case LiveStatus::kFailed:
      return "不合格";
  }
  return "";
}

Result<CertificateStatus> NextStatus(CertificateStatus from, CertificateAction action) {
  if (from == CertificateStatus::kRevoked) {
    return Fail(ErrorKind::kFailedPrecondition, "certificate_revoked",
                action == CertificateAction::kRevise ? "证书已注销，不能修订" : "证书已注销");
  }
  if (from != CertificateStatus::kValid) {
    return Fail(ErrorKind::kFailedPrecondition, "certificate_superseded",
                "该版本已被新的修订版取代，请刷新后重试");
  }
  return action == CertificateAction::kRevise ? CertificateStatus::kSuperseded
                                              : CertificateStatus::kRevoked;
}

LiveStatus LiveStatusOf(const Certificate& c, const std::optional<Certificate>& newest,
                        const std::string& today) {
  if (c.status == CertificateStatus::kRevoked) return LiveStatus::kRevoked;
  if (c.kind == DocumentKind::kResultNotice) return LiveStatus::kFailed;
  if (newest && newest->number != c.number && newest->id > c.id) {
    if (newest->kind == DocumentKind::kResultNotice) return LiveStatus::kFailed;
    if (newest->status != CertificateStatus::kRevoked) return LiveStatus::kSuperseded;
  }
  if (!c.valid_until.empty() && c.valid_until < today) return LiveStatus::kExpired;
  return LiveStatus::kValid;
}

}  // namespace mvis::domain
