
#include "domain/instrument.hpp"

#include <algorithm>
#include <cmath>

#include "domain/text.hpp"

namespace mvis::domain {
namespace {

class Checker {
 public:
  void Require(const std::string& field, const std::string& value, size_t max, const char* label) {
    if (value.empty()) {
      Add(field, Leaf(field) + "_required", std::string("请填写") + label);
    } else {
      Limit(field, value, max, label);
    }
  }
  void Limit(const std::string& field, const std::string& value, size_t max, const char* label) {
    if (CodePoints(value) > max) {
      Add(field, Leaf(field) + "_too_long",
          std::string(label) + "不能超过" + std::to_string(max) + "个字符");
    }
  }
  void Range(const std::string& field, const std::optional<double>& v, double lo, double hi,
             bool required, const char* label, const char* unit) {
    if (!v) {
      if (required) Add(field, "charger_field_required", std::string("请填写") + label);
      return;
    }
    if (!std::isfinite(*v) || *v <= lo || *v > hi) {
      Add(field, "charger_field_invalid",
          std::string(label) + "应大于" + Num(lo) + "且不超过" + Num(hi) + unit);
    }
  }
  // "charger.station_name" -> "station_name": codes stay plain snake_case.
  static std::string Leaf(const std::string& field) { return field.substr(field.rfind('.') + 1); }
  void Add(const std::string& field, std::string code, std::string message) {
    errors.push_back({field, std::move(code), std::move(message)});
  }
  static std::string Num(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  }
  std::vector<FieldError> errors;
};

void ValidateCharger(const ChargerSpec& c, const InstrumentType& type, Checker& check) {
  if (c.current_type != type.charger_current) {
    check.Add("charger.current_type", "current_type_invalid",
              type.charger_current == "AC" ? "交流充电桩的电流类型应为交流（AC）"
                                           : "非车载充电机的电流类型应为直流（DC）");
  }
  check.Range("charger.rated_power_kw", c.rated_power_kw, 0, 1000, true, "额定功率", "kW");
  check.Range("charger.rated_voltage_v", c.rated_voltage_v, 0, 1500, true, "额定电压", "V");
  check.Range("charger.max_current_a", c.max_current_a, 0, 1000, true, "最大电流", "A");
  check.Range("charger.min_current_a", c.min_current_a, 0, 1000, true, "最小电流", "A");
  if (c.max_current_a && c.min_current_a && *c.min_current_a >= *c.max_current_a) {
    check.Add("charger.min_current_a", "charger_field_invalid", "最小电流应小于最大电流");
  }
  if (!c.connector_count) {
    check.Add("charger.connector_count", "charger_field_required", "请填写充电接口数量");
  } else if (*c.connector_count < 1 || *c.connector_count > 16) {
    check.Add("charger.connector_count", "charger_field_invalid", "充电接口数量应为1至16");
  }
  check.Require("charger.station_name", c.station_name, 100, "充电站名称");
  check.Limit("charger.equipment_id", c.equipment_id, 64, "设备编码");
  if (!c.tou_billing) {
    check.Add("charger.tou_billing", "charger_field_required", "请选择是否分时计费");
  }
  if (c.longitude.has_value() != c.latitude.has_value()) {
    check.Add("charger.longitude", "charger_field_invalid", "经度和纬度须同时填写");
  } else if (c.longitude &&
             (*c.longitude < 73 || *c.longitude > 136 || *c.latitude < 3 || *c.latitude > 54)) {
    check.Add("charger.longitude", "charger_field_invalid", "经纬度不在中国境内");
  }
}

}  // namespace

std::string_view UseDisplayName(std::string_view use) {
  if (use == "trade_settlement") return "贸易结算";
  if (use == "safety") return "安全防护";
  if (use == "medical") return "医疗卫生";
  if (use == "environment") return "环境监测";
  if (use == "other") return "其他";
  return {};
}

bool IsMandatory(const InstrumentType& type, std::string_view use) {
  return std::find(type.mandatory_uses.begin(), type.mandatory_uses.end(), use) !=
         type.mandatory_uses.end();
}

bool IsIsoDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  int y = std::stoi(std::string(d.substr(0, 4)));
  int m = std::stoi(std::string(d.substr(5, 2)));
  int day = std::stoi(std::string(d.substr(8, 2)));
  if (y < 1900 || m < 1 || m > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

void Normalize(InstrumentData& d) {
  for (std::string* s : {&d.type_code, &d.name, &d.model, &d.serial_no, &d.manufacturer, &d.brand,
                         &d.accuracy_class, &d.measuring_range, &d.install_address,
                         &d.install_region_code, &d.use, &d.in_use_date, &d.asset_no, &d.notes}) {
    *s = Trim(*s);
  }
  if (d.charger) {
    d.charger->current_type = Trim(d.charger->current_type);
    d.charger->station_name = Trim(d.charger->station_name);
    d.charger->equipment_id = Trim(d.charger->equipment_id);
  }
}

std::vector<FieldError> ValidateInstrument(
    const InstrumentData& d, const InstrumentType* type,
    const std::function<bool(const std::string&)>& is_install_region, const std::string& today) {
  Checker check;
  if (!type || !type->active) check.Add("type_code", "type_code_invalid", "请选择有效的器具类型");
  check.Require("name", d.name, 100, "器具名称");
  check.Require("model", d.model, 100, "型号规格");
  check.Require("serial_no", d.serial_no, 64, "出厂编号");
  check.Require("manufacturer", d.manufacturer, 200, "制造单位");
  check.Require("brand", d.brand, 100, "品牌");
  check.Require("accuracy_class", d.accuracy_class, 20, "准确度等级");
  if (type && !d.accuracy_class.empty() && !type->accuracy_classes.empty() &&
      std::find(type->accuracy_classes.begin(), type->accuracy_classes.end(), d.accuracy_class) ==
          type->accuracy_classes.end()) {
    std::string allowed;
    for (const auto& a : type->accuracy_classes)
      allowed += (allowed.empty() ? "" : "、") + a + "级";
    check.Add("accuracy_class", "accuracy_class_invalid", "准确度等级应为" + allowed);
  }
  check.Limit("measuring_range", d.measuring_range, 100, "测量范围");
  check.Require("install_address", d.install_address, 200, "安装地址");
  if (!is_install_region(d.install_region_code)) {
    check.Add("install_region_code", "install_region_invalid", "请选择安装地点所在的区（功能区）");
  }
  if (UseDisplayName(d.use).empty()) check.Add("use", "use_invalid", "请选择用途");
  if (d.in_use_date.empty()) {
    check.Add("in_use_date", "in_use_date_required", "请填写投入使用日期");
  } else if (!IsIsoDate(d.in_use_date)) {
    check.Add("in_use_date", "in_use_date_invalid", "投入使用日期不是有效日期（格式 YYYY-MM-DD）");
  } else if (d.in_use_date > today) {
    check.Add("in_use_date", "in_use_date_invalid", "投入使用日期不能晚于今天");
  }
  check.Limit("asset_no", d.asset_no, 64, "资产编号");
  check.Limit("notes", d.notes, 500, "备注");
  if (type && type->is_charger()) {
    if (!d.charger) {
      check.Add("charger", "charger_required", "充电桩须填写充电设备参数");
    } else {
      ValidateCharger(*d.charger, *type, check);
    }
  }
  return check.errors;
}

void DeriveLegacyChargerCurrents(InstrumentData& d) {
  if (!d.charger || !IsIsoDate(d.in_use_date) || d.in_use_date >= "2023-01-01") return;
  auto& c = *d.charger;
  if (c.max_current_a || !c.rated_power_kw || !c.rated_voltage_v || *c.rated_voltage_v <= 0) return;
  double imax = *c.rated_power_kw * 1000.0 / *c.rated_voltage_v;
  c.max_current_a = std::round(imax * 100) / 100;
  if (!c.min_current_a) c.min_current_a = std::max(6.0, std::round(imax * 10) / 100);
}

std::unexpected<Error> ValidationFailed(std::vector<FieldError> fields) {
  Error e{ErrorKind::kInvalidArgument, fields.front().code, fields.front().message,
          fields.front().field, std::move(fields)};
  return std::unexpected(std::move(e));
}

}  // namespace mvis::domain
