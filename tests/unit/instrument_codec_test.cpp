#include "services/registry/instrument_codec.hpp"

#include <gtest/gtest.h>

#include <set>

namespace mvis::services {
namespace {

domain::InstrumentData Sample() {
  domain::InstrumentData d;
  d.type_code = "ev_dc_charger";
  d.name = "直流充电机";
  d.model = "DC120";
  d.serial_no =
      "SN\x1e"
      "1";  // a separator inside a value becomes a space
  d.manufacturer = "某公司";
  d.in_use_date = "2024-03-01";
  domain::ChargerSpec c;
  c.current_type = "DC";
  c.rated_power_kw = 120.5;
  c.rated_voltage_v = 750;
  c.min_current_a = 0.1;
  c.connector_count = 2;
  c.tou_billing = false;
  c.latitude = 30.123456789;
  c.longitude = 114.5;
  d.charger = c;
  return d;
}

TEST(InstrumentCodec, CompactFormRoundTrips) {
  auto d = Sample();
  auto back = DecodeInstrumentData(EncodeInstrumentData(d));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->serial_no, "SN 1");
  back->serial_no = d.serial_no;
  EXPECT_EQ(InstrumentDataToJson(*back), InstrumentDataToJson(d));
  EXPECT_FALSE(back->charger->max_current_a.has_value());
  EXPECT_EQ(*back->charger->tou_billing, false);

  domain::InstrumentData plain;
  plain.name = "电子计价秤";
  auto plain_back = DecodeInstrumentData(EncodeInstrumentData(plain));
  ASSERT_TRUE(plain_back.has_value());
  EXPECT_FALSE(plain_back->charger.has_value());
  EXPECT_EQ(plain_back->name, "电子计价秤");
}

TEST(InstrumentCodec, ForeignTextIsRejected) {
  EXPECT_FALSE(DecodeInstrumentData("").has_value());
  EXPECT_FALSE(DecodeInstrumentData("{\"name\":\"x\"}").has_value());
  std::string cut = EncodeInstrumentData(Sample());
  EXPECT_FALSE(DecodeInstrumentData(cut.substr(0, cut.size() / 2)).has_value());
  EXPECT_FALSE(DecodeInstrumentData(cut + "\x1e"
                                          "extra")
                   .has_value());
}

TEST(InstrumentCodec, JsonReportsWrongTypes) {
  auto r = InstrumentDataFromJson(
      {{"name", 5}, {"charger", {{"rated_power_kw", "fast"}, {"tou_billing", "yes"}}}});
  ASSERT_FALSE(r.has_value());
  std::set<std::string> fields;
  for (const auto& f : r.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"charger.rated_power_kw", "charger.tou_billing"}));
  auto ok = InstrumentDataFromJson({{"name", "x"}, {"charger", {{"rated_power_kw", "7.5"}}}});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok->charger->rated_power_kw, 7.5);
}

}  // namespace
}  // namespace mvis::services
