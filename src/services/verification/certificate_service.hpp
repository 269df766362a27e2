// Certificates (检定证书) and result notices (检定结果通知书) issued from approved verification
// records: numbering per institute and year, frozen snapshots, PDFs, pass labels with signed QR
// tokens, revisions (the old one is kept) and revocation — each a workflow step — and the public
// check of a label.
//
// Thread safety: one instance serves all request threads; the caches are guarded.
#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/page.hpp"
#include "io/verification_documents.hpp"
#include "services/core/context.hpp"
#include "services/core/date_range.hpp"
#include "services/verification/label_keyring.hpp"
#include "services/verification/verification_views.hpp"

namespace mvis::services {

struct CertificateQuery {
  std::string kind, status, query;
  std::optional<int64_t> instrument_id;
  DateRange issued;  // issue date
};

class CertificateService {
 public:
  CertificateService(const ServiceContext& ctx, LabelKeyring& keys);

  // Base of label URLs ("http://host:port"); set once before serving.
  void set_public_url(std::string url) { public_url_ = std::move(url); }
  const std::string& public_url() const { return public_url_; }

  // Issues the document of an approved record inside the approver's Work: number, snapshot,
  // signed token (pass), instrument state, timelines, audit and the owner's notice.
  Result<domain::Certificate> Issue(Work& w, const domain::VerificationRecord& record);

  Result<domain::Page<CertificateView>> List(const Actor& actor, const CertificateQuery& q,
                                             const domain::PageRequest& page);
  Result<CertificateView> Get(const Actor& actor, const std::string& number);
  Result<std::string> Pdf(const Actor& actor, const std::string& number,
                          std::optional<int> revision);
  // Label sheets for certificates (pass only) the actor may print: the institute's own, or an
  // enterprise's own.
  Result<std::string> Labels(const Actor& actor, const std::vector<std::string>& numbers,
                             const io::LabelLayout& layout);
  // Institute approvers: a new revision (the old one stays, superseded) / revocation. The
  // approver confirms with their password (403 reauth_failed, nothing changed).
  Result<CertificateView> Revise(const Actor& actor, const std::string& number,
                                 const std::string& reason, const std::string& password);
  Result<CertificateView> Revoke(const Actor& actor, const std::string& number,
                                 const std::string& reason, const std::string& password);

  // The public check of `token`; label_invalid for a forged, altered or unknown one.
  Result<PublicCheck> Check(const std::string& token);
  Result<std::vector<PublicKeyView>> PublicKeys();
  // Retires the active signing key (its labels keep verifying) and creates a new one; returns
  // the new key id. Platform administrators only; audited.
  Result<std::string> RotateKey(const Actor& actor);

  std::string QrUrl(const std::string& token) const { return domain::LabelUrl(public_url_, token); }

 private:
  // The public view of certificate revision `c`'s instrument and of the district bureau where
  // it is used; revisions never change, so the result is kept (bounded; a bureau's new phone
  // number shows after a restart).
  PublicInstrument InstrumentOf(store::Tx& tx, const domain::Certificate& c);

  const ServiceContext& ctx_;
  LabelKeyring& keys_;
  std::string public_url_;
  std::mutex instruments_mu_;
  std::unordered_map<int64_t, PublicInstrument> instruments_;
};

// The frozen content of a document: everything the PDF and the public page show.
Result<nlohmann::json> BuildSnapshot(store::Tx& tx, const domain::VerificationRecord& record);
io::CertificateDocument DocumentFromSnapshot(const domain::Certificate& c,
                                             const nlohmann::json& snapshot);

}  // namespace mvis::services
