// Demo registry: chargers of the demo enterprises across districts and filing states, created
// through InstrumentService exactly as users would (so history, audit and notices are real).
#include <array>

#include "demo/demo_seed.hpp"
#include "store/instruments_store.hpp"
#include "store/users_store.hpp"

namespace mvis::demo {

using namespace mvis::services;  // demo data is made through the services
namespace {

// Deterministic pseudo-random numbers, so every demo database looks the same.
class Lcg {
 public:
  uint32_t Next() { return state_ = state_ * 1664525u + 1013904223u; }
  int Below(int n) { return static_cast<int>((Next() >> 8) % static_cast<uint32_t>(n)); }

 private:
  uint32_t state_ = 20261127;
};

struct Brand {
  const char* name;
  const char* manufacturer;
  const char* ac_model;
  const char* dc_model;
};

constexpr std::array<Brand, 6> kBrands = {{
    {"特来电", "青岛特来电新能源科技有限公司", "TCDZ-AC7", "TCDZ-DC120"},
    {"星星充电", "万帮数字能源股份有限公司", "WB-AC7K", "WB-DC160"},
    {"国家电网", "许继电源有限公司", "XJ-AC7", "XJ-DC120"},
    {"小桔充电", "北京小桔新能源汽车科技有限公司", "XJ7-AC", "XJ120-DC"},
    {"云快充", "江苏云快充新能源科技有限公司", "YKC-AC11", "YKC-DC60"},
    {"南网电动", "南方电网电动汽车服务有限公司", "NW-AC7", "NW-DC160"},
}};

struct Site {
  const char* region;
  const char* station;
  const char* address;
};

struct Fleet {
  const char* username;  // enterprise account
  const char* serial_prefix;
  int chargers;
  std::vector<Site> sites;
};

}  // namespace

Result<Actor> DemoActor(store::Database& db, const std::string& username) {
  return db.Read([&](store::Tx& tx) -> Result<Actor> {
    auto user = store::FindUserByUsername(tx, username);
    if (!user) return NotFound("用户 " + username);
    return MakeActor(tx, *user);
  });
}

Result<int> SeedDemoInstruments(const ServiceContext& ctx, InstrumentService& instruments) {
  store::Database& db = ctx.db;
  auto existing = db.Read([](store::Tx& tx) -> Result<int64_t> {
    return store::CountInstruments(tx, store::InstrumentFilter{});
  });
  if (!existing) return std::unexpected(existing.error());
  if (*existing > 0) return 0;

  const std::vector<Fleet> fleets = {
      {"charger",
       "XNY",
       80,
       {{"420102", "江岸区二七路充电站", "武汉市江岸区二七路88号"},
        {"420103", "江汉区建设大道充电站", "武汉市江汉区建设大道568号"}}},
      {"kuaichong",
       "KC",
       70,
       {{"420111", "洪山区光谷广场充电站", "武汉市洪山区珞喻路766号"},
        {"420106", "武昌区中北路充电站", "武汉市武昌区中北路128号"}}},
      {"chengshi",
       "CS",
       60,
       {{"420106", "武昌区首义广场充电站", "武汉市武昌区彭刘杨路200号"},
        {"420111", "洪山区南湖充电站", "武汉市洪山区文治街52号"}}},
      {"gaoxin", "GX", 50, {{"420190", "光谷软件园充电站", "武汉市东湖新技术开发区关山大道1号"}}},
      {"diantou",
       "DT",
       40,
       {{"420103", "江汉区汉口火车站充电站", "武汉市江汉区发展大道特1号"},
        {"420102", "江岸区后湖充电站", "武汉市江岸区后湖大道111号"}}},
  };
  Lcg rng;
  int created = 0;
  std::map<std::string, std::vector<int64_t>> to_approve, to_return;  // by regulator
  std::vector<std::pair<Actor, int64_t>> to_change, to_deregister;
  static const std::map<std::string, std::string> kRegulator = {{"420102", "jiangan"},
                                                                {"420103", "jianghan"},
                                                                {"420106", "wuchang"},
                                                                {"420111", "hongshan"},
                                                                {"420190", "donghu"}};

  for (const auto& fleet : fleets) {
    auto actor = DemoActor(db, fleet.username);
    if (!actor) return std::unexpected(actor.error());
    std::vector<int64_t> drafts_to_apply;
    for (int i = 0; i < fleet.chargers; ++i) {
      const Site& site = fleet.sites[rng.Below(static_cast<int>(fleet.sites.size()))];
      const Brand& brand = kBrands[rng.Below(static_cast<int>(kBrands.size()))];
      bool dc = rng.Below(10) < 3;
      domain::InstrumentData d;
      d.type_code = dc ? "ev_dc_charger" : "ev_ac_charger";
      d.name = dc ? "直流充电机" : "交流充电桩";
      d.model = dc ? brand.dc_model : brand.ac_model;
      d.serial_no = std::string(fleet.serial_prefix) + std::to_string(2021 + rng.Below(5)) +
                    std::to_string(100000 + i * 37 + rng.Below(30));
      d.manufacturer = brand.manufacturer;
      d.brand = brand.name;
      d.accuracy_class = rng.Below(4) == 0 ? "1" : "2";
      d.install_address = site.address;
      d.install_region_code = site.region;
      d.use = i % 37 == 5 ? "other" : "trade_settlement";  // a few private chargers
      int year = 2021 + rng.Below(5);
      char date[11];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + rng.Below(12),
                    1 + rng.Below(28));
      d.in_use_date = date;
      domain::ChargerSpec c;
      c.current_type = dc ? "DC" : "AC";
      c.rated_power_kw = dc ? (rng.Below(2) ? 120.0 : 60.0) : 7.0;
      c.rated_voltage_v = dc ? 750.0 : 220.0;
      if (!(year < 2023 && rng.Below(2))) {  // older chargers often lack marked currents
        c.max_current_a = dc ? *c.rated_power_kw * 1000 / 750 : 32.0;
        c.min_current_a = dc ? 10.0 : 6.0;
      }
      c.connector_count = dc ? 2 : 1;
      c.station_name = site.station;
      c.equipment_id = "EQ" + d.serial_no;
      c.tou_billing = rng.Below(10) < 7;
      d.charger = c;

      int fate = rng.Below(
          100);  // 15 draft, 15 submitted, 10 returned, 50 approved, 5 changed, 5 deregistered
      bool submit = fate >= 15 && d.use == "trade_settlement";
      auto row = instruments.Create(*actor, d, submit);
      if (!row) return std::unexpected(row.error());
      ++created;
      if (!submit) continue;
      const std::string& reg = kRegulator.at(site.region);
      if (fate < 30) continue;  // stays submitted
      if (fate < 40) {
        to_return[reg].push_back(row->id);
      } else {
        to_approve[reg].push_back(row->id);
        if (fate >= 90 && fate < 95) to_change.emplace_back(*actor, row->id);
        if (fate >= 95) to_deregister.emplace_back(*actor, row->id);
      }
    }
  }
  for (const auto& [reg, ids] : to_approve) {
    auto actor = DemoActor(db, reg);
    if (!actor) return std::unexpected(actor.error());
    if (auto ok = instruments.Review(*actor, {ids, "approve", ""}); !ok)
      return std::unexpected(ok.error());
  }
  for (const auto& [reg, ids] : to_return) {
    auto actor = DemoActor(db, reg);
    if (!actor) return std::unexpected(actor.error());
    if (auto ok = instruments.Review(
            *actor, {ids, "return", "铭牌照片不清晰，请补充出厂编号和额定参数后重新申报"});
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  for (const auto& [actor, id] : to_change) {
    auto row = instruments.Get(actor, id);
    if (!row) return std::unexpected(row.error());
    auto data = row->data;
    data.install_address += "（地下停车场B2层）";
    if (auto ok = instruments.Update(actor, id, data, false); !ok)
      return std::unexpected(ok.error());
  }
  for (const auto& [actor, id] : to_deregister) {
    if (auto ok = instruments.Deregister(actor, id, {"scrapped", "设备老化报废", "2026-06-30"});
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  return created;
}

}  // namespace mvis::demo
