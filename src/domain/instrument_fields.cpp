#include "domain/instrument_fields.hpp"

#include <charconv>
#include <cmath>

#include "domain/text.hpp"

namespace mvis::domain {
namespace {

using D = InstrumentData;
using C = ChargerSpec;
using T = FieldType;
using R = Requirement;

InstrumentField Text(std::string_view key, std::string_view label, T type, R req, size_t max,
                     double width, std::string D::*member) {
  InstrumentField f;
  f.key = key, f.label = label, f.header = label, f.type = type, f.required = req;
  f.max_length = max, f.width = width, f.text = member;
  return f;
}

InstrumentField ChargerText(std::string_view key, std::string_view label, T type, R req, size_t max,
                            double width, std::string C::*member) {
  InstrumentField f = Text(key, label, type, req, max, width, nullptr);
  f.charger_text = member;
  return f;
}

InstrumentField Number(std::string_view key, std::string_view label, std::string_view header, R req,
                       double min, double max, std::string_view unit, double width,
                       std::optional<double> C::*member) {
  InstrumentField f;
  f.key = key, f.label = label, f.header = header, f.type = T::kNumber, f.required = req;
  f.min = min, f.max = max, f.unit = unit, f.width = width, f.number = member;
  return f;
}

// The shortest text that reads back as `v`: 7, 0.5, 114.2712345.
std::string Num(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

const std::vector<InstrumentField>& InstrumentFields() {
  static const std::vector<InstrumentField> kFields = [] {
    std::vector<InstrumentField> f = {
        Text("type_code", "器具类型", T::kCode, R::kAlways, 0, 20, &D::type_code),
        Text("name", "器具名称", T::kText, R::kAlways, 100, 20, &D::name),
        Text("model", "型号规格", T::kText, R::kAlways, 100, 16, &D::model),
        Text("serial_no", "出厂编号", T::kText, R::kAlways, 64, 18, &D::serial_no),
        Text("manufacturer", "制造单位", T::kText, R::kAlways, 200, 26, &D::manufacturer),
        Text("brand", "品牌", T::kText, R::kAlways, 100, 12, &D::brand),
        Text("accuracy_class", "准确度等级", T::kText, R::kAlways, 20, 10, &D::accuracy_class),
        Text("measuring_range", "测量范围", T::kText, R::kOptional, 100, 14, &D::measuring_range),
        Text("install_address", "安装地址", T::kText, R::kAlways, 200, 30, &D::install_address),
        Text("install_region_code", "安装区域", T::kCode, R::kAlways, 0, 14,
             &D::install_region_code),
        Text("use", "用途", T::kCode, R::kAlways, 0, 10, &D::use),
        Text("in_use_date", "投入使用日期", T::kDate, R::kAlways, 0, 14, &D::in_use_date),
        Text("asset_no", "资产编号", T::kText, R::kOptional, 64, 12, &D::asset_no),
        Text("notes", "备注", T::kText, R::kOptional, 500, 16, &D::notes),
        ChargerText("charger.current_type", "交直流", T::kCode, R::kCharger, 0, 8,
                    &C::current_type),
        Number("charger.rated_power_kw", "额定功率", "额定功率(kW)", R::kCharger, 0, 1000, "kW", 12,
               &C::rated_power_kw),
        Number("charger.rated_voltage_v", "额定电压", "额定电压(V)", R::kCharger, 0, 1500, "V", 12,
               &C::rated_voltage_v),
        Number("charger.max_current_a", "最大电流", "最大电流(A)", R::kCharger, 0, 1000, "A", 12,
               &C::max_current_a),
        Number("charger.min_current_a", "最小电流", "最小电流(A)", R::kCharger, 0, 1000, "A", 12,
               &C::min_current_a),
    };
    InstrumentField connectors;
    connectors.key = "charger.connector_count", connectors.label = "充电接口数量";
    connectors.header = "接口数量", connectors.type = T::kInteger;
    connectors.required = R::kCharger, connectors.min = 1, connectors.max = 16;
    connectors.width = 10, connectors.integer = &C::connector_count;
    f.push_back(connectors);
    f.push_back(ChargerText("charger.station_name", "充电站名称", T::kText, R::kCharger, 100, 22,
                            &C::station_name));
    f.push_back(ChargerText("charger.equipment_id", "设备编码", T::kText, R::kOptional, 64, 18,
                            &C::equipment_id));
    InstrumentField tou;
    tou.key = "charger.tou_billing", tou.label = "分时计费", tou.header = "分时计费";
    tou.type = T::kFlag, tou.required = R::kCharger, tou.width = 10, tou.flag = &C::tou_billing;
    f.push_back(tou);
    // Longitude and latitude are checked as a pair (ValidateInstrument).
    f.push_back(
        Number("charger.longitude", "经度", "经度", R::kOptional, 0, 0, "", 10, &C::longitude));
    f.push_back(
        Number("charger.latitude", "纬度", "纬度", R::kOptional, 0, 0, "", 10, &C::latitude));
    return f;
  }();
  return kFields;
}

const InstrumentField* FindInstrumentField(std::string_view key) {
  for (const auto& f : InstrumentFields())
    if (f.key == key) return &f;
  return nullptr;
}

FieldValue GetField(const InstrumentData& d, const InstrumentField& f) {
  if (f.text) return d.*f.text;
  static const ChargerSpec kNone;
  const ChargerSpec& c = d.charger ? *d.charger : kNone;
  if (f.charger_text) return c.*f.charger_text;
  if (f.number) return c.*f.number;
  if (f.integer) return c.*f.integer;
  return c.*f.flag;
}

void SetField(InstrumentData& d, const InstrumentField& f, FieldValue v) {
  if (f.text) {
    d.*f.text = std::get<std::string>(std::move(v));
    return;
  }
  if (!d.charger) d.charger.emplace();
  ChargerSpec& c = *d.charger;
  if (f.charger_text)
    c.*f.charger_text = std::get<std::string>(std::move(v));
  else if (f.number)
    c.*f.number = std::get<std::optional<double>>(v);
  else if (f.integer)
    c.*f.integer = std::get<std::optional<int>>(v);
  else
    c.*f.flag = std::get<std::optional<bool>>(v);
}

std::string FieldText(const InstrumentData& d, const InstrumentField& f) {
  FieldValue v = GetField(d, f);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<std::optional<double>>(&v)) return *n ? Num(**n) : std::string();
  if (auto* i = std::get_if<std::optional<int>>(&v))
    return *i ? std::to_string(**i) : std::string();
  const auto& flag = std::get<std::optional<bool>>(v);
  return flag ? (*flag ? "是" : "否") : std::string();
}

bool IsRequired(const InstrumentField& f, bool charger_type) {
  return f.required == Requirement::kAlways ||
         (f.required == Requirement::kCharger && charger_type);
}

void CheckField(const InstrumentData& d, const InstrumentField& f, bool required,
                std::vector<FieldError>& out) {
  const std::string key(f.key), label(f.label), leaf(f.leaf());
  auto add = [&](std::string code, std::string message) {
    out.push_back({key, std::move(code), std::move(message)});
  };
  FieldValue v = GetField(d, f);
  switch (f.type) {
    case FieldType::kText: {
      const auto& s = std::get<std::string>(v);
      if (s.empty()) {
        if (required) add(leaf + "_required", "请填写" + label);
      } else if (f.max_length && CodePoints(s) > f.max_length) {
        add(leaf + "_too_long", label + "不能超过" + std::to_string(f.max_length) + "个字符");
      }
      break;
    }
    case FieldType::kNumber: {
      const auto& n = std::get<std::optional<double>>(v);
      if (!n) {
        if (required) add("charger_field_required", "请填写" + label);
      } else if (f.max > f.min && (!std::isfinite(*n) || *n <= f.min || *n > f.max)) {
        add("charger_field_invalid",
            label + "应大于" + Num(f.min) + "且不超过" + Num(f.max) + std::string(f.unit));
      }
      break;
    }
    case FieldType::kInteger: {
      const auto& n = std::get<std::optional<int>>(v);
      if (!n) {
        if (required) add("charger_field_required", "请填写" + label);
      } else if (*n < f.min || *n > f.max) {
        add("charger_field_invalid", label + "应为" + Num(f.min) + "至" + Num(f.max));
      }
      break;
    }
    case FieldType::kFlag:
      if (!std::get<std::optional<bool>>(v) && required)
        add("charger_field_required", "请选择是否" + label);
      break;
    case FieldType::kCode:
    case FieldType::kDate:
      break;  // the catalogue, the districts and the calendar decide (ValidateInstrument)
  }
}

}  // namespace mvis::domain
