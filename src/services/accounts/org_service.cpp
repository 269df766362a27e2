#include "services/accounts/org_service.hpp"

#include "domain/access_resources.hpp"
#include "domain/audit_chain.hpp"
#include "domain/label_token.hpp"
#include "services/core/audit.hpp"
#include "store/org_documents_store.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

Result<domain::Organisation> OrgService::Get(const Actor& actor, int64_t org_id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Organisation> {
    auto org = store::FindOrg(tx, org_id);
    if (!org) return NotFound("机构");
    if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*org),
                                        domain::access::Op::kRead, "机构");
        !ok)
      return std::unexpected(ok.error());
    return *org;
  });
}

Result<std::vector<domain::Region>> OrgService::Regions(const std::string& parent) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<domain::Region>> {
    return store::ListRegions(tx, parent);
  });
}

namespace {

// The content type of a licence scan by its first bytes; "" for anything else.
std::string LicenseType(const std::string& bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  return "";
}

}  // namespace

Status OrgService::SaveLicense(const Actor& actor, int64_t org_id, const std::string& bytes) {
  constexpr size_t kMaxBytes = 5 << 20;
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    auto org = store::FindOrg(w.tx, org_id);
    if (!org) return NotFound("机构");
    if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*org),
                                        domain::access::Op::kSubmit, "机构");
        !ok)
      return std::unexpected(ok.error());
    if (bytes.size() > kMaxBytes)
      return Fail(ErrorKind::kInvalidArgument, "license_too_large", "营业执照文件不能超过 5 MB");
    const std::string type = LicenseType(bytes);
    if (type.empty()) {
      return Fail(ErrorKind::kInvalidArgument, "license_invalid",
                  "营业执照应为 JPG、PNG 图片或 PDF 文件");
    }
    store::LicenseRow row{org_id,
                          type,
                          domain::Base64UrlEncode(bytes),
                          domain::Sha256Hex(bytes),
                          static_cast<int64_t>(bytes.size()),
                          actor.user_id,
                          w.now};
    store::SaveLicense(w.tx, row);
    Audit(w, {"org.license.upload", "org", std::to_string(org_id),
              "上传营业执照（" + type + "，" + std::to_string(bytes.size() / 1024 + 1) +
                  " KB，SHA-256 " + row.sha256.substr(0, 16) + "…）"});
    return {};
  });
}

Result<OrgService::License> OrgService::GetLicense(const Actor& actor, int64_t org_id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<License> {
    auto org = store::FindOrg(tx, org_id);
    if (!org) return NotFound("营业执照");
    if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*org),
                                        domain::access::Op::kRead, "营业执照");
        !ok)
      return std::unexpected(ok.error());
    auto row = store::FindLicense(tx, org_id);
    if (!row) return NotFound("营业执照");
    auto bytes = domain::Base64UrlDecode(row->data);
    if (!bytes) return Internal("licence of organisation " + std::to_string(org_id));
    return License{row->content_type, std::move(*bytes), row->sha256, row->uploaded_at};
  });
}

}  // namespace mvis::services
