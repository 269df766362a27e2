// Reports over the registry: the district enterprise archive and .xlsx exports.
#include "domain/access_resources.hpp"
#include "domain/filing.hpp"
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

std::string Num(const std::optional<double>& v) {
  if (!v) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", *v);
  return buf;
}

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
  static const std::vector<io::XlsxColumn> kColumns = {
      {"编号", 8},           {"企业名称", 28},     {"器具类型", 20},     {"器具名称", 20},
      {"型号规格", 16},      {"出厂编号", 18},     {"制造单位", 24},     {"品牌", 12},
      {"准确度等级", 10},    {"测量范围", 14},     {"安装地址", 30},     {"安装区域", 12},
      {"用途", 10},          {"投入使用日期", 12}, {"资产编号", 12},     {"状态", 14},
      {"退回/注销原因", 24}, {"交直流", 8},        {"额定功率(kW)", 12}, {"额定电压(V)", 12},
      {"最大电流(A)", 12},   {"最小电流(A)", 12},  {"接口数", 8},        {"充电站名称", 24},
      {"设备编码", 20},      {"分时计费", 8},      {"申报日期", 12},     {"备案日期", 12}};
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
    const auto& d = r.data;
    domain::ChargerSpec none;
    const auto& c = d.charger ? *d.charger : none;
    cells = {std::to_string(r.id),
             r.org_name,
             r.type_name,
             d.name,
             d.model,
             d.serial_no,
             d.manufacturer,
             d.brand,
             d.accuracy_class,
             d.measuring_range,
             d.install_address,
             r.region_name,
             std::string(domain::UseDisplayName(d.use)),
             d.in_use_date,
             d.asset_no,
             StatusText(r),
             r.last_reason,
             c.current_type,
             Num(c.rated_power_kw),
             Num(c.rated_voltage_v),
             Num(c.max_current_a),
             Num(c.min_current_a),
             c.connector_count ? std::to_string(*c.connector_count) : "",
             c.station_name,
             c.equipment_id,
             c.tou_billing ? (*c.tou_billing ? "是" : "否") : "",
             Day(r.submitted_at),
             Day(r.approved_at)};
    return true;
  });
  if (!failure) return std::unexpected(failure.error());
  return bytes;
}

}  // namespace mvis::services
