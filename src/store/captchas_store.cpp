#include "store/captchas_store.hpp"

namespace mvis::store {

void InsertCaptcha(Tx& tx, const std::string& id, const std::string& answer_hash,
                   int64_t expires_at) {
  tx.Exec("INSERT INTO captchas (id, answer_hash, expires_at) VALUES (?, ?, ?)",
          {id, answer_hash, expires_at});
}

std::optional<std::string> TakeCaptcha(Tx& tx, const std::string& id, int64_t now) {
  auto r = tx.QueryOne("DELETE FROM captchas WHERE id = ? RETURNING answer_hash, expires_at", {id});
  if (!r || r->Int(1) < now) return std::nullopt;
  return r->Str(0);
}

int64_t DeleteCaptchasBefore(Tx& tx, int64_t now) {
  return tx.Exec("DELETE FROM captchas WHERE expires_at < ?", {now});
}

}  // namespace mvis::store
