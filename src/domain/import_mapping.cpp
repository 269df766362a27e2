#include "domain/import_mapping.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "domain/text.hpp"

namespace mvis::domain {
namespace {

// Drops '*', spaces and bracketed notes (ASCII or full-width brackets), lower-cases ASCII.
std::string NormalizeHeader(const std::string& h) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < h.size();) {
    auto starts = [&](const char* s) { return h.compare(i, std::strlen(s), s) == 0; };
    if (starts("（") || starts("【")) {
      ++depth;
      i += 3;
      continue;
    }
    if (starts("）") || starts("】")) {
      depth = std::max(0, depth - 1);
      i += 3;
      continue;
    }
    char c = h[i];
    if (c == '(' || c == '[') {
      ++depth;
      ++i;
      continue;
    }
    if (c == ')' || c == ']') {
      depth = std::max(0, depth - 1);
      ++i;
      continue;
    }
    if (depth == 0 && c != '*' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    ++i;
  }
  return out;
}

const std::map<std::string, std::string>& Aliases() {
  static const std::map<std::string, std::string> kAliases = [] {
    std::map<std::string, std::string> m;
    for (const auto& c : ImportColumns()) m[NormalizeHeader(c.header)] = c.key;
    m["器具类别"] = "type_code";
    m["计量器具名称"] = "name";
    m["规格型号"] = "model";
    m["型号"] = "model";
    m["出厂号"] = "serial_no";
    m["生产厂家"] = "manufacturer";
    m["制造商"] = "manufacturer";
    m["准确度"] = "accuracy_class";
    m["准确度级别"] = "accuracy_class";
    m["安装区县"] = "install_region_code";
    m["所在区"] = "install_region_code";
    m["使用日期"] = "in_use_date";
    m["启用日期"] = "in_use_date";
    m["额定功率"] = "charger.rated_power_kw";
    m["额定电压"] = "charger.rated_voltage_v";
    m["最大电流"] = "charger.max_current_a";
    m["最小电流"] = "charger.min_current_a";
    m["枪数"] = "charger.connector_count";
    m["充电站"] = "charger.station_name";
    m["equipmentid"] = "charger.equipment_id";
    return m;
  }();
  return kAliases;
}

std::optional<double> ParseNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string Format2(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

const std::vector<ImportColumn>& ImportColumns() {
  static const std::vector<ImportColumn> kColumns = {
      {"type_code", "器具类型", true, 20},
      {"name", "器具名称", true, 20},
      {"model", "型号规格", true, 16},
      {"serial_no", "出厂编号", true, 18},
      {"manufacturer", "制造单位", true, 26},
      {"brand", "品牌", true, 12},
      {"accuracy_class", "准确度等级", true, 10},
      {"measuring_range", "测量范围", false, 14},
      {"install_address", "安装地址", true, 30},
      {"install_region_code", "安装区域", true, 14},
      {"use", "用途", true, 10},
      {"in_use_date", "投入使用日期", true, 14},
      {"asset_no", "资产编号", false, 12},
      {"notes", "备注", false, 16},
      {"charger.current_type", "交直流", false, 8},
      {"charger.rated_power_kw", "额定功率(kW)", false, 12},
      {"charger.rated_voltage_v", "额定电压(V)", false, 12},
      {"charger.max_current_a", "最大电流(A)", false, 12},
      {"charger.min_current_a", "最小电流(A)", false, 12},
      {"charger.connector_count", "接口数量", false, 10},
      {"charger.station_name", "充电站名称", false, 22},
      {"charger.equipment_id", "设备编码", false, 18},
      {"charger.tou_billing", "分时计费", false, 10},
      {"charger.longitude", "经度", false, 10},
      {"charger.latitude", "纬度", false, 10},
  };
  return kColumns;
}

std::optional<HeaderMap> MatchHeader(const std::vector<std::string>& cells) {
  HeaderMap map;
  int required = 0;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string norm = NormalizeHeader(cells[i]);
    if (norm.empty()) continue;
    auto it = Aliases().find(norm);
    if (it == Aliases().end()) {
      map.unknown.push_back(cells[i]);
      continue;
    }
    if (map.column_of.count(it->second)) continue;  // first occurrence wins
    map.column_of[it->second] = i;
    for (const auto& c : ImportColumns()) required += c.required && it->second == c.key;
  }
  if (required < 4) return std::nullopt;
  return map;
}

std::vector<std::string> MissingColumns(const HeaderMap& header) {
  std::vector<std::string> out;
  for (const auto& c : ImportColumns()) {
    if (c.required && !header.column_of.count(c.key)) out.push_back(c.header);
  }
  return out;
}

std::string ColumnHeaderOf(const std::string& field) {
  for (const auto& c : ImportColumns()) {
    if (field == c.key) return c.header;
  }
  if (field == "charger") return "交直流";
  return field;
}

std::optional<std::string> ParseLooseDate(const std::string& raw) {
  std::string text = Trim(raw);
  if (text.empty()) return std::nullopt;
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string::npos) {  // 20240305
    std::string d = text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
    if (IsIsoDate(d)) return d;
    return std::nullopt;
  }
  // Excel serial (1900 system) typed into a general-format cell.
  if (auto n = ParseNumber(text); n && *n >= 1 && *n < 2958466 && std::floor(*n) == *n) {
    // Serial 25569 is 1970-01-01; below 60 Excel's phantom 1900-02-29 shifts days by one.
    int64_t serial = static_cast<int64_t>(*n);
    int64_t days = serial - 25569 + (serial < 60 ? 1 : 0);
    std::time_t t = static_cast<std::time_t>(days * 86400);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return std::to_string(tm.tm_year + 1900) + "-" + Format2(tm.tm_mon + 1) + "-" +
           Format2(tm.tm_mday);
  }
  int y = 0, m = 0, d = 0;
  std::string s = text;
  auto t = s.find('T');
  if (t != std::string::npos) s = s.substr(0, t);
  auto space = s.find(' ');
  if (space != std::string::npos) s = s.substr(0, space);
  for (const char* sep : {"年", "月"}) {
    for (size_t p = s.find(sep); p != std::string::npos; p = s.find(sep)) s.replace(p, 3, "-");
  }
  for (size_t p = s.find("日"); p != std::string::npos; p = s.find("日")) s.erase(p, 3);
  for (auto& c : s) {
    if (c == '/' || c == '.') c = '-';
  }
  char tail = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  std::string iso = std::to_string(y) + "-" + Format2(m) + "-" + Format2(d);
  if (!IsIsoDate(iso)) return std::nullopt;
  return iso;
}

MappedRow MapImportRow(const HeaderMap& header, const std::vector<std::string>& cells,
                       const ImportCatalogue& catalogue) {
  MappedRow out;
  auto get = [&](const char* key) -> std::string {
    auto it = header.column_of.find(key);
    if (it == header.column_of.end() || it->second >= cells.size()) return {};
    return Trim(cells[it->second]);
  };
  bool any = false;
  for (const auto& [key, col] : header.column_of)
    any = any || (col < cells.size() && !Trim(cells[col]).empty());
  if (!any) {
    out.empty = true;
    return out;
  }
  auto& d = out.data;
  auto error = [&](const char* key, const char* code, std::string message) {
    out.errors.push_back({key, code, std::move(message)});
  };
  d.name = get("name");
  if (d.name.rfind(kExampleMarker, 0) == 0) {
    out.example = true;
    return out;
  }
  std::string type = get("type_code");
  if (auto it = catalogue.types_by_code.find(type); it != catalogue.types_by_code.end()) {
    d.type_code = type;
  } else if (auto by_name = catalogue.type_code_by_name.find(type);
             by_name != catalogue.type_code_by_name.end()) {
    d.type_code = by_name->second;
  } else if (!type.empty()) {
    error("type_code", "type_code_invalid", "器具类型“" + type + "”不在强制检定目录中");
    d.type_code = "?";
  }
  d.model = get("model");
  d.serial_no = get("serial_no");
  d.manufacturer = get("manufacturer");
  d.brand = get("brand");
  d.accuracy_class = get("accuracy_class");
  if (d.accuracy_class.size() > 1 && d.accuracy_class.ends_with("级"))
    d.accuracy_class.resize(d.accuracy_class.size() - 3);
  d.measuring_range = get("measuring_range");
  d.install_address = get("install_address");
  std::string region = get("install_region_code");
  if (auto it = catalogue.region_code_by_name.find(region);
      it != catalogue.region_code_by_name.end()) {
    d.install_region_code = it->second;
  } else {
    d.install_region_code = region;  // validation reports it
  }
  std::string use = get("use");
  d.use = use;
  for (const char* u : kUses) {
    if (use == UseDisplayName(u)) d.use = u;
  }
  std::string date = get("in_use_date");
  if (auto iso = ParseLooseDate(date)) {
    d.in_use_date = *iso;
  } else if (!date.empty()) {
    error("in_use_date", "in_use_date_invalid",
          "投入使用日期“" + date + "”无法识别，应为 YYYY-MM-DD");
    d.in_use_date = "?";
  }
  d.asset_no = get("asset_no");
  d.notes = get("notes");

  auto type_it = catalogue.types_by_code.find(d.type_code);
  if (type_it != catalogue.types_by_code.end() && type_it->second.is_charger()) {
    ChargerSpec c;
    std::string current = get("charger.current_type");
    if (current == "交流" || current == "ac") current = "AC";
    if (current == "直流" || current == "dc") current = "DC";
    c.current_type = current.empty() ? type_it->second.charger_current : current;
    auto number = [&](const char* key, std::optional<double>& target) {
      std::string v = get(key);
      if (v.empty()) return;
      if (auto n = ParseNumber(v)) {
        target = n;
      } else {
        error(key, "field_type_invalid", ColumnHeaderOf(key) + "“" + v + "”应为数字");
      }
    };
    number("charger.rated_power_kw", c.rated_power_kw);
    number("charger.rated_voltage_v", c.rated_voltage_v);
    number("charger.max_current_a", c.max_current_a);
    number("charger.min_current_a", c.min_current_a);
    std::optional<double> connectors;
    number("charger.connector_count", connectors);
    if (connectors) c.connector_count = static_cast<int>(*connectors);
    number("charger.longitude", c.longitude);
    number("charger.latitude", c.latitude);
    c.station_name = get("charger.station_name");
    c.equipment_id = get("charger.equipment_id");
    std::string tou = get("charger.tou_billing");
    if (tou == "是" || tou == "Y" || tou == "y" || tou == "TRUE" || tou == "true" || tou == "1") {
      c.tou_billing = true;
    } else if (tou == "否" || tou == "N" || tou == "n" || tou == "FALSE" || tou == "false" ||
               tou == "0") {
      c.tou_billing = false;
    } else if (!tou.empty()) {
      error("charger.tou_billing", "field_type_invalid", "分时计费应填“是”或“否”");
    }
    d.charger = c;
  }
  return out;
}

}  // namespace mvis::domain
