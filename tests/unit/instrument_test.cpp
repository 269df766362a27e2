#include "domain/instrument.hpp"

#include <gtest/gtest.h>

#include <set>

#include "domain/instrument_fields.hpp"

namespace mvis::domain {
namespace {

InstrumentType AcCharger() {
  return {"ev_ac_charger",
          "电动汽车交流充电桩",
          "JJG 1148-2022",
          VerificationForm::kPeriodic,
          36,
          {"trade_settlement"},
          "AC",
          {"1", "2"},
          true};
}

InstrumentData ValidCharger() {
  InstrumentData d;
  d.type_code = "ev_ac_charger";
  d.name = "交流充电桩";
  d.model = "AC7-A";
  d.serial_no = "SN0001";
  d.manufacturer = "某电气有限公司";
  d.brand = "某品牌";
  d.accuracy_class = "2";
  d.install_address = "武汉市江汉区某路1号";
  d.install_region_code = "420103";
  d.use = "trade_settlement";
  d.in_use_date = "2024-05-01";
  ChargerSpec c;
  c.current_type = "AC";
  c.rated_power_kw = 7;
  c.rated_voltage_v = 220;
  c.max_current_a = 32;
  c.min_current_a = 6;
  c.connector_count = 1;
  c.station_name = "某充电站";
  c.tou_billing = true;
  d.charger = c;
  return d;
}

std::set<std::string> Fields(const InstrumentData& d, const InstrumentType* t = nullptr) {
  static const InstrumentType ac = AcCharger();
  std::set<std::string> out;
  for (const auto& e : ValidateInstrument(
           d, t ? t : &ac, [](const std::string& c) { return c == "420103" || c == "420102"; },
           "2026-11-27")) {
    out.insert(e.field);
    EXPECT_FALSE(e.message.empty());
    EXPECT_FALSE(e.code.empty());
  }
  return out;
}

TEST(InstrumentValidation, ValidChargerPasses) { EXPECT_TRUE(Fields(ValidCharger()).empty()); }

TEST(InstrumentValidation, EachRequiredFieldIsReported) {
  struct Case {
    std::string field;
    std::function<void(InstrumentData&)> edit;
  };
  const Case cases[] = {
      {"name", [](InstrumentData& d) { d.name.clear(); }},
      {"model", [](InstrumentData& d) { d.model.clear(); }},
      {"serial_no", [](InstrumentData& d) { d.serial_no.clear(); }},
      {"manufacturer", [](InstrumentData& d) { d.manufacturer.clear(); }},
      {"brand", [](InstrumentData& d) { d.brand.clear(); }},
      {"accuracy_class", [](InstrumentData& d) { d.accuracy_class = "3"; }},
      {"install_address", [](InstrumentData& d) { d.install_address.clear(); }},
      {"install_region_code", [](InstrumentData& d) { d.install_region_code = "420100"; }},
      {"use", [](InstrumentData& d) { d.use = "fun"; }},
      {"in_use_date", [](InstrumentData& d) { d.in_use_date = "2024-02-30"; }},
      {"in_use_date", [](InstrumentData& d) { d.in_use_date = "2030-01-01"; }},
      {"notes", [](InstrumentData& d) { d.notes = std::string(501, 'x'); }},
      {"name", [](InstrumentData& d) { d.name = std::string(101 * 3, 'x'); }},
      {"charger", [](InstrumentData& d) { d.charger.reset(); }},
      {"charger.current_type", [](InstrumentData& d) { d.charger->current_type = "DC"; }},
      {"charger.rated_power_kw", [](InstrumentData& d) { d.charger->rated_power_kw = 0; }},
      {"charger.rated_power_kw", [](InstrumentData& d) { d.charger->rated_power_kw.reset(); }},
      {"charger.rated_voltage_v", [](InstrumentData& d) { d.charger->rated_voltage_v = 2000; }},
      {"charger.max_current_a", [](InstrumentData& d) { d.charger->max_current_a = 2000; }},
      {"charger.min_current_a", [](InstrumentData& d) { d.charger->min_current_a = 40; }},
      {"charger.connector_count", [](InstrumentData& d) { d.charger->connector_count = 0; }},
      {"charger.station_name", [](InstrumentData& d) { d.charger->station_name.clear(); }},
      {"charger.tou_billing", [](InstrumentData& d) { d.charger->tou_billing.reset(); }},
      {"charger.longitude", [](InstrumentData& d) { d.charger->longitude = 114.3; }},
      {"charger.longitude",
       [](InstrumentData& d) {
         d.charger->longitude = 10;
         d.charger->latitude = 30;
       }},
  };
  for (const auto& c : cases) {
    auto d = ValidCharger();
    c.edit(d);
    EXPECT_EQ(Fields(d), std::set<std::string>{c.field}) << c.field;
  }
}

// Every field the table marks required is reported when left empty, under its own key.
TEST(InstrumentValidation, EveryRequiredFieldOfTheTableIsChecked) {
  for (const auto& f : InstrumentFields()) {
    // The type is looked up by the caller (UnknownOrInactiveTypeIsReported).
    if (!IsRequired(f, true) || f.key == "type_code") continue;
    auto d = ValidCharger();
    if (f.text || f.charger_text)
      SetField(d, f, std::string());
    else if (f.number)
      SetField(d, f, std::optional<double>());
    else if (f.integer)
      SetField(d, f, std::optional<int>());
    else
      SetField(d, f, std::optional<bool>());
    EXPECT_EQ(Fields(d), std::set<std::string>{std::string(f.key)}) << f.key;
  }
}

TEST(InstrumentValidation, UnknownOrInactiveTypeIsReported) {
  auto d = ValidCharger();
  EXPECT_TRUE(ValidateInstrument(
                  d, nullptr, [](const std::string&) { return true; }, "2026-11-27")
                  .front()
                  .field == "type_code");
  auto inactive = AcCharger();
  inactive.active = false;
  EXPECT_TRUE(Fields(d, &inactive).count("type_code"));
}

TEST(InstrumentValidation, NonChargerTypesNeedNoChargerFields) {
  InstrumentType scale{"price_scale",
                       "电子计价秤",
                       "JJG 539-2016",
                       VerificationForm::kPeriodic,
                       12,
                       {"trade_settlement"},
                       "",
                       {},
                       true};
  auto d = ValidCharger();
  d.type_code = "price_scale";
  d.accuracy_class = "III";
  d.charger.reset();
  EXPECT_TRUE(Fields(d, &scale).empty());
}

TEST(InstrumentValidation, BoundariesOfDates) {
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_TRUE(IsIsoDate("2000-02-29"));
  EXPECT_FALSE(IsIsoDate("1900-02-29"));
  EXPECT_FALSE(IsIsoDate("2024-13-01"));
  EXPECT_FALSE(IsIsoDate("2024-1-01"));
  EXPECT_FALSE(IsIsoDate("2024/01/01"));
  auto d = ValidCharger();
  d.in_use_date = "2026-11-27";  // today is allowed
  EXPECT_TRUE(Fields(d).empty());
}

TEST(Mandatory, DependsOnUse) {
  auto t = AcCharger();
  EXPECT_TRUE(IsMandatory(t, "trade_settlement"));
  EXPECT_FALSE(IsMandatory(t, "other"));
  EXPECT_FALSE(IsMandatory(t, "safety"));
}

TEST(LegacyChargers, CurrentsAreDerivedBefore2023Only) {
  auto d = ValidCharger();
  d.in_use_date = "2022-06-01";
  d.charger->rated_power_kw = 7;
  d.charger->rated_voltage_v = 220;
  d.charger->max_current_a.reset();
  d.charger->min_current_a.reset();
  DeriveLegacyChargerCurrents(d);
  EXPECT_NEAR(*d.charger->max_current_a, 31.82, 0.01);
  EXPECT_DOUBLE_EQ(*d.charger->min_current_a, 6.0);  // 3.18 A is below the 6 A floor

  auto big = ValidCharger();
  big.in_use_date = "2022-06-01";
  big.charger->rated_power_kw = 120;
  big.charger->rated_voltage_v = 750;
  big.charger->max_current_a.reset();
  big.charger->min_current_a.reset();
  DeriveLegacyChargerCurrents(big);
  EXPECT_DOUBLE_EQ(*big.charger->max_current_a, 160);
  EXPECT_DOUBLE_EQ(*big.charger->min_current_a, 16);

  auto recent = ValidCharger();
  recent.in_use_date = "2023-01-01";
  recent.charger->max_current_a.reset();
  DeriveLegacyChargerCurrents(recent);
  EXPECT_FALSE(recent.charger->max_current_a.has_value());
}

TEST(Normalize, TrimsText) {
  auto d = ValidCharger();
  d.serial_no = "  SN0001 \t";
  d.charger->station_name = " 站 ";
  Normalize(d);
  EXPECT_EQ(d.serial_no, "SN0001");
  EXPECT_EQ(d.charger->station_name, "站");
}

}  // namespace
}  // namespace mvis::domain
