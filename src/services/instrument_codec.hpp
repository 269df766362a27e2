// JSON form of instrument data: the API's request and response fields (docs/api.md) and the
// stored form of a pending change request. One mapping, used by both.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/instrument.hpp"

namespace mvis::services {

nlohmann::json InstrumentDataToJson(const domain::InstrumentData& data);

// Reads the fields of `j` (an object). Wrong JSON types are reported as field errors (e.g. a
// rated power given as text); missing fields stay empty for validation to report.
Result<domain::InstrumentData> InstrumentDataFromJson(const nlohmann::json& j);

}  // namespace mvis::services
