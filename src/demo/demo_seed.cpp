#include "demo/demo_seed.hpp"

#include "domain/calendar.hpp"
#include "domain/credit_code.hpp"
#include "domain/time.hpp"

namespace mvis::demo {

using namespace mvis::services;  // demo data is made through the services
namespace {

struct DemoOrg {
  const char* kind;
  const char* name;
  const char* region;
  const char* credit_prefix;  // 17 characters, or empty
  const char* contact;
  const char* phone;
  const char* public_phone = "";  // bureaus: the complaint line on the public label page
};

struct DemoUser {
  const char* username;
  const char* role;
  int org;  // index into kOrgs, -1 for none
  const char* display_name;
  const char* phone;
  std::vector<std::string> duties;
};

const DemoOrg kOrgs[] = {
    {"city_bureau", "武汉市市场监督管理局", "420100", "11420100MB1234567", "计量处", "13900000001",
     "027-85760315"},
    {"district_bureau", "武汉市江岸区市场监督管理局", "420102", "11420102MB1234560", "计量科",
     "13900000002", "027-82831234"},
    {"district_bureau", "武汉市洪山区市场监督管理局", "420111", "11420111MB1234561", "计量科",
     "13900000003", "027-87880315"},
    {"drc", "武汉市发展和改革委员会", "420100", "11420100MB7654321", "能源处", "13900000004"},
    {"institute", "武汉市计量测试检定研究所", "420100", "12420100MB0000001", "业务室",
     "13900000005"},
    {"enterprise", "武汉新能源充电科技有限公司", "420102", "91420102MA4K12345", "张经理",
     "13900000006"},
    {"enterprise", "湖北快充能源服务有限公司", "420111", "91420111MA4K54321", "李主管",
     "13900000007"},
    {"district_bureau", "武汉市江汉区市场监督管理局", "420103", "11420103MB1234562", "计量科",
     "13900000008", "027-85770315"},
    {"district_bureau", "武汉市武昌区市场监督管理局", "420106", "11420106MB1234563", "计量科",
     "13900000009", "027-88860315"},
    {"district_bureau", "东湖新技术开发区市场监督管理局", "420190", "11420190MB1234564", "计量科",
     "13900000010", "027-67880315"},
    {"enterprise", "武汉城市充电网络有限公司", "420106", "91420106MA4K22222", "王经理",
     "13900000011"},
    {"enterprise", "东湖高新快充科技有限公司", "420190", "91420190MA4K33333", "陈工",
     "13900000012"},
    {"enterprise", "湖北电投充电服务有限公司", "420103", "91420103MA4K44444", "刘主任",
     "13900000013"},
    {"institute", "湖北省计量测试技术研究院", "420100", "12420000MB0000002", "综合业务部",
     "13900000014"},
    // A district 发改局: sees its district's figures only.
    {"drc", "武汉市江岸区发展和改革局", "420102", "11420102MB7654322", "能源科", "13900000015"},
};

struct DemoProfile {
  int org;
  const char* code;
  std::vector<std::string> types;
  std::vector<std::string> regions;
  const char* contact;
  const char* phone;
  const char* address;
};

const DemoProfile kProfiles[] = {
    {4,
     "WHJL",
     {"ev_ac_charger", "ev_dc_charger", "taxi_meter", "price_scale"},
     {"420100"},
     "业务室 周老师",
     "13900000005",
     "武汉市江岸区解放大道1863号"},
    {13,
     "HBJL",
     {"fuel_dispenser", "non_automatic_scale", "water_meter", "gas_meter"},
     {"420000"},
     "综合业务部 吴老师",
     "13900000014",
     "武汉市洪山区民族大道2号"},
};

struct DemoStandard {
  const char* name;
  const char* model;
  const char* serial;
  const char* certificate;
  int valid_years;  // from today; negative: already expired
  const char* accuracy;
};

const DemoStandard kStandards[] = {
    {"交流充电桩检定装置", "ZC-ACS-3", "AC2023-017", "国量标鄂证[2024]0113号", 1, "0.05级"},
    {"直流充电机检定装置", "ZC-DCS-5", "DC2023-031", "国量标鄂证[2024]0114号", 1, "0.05级"},
    {"便携式电能表检定装置（旧）", "ZC-P1", "P2019-002", "国量标鄂证[2019]0208号", -1, "0.1级"},
};

const DemoUser kUsers[] = {
    {"admin", "sysadmin", -1, "平台管理员", "", {}},
    {"city", "city_regulator", 0, "市局计量处", "13900000101", {}},
    {"jiangan", "district_regulator", 1, "江岸区局计量科", "13900000102", {}},
    {"hongshan", "district_regulator", 2, "洪山区局计量科", "13900000103", {}},
    {"drc", "drc", 3, "市发改委能源处", "13900000104", {}},
    {"verifier", "institute", 4, "王检定员", "13900000105", {"verifier"}},
    {"checker", "institute", 4, "赵核验员", "13900000106", {"checker"}},
    {"approver", "institute", 4, "钱批准人", "13900000107", {"approver"}},
    {"charger", "enterprise", 5, "张经理", "13900000006", {}},
    {"kuaichong", "enterprise", 6, "李主管", "13900000007", {}},
    {"jianghan", "district_regulator", 7, "江汉区局计量科", "13900000108", {}},
    {"wuchang", "district_regulator", 8, "武昌区局计量科", "13900000109", {}},
    // Enforcement officers (执法检查人员) of the district bureaus, for 双随机 inspections.
    {"jiangan_li", "district_regulator", 1, "李建国", "13900000110", {}},
    {"jiangan_zhou", "district_regulator", 1, "周明", "13900000111", {}},
    {"hongshan_sun", "district_regulator", 2, "孙立", "13900000112", {}},
    {"wuchang_chen", "district_regulator", 8, "陈军", "13900000113", {}},
    {"jianghan_wang", "district_regulator", 7, "王磊", "13900000114", {}},
    {"donghu", "district_regulator", 9, "东湖高新区局计量科", "13900000110", {}},
    {"chengshi", "enterprise", 10, "王经理", "13900000011", {}},
    {"gaoxin", "enterprise", 11, "陈工", "13900000012", {}},
    {"diantou", "enterprise", 12, "刘主任", "13900000013", {}},
    {"jiangan_drc", "drc", 14, "江岸区发改局能源科", "13900000115", {}},
};

}  // namespace

Result<std::vector<DemoAccount>> SeedDemo(const ServiceContext& ctx, AdminService& admin) {
  store::Database& db = ctx.db;
  Actor system = SystemActor("demo-seed");
  std::vector<int64_t> org_ids;
  for (const auto& o : kOrgs) {
    std::string credit = o.credit_prefix;
    credit += domain::CreditCodeCheckChar(credit);
    auto existing = db.Read([&](store::Tx& tx) -> Result<std::optional<domain::Organisation>> {
      return store::FindOrgByCreditCode(tx, credit);
    });
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
      org_ids.push_back((*existing)->id);
      continue;
    }
    auto org = admin.CreateOrg(
        system, {o.kind, o.name, o.region, credit, "武汉市", o.contact, o.phone, o.public_phone});
    if (!org) return std::unexpected(org.error());
    org_ids.push_back(org->id);
  }
  std::vector<DemoAccount> accounts;
  for (const auto& u : kUsers) {
    std::string org_name = u.org >= 0 ? kOrgs[u.org].name : "";
    auto created = admin.CreateUser(
        system, {u.username, kDemoPassword, u.role,
                 u.org >= 0 ? std::optional<int64_t>(org_ids[u.org]) : std::nullopt, u.phone,
                 u.display_name, u.duties});
    if (!created && created.error().code != "username_taken")
      return std::unexpected(created.error());
    accounts.push_back({u.username, created ? kDemoPassword : "", u.role, org_name});
  }
  InstituteService institutes(ctx);
  for (const auto& p : kProfiles) {
    auto saved = institutes.SaveProfile(
        system, {org_ids[p.org], "", p.code, p.types, p.regions, p.contact, p.phone, p.address});
    if (!saved) return std::unexpected(saved.error());
  }
  auto verifier = DemoActor(db, "verifier");
  if (!verifier) return std::unexpected(verifier.error());
  auto standards = institutes.Standards(*verifier, false);
  if (!standards) return std::unexpected(standards.error());
  if (standards->empty()) {
    std::string today = ctx.clock.Today();
    for (const auto& st : kStandards) {
      domain::Standard row{0,
                           0,
                           st.name,
                           st.model,
                           st.serial,
                           st.certificate,
                           domain::AddMonths(today, 12 * st.valid_years),
                           st.accuracy,
                           true};
      auto saved = institutes.SaveStandard(*verifier, row);
      if (!saved) return std::unexpected(saved.error());
    }
  }
  return accounts;
}

}  // namespace mvis::demo
