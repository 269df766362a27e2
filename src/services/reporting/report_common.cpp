// Helpers shared by the reporting documents' workflows (report_internal.hpp).
#include <algorithm>

#include "domain/text.hpp"
#include "services/reporting/report_internal.hpp"
#include "store/regions_store.hpp"

namespace mvis::services::reporting {

using domain::access::Kind;
using domain::access::Op;

domain::access::Resource ReportResource(Kind kind, int64_t id, int64_t org_id,
                                        const std::string& region_code) {
  domain::access::Resource res;
  res.kind = kind;
  res.id = id;
  res.owner_org_id = org_id;
  if (!region_code.empty()) res.region_codes = {region_code};
  return res;
}

Status Denied(Kind kind, Op op, const char* what) {
  return std::unexpected(
      domain::access::DenialError(domain::access::Decision::kForbidden, kind, op, what));
}

// The district a bureau reports for: `code`, or its only district when empty.
Result<domain::Region> ReportingDistrict(store::Tx& tx, const Actor& actor,
                                         const std::string& code) {
  const auto subject = SubjectOf(actor);
  if (code.empty()) {
    std::vector<domain::Region> districts;
    for (const auto& c : actor.region_codes)
      if (auto r = store::FindRegion(tx, c); r && r->IsDistrictLike()) districts.push_back(*r);
    if (districts.size() == 1) return districts.front();
    return InvalidField("region_code", "region_required", "请选择所辖区");
  }
  auto region = store::FindRegion(tx, code);
  if (!region || !region->IsDistrictLike())
    return InvalidField("region_code", "region_invalid", "请选择所辖区");
  if (!subject.Covers(code))
    return InvalidField("region_code", "region_out_of_scope", "只能为本局所辖区报告");
  return *region;
}

// The city bureaus' inboxes of the city above `district`.
Recipient CityOf(store::Tx& tx, const std::string& district) {
  auto region = store::FindRegion(tx, district);
  return ToBureausOf{region ? region->parent_code : ""};
}

Status CheckText(const std::string& field, const std::string& text, size_t max) {
  if (domain::CodePoints(text) > max)
    return InvalidField(field, "text_too_long", "内容不能超过" + std::to_string(max) + "字");
  return {};
}

Result<std::optional<std::vector<std::string>>> ListedRegions(
    const domain::access::ListScope& scope, const std::string& region_code) {
  if (region_code.empty()) return scope.region_codes;
  if (scope.region_codes &&
      std::ranges::find(*scope.region_codes, region_code) == scope.region_codes->end())
    return Fail(ErrorKind::kPermissionDenied, "permission_denied", "无权查看该辖区的报告",
                "region_code");
  return std::vector<std::string>{region_code};
}

Result<FileDownload> Rendered(const io::ReportDocument& doc, const std::string& name,
                              const std::string& format) {
  if (format == "xlsx") {
    auto bytes = io::WriteReportXlsx(doc);
    if (!bytes) return std::unexpected(bytes.error());
    return FileDownload{name + ".xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        std::move(*bytes)};
  }
  auto bytes = io::RenderReportPdf(doc);
  if (!bytes) return std::unexpected(bytes.error());
  return FileDownload{name + ".pdf", "application/pdf", std::move(*bytes)};
}

}  // namespace mvis::services::reporting
