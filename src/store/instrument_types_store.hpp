// The catalogue of instrument types under mandatory verification (强制检定目录).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/instrument.hpp"
#include "store/database.hpp"

namespace mvis::store {

std::vector<domain::InstrumentType> ListInstrumentTypes(Tx& tx);
std::optional<domain::InstrumentType> FindInstrumentType(Tx& tx, const std::string& code);
void InsertInstrumentType(Tx& tx, const domain::InstrumentType& type, int64_t now);
void UpdateInstrumentType(Tx& tx, const domain::InstrumentType& type, int64_t now);

}  // namespace mvis::store
