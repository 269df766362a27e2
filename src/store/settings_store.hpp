// Key-value settings kept in the database (e.g. the server's secret for keyed hashes).
#pragma once

#include <optional>
#include <string>

#include "store/database.hpp"

namespace mvis::store {

std::optional<std::string> GetSetting(Tx& tx, const std::string& key);
// Inserts the value unless the key exists; returns the value now stored.
std::string EnsureSetting(Tx& tx, const std::string& key, const std::string& value);

}  // namespace mvis::store
