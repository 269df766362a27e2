// Reading certificates: lists and details within the caller's scope, PDFs of any revision, label
// sheets.
#include "domain/access_resources.hpp"
#include "services/verification/certificate_service.hpp"
#include "services/verification/detail_views.hpp"
#include "store/institutes_store.hpp"
#include "store/verifications_store.hpp"

namespace mvis::services {

using Json = nlohmann::json;
using domain::access::Kind;
using domain::access::Op;

namespace {

Result<domain::Certificate> Load(store::Tx& tx, const Actor& actor, const std::string& number,
                                 Op op) {
  auto c = store::FindCertificate(tx, number);
  if (!c) return NotFound("证书");
  if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*c), op, "证书");
      !ok)
    return std::unexpected(ok.error());
  return *c;
}

}  // namespace

Result<domain::Page<CertificateView>> CertificateService::List(const Actor& actor,
                                                               const CertificateQuery& q,
                                                               const domain::PageRequest& page) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, Kind::kCertificate);
  if (!scope.allowed)
    return std::unexpected(
        domain::access::CheckRole(subject, Kind::kCertificate, Op::kRead).error());
  store::CertificateFilter f;
  f.institute_org_id = scope.institute_org_id;
  f.org_id = scope.owner_org_id;
  f.region_codes = scope.region_codes;
  if (!q.kind.empty()) {
    f.kind = domain::ParseDocumentKind(q.kind);
    if (!f.kind) return InvalidField("kind", "kind_invalid", "证书类别无效");
  }
  if (!q.status.empty()) {
    f.status = domain::ParseLiveStatus(q.status);
    if (!f.status) return InvalidField("status", "status_invalid", "证书状态无效");
  }
  const std::string today = ctx_.clock.Today();
  f.today = today;
  f.query = q.query;
  f.instrument_id = q.instrument_id;
  if (auto ok = CheckDateRange(q.issued); !ok) return std::unexpected(ok.error());
  f.issued_from = q.issued.from;
  f.issued_to = q.issued.to;
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<CertificateView>> {
    auto rows = store::ListCertificates(tx, f, page);
    domain::Page<CertificateView> out;
    out.total = rows.total;
    for (auto& c : rows.items) {
      auto live = verification::LiveStatusOf(tx, c, today);
      out.items.push_back({std::move(c), live, {}});
    }
    return out;
  });
}

Result<CertificateView> CertificateService::Get(const Actor& actor, const std::string& number) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<CertificateView> {
    auto c = Load(tx, actor, number, Op::kRead);
    if (!c) return std::unexpected(c.error());
    auto live = verification::LiveStatusOf(tx, *c, ctx_.clock.Today());
    return CertificateView{*c, live, store::ListCertificateRevisions(tx, number)};
  });
}

Result<std::string> CertificateService::Pdf(const Actor& actor, const std::string& number,
                                            std::optional<int> revision) {
  std::string seal;
  auto c = ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Certificate> {
    auto latest = Load(tx, actor, number, Op::kRead);
    if (!latest) return latest;
    // The institute's current seal: certificates are printed with the seal it uses now.
    seal = store::FindInstituteSeal(tx, latest->institute_org_id).value_or("");
    if (!revision) return latest;
    auto r = store::FindCertificateRevision(tx, number, *revision);
    if (!r) return NotFound("证书修订版");
    return *r;
  });
  if (!c) return std::unexpected(c.error());
  auto doc = DocumentFromSnapshot(*c, Json::parse(c->snapshot, nullptr, false));
  if (!seal.empty()) doc.seal_png = domain::Base64UrlDecode(seal).value_or("");
  if (!c->token.empty()) doc.qr_url = QrUrl(c->token);
  return io::RenderCertificatePdf(doc);
}

Result<std::string> CertificateService::Labels(const Actor& actor,
                                               const std::vector<std::string>& numbers,
                                               const io::LabelLayout& layout) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kCertificate, Op::kPrintLabel);
      !ok)
    return std::unexpected(ok.error());
  if (numbers.empty()) return InvalidField("numbers", "labels_empty", "请选择要打印标识的证书");
  if (numbers.size() > 500)
    return InvalidField("numbers", "labels_too_many", "一次最多打印500张标识");
  auto labels = ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<io::LabelData>> {
    std::vector<io::LabelData> out;
    for (const auto& n : numbers) {
      auto c = Load(tx, actor, n, Op::kPrintLabel);
      if (!c) return std::unexpected(c.error());
      if (c->kind != domain::DocumentKind::kCertificate ||
          c->status == domain::CertificateStatus::kRevoked) {
        return Fail(ErrorKind::kFailedPrecondition, "label_not_allowed",
                    "证书 " + n + " 不是有效的检定证书，不能打印合格标识");
      }
      out.push_back({QrUrl(c->token), c->number, c->valid_until, c->institute_name});
    }
    return out;
  });
  if (!labels) return std::unexpected(labels.error());
  return io::RenderLabelsPdf(*labels, layout);
}

}  // namespace mvis::services
