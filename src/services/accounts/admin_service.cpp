#include "services/accounts/admin_service.hpp"

#include <tuple>

#include "domain/audit_names.hpp"
#include "domain/calendar.hpp"
#include "domain/credit_code.hpp"
#include "domain/phone.hpp"
#include "domain/roles.hpp"
#include "domain/text.hpp"
#include "services/accounts/admin_checks.hpp"
#include "services/accounts/auth_service.hpp"
#include "services/core/audit.hpp"
#include "services/core/notifier.hpp"
#include "services/core/passwords.hpp"
#include "store/audit_store.hpp"
#include "store/notifications_store.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"
#include "store/sessions_store.hpp"
#include "store/users_store.hpp"

namespace mvis::services {
namespace {

using domain::access::Kind;
using domain::access::Op;

Status Require(const Actor& actor, Kind kind, Op op) {
  return domain::access::CheckRole(SubjectOf(actor), kind, op);
}

}  // namespace

namespace admin {

bool KindFitsRegionLevel(domain::OrgKind kind, domain::RegionLevel level) {
  using L = domain::RegionLevel;
  switch (kind) {
    case domain::OrgKind::kEnterprise:
    case domain::OrgKind::kDistrictBureau:
      return level == L::kDistrict || level == L::kZone;
    case domain::OrgKind::kCityBureau:
      return level == L::kCity;
    case domain::OrgKind::kDrc:
    case domain::OrgKind::kInstitute:
      return level == L::kCity || level == L::kDistrict || level == L::kZone;
  }
  return false;
}

Status CheckOrgFields(const OrgInput& in) {
  if (in.name.empty() || in.name.size() > 200)
    return InvalidField("name", "name_required", "请填写机构名称");
  if (!in.phone.empty() && !domain::IsValidMobile(in.phone)) {
    return InvalidField("phone", "phone_invalid", "请输入正确的11位手机号码");
  }
  if (!in.public_phone.empty() && !domain::IsValidOfficePhone(in.public_phone)) {
    return InvalidField("public_phone", "public_phone_invalid",
                        "对外电话格式不正确（如 027-82831234 或 12315）");
  }
  return {};
}

Result<std::vector<domain::Duty>> CheckUserFields(domain::Role role, const UserInput& in) {
  std::vector<domain::Duty> duties;
  for (const auto& d : in.duties) {
    auto duty = domain::ParseDuty(d);
    if (!duty) return InvalidField("duties", "duty_invalid", "岗位职责无效");
    duties.push_back(*duty);
  }
  if (!duties.empty() && role != domain::Role::kInstitute) {
    return InvalidField("duties", "duty_invalid",
                        "只有计量技术机构人员可设置检定员、核验员、批准人职责");
  }
  if (!in.phone.empty() && !domain::IsValidMobile(in.phone)) {
    return InvalidField("phone", "phone_invalid", "请输入正确的11位手机号码");
  }
  return duties;
}

Result<UserView> ReloadUser(store::Tx& tx, int64_t id, int64_t now) {
  auto user = store::FindUser(tx, id);
  if (!user) return Internal("user " + std::to_string(id) + " vanished in its transaction");
  return ViewOf(*user, now);
}

}  // namespace admin

using admin::ReloadUser;

Result<domain::Page<domain::Organisation>> AdminService::ListOrgs(const Actor& actor,
                                                                  const OrgQuery& q,
                                                                  const domain::PageRequest& page) {
  if (auto ok = Require(actor, Kind::kOrganisation, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  store::OrgFilter filter{std::nullopt, q.query, {}};
  if (!q.kind.empty()) {
    filter.kind = domain::ParseOrgKind(q.kind);
    if (!filter.kind) return InvalidField("kind", "org_kind_invalid", "机构类型无效");
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<domain::Organisation>> {
    return store::ListOrgs(tx, filter, page);
  });
}

Result<domain::Organisation> AdminService::CreateOrg(const Actor& actor, OrgInput in) {
  if (auto ok = Require(actor, Kind::kOrganisation, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  auto kind = domain::ParseOrgKind(in.kind);
  if (!kind) return InvalidField("kind", "org_kind_invalid", "机构类型无效");
  if (auto ok = admin::CheckOrgFields(in); !ok) return std::unexpected(ok.error());
  if (!in.credit_code.empty() && !domain::IsValidCreditCode(in.credit_code)) {
    return InvalidField("credit_code", "credit_code_invalid", "统一社会信用代码格式或校验位不正确");
  }
  if (*kind == domain::OrgKind::kEnterprise && in.credit_code.empty()) {
    return InvalidField("credit_code", "credit_code_invalid", "企业须填写统一社会信用代码");
  }
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::Organisation> {
    auto region = store::FindRegion(w.tx, in.region_code);
    if (!region || !admin::KindFitsRegionLevel(*kind, region->level)) {
      return InvalidField("region_code", "region_invalid", "所选区域与机构类型不符");
    }
    if (!in.credit_code.empty() && store::FindOrgByCreditCode(w.tx, in.credit_code)) {
      return Fail(ErrorKind::kConflict, "credit_code_taken", "该统一社会信用代码已存在",
                  "credit_code");
    }
    domain::Organisation org;
    org.kind = *kind;
    org.name = in.name;
    org.credit_code = in.credit_code;
    org.region_code = in.region_code;
    org.address = in.address;
    org.contact_name = in.contact_name;
    org.contact_phone = in.phone;
    org.public_phone = in.public_phone;
    org.created_at = w.now;
    org.id = store::InsertOrg(w.tx, org);
    Audit(w,
          {"admin.org.create", "org", std::to_string(org.id),
           std::string(domain::DisplayName(*kind)) + " " + in.name + "，区划 " + in.region_code});
    auto saved = store::FindOrg(w.tx, org.id);
    if (!saved) return Internal("organisation vanished in its transaction");
    return *saved;
  });
}

Result<domain::Page<UserView>> AdminService::ListUsers(const Actor& actor, const UserQuery& q,
                                                       const domain::PageRequest& page) {
  if (auto ok = Require(actor, Kind::kUser, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  store::UserFilter filter;
  if (!q.role.empty()) {
    filter.role = domain::ParseRole(q.role);
    if (!filter.role) return InvalidField("role", "role_invalid", "角色无效");
  }
  filter.org_id = q.org_id;
  filter.query = q.query;
  const int64_t now = ctx_.clock.Now();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<UserView>> {
    auto rows = store::ListUsers(tx, filter, page);
    domain::Page<UserView> out;
    out.total = rows.total;
    for (const auto& u : rows.items) out.items.push_back(ViewOf(u, now));
    return out;
  });
}

Result<CreatedUser> AdminService::CreateUser(const Actor& actor, UserInput in) {
  if (auto ok = Require(actor, Kind::kUser, Op::kCreate); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckUsername(in.username); !ok) return std::unexpected(ok.error());
  auto role = domain::ParseRole(in.role);
  if (!role) return InvalidField("role", "role_invalid", "角色无效");
  auto checked = admin::CheckUserFields(*role, in);
  if (!checked) return std::unexpected(checked.error());
  const std::vector<domain::Duty> duties = std::move(*checked);
  const auto& policy = ctx_.config.password_policy;
  CreatedUser created;
  if (in.password.empty()) {
    in.password = GeneratePassword(policy);
    created.generated_password = in.password;
  }
  if (auto ok = domain::CheckPassword(policy, in.password, in.username); !ok) {
    return std::unexpected(ok.error());
  }
  const std::string hash = HashPassword(in.password);
  auto user = WriteAs(ctx_, actor, [&](Work& w) -> Result<UserView> {
    std::optional<domain::OrgKind> kind;
    if (in.org_id) {
      auto org = store::FindOrg(w.tx, *in.org_id);
      if (!org) return InvalidField("org_id", "org_not_found", "所属机构不存在");
      kind = org->kind;
    }
    if (!domain::RoleFitsOrgKind(*role, kind)) {
      return InvalidField(
          "org_id", "role_org_mismatch",
          *role == domain::Role::kSysadmin ? "系统管理员不属于任何机构" : "角色与所属机构类型不符");
    }
    if (store::FindUserByUsername(w.tx, in.username)) {
      return Fail(ErrorKind::kConflict, "username_taken", "用户名已被使用，请更换", "username");
    }
    store::UserRow u;
    u.username = in.username;
    u.password_hash = hash;
    u.role = *role;
    u.org_id = in.org_id;
    u.display_name = in.display_name.empty() ? in.username : in.display_name;
    u.phone = in.phone;
    u.duties = duties;
    u.created_at = w.now;
    u.password_changed_at = w.now;
    u.id = store::InsertUser(w.tx, u);
    Audit(w, {"admin.user.create", "user", std::to_string(u.id),
              in.username + "，角色 " + std::string(domain::DisplayName(*role)) + "，单位 " +
                  (in.org_id ? "#" + std::to_string(*in.org_id) : "无") + "，手机 " +
                  domain::MaskPhone(in.phone)});
    return ReloadUser(w.tx, u.id, w.now);
  });
  if (!user) return std::unexpected(user.error());
  created.user = std::move(*user);
  return created;
}

Result<UserView> AdminService::SetUserStatus(const Actor& actor, int64_t user_id,
                                             domain::AccountStatus status) {
  if (auto ok = Require(actor, Kind::kUser, Op::kEdit); !ok) return std::unexpected(ok.error());
  const bool active = status == domain::AccountStatus::kActive;
  if (user_id == actor.user_id && !active) {
    return Fail(ErrorKind::kFailedPrecondition, "cannot_disable_self", "不能停用当前登录的账户");
  }
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<UserView> {
    auto user = store::FindUser(w.tx, user_id);
    if (!user) return NotFound("用户");
    store::SetUserStatus(w.tx, user_id, status);
    if (!active) store::DeleteUserSessions(w.tx, user_id, 0);
    Audit(w, {active ? "admin.user.enable" : "admin.user.disable", "user", std::to_string(user_id),
              std::string(active ? "停用 → 正常" : "正常 → 停用")});
    return ReloadUser(w.tx, user_id, w.now);
  });
}

Result<std::string> AdminService::ResetPassword(const Actor& actor, int64_t user_id,
                                                std::string password) {
  if (auto ok = Require(actor, Kind::kUser, Op::kEdit); !ok) return std::unexpected(ok.error());
  auto user = ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<store::UserRow>> {
    return store::FindUser(tx, user_id);
  });
  if (!user) return std::unexpected(user.error());
  if (!*user) return NotFound("用户");
  const auto& policy = ctx_.config.password_policy;
  if (password.empty()) password = GeneratePassword(policy);
  if (auto ok = domain::CheckPassword(policy, password, (*user)->username); !ok) {
    return std::unexpected(ok.error());
  }
  const std::string hash = HashPassword(password);
  auto done = WriteAs(ctx_, actor, [&](Work& w) -> Status {
    store::SetPasswordHash(w.tx, user_id, hash, w.now);
    store::DeleteUserSessions(w.tx, user_id, 0);
    Audit(w, {"admin.user.reset_password", "user", std::to_string(user_id),
              "管理员重置密码；解除锁定，结束全部会话"});
    Notify(w, ToUser{user_id},
           {"password_reset", "密码已重置",
            "您的账户密码已由系统管理员重置，请使用新密码登录并及时修改。"});
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return password;
}

Result<domain::Page<OutboxItem>> AdminService::ListOutbox(const Actor& actor,
                                                          const std::string& phone,
                                                          const domain::PageRequest& page) {
  if (auto ok = Require(actor, Kind::kPlatform, Op::kRead); !ok) return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<OutboxItem>> {
    auto rows = store::ListOutbox(tx, phone, page);
    domain::Page<OutboxItem> out;
    out.total = rows.total;
    for (const auto& n : rows.items) out.items.push_back(OutboxItemOf(n));
    return out;
  });
}

Result<domain::Page<domain::AuditEntry>> AdminService::ListAudit(const Actor& actor,
                                                                 const AuditQuery& q,
                                                                 const domain::PageRequest& page) {
  if (auto ok = Require(actor, Kind::kPlatform, Op::kRead); !ok) return std::unexpected(ok.error());
  store::AuditFilter filter{q.action, q.user_id, domain::Trim(q.words), {}, {}, {}};
  filter.named_actions = domain::AuditActionsNamed(filter.words);
  // Dates are China days (UTC+8).
  constexpr int64_t kChinaOffset = 8 * 3600;
  for (auto [text, field, bound] : {std::tuple{q.date_from, "date_from", &filter.from},
                                    {q.date_to, "date_to", &filter.before}}) {
    if (text.empty()) continue;
    auto day = domain::DayNumber(text);
    if (!day) return InvalidField(field, "date_invalid", "日期格式应为 YYYY-MM-DD");
    *bound = (*day + (bound == &filter.before ? 1 : 0)) * 86400 - kChinaOffset;
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<domain::AuditEntry>> {
    return store::ListAudit(tx, filter, page);
  });
}

}  // namespace mvis::services
