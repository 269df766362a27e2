#include "services/registry/instrument_codec.hpp"

#include <charconv>

namespace mvis::services {
namespace {

using Json = nlohmann::json;

class Reader {
 public:
  explicit Reader(const Json& j, std::string prefix = "") : j_(j), prefix_(std::move(prefix)) {}

  std::string Text(const char* key) {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
    Bad(key, "应为文本");
    return {};
  }
  std::optional<double> Number(const char* key) {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return std::nullopt;
    if (it->is_number()) return it->get<double>();
    if (it->is_string() && !it->get<std::string>().empty()) {
      const std::string& s = it->get_ref<const std::string&>();
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (end && *end == '\0') return v;
    } else if (it->is_string()) {
      return std::nullopt;
    }
    Bad(key, "应为数字");
    return std::nullopt;
  }
  std::optional<int> Integer(const char* key) {
    auto v = Number(key);
    if (!v) return std::nullopt;
    if (*v != static_cast<int>(*v)) {
      Bad(key, "应为整数");
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }
  std::optional<bool> Bool(const char* key) {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return std::nullopt;
    if (it->is_boolean()) return it->get<bool>();
    Bad(key, "应为是或否");
    return std::nullopt;
  }
  std::vector<FieldError>& errors() { return errors_; }

 private:
  void Bad(const char* key, const char* what) {
    errors_.push_back(
        {prefix_ + key, "field_type_invalid", std::string("字段 ") + key + " " + what});
  }
  const Json& j_;
  std::string prefix_;
  std::vector<FieldError> errors_;
};

Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

Json InstrumentDataToJson(const domain::InstrumentData& d) {
  Json j = {{"type_code", d.type_code},
            {"name", d.name},
            {"model", d.model},
            {"serial_no", d.serial_no},
            {"manufacturer", d.manufacturer},
            {"brand", d.brand},
            {"accuracy_class", d.accuracy_class},
            {"measuring_range", d.measuring_range},
            {"install_address", d.install_address},
            {"install_region_code", d.install_region_code},
            {"use", d.use},
            {"in_use_date", d.in_use_date},
            {"asset_no", d.asset_no},
            {"notes", d.notes},
            {"charger", nullptr}};
  if (d.charger) {
    const auto& c = *d.charger;
    j["charger"] = {
        {"current_type", c.current_type},
        {"rated_power_kw", Opt(c.rated_power_kw)},
        {"rated_voltage_v", Opt(c.rated_voltage_v)},
        {"max_current_a", Opt(c.max_current_a)},
        {"min_current_a", Opt(c.min_current_a)},
        {"connector_count", c.connector_count ? Json(*c.connector_count) : Json(nullptr)},
        {"station_name", c.station_name},
        {"equipment_id", c.equipment_id},
        {"tou_billing", c.tou_billing ? Json(*c.tou_billing) : Json(nullptr)},
        {"longitude", Opt(c.longitude)},
        {"latitude", Opt(c.latitude)}};
  }
  return j;
}

Result<domain::InstrumentData> InstrumentDataFromJson(const Json& j) {
  if (!j.is_object()) return InvalidField("", "invalid_json", "请求内容不是有效的 JSON 对象");
  Reader r(j);
  domain::InstrumentData d;
  d.type_code = r.Text("type_code");
  d.name = r.Text("name");
  d.model = r.Text("model");
  d.serial_no = r.Text("serial_no");
  d.manufacturer = r.Text("manufacturer");
  d.brand = r.Text("brand");
  d.accuracy_class = r.Text("accuracy_class");
  d.measuring_range = r.Text("measuring_range");
  d.install_address = r.Text("install_address");
  d.install_region_code = r.Text("install_region_code");
  d.use = r.Text("use");
  d.in_use_date = r.Text("in_use_date");
  d.asset_no = r.Text("asset_no");
  d.notes = r.Text("notes");
  std::vector<FieldError> errors = std::move(r.errors());
  auto it = j.find("charger");
  if (it != j.end() && it->is_object()) {
    Reader c(*it, "charger.");
    domain::ChargerSpec s;
    s.current_type = c.Text("current_type");
    s.rated_power_kw = c.Number("rated_power_kw");
    s.rated_voltage_v = c.Number("rated_voltage_v");
    s.max_current_a = c.Number("max_current_a");
    s.min_current_a = c.Number("min_current_a");
    s.connector_count = c.Integer("connector_count");
    s.station_name = c.Text("station_name");
    s.equipment_id = c.Text("equipment_id");
    s.tou_billing = c.Bool("tou_billing");
    s.longitude = c.Number("longitude");
    s.latitude = c.Number("latitude");
    d.charger = s;
    for (auto& e : c.errors()) errors.push_back(std::move(e));
  } else if (it != j.end() && !it->is_null()) {
    errors.push_back({"charger", "field_type_invalid", "字段 charger 应为对象"});
  }
  if (!errors.empty()) return domain::ValidationFailed(std::move(errors));
  return d;
}

namespace {

constexpr char kSep = '\x1e';
constexpr std::string_view kVersion = "v1";

void PutText(std::string& out, const std::string& v) {
  out += kSep;
  for (char c : v) out += c == kSep ? ' ' : c;
}

void PutNumber(std::string& out, const std::optional<double>& v) {
  out += kSep;
  if (!v) return;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
  out.append(buf, end);
}

class Fields {
 public:
  explicit Fields(std::string_view text) : rest_(text) {}
  std::optional<std::string_view> Next() {
    if (done_) return std::nullopt;
    auto sep = rest_.find(kSep);
    std::string_view field = rest_.substr(0, sep);
    if (sep == std::string_view::npos) {
      done_ = true;
    } else {
      rest_.remove_prefix(sep + 1);
    }
    return field;
  }

 private:
  std::string_view rest_;
  bool done_ = false;
};

std::optional<double> ToNumber(std::string_view s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string EncodeInstrumentData(const domain::InstrumentData& d) {
  std::string out(kVersion);
  out.reserve(256);
  for (const std::string* v :
       {&d.type_code, &d.name, &d.model, &d.serial_no, &d.manufacturer, &d.brand, &d.accuracy_class,
        &d.measuring_range, &d.install_address, &d.install_region_code, &d.use, &d.in_use_date,
        &d.asset_no, &d.notes}) {
    PutText(out, *v);
  }
  PutText(out, d.charger ? "C" : "");
  domain::ChargerSpec none;
  const auto& c = d.charger ? *d.charger : none;
  PutText(out, c.current_type);
  PutNumber(out, c.rated_power_kw);
  PutNumber(out, c.rated_voltage_v);
  PutNumber(out, c.max_current_a);
  PutNumber(out, c.min_current_a);
  PutNumber(out, c.connector_count ? std::optional<double>(*c.connector_count) : std::nullopt);
  PutText(out, c.station_name);
  PutText(out, c.equipment_id);
  PutText(out, c.tou_billing ? (*c.tou_billing ? "1" : "0") : "");
  PutNumber(out, c.longitude);
  PutNumber(out, c.latitude);
  return out;
}

std::optional<domain::InstrumentData> DecodeInstrumentData(std::string_view text) {
  Fields f(text);
  if (f.Next() != kVersion) return std::nullopt;
  domain::InstrumentData d;
  for (std::string* v : {&d.type_code, &d.name, &d.model, &d.serial_no, &d.manufacturer, &d.brand,
                         &d.accuracy_class, &d.measuring_range, &d.install_address,
                         &d.install_region_code, &d.use, &d.in_use_date, &d.asset_no, &d.notes}) {
    auto field = f.Next();
    if (!field) return std::nullopt;
    v->assign(*field);
  }
  auto flag = f.Next();
  std::string_view fields[11];
  for (auto& field : fields) {
    auto next = f.Next();
    if (!next) return std::nullopt;
    field = *next;
  }
  if (!flag || f.Next()) return std::nullopt;
  if (*flag == "C") {
    domain::ChargerSpec c;
    c.current_type = fields[0];
    c.rated_power_kw = ToNumber(fields[1]);
    c.rated_voltage_v = ToNumber(fields[2]);
    c.max_current_a = ToNumber(fields[3]);
    c.min_current_a = ToNumber(fields[4]);
    if (auto n = ToNumber(fields[5])) c.connector_count = static_cast<int>(*n);
    c.station_name = fields[6];
    c.equipment_id = fields[7];
    if (!fields[8].empty()) c.tou_billing = fields[8] == "1";
    c.longitude = ToNumber(fields[9]);
    c.latitude = ToNumber(fields[10]);
    d.charger = c;
  }
  return d;
}

}  // namespace mvis::services
