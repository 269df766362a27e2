#include "services/verification/institute_service.hpp"

#include <algorithm>

#include "domain/access_resources.hpp"
#include "domain/audit_chain.hpp"
#include "domain/instrument.hpp"
#include "domain/label_token.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "io/verification_documents.hpp"
#include "services/core/audit.hpp"
#include "store/institutes_store.hpp"
#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"

namespace mvis::services {
namespace {

using domain::access::Kind;
using domain::access::Op;

Status CheckStandard(const domain::Standard& s) {
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

StandardView ViewOf(domain::Standard s, const std::string& today) {
  bool expired = s.valid_until < today;
  return {std::move(s), expired};
}

}  // namespace

Result<std::vector<InstituteView>> InstituteService::List(const Actor& actor,
                                                          const std::string& type_code,
                                                          const std::string& region_code) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInstituteProfile, Op::kRead);
      !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<InstituteView>> {
    std::vector<InstituteView> out;
    for (auto& p : store::ListInstituteProfiles(tx)) {
      bool type_ok =
          type_code.empty() || std::ranges::find(p.type_codes, type_code) != p.type_codes.end();
      bool region_ok = region_code.empty() || domain::ServesRegion(p, region_code);
      out.push_back({std::move(p), type_ok && region_ok});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.suggested > b.suggested; });
    return out;
  });
}

Result<domain::InstituteProfile> InstituteService::SaveProfile(const Actor& actor,
                                                               domain::InstituteProfile p) {
  if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(p), Op::kEdit,
                                      "检定机构");
      !ok)
    return std::unexpected(ok.error());
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
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::InstituteProfile> {
    auto org = store::FindOrg(w.tx, p.org_id);
    if (!org || org->kind != domain::OrgKind::kInstitute) return NotFound("检定机构");
    for (const auto& t : p.type_codes)
      if (!store::FindInstrumentType(w.tx, t))
        return InvalidField("type_codes", "type_unknown", "器具类型不存在：" + t);
    store::SaveInstituteProfile(w.tx, p, w.now);
    Audit(w, {"institute.profile.save", "org", std::to_string(p.org_id),
              "机构代码 " + p.code + "；器具类型 " + domain::Join(p.type_codes, "、") +
                  "；服务区域 " + domain::Join(p.region_codes, "、")});
    auto saved = store::FindInstituteProfile(w.tx, p.org_id);
    if (!saved) return Internal("institute profile vanished in its transaction");
    return *saved;
  });
}

namespace {

// Its own users and the platform administrator keep an institute's profile and seal.
Status MayEdit(const Actor& actor, int64_t org_id) {
  domain::InstituteProfile key;
  key.org_id = org_id;
  return domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(key), Op::kEdit,
                               "检定机构");
}

}  // namespace

Result<domain::InstituteProfile> InstituteService::Profile(const Actor& actor, int64_t org_id) {
  if (auto ok = MayEdit(actor, org_id); !ok) return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::InstituteProfile> {
    auto p = store::FindInstituteProfile(tx, org_id);
    if (!p) return NotFound("检定机构信息");
    return *p;
  });
}

Result<std::string> InstituteService::SaveSeal(const Actor& actor, int64_t org_id,
                                               const std::string& png) {
  if (auto ok = MayEdit(actor, org_id); !ok) return std::unexpected(ok.error());
  constexpr size_t kMaxSealBytes = 512 << 10;
  if (png.size() > kMaxSealBytes)
    return Fail(ErrorKind::kInvalidArgument, "seal_too_large", "印章图片不能超过 512 KB");
  auto size = io::CheckSealPng(png);
  if (!size) return std::unexpected(size.error());
  const std::string sha = domain::Sha256Hex(png);
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<std::string> {
    auto org = store::FindOrg(w.tx, org_id);
    if (!org || org->kind != domain::OrgKind::kInstitute) return NotFound("检定机构");
    store::SaveInstituteSeal(w.tx, org_id, domain::Base64UrlEncode(png), sha, w.now);
    Audit(w, {"institute.seal.save", "org", std::to_string(org_id),
              "上传检定专用章图片 " + std::to_string(size->first) + "×" +
                  std::to_string(size->second) + " 像素，SHA-256 " + sha.substr(0, 16) + "…"});
    return sha;
  });
}

Result<std::string> InstituteService::Seal(const Actor& actor, int64_t org_id) {
  if (auto ok = MayEdit(actor, org_id); !ok) return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::string> {
    auto seal = store::FindInstituteSeal(tx, org_id);
    if (!seal) return NotFound("印章图片");
    auto png = domain::Base64UrlDecode(*seal);
    if (!png) return Internal("institute seal of " + std::to_string(org_id) + " is not base64");
    return *png;
  });
}

Result<std::vector<StaffMember>> InstituteService::Staff(const Actor& actor) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, Kind::kUser);
  if (!scope.owner_org_id) return Forbidden();  // only an institute has staff to list
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<StaffMember>> {
    std::vector<StaffMember> out;
    for (const auto& u : store::ActiveUsersOfOrg(tx, *scope.owner_org_id))
      out.push_back({u.id, u.display_name, u.duties});
    return out;
  });
}

Result<std::vector<StandardView>> InstituteService::Standards(const Actor& actor,
                                                              bool active_only) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, Kind::kStandard);
  if (!scope.allowed)
    return std::unexpected(domain::access::CheckRole(subject, Kind::kStandard, Op::kRead).error());
  const std::string today = ctx_.clock.Today();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<StandardView>> {
    std::vector<StandardView> out;
    for (auto& s : store::ListStandards(tx, scope.institute_org_id.value_or(-1), active_only))
      out.push_back(ViewOf(std::move(s), today));
    return out;
  });
}

Result<StandardView> InstituteService::SaveStandard(const Actor& actor, domain::Standard s) {
  const auto subject = SubjectOf(actor);
  const Op op = s.id ? Op::kEdit : Op::kCreate;
  if (auto ok = domain::access::CheckRole(subject, Kind::kStandard, op); !ok)
    return std::unexpected(ok.error());
  if (!actor.org_id) return Forbidden();
  s.name = domain::Trim(s.name);
  s.serial_no = domain::Trim(s.serial_no);
  s.certificate_no = domain::Trim(s.certificate_no);
  if (auto ok = CheckStandard(s); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<StandardView> {
    std::string before;
    if (s.id) {
      auto old = store::FindStandard(w.tx, s.id);
      if (!old) return NotFound("标准器");
      if (auto ok = domain::access::Check(subject, domain::access::ResourceOf(*old), op, "标准器");
          !ok)
        return std::unexpected(ok.error());
      before = old->certificate_no + " valid until " + old->valid_until + " -> ";
      s.org_id = old->org_id;
      store::UpdateStandard(w.tx, s, w.now);
    } else {
      s.org_id = *actor.org_id;
      s.id = store::InsertStandard(w.tx, s, w.now);
    }
    Audit(w, {"institute.standard.save", "standard", std::to_string(s.id),
              before + s.name + " " + s.certificate_no + "，有效期至 " + s.valid_until +
                  (s.active ? "" : "（停用）")});
    auto saved = store::FindStandard(w.tx, s.id);
    if (!saved) return Internal("standard vanished in its transaction");
    return ViewOf(std::move(*saved), w.Today());
  });
}

Result<VerificationRules> InstituteService::Rules(const Actor& actor,
                                                  const std::string& type_code) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kRegulation, Op::kRead); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<VerificationRules> {
    auto type = store::FindInstrumentType(tx, type_code);
    if (!type) return NotFound("器具类型");
    return VerificationRules{type_code, type->regulation, type->period_months,
                             store::CheckItems(tx, type->regulation),
                             store::LimitRules(tx, type->regulation)};
  });
}

}  // namespace mvis::services
