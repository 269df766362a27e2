// 验收核查证明 (DRC acceptance evidence) as an A4 PDF: the project, the verdict, a table of the
// chargers with a QR code each (its public label page), and a QR of the signed check (its public
// confirmation page). The service fills the document; this only lays it out.
//
// Thread safety: may be called from any thread concurrently.
#pragma once

#include <string>
#include <vector>

#include "domain/error.hpp"

namespace mvis::io {

struct AcceptanceEvidenceItem {
  std::string equipment_id, identity;  // identity: 厂家 / 出厂编号
  std::string district, certificate_no, institute, verified_on, valid_until;
  std::string status_name;  // 合格有效, 未备案 …
  bool ok = false;
  std::string qr_url;  // public label page; "" when there is no certificate
};

struct AcceptanceEvidenceDocument {
  std::string project_name, owner_name, stations, office_name, checked_on, created_by;
  std::string verdict_text;  // 全部检定合格且在有效期内 / 存在问题：…
  bool passed = false;
  std::string summary_url;     // public confirmation page of the signed check
  std::string signature_note;  // key id and token digest printed under the QR
  std::vector<AcceptanceEvidenceItem> items;
};

Result<std::string> RenderAcceptanceEvidencePdf(const AcceptanceEvidenceDocument& doc);

}  // namespace mvis::io
