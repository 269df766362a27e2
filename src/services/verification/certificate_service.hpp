// Certificates (检定证书) and result notices (检定结果通知书) issued from approved verification
// records: numbering per institute and year, frozen snapshots, PDFs, pass labels with signed QR
// tokens, revisions (the old one is kept) and revocation, and the public check of a label.
//
// Thread safety: one instance serves all request threads; the key cache is guarded.
#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/label_token.hpp"
#include "io/verification_documents.hpp"
#include "services/core/actor.hpp"
#include "services/core/config.hpp"
#include "store/database.hpp"
#include "store/label_keys_store.hpp"
#include "store/page.hpp"
#include "store/verifications_store.hpp"

namespace mvis::services {

struct CertificateView {
  store::CertificateRow certificate;
  std::string live_status;                       // valid | expired | revoked | superseded | failed
  std::vector<store::CertificateRow> revisions;  // detail only, oldest first
};

struct CertificateQuery {
  std::string kind, status, query;
  std::optional<int64_t> instrument_id;
};

// The instrument as the public page shows it (frozen in the certificate's snapshot).
struct PublicInstrument {
  std::string type_name, model, serial_no, manufacturer, district;
};

// What the public sees for a label (no personal data).
struct PublicCheck {
  std::string status;                 // valid | expired | revoked | superseded | failed
  store::CertificateRow certificate;  // latest revision, without its snapshot
  PublicInstrument instrument;
  std::vector<store::CertificateRow> revisions;
};

class CertificateService {
 public:
  CertificateService(store::Database& db, const ServiceConfig& config);

  // Base of label URLs ("http://host:port"); set once before serving.
  void set_public_url(std::string url) { public_url_ = std::move(url); }
  const std::string& public_url() const { return public_url_; }

  // Issues the document of an approved record inside the approver's transaction: number,
  // snapshot, signed token (pass), instrument state, timeline, audit and the owner's notice.
  Result<store::CertificateRow> Issue(store::Tx& tx, const Actor& actor,
                                      const store::VerificationRow& record);

  Result<store::Page<CertificateView>> List(const Actor& actor, const CertificateQuery& q,
                                            const store::PageRequest& page);
  Result<CertificateView> Get(const Actor& actor, const std::string& number);
  Result<std::string> Pdf(const Actor& actor, const std::string& number,
                          std::optional<int> revision);
  // Label sheets for certificates (pass only) the actor may print: the institute's own, or an
  // enterprise's own.
  Result<std::string> Labels(const Actor& actor, const std::vector<std::string>& numbers,
                             const io::LabelLayout& layout);
  // Institute approvers: a new revision (the old one stays, superseded) / revocation.
  Result<CertificateView> Revise(const Actor& actor, const std::string& number,
                                 const std::string& reason);
  Result<CertificateView> Revoke(const Actor& actor, const std::string& number,
                                 const std::string& reason);

  // The public check of `token`; label_invalid for a forged, altered or unknown one.
  Result<PublicCheck> Check(const std::string& token);
  Result<std::vector<store::LabelKeyRow>> PublicKeys();
  // Retires the active signing key (its labels keep verifying) and creates a new one; returns
  // the new key id. Platform administrators only; audited.
  Result<std::string> RotateKey(const Actor& actor);

  std::string QrUrl(const std::string& token) const { return public_url_ + "/v/" + token; }
  // The live status of the latest revision `c` (see docs/verification.md).
  static std::string LiveStatus(store::Tx& tx, const store::CertificateRow& c,
                                const std::string& today);

 private:
  std::vector<domain::LabelPublicKey> Keys(bool reload);
  // The public view of certificate revision `id`'s instrument; revisions never change, so the
  // parsed result is kept (bounded).
  PublicInstrument InstrumentOf(store::Tx& tx, int64_t id);
  Result<store::CertificateRow> LoadVisible(store::Tx& tx, const Actor& actor,
                                            const std::string& number);

  store::Database& db_;
  const ServiceConfig& config_;
  std::string public_url_;
  std::mutex keys_mu_;
  std::vector<domain::LabelPublicKey> keys_;
  std::mutex instruments_mu_;
  std::unordered_map<int64_t, PublicInstrument> instruments_;
};

// The active label key, created on first use.
domain::LabelKeyPair ActiveLabelKey(store::Tx& tx);

// The frozen content of a document: everything the PDF and the public page show.
nlohmann::json BuildSnapshot(store::Tx& tx, const store::VerificationRow& record);
io::CertificateDocument DocumentFromSnapshot(const store::CertificateRow& c,
                                             const nlohmann::json& snapshot);

}  // namespace mvis::services
