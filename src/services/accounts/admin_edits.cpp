// Editing organisations and users (系统管理 → 编辑): what may change after creation, each change
// under a row lock and audited with its before and after.
#include "domain/phone.hpp"
#include "services/accounts/admin_checks.hpp"
#include "services/core/audit.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"
#include "store/users_store.hpp"

namespace mvis::services {
namespace {

// "名称：A → B；地址：C → D" for the fields that differ; "" when none does.
std::string Changes(
    std::initializer_list<std::tuple<const char*, std::string, std::string>> fields) {
  std::string out;
  for (const auto& [label, before, after] : fields) {
    if (before == after) continue;
    if (!out.empty()) out += "；";
    out += std::string(label) + "：" + (before.empty() ? "（空）" : before) + " → " +
           (after.empty() ? "（空）" : after);
  }
  return out;
}

}  // namespace

Result<domain::Organisation> AdminService::UpdateOrg(const Actor& actor, int64_t id, OrgInput in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), domain::access::Kind::kOrganisation,
                                          domain::access::Op::kEdit);
      !ok)
    return std::unexpected(ok.error());
  if (in.keep_phone) in.phone.clear();
  if (auto ok = admin::CheckOrgFields(in); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::Organisation> {
    auto before = store::FindOrg(w.tx, id, /*for_update=*/true);
    if (!before) return NotFound("机构");
    auto region = store::FindRegion(w.tx, in.region_code);
    if (!region || !admin::KindFitsRegionLevel(before->kind, region->level)) {
      return InvalidField("region_code", "region_invalid", "所选区域与机构类型不符");
    }
    domain::Organisation after = *before;
    after.name = in.name;
    after.region_code = in.region_code;
    after.address = in.address;
    after.contact_name = in.contact_name;
    if (!in.keep_phone) after.contact_phone = in.phone;
    after.public_phone = in.public_phone;
    std::string changes = Changes({{"名称", before->name, after.name},
                                   {"区划", before->region_name, region->name},
                                   {"地址", before->address, after.address},
                                   {"联系人", before->contact_name, after.contact_name},
                                   {"联系电话", domain::MaskPhone(before->contact_phone),
                                    domain::MaskPhone(after.contact_phone)},
                                   {"对外电话", before->public_phone, after.public_phone}});
    if (!changes.empty()) {
      store::UpdateOrgProfile(w.tx, after);
      Audit(w, {"admin.org.update", "org", std::to_string(id), changes});
    }
    auto saved = store::FindOrg(w.tx, id);
    if (!saved) return Internal("organisation vanished in its transaction");
    return *saved;
  });
}

Result<UserView> AdminService::UpdateUser(const Actor& actor, int64_t id, UserInput in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), domain::access::Kind::kUser,
                                          domain::access::Op::kEdit);
      !ok)
    return std::unexpected(ok.error());
  if (in.display_name.empty() || in.display_name.size() > 100) {
    return InvalidField("display_name", "display_name_required", "请填写姓名");
  }
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<UserView> {
    auto before = store::FindUser(w.tx, id, /*for_update=*/true);
    if (!before) return NotFound("用户");
    if (in.keep_phone) in.phone.clear();
    auto duties = admin::CheckUserFields(before->role, in);
    if (!duties) return std::unexpected(duties.error());
    store::UserRow after = *before;
    after.display_name = in.display_name;
    if (!in.keep_phone) after.phone = in.phone;
    after.duties = *duties;
    auto names = [](const std::vector<domain::Duty>& list) {
      std::string out;
      for (auto d : list) out += (out.empty() ? "" : "、") + std::string(domain::DisplayName(d));
      return out;
    };
    std::string changes =
        Changes({{"姓名", before->display_name, after.display_name},
                 {"手机", domain::MaskPhone(before->phone), domain::MaskPhone(after.phone)},
                 {"职责", names(before->duties), names(after.duties)}});
    if (!changes.empty()) {
      store::UpdateUserProfile(w.tx, after);
      Audit(w, {"admin.user.update", "user", std::to_string(id), changes});
    }
    return admin::ReloadUser(w.tx, id, w.now);
  });
}

}  // namespace mvis::services
