#include "services/registry/instrument_codec.hpp"

#include <charconv>

#include "domain/instrument_fields.hpp"

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

// The JSON value of field `f` of `d`.
Json ValueJson(const domain::InstrumentData& d, const domain::InstrumentField& f) {
  auto v = domain::GetField(d, f);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<std::optional<double>>(&v)) return *n ? Json(**n) : Json(nullptr);
  if (auto* i = std::get_if<std::optional<int>>(&v)) return *i ? Json(**i) : Json(nullptr);
  auto b = std::get<std::optional<bool>>(v);
  return b ? Json(*b) : Json(nullptr);
}

// Reads field `f` from the object `j` (keyed by the field's leaf) into `d`.
void ReadField(Reader& r, const domain::InstrumentField& f, domain::InstrumentData& d) {
  const std::string leaf(f.leaf());
  switch (f.type) {
    case domain::FieldType::kText:
    case domain::FieldType::kCode:
    case domain::FieldType::kDate:
      domain::SetField(d, f, r.Text(leaf.c_str()));
      break;
    case domain::FieldType::kNumber:
      domain::SetField(d, f, r.Number(leaf.c_str()));
      break;
    case domain::FieldType::kInteger:
      domain::SetField(d, f, r.Integer(leaf.c_str()));
      break;
    case domain::FieldType::kFlag:
      domain::SetField(d, f, r.Bool(leaf.c_str()));
      break;
  }
}

}  // namespace

Json InstrumentDataToJson(const domain::InstrumentData& d) {
  Json j = Json::object();
  Json charger = Json::object();
  for (const auto& f : domain::InstrumentFields()) {
    if (f.in_charger())
      charger[std::string(f.leaf())] = ValueJson(d, f);
    else
      j[std::string(f.key)] = ValueJson(d, f);
  }
  j["charger"] = d.charger ? charger : Json(nullptr);
  return j;
}

Result<domain::InstrumentData> InstrumentDataFromJson(const Json& j) {
  if (!j.is_object()) return InvalidField("", "invalid_json", "请求内容不是有效的 JSON 对象");
  Reader r(j);
  domain::InstrumentData d;
  for (const auto& f : domain::InstrumentFields())
    if (!f.in_charger()) ReadField(r, f, d);
  std::vector<FieldError> errors = std::move(r.errors());
  auto it = j.find("charger");
  if (it != j.end() && it->is_object()) {
    Reader c(*it, "charger.");
    d.charger.emplace();
    for (const auto& f : domain::InstrumentFields())
      if (f.in_charger()) ReadField(c, f, d);
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

// The compact form: "v1", then every field in table order, a "C" marker (charger data present)
// between the instrument's fields and the charger's.
std::string EncodeInstrumentData(const domain::InstrumentData& d) {
  std::string out(kVersion);
  out.reserve(256);
  bool marked = false;
  for (const auto& f : domain::InstrumentFields()) {
    if (f.in_charger() && !marked) {
      PutText(out, d.charger ? "C" : "");
      marked = true;
    }
    auto v = domain::GetField(d, f);
    if (auto* s = std::get_if<std::string>(&v)) {
      PutText(out, *s);
    } else if (auto* n = std::get_if<std::optional<double>>(&v)) {
      PutNumber(out, *n);
    } else if (auto* i = std::get_if<std::optional<int>>(&v)) {
      PutNumber(out, *i ? std::optional<double>(**i) : std::nullopt);
    } else {
      auto b = std::get<std::optional<bool>>(v);
      PutText(out, b ? (*b ? "1" : "0") : "");
    }
  }
  return out;
}

std::optional<domain::InstrumentData> DecodeInstrumentData(std::string_view text) {
  Fields in(text);
  if (in.Next() != kVersion) return std::nullopt;
  domain::InstrumentData d;
  domain::InstrumentData charger;  // the charger's fields, kept only under the "C" marker
  bool marked = false, has_charger = false;
  for (const auto& f : domain::InstrumentFields()) {
    if (f.in_charger() && !marked) {
      auto flag = in.Next();
      if (!flag) return std::nullopt;
      has_charger = *flag == "C";
      marked = true;
    }
    auto field = in.Next();
    if (!field) return std::nullopt;
    auto& target = f.in_charger() ? charger : d;
    switch (f.type) {
      case domain::FieldType::kNumber:
        domain::SetField(target, f, ToNumber(*field));
        break;
      case domain::FieldType::kInteger: {
        auto n = ToNumber(*field);
        domain::SetField(target, f, n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt);
        break;
      }
      case domain::FieldType::kFlag:
        domain::SetField(target, f,
                         field->empty() ? std::optional<bool>() : std::optional(*field == "1"));
        break;
      default:
        domain::SetField(target, f, std::string(*field));
    }
  }
  if (in.Next()) return std::nullopt;
  if (has_charger) d.charger = charger.charger.value_or(domain::ChargerSpec{});
  return d;
}

}  // namespace mvis::services
