#include "store/settings_store.hpp"

namespace mvis::store {

std::optional<std::string> GetSetting(Tx& tx, const std::string& key) {
  auto r = tx.QueryOne("SELECT value FROM settings WHERE key = ?", {key});
  if (!r) return std::nullopt;
  return r->Str(0);
}

std::string EnsureSetting(Tx& tx, const std::string& key, const std::string& value) {
  if (auto existing = GetSetting(tx, key)) return *existing;
  tx.Exec("INSERT INTO settings (key, value) VALUES (?, ?)", {key, value});
  return value;
}

}  // namespace mvis::store
