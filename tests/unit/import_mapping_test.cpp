#include "domain/import_mapping.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "domain/instrument_fields.hpp"

namespace mvis::domain {
namespace {

std::vector<std::string> TemplateHeader() {
  std::vector<std::string> h;
  for (const auto& c : ImportColumns())
    h.push_back(std::string(c.header) + (c.required ? "*" : ""));
  return h;
}

ImportCatalogue Catalogue() {
  ImportCatalogue c;
  InstrumentType ac{"ev_ac_charger",
                    "电动汽车交流充电桩",
                    "JJG 1148-2022",
                    VerificationForm::kPeriodic,
                    36,
                    {"trade_settlement"},
                    "AC",
                    {"1", "2"},
                    true};
  InstrumentType scale{"price_scale",
                       "电子计价秤",
                       "JJG 539-2016",
                       VerificationForm::kPeriodic,
                       12,
                       {"trade_settlement"},
                       "",
                       {"III"},
                       true};
  c.types_by_code = {{ac.code, ac}, {scale.code, scale}};
  c.type_code_by_name = {{ac.name, ac.code}, {scale.name, scale.code}};
  c.region_code_by_name = {{"江汉区", "420103"}, {"420103", "420103"}};
  return c;
}

std::vector<std::string> Row() {
  return {"电动汽车交流充电桩",
          "交流桩",
          "AC7",
          "SN1",
          "厂",
          "牌",
          "2级",
          "",
          "地址",
          "江汉区",
          "贸易结算",
          "2024/3/5",
          "",
          "",
          "交流",
          "7",
          "220",
          "32",
          "6",
          "1",
          "站",
          "EQ",
          "是",
          "",
          ""};
}

TEST(ImportHeader, MatchesTemplateAndVariants) {
  auto h = MatchHeader(TemplateHeader());
  ASSERT_TRUE(h.has_value());
  EXPECT_TRUE(MissingColumns(*h).empty());
  EXPECT_EQ(h->column_of.at("charger.rated_power_kw"), 15u);
  // Reordered, with notes in brackets and a synonym.
  auto v =
      MatchHeader({"出厂编号（必填）", "规格型号", "器具名称 *", "器具类型", "备注", "额定功率"});
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->column_of.at("serial_no"), 0u);
  EXPECT_EQ(v->column_of.at("model"), 1u);
  EXPECT_EQ(v->column_of.at("charger.rated_power_kw"), 5u);
  auto missing = MissingColumns(*v);
  EXPECT_NE(std::find(missing.begin(), missing.end(), "安装地址"), missing.end());
  EXPECT_FALSE(MatchHeader({"a", "b", "器具名称"}).has_value());
}

TEST(ImportRow, MapsNamesUnitsAndChineseValues) {
  auto h = *MatchHeader(TemplateHeader());
  auto m = MapImportRow(h, Row(), Catalogue());
  EXPECT_TRUE(m.errors.empty());
  EXPECT_EQ(m.data.type_code, "ev_ac_charger");
  EXPECT_EQ(m.data.install_region_code, "420103");
  EXPECT_EQ(m.data.use, "trade_settlement");
  EXPECT_EQ(m.data.in_use_date, "2024-03-05");
  EXPECT_EQ(m.data.accuracy_class, "2");
  ASSERT_TRUE(m.data.charger.has_value());
  EXPECT_EQ(m.data.charger->current_type, "AC");
  EXPECT_EQ(*m.data.charger->rated_power_kw, 7);
  EXPECT_EQ(*m.data.charger->connector_count, 1);
  EXPECT_TRUE(*m.data.charger->tou_billing);
}

TEST(ImportRow, ReportsConversionErrorsByField) {
  auto h = *MatchHeader(TemplateHeader());
  auto row = Row();
  row[0] = "电表";
  row[11] = "去年";
  row[15] = "七千瓦";
  row[22] = "可能";
  auto m = MapImportRow(h, row, Catalogue());
  std::set<std::string> fields;
  for (const auto& e : m.errors) fields.insert(e.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"type_code", "in_use_date"}));  // not a charger type any more
  row[0] = "电动汽车交流充电桩";
  m = MapImportRow(h, row, Catalogue());
  fields.clear();
  for (const auto& e : m.errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"in_use_date", "charger.rated_power_kw",
                                           "charger.tou_billing"}));
  EXPECT_EQ(ColumnHeaderOf("charger.rated_power_kw"), "额定功率(kW)");
}

// What the export writes for an instrument (FieldText, types and uses by name) reads back through
// the import as the same instrument, field for field: both walk the instrument field table.
TEST(ImportRow, ExportedCellsReadBackAsTheSameInstrument) {
  InstrumentData d;
  int n = 0;
  for (const auto& f : InstrumentFields()) {
    ++n;
    switch (f.type) {
      case FieldType::kText:
        SetField(d, f, "v" + std::to_string(n));
        break;
      case FieldType::kNumber:
        SetField(d, f, std::optional<double>(n + 0.25));
        break;
      case FieldType::kInteger:
        SetField(d, f, std::optional<int>(n % 16 + 1));
        break;
      case FieldType::kFlag:
        SetField(d, f, std::optional<bool>(false));
        break;
      case FieldType::kDate:
        SetField(d, f, std::string("2024-03-05"));
        break;
      case FieldType::kCode:
        break;
    }
  }
  d.type_code = "ev_ac_charger";
  d.install_region_code = "420103";
  d.use = "trade_settlement";
  d.charger->current_type = "DC";
  d.accuracy_class = "2";
  d.charger->longitude = 114.2712345;
  d.charger->latitude = 30.5812345;
  std::vector<std::string> cells;
  for (const auto& f : InstrumentFields()) {
    std::string text = FieldText(d, f);
    if (f.key == "type_code") text = "电动汽车交流充电桩";
    if (f.key == "use") text = std::string(UseDisplayName(text));
    cells.push_back(text);
  }
  auto m = MapImportRow(*MatchHeader(TemplateHeader()), cells, Catalogue());
  EXPECT_TRUE(m.errors.empty()) << m.errors.front().field;
  for (const auto& f : InstrumentFields())
    EXPECT_EQ(FieldText(m.data, f), FieldText(d, f)) << f.key;
}

TEST(InstrumentFieldTable, KeysAndHeadersAreUniqueAndEachFieldHasOnePlace) {
  std::set<std::string_view> keys, headers;
  for (const auto& f : InstrumentFields()) {
    EXPECT_TRUE(keys.insert(f.key).second) << f.key;
    EXPECT_TRUE(headers.insert(f.header).second) << f.header;
    int places = (f.text != nullptr) + (f.charger_text != nullptr) + (f.number != nullptr) +
                 (f.integer != nullptr) + (f.flag != nullptr);
    EXPECT_EQ(places, 1) << f.key;
    EXPECT_EQ(FindInstrumentField(f.key), &f);
    EXPECT_EQ(ColumnHeaderOf(std::string(f.key)), f.header);
  }
  EXPECT_EQ(FindInstrumentField("charger.nothing"), nullptr);
}

TEST(ImportRow, SkipsEmptyAndExampleRows) {
  auto h = *MatchHeader(TemplateHeader());
  EXPECT_TRUE(MapImportRow(h, {"", " ", ""}, Catalogue()).empty);
  auto row = Row();
  row[1] = std::string(kExampleMarker) + "示例";
  EXPECT_TRUE(MapImportRow(h, row, Catalogue()).example);
}

TEST(LooseDates, AcceptCommonSpellings) {
  EXPECT_EQ(ParseLooseDate("2024-03-05"), "2024-03-05");
  EXPECT_EQ(ParseLooseDate("2024/3/5"), "2024-03-05");
  EXPECT_EQ(ParseLooseDate("2024.03.05"), "2024-03-05");
  EXPECT_EQ(ParseLooseDate("2024年3月5日"), "2024-03-05");
  EXPECT_EQ(ParseLooseDate("2024-03-05T08:30:00"), "2024-03-05");
  EXPECT_EQ(ParseLooseDate("20240305"), "2024-03-05");
  EXPECT_EQ(ParseLooseDate("45356"), "2024-03-05");  // Excel serial
  EXPECT_EQ(ParseLooseDate("61"), "1900-03-01");
  EXPECT_EQ(ParseLooseDate("59"), "1900-02-28");
  EXPECT_FALSE(ParseLooseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseLooseDate("next week").has_value());
  EXPECT_FALSE(ParseLooseDate("").has_value());
}

}  // namespace
}  // namespace mvis::domain
