#include "store/codes_store.hpp"

namespace mvis::store {

void InsertCode(Tx& tx, const CodeRow& c) {
  tx.Exec(
      "INSERT INTO one_time_codes (phone, purpose, code_hash, ip, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {c.phone, std::string(ToString(c.purpose)), c.code_hash, c.ip, c.created_at, c.expires_at});
}

int64_t CountCodesForPhoneSince(Tx& tx, const std::string& phone, int64_t since) {
  return tx
      .QueryOne("SELECT COUNT(*) FROM one_time_codes WHERE phone = ? AND created_at >= ?",
                {phone, since})
      ->Int(0);
}

int64_t CountCodesForIpSince(Tx& tx, const std::string& ip, int64_t since) {
  return tx
      .QueryOne("SELECT COUNT(*) FROM one_time_codes WHERE ip = ? AND created_at >= ?", {ip, since})
      ->Int(0);
}

std::optional<CodeRow> LatestActiveCode(Tx& tx, const std::string& phone,
                                        domain::CodePurpose purpose, int64_t now) {
  auto r = tx.QueryOne(
      "SELECT id, phone, purpose, code_hash, ip, created_at, expires_at, attempts "
      "FROM one_time_codes WHERE phone = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? "
      "ORDER BY id DESC LIMIT 1",
      {phone, std::string(ToString(purpose)), now});
  if (!r) return std::nullopt;
  return CodeRow{r->Int(0),
                 r->Str(1),
                 Stored(domain::ParseCodePurpose(r->Str(2)), "one_time_codes.purpose", r->Str(2)),
                 r->Str(3),
                 r->Str(4),
                 r->Int(5),
                 r->Int(6),
                 static_cast<int>(r->Int(7))};
}

bool TakeCodeAttempt(Tx& tx, int64_t code_id, int max_attempts) {
  return tx.Exec(
             "UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = ? AND attempts < ? AND "
             "used_at IS NULL",
             {code_id, int64_t{max_attempts}}) == 1;
}

bool MarkCodeUsed(Tx& tx, int64_t code_id, int64_t now) {
  return tx.Exec("UPDATE one_time_codes SET used_at = ? WHERE id = ? AND used_at IS NULL",
                 {now, code_id}) == 1;
}

int64_t DeleteCodesBefore(Tx& tx, int64_t before) {
  return tx.Exec("DELETE FROM one_time_codes WHERE expires_at < ? OR used_at < ?",
                 {before, before});
}

}  // namespace mvis::store
