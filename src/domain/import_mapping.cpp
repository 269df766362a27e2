#include "domain/import_mapping.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "domain/instrument_fields.hpp"
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
    for (const auto& c : ImportColumns()) m[NormalizeHeader(std::string(c.header))] = c.key;
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
  static const std::vector<ImportColumn> kColumns = [] {
    std::vector<ImportColumn> out;
    for (const auto& f : InstrumentFields())
      out.push_back({f.key, f.header, f.required == Requirement::kAlways, f.width});
    return out;
  }();
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
    if (c.required && !header.column_of.count(std::string(c.key)))
      out.push_back(std::string(c.header));
  }
  return out;
}

std::string ColumnHeaderOf(const std::string& field) {
  for (const auto& c : ImportColumns()) {
    if (field == c.key) return std::string(c.header);
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

namespace {

// What a cell says about a yes/no field; nullopt for an empty cell, an error for anything else.
Result<std::optional<bool>> ParseFlag(const std::string& text) {
  if (text.empty()) return std::optional<bool>();
  for (const char* yes : {"是", "Y", "y", "TRUE", "true", "1"})
    if (text == yes) return std::optional<bool>(true);
  for (const char* no : {"否", "N", "n", "FALSE", "false", "0"})
    if (text == no) return std::optional<bool>(false);
  return std::unexpected(Error{});
}

}  // namespace

MappedRow MapImportRow(const HeaderMap& header, const std::vector<std::string>& cells,
                       const ImportCatalogue& catalogue) {
  MappedRow out;
  auto get = [&](std::string_view key) -> std::string {
    auto it = header.column_of.find(std::string(key));
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
  auto error = [&](std::string_view key, const char* code, std::string message) {
    out.errors.push_back({std::string(key), code, std::move(message)});
  };
  if (get("name").rfind(kExampleMarker, 0) == 0) {
    out.example = true;
    return out;
  }
  // Cells are texts; codes are looked up by their Chinese names, dates read loosely.
  for (const auto& f : InstrumentFields()) {
    if (f.in_charger()) continue;
    std::string v = get(f.key);
    if (f.key == "type_code") {
      if (catalogue.types_by_code.count(v)) {
        d.type_code = v;
      } else if (auto by_name = catalogue.type_code_by_name.find(v);
                 by_name != catalogue.type_code_by_name.end()) {
        d.type_code = by_name->second;
      } else if (!v.empty()) {
        error(f.key, "type_code_invalid", "器具类型“" + v + "”不在强制检定目录中");
        d.type_code = "?";
      }
    } else if (f.key == "install_region_code") {
      auto it = catalogue.region_code_by_name.find(v);
      d.install_region_code = it != catalogue.region_code_by_name.end() ? it->second : v;
    } else if (f.key == "use") {
      d.use = v;
      for (const char* u : kUses)
        if (v == UseDisplayName(u)) d.use = u;
    } else if (f.type == FieldType::kDate) {
      if (auto iso = ParseLooseDate(v)) {
        SetField(d, f, *iso);
      } else if (!v.empty()) {
        error(f.key, "in_use_date_invalid",
              std::string(f.label) + "“" + v + "”无法识别，应为 YYYY-MM-DD");
        SetField(d, f, std::string("?"));
      }
    } else {
      if (f.key == "accuracy_class" && v.size() > 3 && v.ends_with("级")) v.resize(v.size() - 3);
      SetField(d, f, v);
    }
  }

  auto type_it = catalogue.types_by_code.find(d.type_code);
  if (type_it == catalogue.types_by_code.end() || !type_it->second.is_charger()) return out;
  d.charger.emplace();
  for (const auto& f : InstrumentFields()) {
    if (!f.in_charger()) continue;
    std::string v = get(f.key);
    switch (f.type) {
      case FieldType::kCode:  // the current type: 交流/直流, AC/DC; the type's own when empty
        if (v == "交流" || v == "ac") v = "AC";
        if (v == "直流" || v == "dc") v = "DC";
        SetField(d, f, v.empty() ? type_it->second.charger_current : v);
        break;
      case FieldType::kNumber:
      case FieldType::kInteger: {
        if (v.empty()) break;
        auto n = ParseNumber(v);
        if (!n) {
          error(f.key, "field_type_invalid", std::string(f.header) + "“" + v + "”应为数字");
        } else if (f.type == FieldType::kNumber) {
          SetField(d, f, n);
        } else {
          SetField(d, f, std::optional<int>(static_cast<int>(*n)));
        }
        break;
      }
      case FieldType::kFlag: {
        auto flag = ParseFlag(v);
        if (!flag)
          error(f.key, "field_type_invalid", std::string(f.label) + "应填“是”或“否”");
        else
          SetField(d, f, *flag);
        break;
      }
      default:
        SetField(d, f, v);
    }
  }
  return out;
}

}  // namespace mvis::domain
