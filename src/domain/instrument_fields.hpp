// The fields of an instrument, described once: API key, Chinese label and column header, type,
// whether required, limits, and where the value lives in InstrumentData. Validation, the JSON
// mapping, the compact storage form, the Excel template, the import mapping and the export all
// walk this table, so they cannot disagree about which fields exist or what they allow.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/instrument.hpp"

namespace mvis::domain {

enum class FieldType {
  kText,     // free text with a length limit
  kCode,     // a value from a list: catalogue type, install district, use, current type
  kDate,     // YYYY-MM-DD
  kNumber,   // a decimal with a range
  kInteger,  // a whole number with a range
  kFlag,     // yes / no
};

enum class Requirement {
  kOptional,
  kAlways,   // every instrument
  kCharger,  // instruments of a charger type
};

struct InstrumentField {
  std::string_view key;     // "name", "charger.rated_power_kw" (the API and JSON name)
  std::string_view label;   // in messages: 额定功率
  std::string_view header;  // template / export column: 额定功率(kW)
  FieldType type = FieldType::kText;
  Requirement required = Requirement::kOptional;
  size_t max_length = 0;       // texts: characters allowed (0: checked elsewhere)
  double min = 0, max = 0;     // numbers: min < value <= max; integers: min <= value <= max
  std::string_view unit = "";  // of numbers, in range messages
  double width = 12;           // column width in the template and the export

  // Where the value lives: exactly one of these is set.
  std::string InstrumentData::*text = nullptr;
  std::string ChargerSpec::*charger_text = nullptr;
  std::optional<double> ChargerSpec::*number = nullptr;
  std::optional<int> ChargerSpec::*integer = nullptr;
  std::optional<bool> ChargerSpec::*flag = nullptr;

  bool in_charger() const { return text == nullptr; }
  // "charger.station_name" -> "station_name".
  std::string_view leaf() const { return key.substr(key.rfind('.') + 1); }
};

// Every field, in template column order.
const std::vector<InstrumentField>& InstrumentFields();
// The field named `key`, or null.
const InstrumentField* FindInstrumentField(std::string_view key);

// A field's value: text, number, integer or flag (empty optionals: not filled in).
using FieldValue =
    std::variant<std::string, std::optional<double>, std::optional<int>, std::optional<bool>>;
// The value of `f` in `d` (a charger field of an instrument without charger data is empty).
FieldValue GetField(const InstrumentData& d, const InstrumentField& f);
// Sets `f` in `d`; setting a charger field gives `d` charger data. `v` must be of f's kind.
void SetField(InstrumentData& d, const InstrumentField& f, FieldValue v);

// The value of `f` as a spreadsheet cell shows it: texts and codes as stored, numbers without
// trailing zeros, flags 是/否, empty when not filled in.
std::string FieldText(const InstrumentData& d, const InstrumentField& f);

// Whether `f` must be filled in for an instrument whose type is (`charger_type`) a charger.
bool IsRequired(const InstrumentField& f, bool charger_type);
// The checks the table alone decides for `f` — filled in when required, length of texts, range of
// numbers — appended to `out`. Checks that need more (catalogue, districts, dates, pairs of
// fields) are ValidateInstrument's.
void CheckField(const InstrumentData& d, const InstrumentField& f, bool required,
                std::vector<FieldError>& out);

}  // namespace mvis::domain
