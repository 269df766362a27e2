// The import template (器具清单 + 填写说明) and the error report of an import.
#include <set>

#include "domain/access_policy.hpp"
#include "domain/import_mapping.hpp"
#include "domain/instrument_fields.hpp"
#include "io/xlsx_writer.hpp"
#include "services/imports/import_rows.hpp"
#include "services/imports/import_service.hpp"
#include "services/imports/import_validator.hpp"
#include "services/registry/instrument_codec.hpp"
#include "store/imports_store.hpp"
#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {
namespace {

const std::map<std::string, std::string>& ListOfColumn() {
  static const std::map<std::string, std::string> kLists = {{"type_code", "器具类型"},
                                                            {"install_region_code", "安装区域"},
                                                            {"use", "用途"},
                                                            {"accuracy_class", "准确度等级"},
                                                            {"charger.current_type", "交直流"},
                                                            {"charger.tou_billing", "是否"}};
  return kLists;
}

const std::map<std::string, std::string>& Hints() {
  static const std::map<std::string, std::string> kHints = {
      {"serial_no", "铭牌上的出厂编号；同一制造单位、型号规格下不得重复"},
      {"install_region_code", "器具实际安装使用地所在的区（功能区），决定由哪个区市场监管局审核"},
      {"in_use_date", "格式：2024-03-01"},
      {"use", "贸易结算等强检用途的器具须备案；用途为“其他”的不属于强制检定"},
      {"charger.rated_power_kw", "单位kW；充电桩必填"},
      {"charger.max_current_a",
       "2023年1月1日前投入使用且铭牌未标注的可不填，系统按额定功率÷额定电压推算"},
      {"charger.equipment_id", "运营平台设备编码（T/CEC 102 EquipmentID）"}};
  return kHints;
}

}  // namespace

Result<std::string> ImportService::Template(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), domain::access::Kind::kImport,
                                          domain::access::Op::kCreate);
      !ok)
    return std::unexpected(ok.error());
  struct Lists {
    std::vector<std::string> types, regions, accuracy;
  };
  auto lists = ctx_.db.Read([](store::Tx& tx) -> Result<Lists> {
    Lists l;
    std::set<std::string> classes;
    for (const auto& t : store::ListInstrumentTypes(tx)) {
      if (!t.active) continue;
      l.types.push_back(t.name);
      classes.insert(t.accuracy_classes.begin(), t.accuracy_classes.end());
    }
    for (const auto& r : store::ListRegions(tx, "420100")) {
      if (r.IsDistrictLike()) l.regions.push_back(r.name);
    }
    l.accuracy.assign(classes.begin(), classes.end());
    return l;
  });
  if (!lists) return std::unexpected(lists.error());
  io::TemplateSpec spec;
  spec.sheet_name = domain::kTemplateSheet;
  spec.instructions_sheet = "填写说明";
  // The example row, by field: what a clerk would write for one AC charger.
  static const std::map<std::string_view, std::string> kExample = {
      {"type_code", "电动汽车交流充电桩"},
      {"name",
       std::string(domain::kExampleMarker) + "交流充电桩（示例行，导入时自动跳过，请勿删除）"},
      {"model", "AC7-X"},
      {"serial_no", "EXAMPLE-0001"},
      {"manufacturer", "某某电气有限公司"},
      {"brand", "某品牌"},
      {"accuracy_class", "2"},
      {"install_address", "武汉市江汉区某某路1号"},
      {"install_region_code", "江汉区"},
      {"use", "贸易结算"},
      {"in_use_date", "2024-03-01"},
      {"asset_no", "ZC-0001"},
      {"charger.current_type", "AC"},
      {"charger.rated_power_kw", "7"},
      {"charger.rated_voltage_v", "220"},
      {"charger.max_current_a", "32"},
      {"charger.min_current_a", "6"},
      {"charger.connector_count", "1"},
      {"charger.station_name", "某某充电站"},
      {"charger.equipment_id", "3101000000000001"},
      {"charger.tou_billing", "是"},
      {"charger.longitude", "114.27"},
      {"charger.latitude", "30.58"}};
  for (const auto& f : domain::InstrumentFields()) {
    io::TemplateColumn col;
    col.header = std::string(f.header);
    col.required = f.required != domain::Requirement::kOptional;  // charger items: for chargers
    col.width = f.width;
    col.date = f.type == domain::FieldType::kDate;
    if (auto it = ListOfColumn().find(std::string(f.key)); it != ListOfColumn().end())
      col.list = it->second;
    if (auto it = Hints().find(std::string(f.key)); it != Hints().end()) col.hint = it->second;
    spec.columns.push_back(col);
    auto example = kExample.find(f.key);
    spec.example_row.push_back(example == kExample.end() ? std::string() : example->second);
  }
  spec.lists = {{"器具类型", lists->types},
                {"安装区域", lists->regions},
                {"用途", {"贸易结算", "安全防护", "医疗卫生", "环境监测", "其他"}},
                {"准确度等级", lists->accuracy},
                {"交直流", {"AC", "DC"}},
                {"是否", {"是", "否"}}};
  spec.instructions = {
      "强制检定计量器具批量导入模板 填写说明",
      "1. "
      "请在“器具清单”工作表中逐行填写，每行一台器具；第1行为表头，第2行为示例行（导入时自动跳过），"
      "请勿修改表头和示例行。",
      "2. 带 * "
      "的列为必填项（交直流至分时计费各列仅充电桩必填，其他器具可不填）。器具类型、安装区域、用途、"
      "准确度等级、交直流、分时计费请从下拉列表中选择。",
      "3. "
      "出厂编号：同一制造单位、同一型号规格的器具出厂编号不能重复；已在系统中登记的器具再次导入时会"
      "自动跳过，不会重复登记。",
      "4. "
      "安装区域：填写器具实际安装使用地所在的区（功能区），备案申请将由该区市场监管局审核（属地管理"
      "）。",
      "5. 投入使用日期格式为 YYYY-MM-DD，如 2024-03-01，不能晚于当天。",
      "6. "
      "充电桩（交流充电桩、非车载充电机）须填写交直流、额定功率(kW)、额定电压(V)、最大/"
      "最小电流(A)、接口数量、充电站名称和分时计费；"
      "2023年1月1日前投入使用且铭牌未标注最大/最小电流的，可不填，系统按 "
      "最大电流=额定功率÷额定电压、最小电流=最大电流÷10（不小于6A）推算。",
      "7. "
      "用途为贸易结算、安全防护、医疗卫生、环境监测的目录内器具属于强制检定范围，须申请备案；用途为"
      "“其他”的器具可登记但无需备案，可自愿申请非强制检定或校准。",
      "8. "
      "上传后系统会逐行校验，有错误的行会标出行号、列名和原因，可在页面上直接修改或删除后保存；全部"
      "正确后才会保存，保存的器具进入“待申报”，勾选后即可申请备案。",
      "9. 文件大小不超过20MB，单次最多20万行；支持 .xlsx 和 CSV（UTF-8 或 GBK 编码）。"};
  return io::WriteTemplate(spec);
}

Result<std::string> ImportService::ErrorReport(const Actor& actor, int64_t id) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), domain::access::Kind::kImport,
                                          domain::access::Op::kRead);
      !ok)
    return std::unexpected(ok.error());
  struct Data {
    std::vector<store::ImportRowRecord> rows;
    std::map<std::string, std::string> type_names, region_names;
  };
  auto data = ctx_.db.Read([&](store::Tx& tx) -> Result<Data> {
    auto record = imports::LoadImport(tx, actor, id, domain::access::Op::kRead);
    if (!record) return std::unexpected(record.error());
    Data d;
    for (const auto& t : store::ListInstrumentTypes(tx)) d.type_names[t.code] = t.name;
    for (const auto& r : store::ListRegions(tx, "")) d.region_names[r.code] = r.name;
    d.rows = store::ListImportRows(tx, id, {domain::ImportRowState::kError}, {1, 200000}).items;
    return d;
  });
  if (!data) return std::unexpected(data.error());
  std::vector<io::XlsxColumn> columns = {{"行号", 8}, {"错误说明", 48}};
  for (const auto& f : domain::InstrumentFields())
    columns.push_back({std::string(f.header), f.width});
  size_t next = 0;
  return io::WriteXlsxTable("错误行", columns, [&](std::vector<std::string>& cells) {
    if (next == data->rows.size()) return false;
    const auto& r = data->rows[next++];
    std::string message;
    for (const auto& e : ErrorsFromJson(r.errors)) {
      message += (message.empty() ? "" : "；") + domain::ColumnHeaderOf(e.field) + "：" + e.message;
    }
    auto d = DecodeInstrumentData(r.data).value_or(domain::InstrumentData{});
    cells = {std::to_string(r.row_no), message};
    for (const auto& f : domain::InstrumentFields()) {
      std::string text = domain::FieldText(d, f);
      if (f.text == &domain::InstrumentData::type_code && data->type_names.count(text))
        text = data->type_names[text];
      if (f.text == &domain::InstrumentData::install_region_code && data->region_names.count(text))
        text = data->region_names[text];
      if (f.text == &domain::InstrumentData::use && !domain::UseDisplayName(text).empty())
        text = std::string(domain::UseDisplayName(text));
      if (text == "?") text.clear();
      cells.push_back(text);
    }
    return true;
  });
}

}  // namespace mvis::services
