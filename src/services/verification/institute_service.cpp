#include "services/verification/institute_service.hpp"

#include <algorithm>

#include "domain/instrument.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "services/core/audit.hpp"
#include "store/instruments_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {
namespace {

bool IsInstituteUser(const Actor& actor) {
  return actor.Is(domain::Role::kInstitute) && actor.org_id.has_value();
}

Status CheckStandard(const store::StandardRow& s) {
  std::vector<FieldError> errors;
  auto need = [&](const char* field, const std::string& v, const char* label) {
    if (domain::Trim(v).empty())
      errors.push_back({field, "field_required", std::string(label) + "不能为空"});
    else if (domain::CodePoints(v) > 100)
      errors.push_back({field, "field_too_long", std::string(label) + "不能超过100个字符"});
  };
  need("name", s.name, "标准器名称");
  need("serial_no", s.serial_no, "出厂编号");
  need("certificate_no", s.certificate_no, "检定/校准证书编号");
  if (!domain::IsIsoDate(s.valid_until))
    errors.push_back({"valid_until", "date_invalid", "证书有效期应为 YYYY-MM-DD 格式的日期"});
  if (domain::CodePoints(s.model) > 100 || domain::CodePoints(s.accuracy) > 100)
    errors.push_back({"model", "field_too_long", "型号或准确度不能超过100个字符"});
  if (errors.empty()) return {};
  Error e{ErrorKind::kInvalidArgument, "validation_failed", errors.front().message, {}, errors};
  return std::unexpected(e);
}

}  // namespace

bool ServesRegion(const store::InstituteProfileRow& profile, const std::string& region_code) {
  for (const auto& r : profile.region_codes) {
    std::string prefix = r;
    while (prefix.size() >= 2 && prefix.ends_with("00")) prefix.resize(prefix.size() - 2);
    if (region_code == r || (prefix.size() < r.size() && region_code.starts_with(prefix)))
      return true;
  }
  return false;
}

Result<std::vector<InstituteView>> InstituteService::List(const Actor& actor,
                                                          const std::string& type_code,
                                                          const std::string& region_code) {
  (void)actor;
  return db_.Read([&](store::Tx& tx) -> Result<std::vector<InstituteView>> {
    std::vector<InstituteView> out;
    for (auto& p : store::ListInstituteProfiles(tx)) {
      bool type_ok =
          type_code.empty() || std::ranges::find(p.type_codes, type_code) != p.type_codes.end();
      bool region_ok = region_code.empty() || ServesRegion(p, region_code);
      out.push_back({std::move(p), type_ok && region_ok});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.suggested > b.suggested; });
    return out;
  });
}

Result<store::InstituteProfileRow> InstituteService::SaveProfile(const Actor& actor,
                                                                 store::InstituteProfileRow p) {
  if (!actor.Is(domain::Role::kSysadmin) && !(IsInstituteUser(actor) && actor.org_id == p.org_id))
    return Forbidden();
  p.code = domain::Trim(p.code);
  if (p.code.empty() || p.code.size() > 12 || !std::ranges::all_of(p.code, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      }))
    return InvalidField("code", "institute_code_invalid", "机构代码应为1至12位字母或数字");
  if (domain::Trim(p.contact_name).empty())
    return InvalidField("contact_name", "field_required", "联系人不能为空");
  if (!domain::IsValidMobile(p.contact_phone))
    return InvalidField("contact_phone", "phone_invalid", "联系电话应为11位手机号码");
  if (p.type_codes.empty())
    return InvalidField("type_codes", "field_required", "请至少选择一种可检器具类型");
  if (p.region_codes.empty())
    return InvalidField("region_codes", "field_required", "请至少选择一个服务区域");
  return db_.Write([&](store::Tx& tx) -> Result<store::InstituteProfileRow> {
    auto org = store::FindOrg(tx, p.org_id);
    if (!org || org->kind != "institute") return NotFound("检定机构");
    for (const auto& t : p.type_codes)
      if (!store::FindInstrumentType(tx, t))
        return InvalidField("type_codes", "type_unknown", "器具类型不存在：" + t);
    store::SaveInstituteProfile(tx, p, domain::NowSeconds());
    Audit(tx, actor,
          {"institute.profile.save", "org", std::to_string(p.org_id),
           "code " + p.code + "; types " + store::JoinCsv(p.type_codes) + "; regions " +
               store::JoinCsv(p.region_codes)});
    return *store::FindInstituteProfile(tx, p.org_id);
  });
}

Result<std::vector<store::UserRow>> InstituteService::Staff(const Actor& actor) {
  if (!IsInstituteUser(actor)) return Forbidden();
  return db_.Read([&](store::Tx& tx) -> Result<std::vector<store::UserRow>> {
    return store::ActiveUsersOfOrg(tx, *actor.org_id);
  });
}

Result<std::vector<store::StandardRow>> InstituteService::Standards(const Actor& actor,
                                                                    bool active_only) {
  if (!IsInstituteUser(actor)) return Forbidden();
  return db_.Read([&](store::Tx& tx) -> Result<std::vector<store::StandardRow>> {
    return store::ListStandards(tx, *actor.org_id, active_only);
  });
}

Result<store::StandardRow> InstituteService::SaveStandard(const Actor& actor,
                                                          store::StandardRow s) {
  if (!IsInstituteUser(actor)) return Forbidden();
  s.name = domain::Trim(s.name);
  s.serial_no = domain::Trim(s.serial_no);
  s.certificate_no = domain::Trim(s.certificate_no);
  if (auto ok = CheckStandard(s); !ok) return std::unexpected(ok.error());
  return db_.Write([&](store::Tx& tx) -> Result<store::StandardRow> {
    const int64_t now = domain::NowSeconds();
    std::string before;
    if (s.id) {
      auto old = store::FindStandard(tx, s.id);
      if (!old || old->org_id != *actor.org_id) return NotFound("标准器");
      before = old->certificate_no + " valid until " + old->valid_until + " -> ";
      s.org_id = old->org_id;
      store::UpdateStandard(tx, s, now);
    } else {
      s.org_id = *actor.org_id;
      s.id = store::InsertStandard(tx, s, now);
    }
    Audit(tx, actor,
          {"institute.standard.save", "standard", std::to_string(s.id),
           before + s.name + " " + s.certificate_no + " valid until " + s.valid_until +
               (s.active ? "" : " (inactive)")});
    return *store::FindStandard(tx, s.id);
  });
}

Result<VerificationRules> InstituteService::Rules(const Actor& actor,
                                                  const std::string& type_code) {
  (void)actor;
  return db_.Read([&](store::Tx& tx) -> Result<VerificationRules> {
    auto type = store::FindInstrumentType(tx, type_code);
    if (!type) return NotFound("器具类型");
    return VerificationRules{type_code, type->regulation, type->period_months,
                             store::CheckItems(tx, type->regulation),
                             store::LimitRules(tx, type->regulation)};
  });
}

}  // namespace mvis::services
