// Certificates (检定证书) and result notices (检定结果通知书): every revision is kept; a revision
// is valid until a newer one supersedes it or it is revoked. What a holder or the public sees is
// the live status of the latest revision, which also depends on the instrument's later documents
// and on the date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace mvis::domain {

enum class DocumentKind { kCertificate, kResultNotice };
enum class CertificateStatus { kValid, kSuperseded, kRevoked };  // of one revision
enum class CertificateAction { kRevise, kRevoke };
// valid | expired (past its valid-until date) | revoked | superseded (the instrument has a newer
// certificate, or the label is of an older revision) | failed (a result notice, or the instrument
// has since failed)
enum class LiveStatus { kValid, kExpired, kRevoked, kSuperseded, kFailed };

std::string_view ToString(DocumentKind k);
std::optional<DocumentKind> ParseDocumentKind(std::string_view s);
std::string_view DisplayName(DocumentKind k);  // 检定证书, 检定结果通知书
std::string_view ToString(CertificateStatus s);
std::optional<CertificateStatus> ParseCertificateStatus(std::string_view s);
std::string_view ToString(CertificateAction a);
std::string_view ToString(LiveStatus s);
std::optional<LiveStatus> ParseLiveStatus(std::string_view s);
std::string_view DisplayName(LiveStatus s);  // 有效, 已过期, 已注销, 已替代, 不合格

// The status of the current revision after `action` (revise: it is superseded by the new one;
// revoke: revoked), or failed precondition "certificate_revoked" when it is no longer valid.
Result<CertificateStatus> NextStatus(CertificateStatus from, CertificateAction action);

struct Certificate {
  int64_t id = 0;
  std::string number;
  int revision = 1;
  DocumentKind kind = DocumentKind::kCertificate;
  CertificateStatus status = CertificateStatus::kValid;
  int64_t verification_id = 0;
  int64_t instrument_id = 0;
  int64_t org_id = 0;
  int64_t institute_org_id = 0;
  std::string install_region_code;
  std::string issue_date, valid_until, verified_on;
  std::string reason;
  std::string token;     // the signed label token (certificates only)
  std::string snapshot;  // JSON: everything the document shows, frozen at issue
  int64_t created_by = 0;
  int64_t created_at = 0;
  // Filled by reads.
  std::string org_name, institute_name;
};

// The live status of `latest` (the latest revision of its number) on `today`, given the most
// recent document issued for the same instrument (`newest_of_instrument`; its id, number, kind
// and status matter).
LiveStatus LiveStatusOf(const Certificate& latest,
                        const std::optional<Certificate>& newest_of_instrument,
                        const std::string& today);

}  // namespace mvis::domain
