// JSON form of instrument data: the API's request and response fields (docs/api.md) and the
// stored form of a pending change request. One mapping, used by both.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "domain/instrument.hpp"

namespace mvis::services {

nlohmann::json InstrumentDataToJson(const domain::InstrumentData& data);

// Reads the fields of `j` (an object). Wrong JSON types are reported as field errors (e.g. a
// rated power given as text); missing fields stay empty for validation to report.
Result<domain::InstrumentData> InstrumentDataFromJson(const nlohmann::json& j);

// Compact text form for bulk storage (import preview rows): fields in a fixed order separated by
// U+001E, which no spreadsheet cell can carry (it is replaced by a space if present). Several
// times faster than JSON for the 100k-row imports. Decode returns nullopt for foreign text.
std::string EncodeInstrumentData(const domain::InstrumentData& data);
std::optional<domain::InstrumentData> DecodeInstrumentData(std::string_view text);

}  // namespace mvis::services
