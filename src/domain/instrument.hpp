// Instruments and their catalogue types as plain values, the rule that decides whether an
// instrument is subject to mandatory verification, and field validation shared by single
// entry, edits, change requests and batch import.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"

namespace mvis::domain {

// Uses named by the metrology law; the first four make a catalogue instrument mandatory.
inline constexpr const char* kUses[] = {"trade_settlement", "safety", "medical", "environment",
                                        "other"};
std::string_view UseDisplayName(std::string_view use);  // 贸易结算, 安全防护, …
// One of the four uses the law makes mandatory (every use but "other").
bool IsMandatoryUse(std::string_view use);

// How an instrument type is verified: periodically (周期检定), or once before use with a use limit
// (首次检定, 限期使用).
enum class VerificationForm { kPeriodic, kFirstOnly };
std::string_view ToString(VerificationForm f);  // periodic | first_only
std::optional<VerificationForm> ParseVerificationForm(std::string_view s);

// A type from the catalogue of instruments under mandatory management (SAMR 2020 No. 42).
struct InstrumentType {
  std::string code;        // e.g. "ev_ac_charger"
  std::string name;        // 电动汽车交流充电桩
  std::string regulation;  // JJG 1148-2022
  // Unset only in a request naming an unknown form (the catalogue service refuses it).
  std::optional<VerificationForm> verification_form = VerificationForm::kPeriodic;
  int period_months = 0;  // verification period, or use limit for first_only
  std::vector<std::string> mandatory_uses;
  std::string charger_current;                // "AC" / "DC" for charger types, "" otherwise
  std::vector<std::string> accuracy_classes;  // allowed values; empty: free text
  bool active = true;

  bool is_charger() const { return !charger_current.empty(); }
};

struct ChargerSpec {
  std::string current_type;  // AC | DC
  std::optional<double> rated_power_kw;
  std::optional<double> rated_voltage_v;
  std::optional<double> max_current_a;
  std::optional<double> min_current_a;
  std::optional<int> connector_count;
  std::string station_name;
  std::string equipment_id;  // T/CEC 102 EquipmentID
  std::optional<bool> tou_billing;
  std::optional<double> longitude;
  std::optional<double> latitude;
};

// What an enterprise enters for one instrument.
struct InstrumentData {
  std::string type_code;
  std::string name;
  std::string model;         // 型号规格
  std::string serial_no;     // 出厂编号
  std::string manufacturer;  // 制造单位
  std::string brand;
  std::string accuracy_class;
  std::string measuring_range;
  std::string install_address;
  std::string install_region_code;
  std::string use;
  std::string in_use_date;  // YYYY-MM-DD
  std::string asset_no;
  std::string notes;
  std::optional<ChargerSpec> charger;
};

// True when an instrument of `type` used for `use` is under mandatory verification.
bool IsMandatory(const InstrumentType& type, std::string_view use);

// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view date);

// Trims every text field (in place).
void Normalize(InstrumentData& data);

// Every problem with `data`, one FieldError per field (Chinese messages), empty when valid.
// `type` is null when type_code is unknown; `is_install_region` says whether a code is a district
// or zone of the city; `today` (YYYY-MM-DD) bounds in_use_date.
std::vector<FieldError> ValidateInstrument(
    const InstrumentData& data, const InstrumentType* type,
    const std::function<bool(const std::string&)>& is_install_region, const std::string& today);

// JJG 1148/1149: chargers put into use before 2023-01-01 without marked currents take
// Imax = rated power / rated voltage and Imin = max(Imax / 10, 6 A). Fills them when missing.
void DeriveLegacyChargerCurrents(InstrumentData& data);

// Wraps field errors as one invalid-argument error (code and message of the first).
std::unexpected<Error> ValidationFailed(std::vector<FieldError> fields);

}  // namespace mvis::domain
