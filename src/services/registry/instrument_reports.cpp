// Reports over the registry: the district enterprise archive and .xlsx exports.
#include "domain/access_resources.hpp"
#include "domain/filing.hpp"
#include "domain/instrument_fields.hpp"
#include "domain/phone.hpp"
#include "domain/time.hpp"
#include "io/xlsx_writer.hpp"
#include "services/registry/filing_steps.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;

Result<std::vector<ArchiveEntry>> InstrumentService::Archive(const Actor& actor,
                                                             const std::string& region_code) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, Kind::kArchive);
  if (!scope.allowed)
    return std::unexpected(domain::access::CheckRole(subject, Kind::kArchive, Op::kRead).error());
  std::vector<std::string> regions = scope.region_codes.value_or(std::vector<std::string>{});
  if (!region_code.empty()) {
    domain::access::Resource district{Kind::kArchive};
    district.region_codes = {region_code};
    if (auto ok = domain::access::Check(subject, district, Op::kRead, "辖区"); !ok)
      return std::unexpected(ok.error());
    regions = {region_code};
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<ArchiveEntry>> {
    std::map<int64_t, ArchiveEntry> entries;
    for (const auto& row : store::ArchiveCounts(tx, regions)) {
      if (auto org = store::FindOrg(tx, row.org_id)) entries[row.org_id] = {*org, "", row.counts};
    }
    store::OrgFilter registered{domain::OrgKind::kEnterprise, "", regions};
    for (const auto& org : store::ListOrgs(tx, registered, {1, 10000}).items) {
      if (!entries.count(org.id)) entries[org.id] = {org, "", {}};
    }
    std::vector<ArchiveEntry> out;
    for (auto& [id, e] : entries) {
      // Listed here as active in these districts: their bureau calls the enterprise.
      auto listed = domain::access::ResourceOf(e.org);
      listed.region_codes = regions;
      e.contact_phone = domain::access::SeesContactPhone(subject, listed)
                            ? e.org.contact_phone
                            : domain::MaskPhone(e.org.contact_phone);
      out.push_back(std::move(e));
    }
    return out;
  });
}

namespace {

std::string StatusText(const domain::Instrument& r) {
  std::string text(domain::DisplayName(r.status));
  if (r.change_pending) text += "（变更审核中）";
  return text;
}

std::string Day(const std::optional<int64_t>& t) {
  return t ? domain::ChinaDate(*t) : std::string();
}

}  // namespace

Result<std::string> InstrumentService::Export(const Actor& actor, const InstrumentQuery& query) {
  auto f = registry::ScopedFilter(ctx_, actor, query);
  if (!f) return std::unexpected(f.error());
  constexpr int64_t kMaxRows = 100000;
  auto total = ctx_.db.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountInstruments(tx, *f); });
  if (!total) return std::unexpected(total.error());
  if (*total > kMaxRows) {
    return Fail(ErrorKind::kFailedPrecondition, "export_too_large",
                "导出数据超过10万条，请缩小筛选范围后再导出");
  }
  // 编号 and 企业名称, every field of the instrument field table, then the filing's state.
  static const std::vector<io::XlsxColumn> kColumns = [] {
    std::vector<io::XlsxColumn> c = {{"编号", 8}, {"企业名称", 28}};
    for (const auto& f : domain::InstrumentFields()) c.push_back({std::string(f.header), f.width});
    for (io::XlsxColumn tail : std::initializer_list<io::XlsxColumn>{
             {"状态", 14}, {"退回/注销原因", 24}, {"申报日期", 12}, {"备案日期", 12}})
      c.push_back(tail);
    return c;
  }();
  domain::PageRequest page{1, 1000};
  std::vector<domain::Instrument> batch;
  size_t next = 0;
  bool done = false;
  Status failure;
  auto bytes = io::WriteXlsxTable("器具清单", kColumns, [&](std::vector<std::string>& cells) {
    if (next == batch.size()) {
      if (done) return false;
      auto chunk = ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<domain::Instrument>> {
        return store::ListInstruments(tx, *f, page);
      });
      if (!chunk) {
        failure = std::unexpected(chunk.error());
        return false;
      }
      batch = std::move(chunk->items);
      next = 0;
      done = batch.size() < static_cast<size_t>(page.page_size);
      ++page.page;
      if (batch.empty()) return false;
    }
    const auto& r = batch[next++];
    cells = {std::to_string(r.id), r.org_name};
    for (const auto& f : domain::InstrumentFields()) {
      if (f.text == &domain::InstrumentData::type_code)
        cells.push_back(r.type_name);
      else if (f.text == &domain::InstrumentData::install_region_code)
        cells.push_back(r.region_name);
      else if (f.text == &domain::InstrumentData::use)
        cells.push_back(std::string(domain::UseDisplayName(r.data.use)));
      else
        cells.push_back(domain::FieldText(r.data, f));
    }
    for (std::string tail : {StatusText(r), r.last_reason, Day(r.submitted_at), Day(r.approved_at)})
      cells.push_back(std::move(tail));
    return true;
  });
  if (!failure) return std::unexpected(failure.error());
  return bytes;
}

}  // namespace mvis::services
