
#include "domain/instrument.hpp"

#include <algorithm>
#include <cmath>

#include "domain/enum_names.hpp"
#include "domain/instrument_fields.hpp"
#include "domain/text.hpp"

namespace mvis::domain {
namespace {

void Add(std::vector<FieldError>& out, const std::string& field, std::string code,
         std::string message) {
  out.push_back({field, std::move(code), std::move(message)});
}

// The checks of one field that need more than the field table: the catalogue, the districts,
// the calendar, other fields.
void CheckContext(const InstrumentData& d, const InstrumentField& f, const InstrumentType* type,
                  const std::function<bool(const std::string&)>& is_install_region,
                  const std::string& today, std::vector<FieldError>& out) {
  const std::string key(f.key);
  if (key == "type_code") {
    if (!type || !type->active) Add(out, key, "type_code_invalid", "请选择有效的器具类型");
  } else if (key == "accuracy_class") {
    if (type && !d.accuracy_class.empty() && !type->accuracy_classes.empty() &&
        std::find(type->accuracy_classes.begin(), type->accuracy_classes.end(), d.accuracy_class) ==
            type->accuracy_classes.end()) {
      std::string allowed;
      for (const auto& a : type->accuracy_classes)
        allowed += (allowed.empty() ? "" : "、") + a + "级";
      Add(out, key, "accuracy_class_invalid", "准确度等级应为" + allowed);
    }
  } else if (key == "install_region_code") {
    if (!is_install_region(d.install_region_code))
      Add(out, key, "install_region_invalid", "请选择安装地点所在的区（功能区）");
  } else if (key == "use") {
    if (UseDisplayName(d.use).empty()) Add(out, key, "use_invalid", "请选择用途");
  } else if (key == "in_use_date") {
    if (d.in_use_date.empty()) {
      Add(out, key, "in_use_date_required", "请填写投入使用日期");
    } else if (!IsIsoDate(d.in_use_date)) {
      Add(out, key, "in_use_date_invalid", "投入使用日期不是有效日期（格式 YYYY-MM-DD）");
    } else if (d.in_use_date > today) {
      Add(out, key, "in_use_date_invalid", "投入使用日期不能晚于今天");
    }
  } else if (key == "charger.current_type") {
    if (d.charger->current_type != type->charger_current) {
      Add(out, key, "current_type_invalid",
          type->charger_current == "AC" ? "交流充电桩的电流类型应为交流（AC）"
                                        : "非车载充电机的电流类型应为直流（DC）");
    }
  } else if (key == "charger.min_current_a") {
    const auto& c = *d.charger;
    if (c.max_current_a && c.min_current_a && *c.min_current_a >= *c.max_current_a)
      Add(out, key, "charger_field_invalid", "最小电流应小于最大电流");
  } else if (key == "charger.longitude") {
    const auto& c = *d.charger;
    if (c.longitude.has_value() != c.latitude.has_value()) {
      Add(out, key, "charger_field_invalid", "经度和纬度须同时填写");
    } else if (c.longitude &&
               (*c.longitude < 73 || *c.longitude > 136 || *c.latitude < 3 || *c.latitude > 54)) {
      Add(out, key, "charger_field_invalid", "经纬度不在中国境内");
    }
  }
}

}  // namespace

namespace {
constexpr EnumName<VerificationForm> kForms[] = {{VerificationForm::kPeriodic, "periodic"},
                                                 {VerificationForm::kFirstOnly, "first_only"}};
}  // namespace

std::string_view ToString(VerificationForm f) { return NameIn(kForms, f); }
std::optional<VerificationForm> ParseVerificationForm(std::string_view s) {
  return ParseIn(kForms, s);
}

std::string_view UseDisplayName(std::string_view use) {
  if (use == "trade_settlement") return "贸易结算";
  if (use == "safety") return "安全防护";
  if (use == "medical") return "医疗卫生";
  if (use == "environment") return "环境监测";
  if (use == "other") return "其他";
  return {};
}

bool IsMandatoryUse(std::string_view use) {
  return !UseDisplayName(use).empty() && use != kUses[std::size(kUses) - 1];
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
  for (const auto& f : InstrumentFields()) {
    if (f.text) {
      d.*f.text = Trim(d.*f.text);
    } else if (f.charger_text && d.charger) {
      (*d.charger).*f.charger_text = Trim((*d.charger).*f.charger_text);
    }
  }
}

std::vector<FieldError> ValidateInstrument(
    const InstrumentData& d, const InstrumentType* type,
    const std::function<bool(const std::string&)>& is_install_region, const std::string& today) {
  std::vector<FieldError> out;
  const bool charger_type = type && type->is_charger();
  bool charger_reported = false;
  for (const auto& f : InstrumentFields()) {
    if (f.in_charger()) {
      // Charger data is judged for charger types only, and must be there for them.
      if (!charger_type) continue;
      if (!d.charger) {
        if (!charger_reported) Add(out, "charger", "charger_required", "充电桩须填写充电设备参数");
        charger_reported = true;
        continue;
      }
    }
    CheckField(d, f, IsRequired(f, charger_type), out);
    CheckContext(d, f, type, is_install_region, today, out);
  }
  return out;
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
