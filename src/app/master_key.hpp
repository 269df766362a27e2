// The server's master key, kept outside the database: `[security] key` / MVIS_SECRET_KEY
// (base64 of 32 bytes), else the key file `[security] key_file` / MVIS_KEY_FILE. A SQLite
// installation without either uses `mvis.key` beside the database file and creates it (mode 0600)
// on first start; PostgreSQL installations must name the key, because every instance has to use
// the same one.
#pragma once

#include <string>

#include "app/config.hpp"
#include "domain/error.hpp"

namespace mvis::app {

// The 32 key bytes. Errors: secret_key_invalid (bad encoding or length, a key file readable by
// group or others), secret_key_missing.
Result<std::string> LoadMasterKey(const AppConfig& config);

// The key file a configuration uses ("" when the key is given inline).
std::string KeyFilePath(const AppConfig& config);

}  // namespace mvis::app
