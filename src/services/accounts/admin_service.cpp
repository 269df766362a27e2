#include "services/accounts/admin_service.hpp"

#include "domain/credit_code.hpp"
#include "domain/phone.hpp"
#include "domain/roles.hpp"
#include "domain/time.hpp"
#include "services/accounts/auth_service.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "services/core/passwords.hpp"
#include "store/regions_store.hpp"
#include "store/sessions_store.hpp"

namespace mvis::services {
namespace {

Status RequireSysadmin(const Actor& actor) {
  if (!actor.Is(domain::Role::kSysadmin)) return Forbidden();
  return {};
}

// Which region levels an organisation of each kind may sit at.
bool KindFitsRegionLevel(domain::OrgKind kind, const std::string& level) {
  switch (kind) {
    case domain::OrgKind::kEnterprise:
    case domain::OrgKind::kDistrictBureau:
      return level == "district" || level == "zone";
    case domain::OrgKind::kCityBureau:
      return level == "city";
    case domain::OrgKind::kDrc:
    case domain::OrgKind::kInstitute:
      return level == "city" || level == "district" || level == "zone";
  }
  return false;
}

}  // namespace

Result<store::Page<store::OrgRow>> AdminService::ListOrgs(const Actor& actor,
                                                          const store::OrgFilter& filter,
                                                          const store::PageRequest& page) {
  if (auto ok = RequireSysadmin(actor); !ok) return std::unexpected(ok.error());
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<store::OrgRow>> {
    return store::ListOrgs(tx, filter, page);
  });
}

Result<store::OrgRow> AdminService::CreateOrg(const Actor& actor, OrgInput in) {
  if (auto ok = RequireSysadmin(actor); !ok) return std::unexpected(ok.error());
  auto kind = domain::ParseOrgKind(in.kind);
  if (!kind) return InvalidField("kind", "org_kind_invalid", "机构类型无效");
  if (in.name.empty() || in.name.size() > 200)
    return InvalidField("name", "name_required", "请填写机构名称");
  if (!in.credit_code.empty() && !domain::IsValidCreditCode(in.credit_code)) {
    return InvalidField("credit_code", "credit_code_invalid", "统一社会信用代码格式或校验位不正确");
  }
  if (*kind == domain::OrgKind::kEnterprise && in.credit_code.empty()) {
    return InvalidField("credit_code", "credit_code_invalid", "企业须填写统一社会信用代码");
  }
  if (!in.phone.empty() && !domain::IsValidMobile(in.phone)) {
    return InvalidField("phone", "phone_invalid", "请输入正确的11位手机号码");
  }
  return db_.Write([&](store::Tx& tx) -> Result<store::OrgRow> {
    auto region = store::FindRegion(tx, in.region_code);
    if (!region || !KindFitsRegionLevel(*kind, region->level)) {
      return InvalidField("region_code", "region_invalid", "所选区域与机构类型不符");
    }
    if (!in.credit_code.empty() && store::FindOrgByCreditCode(tx, in.credit_code)) {
      return Fail(ErrorKind::kConflict, "credit_code_taken", "该统一社会信用代码已存在",
                  "credit_code");
    }
    store::OrgRow org;
    org.kind = in.kind;
    org.name = in.name;
    org.credit_code = in.credit_code;
    org.region_code = in.region_code;
    org.address = in.address;
    org.contact_name = in.contact_name;
    org.contact_phone = in.phone;
    org.created_at = domain::NowSeconds();
    org.id = store::InsertOrg(tx, org);
    Audit(tx, actor,
          {"admin.org.create", "org", std::to_string(org.id),
           in.kind + " " + in.name + " @" + in.region_code});
    return *store::FindOrg(tx, org.id);
  });
}

Result<store::Page<store::UserRow>> AdminService::ListUsers(const Actor& actor,
                                                            const store::UserFilter& filter,
                                                            const store::PageRequest& page) {
  if (auto ok = RequireSysadmin(actor); !ok) return std::unexpected(ok.error());
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<store::UserRow>> {
    return store::ListUsers(tx, filter, page);
  });
}

Result<CreatedUser> AdminService::CreateUser(const Actor& actor, UserInput in) {
  if (auto ok = RequireSysadmin(actor); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckUsername(in.username); !ok) return std::unexpected(ok.error());
  auto role = domain::ParseRole(in.role);
  if (!role) return InvalidField("role", "role_invalid", "角色无效");
  std::vector<domain::Duty> duties;
  for (const auto& d : in.duties) {
    auto duty = domain::ParseDuty(d);
    if (!duty) return InvalidField("duties", "duty_invalid", "岗位职责无效");
    duties.push_back(*duty);
  }
  if (!duties.empty() && *role != domain::Role::kInstitute) {
    return InvalidField("duties", "duty_invalid",
                        "只有计量技术机构人员可设置检定员、核验员、批准人职责");
  }
  if (!in.phone.empty() && !domain::IsValidMobile(in.phone)) {
    return InvalidField("phone", "phone_invalid", "请输入正确的11位手机号码");
  }
  CreatedUser created;
  if (in.password.empty()) {
    in.password = GeneratePassword(config_.password_policy);
    created.generated_password = in.password;
  }
  if (auto ok = domain::CheckPassword(config_.password_policy, in.password, in.username); !ok) {
    return std::unexpected(ok.error());
  }
  const std::string hash = HashPassword(in.password);
  auto user = db_.Write([&](store::Tx& tx) -> Result<store::UserRow> {
    std::optional<domain::OrgKind> kind;
    if (in.org_id) {
      auto org = store::FindOrg(tx, *in.org_id);
      if (!org) return InvalidField("org_id", "org_not_found", "所属机构不存在");
      kind = domain::ParseOrgKind(org->kind);
    }
    if (!domain::RoleFitsOrgKind(*role, kind)) {
      return InvalidField(
          "org_id", "role_org_mismatch",
          *role == domain::Role::kSysadmin ? "系统管理员不属于任何机构" : "角色与所属机构类型不符");
    }
    if (store::FindUserByUsername(tx, in.username)) {
      return Fail(ErrorKind::kConflict, "username_taken", "用户名已被使用，请更换", "username");
    }
    const int64_t now = domain::NowSeconds();
    store::UserRow u;
    u.username = in.username;
    u.password_hash = hash;
    u.role = in.role;
    u.org_id = in.org_id;
    u.display_name = in.display_name.empty() ? in.username : in.display_name;
    u.phone = in.phone;
    u.duties = domain::JoinDuties(duties);
    u.created_at = now;
    u.password_changed_at = now;
    u.id = store::InsertUser(tx, u);
    Audit(tx, actor,
          {"admin.user.create", "user", std::to_string(u.id),
           in.username + " role=" + in.role +
               " org=" + (in.org_id ? std::to_string(*in.org_id) : "-") +
               " phone=" + domain::MaskPhone(in.phone)});
    return *store::FindUser(tx, u.id);
  });
  if (!user) return std::unexpected(user.error());
  created.user = std::move(*user);
  return created;
}

Result<store::UserRow> AdminService::SetUserStatus(const Actor& actor, int64_t user_id,
                                                   const std::string& status) {
  if (auto ok = RequireSysadmin(actor); !ok) return std::unexpected(ok.error());
  if (user_id == actor.user_id && status != "active") {
    return Fail(ErrorKind::kFailedPrecondition, "cannot_disable_self", "不能停用当前登录的账户");
  }
  return db_.Write([&](store::Tx& tx) -> Result<store::UserRow> {
    auto user = store::FindUser(tx, user_id);
    if (!user) return NotFound("用户");
    store::SetUserStatus(tx, user_id, status);
    if (status != "active") store::DeleteUserSessions(tx, user_id, 0);
    Audit(tx, actor,
          {status == "active" ? "admin.user.enable" : "admin.user.disable", "user",
           std::to_string(user_id), user->status + " -> " + status});
    return *store::FindUser(tx, user_id);
  });
}

Result<std::string> AdminService::ResetPassword(const Actor& actor, int64_t user_id,
                                                std::string password) {
  if (auto ok = RequireSysadmin(actor); !ok) return std::unexpected(ok.error());
  auto user = db_.Read([&](store::Tx& tx) -> Result<std::optional<store::UserRow>> {
    return store::FindUser(tx, user_id);
  });
  if (!user) return std::unexpected(user.error());
  if (!*user) return NotFound("用户");
  if (password.empty()) password = GeneratePassword(config_.password_policy);
  if (auto ok = domain::CheckPassword(config_.password_policy, password, (*user)->username); !ok) {
    return std::unexpected(ok.error());
  }
  const std::string hash = HashPassword(password);
  auto done = db_.Write([&](store::Tx& tx) -> Status {
    store::SetPasswordHash(tx, user_id, hash, domain::NowSeconds());
    store::DeleteUserSessions(tx, user_id, 0);
    Audit(tx, actor,
          {"admin.user.reset_password", "user", std::to_string(user_id),
           "password reset; lockout cleared; sessions ended"});
    NotifyUser(tx, **user,
               {"password_reset", "密码已重置",
                "您的账户密码已由系统管理员重置，请使用新密码登录并及时修改。"});
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return password;
}

Result<store::Page<store::NotificationRow>> AdminService::ListOutbox(
    const Actor& actor, const std::string& phone, const store::PageRequest& page) {
  if (auto ok = RequireSysadmin(actor); !ok) return std::unexpected(ok.error());
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<store::NotificationRow>> {
    return store::ListOutbox(tx, phone, page);
  });
}

Result<store::Page<domain::AuditEntry>> AdminService::ListAudit(const Actor& actor,
                                                                const store::AuditFilter& filter,
                                                                const store::PageRequest& page) {
  if (auto ok = RequireSysadmin(actor); !ok) return std::unexpected(ok.error());
  return db_.Read([&](store::Tx& tx) -> Result<store::Page<domain::AuditEntry>> {
    return store::ListAudit(tx, filter, page);
  });
}

}  // namespace mvis::services
