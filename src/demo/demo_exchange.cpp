// The exchange with the charging supervision platform in the demo: the sysadmin opens the
// exchange for the enterprise of `charger`, and the platform reports two of its stations through
// real T/CEC 102 envelopes (query_token, then notification_stationInfo) — with chargers that are
// filed, three in use but never filed (在用未备案) and one whose rated power and model differ
// from its filing (信息不一致) — and a month of charge orders with planted anomalies.
#include <cmath>
#include <map>

#include "demo/demo_seed.hpp"
#include "exchange/tcec_codec.hpp"
#include "store/platform_pull_store.hpp"

namespace mvis::demo {

namespace {

namespace tcec = exchange::tcec;
using json = nlohmann::json;

json Equipment(const std::string& id, const std::string& model, int type, double power) {
  return {{"EquipmentID", id},
          {"ManufacturerName", "武汉某电气有限公司"},
          {"EquipmentModel", model},
          {"EquipmentType", type},
          {"Power", power},
          {"ProductionDate", "2024-05-01"},
          {"ConnectorInfos", json::array({{{"ConnectorID", id + "-1"}}})}};
}

// "yyyy-MM-dd HH:mm:ss" (China time) of a Unix time.
std::string OrderTime(int64_t unix_seconds) {
  const std::string t = tcec::TimeStamp(unix_seconds);  // yyyyMMddHHmmss
  return t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2) + " " + t.substr(8, 2) + ":" +
         t.substr(10, 2) + ":" + t.substr(12, 2);
}

// One order in one period at `price` (0.8, the flat band of the demo tariff) + 0.6 yuan/kWh;
// `money_error` is added to TotalMoney only.
json Order(const std::string& seq, const std::string& connector, int64_t start, int64_t end,
           double energy, double money_error = 0, double price = 0.8) {
  const double elec = energy * price, service = energy * 0.6;
  return {{"StartChargeSeq", seq},
          {"ConnectorID", connector},
          {"StartTime", OrderTime(start)},
          {"EndTime", OrderTime(end)},
          {"TotalPower", energy},
          {"TotalElecMoney", elec},
          {"TotalSeviceMoney", service},
          {"TotalMoney", elec + service + money_error},
          {"SumPeriod", 1},
          {"ChargeDetails", json::array({{{"DetailStartTime", OrderTime(start)},
                                          {"DetailEndTime", OrderTime(end)},
                                          {"ElecPrice", price},
                                          {"SevicePrice", 0.6},
                                          {"DetailPower", energy},
                                          {"DetailElecMoney", elec},
                                          {"DetailSeviceMoney", service}}})}};
}

}  // namespace

Result<int> SeedDemoExchange(const services::ServiceContext& ctx,
                             services::ExchangeService& exchange,
                             services::InstrumentService& instruments) {
  auto admin = DemoActor(ctx.db, "admin");
  if (!admin) return std::unexpected(admin.error());
  auto existing = exchange.ListOperators(*admin);
  if (!existing) return std::unexpected(existing.error());
  if (!existing->empty()) return 0;
  auto charger = DemoActor(ctx.db, "charger");
  if (!charger) return std::unexpected(charger.error());
  auto opened = exchange.CreateOperator(*admin, {*charger->org_id, "", "", "", "", ""});
  if (!opened) return std::unexpected(opened.error());
  const tcec::Secrets secrets{opened->data_secret, opened->data_secret_iv, opened->sig_secret};
  int seq = 0;
  auto send = [&](const std::string& endpoint, const json& data,
                  const std::string& token) -> Result<json> {
    auto envelope =
        tcec::Request(opened->operator_id, secrets, data.dump(), ctx.clock.Now(), ++seq);
    json reply =
        exchange.Receive(endpoint, token.empty() ? "" : "Bearer " + token, envelope.dump());
    if (reply.value("Ret", -1) != 0)
      return Fail(ErrorKind::kInternal, "demo_exchange", reply.value("Msg", std::string()));
    auto plain = tcec::Decrypt(secrets, reply.value("Data", std::string()));
    if (!plain) return Fail(ErrorKind::kInternal, "demo_exchange", plain.error().msg);
    return json::parse(*plain, nullptr, false);
  };
  auto token =
      send("query_token",
           {{"OperatorID", opened->operator_id}, {"OperatorSecret", opened->operator_secret}}, "");
  if (!token) return std::unexpected(token.error());
  const std::string access = (*token).value("AccessToken", std::string());

  // The enterprise's verified chargers, by district: the platform lists them as they were filed.
  services::InstrumentQuery query;
  query.status = "approved";
  query.verification = "valid";  // verified and in validity: their clean orders raise nothing
  auto filed = instruments.List(*charger, query, domain::PageRequest{1, 200});
  if (!filed) return std::unexpected(filed.error());
  std::map<std::string, std::vector<json>> by_district;
  bool mismatched = false;
  for (const auto& i : filed->items) {
    const auto& c = i.data.charger;
    if (!c || c->equipment_id.empty() || by_district[i.data.install_region_code].size() >= 6)
      continue;
    const int type = c->current_type == "DC" ? 1 : 2;
    double power = c->rated_power_kw.value_or(7);
    std::string model = i.data.model;
    if (!mismatched && i.data.install_region_code == "420102") {
      // Filed as one charger, reported as a bigger one: 信息不一致.
      power += 53;
      model += "-H";
      mismatched = true;
    }
    by_district[i.data.install_region_code].push_back(
        Equipment(c->equipment_id, model, type, power));
  }
  // The meter of the first charger signs its readings (OCMF): its key is registered, so a driver
  // can check a receipt on the public page without entering one. (The published KEBA example's
  // meter and key, so that its record verifies.)
  if (!filed->items.empty()) {
    constexpr char kKebaKey[] =
        "3059301306072A8648CE3D020106082A8648CE3D030107034200043AEEB45C392357820A58FDFB0857BD77AD"
        "A31585C61C430531DFA53B440AFBFDD95AC887C658EA55260F808F55CA948DF235C2108A0D6DC7D4AB1A5E1A"
        "7955BE";
    if (auto k = exchange.RegisterMeterKey(*charger, filed->items[0].id, "17619300", kKebaKey); !k)
      return std::unexpected(k.error());
  }
  // In use, never filed: 在用未备案.
  by_district["420102"].push_back(Equipment("EQ-WH-UNFILED-0001", "DC120", 1, 120));
  by_district["420102"].push_back(Equipment("EQ-WH-UNFILED-0002", "DC120", 1, 120));
  by_district["420106"].push_back(Equipment("EQ-WH-UNFILED-0003", "AC7-V", 2, 7));
  int stations = 0;
  for (const auto& [district, equipment] : by_district) {
    if (equipment.empty()) continue;
    ++stations;
    char id[32];
    std::snprintf(id, sizeof id, "ST-%s-%02d", district.c_str(), stations);
    json data{{"StationInfo",
               {{"StationID", id},
                {"OperatorID", opened->operator_id},
                {"StationName", std::string("充电站 ") + id},
                {"AreaCode", district},
                {"Address", "武汉市"},
                {"EquipmentInfos", equipment}}}};
    if (auto r = send("notification_stationInfo", data, access); !r)
      return std::unexpected(r.error());
  }

  // The city's time-of-use tariff (valley until 08:00, flat after): the data rule 2 judges by.
  services::TariffInput tariff;
  tariff.effective_from = "2026-01-01";
  tariff.note = "武汉市充电设施分时电价（演示）";
  tariff.bands = {{"00:00", "08:00", 0.35}, {"08:00", "24:00", 0.8}};
  if (auto t = exchange.CreateTariff(*admin, tariff); !t) return std::unexpected(t.error());

  // A month of charge orders on the chargers of 江岸区: one a day each, at 60 % of rated power
  // for 30 to 54 minutes, with planted anomalies — a total that is not the sum of its parts,
  // energy no 7 kW charger can deliver in the time, two orders at once on one connector, a period
  // billed above the tariff, the same energy three times on one charger — and a few on the
  // unfiled chargers.
  // Midnight in China (UTC+8) thirty days ago, so that the hours below are clock hours.
  const int64_t now = ctx.clock.Now();
  const int64_t day0 = (now + 8 * 3600) / 86400 * 86400 - 8 * 3600 - 30 * 86400;
  // The demo's registry was filed and verified a moment ago, but stands for one that has been in
  // place for months: rule 4 judges each order by the registry at its StartTime (the steps of
  // migration 0031), so the registry's history is dated back 90 days, in its order, for the
  // month of orders to meet the chargers as they are filed now.
  auto backdated = ctx.db.Write([&](store::Tx& tx) -> Status {
    tx.Exec("UPDATE charger_registry_steps SET at = at - ?", {int64_t{90} * 86400});
    return {};
  });
  if (!backdated) return std::unexpected(backdated.error());
  int orders = 0;
  std::map<int, double> station_day;  // day → Σ energy at the 江岸区 station (ST-420102-01)
  for (const auto& e : by_district["420102"]) {
    const std::string id = e["EquipmentID"];
    const double power = e["Power"];
    const bool unfiled = id.starts_with("EQ-WH-UNFILED");
    for (int d = 0; d < 30; ++d) {
      if (unfiled && d % 10 != 0) continue;
      const int minutes = 30 + (d * 7 + orders) % 25;
      const int64_t start = day0 + d * 86400 + (8 + (orders % 11)) * 3600;
      const int64_t end = start + minutes * 60;
      // Energies differ from day to day, as metered ones do.
      double energy = std::round((power * 0.6 * minutes / 60 + 0.013 * d) * 1000) / 1000;
      if (orders == 3 || orders == 9 || orders == 15) energy = 3.456;  // the same, three times
      const std::string seq = opened->operator_id + std::to_string(100000 + orders);
      json order = Order(seq, id + "-1", start, end, energy);
      if (orders == 17) order = Order(seq, id + "-1", start, end, energy, 0.8);     // money
      if (orders == 41) order = Order(seq, id + "-1", start, end, power * 2.5);     // energy
      if (orders == 23) order = Order(seq, id + "-1", start, end, energy, 0, 1.2);  // price
      if (auto r = send("notification_charge_order_info", order, access); !r)
        return std::unexpected(r.error());
      station_day[d] += order["TotalPower"].get<double>();
      ++orders;
      if (orders == 60) {  // a second order on the same connector while the first runs
        json overlap = Order(seq + "X", id + "-1", start + 600, end + 600, energy);
        if (auto r = send("notification_charge_order_info", overlap, access); !r)
          return std::unexpected(r.error());
        station_day[d] += energy;
        ++orders;
      }
    }
  }
  // The station's metered energy as the platform's query_station_stats gives it (rule 6): two
  // days balance (5 % and 8 % lost between the station's meter and the chargers'); on the third
  // the orders bill 12 % more than the station's meter supplied.
  auto metered = ctx.db.Write([&](store::Tx& tx) -> Result<bool> {
    for (const auto& [d, factor] : {std::pair{4, 1 / 0.95}, {5, 1 / 0.92}, {6, 1 / 1.12}})
      store::UpsertStationEnergy(tx, opened->id, "ST-420102-01",
                                 OrderTime(day0 + d * 86400).substr(0, 10),
                                 std::round(station_day[d] * factor * 1000) / 1000, now);
    return true;
  });
  if (!metered) return std::unexpected(metered.error());
  // The batch rules over the month (the repeated energy, the station's balance), in the
  // background as a regulator would start them.
  auto city = DemoActor(ctx.db, "city");
  if (!city) return std::unexpected(city.error());
  if (auto run = exchange.StartAlertRun(*city, OrderTime(day0).substr(0, 10), ctx.clock.Today());
      !run)
    return std::unexpected(run.error());
  return stations;
}

}  // namespace mvis::demo
