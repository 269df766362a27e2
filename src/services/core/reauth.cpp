#include "services/core/reauth.hpp"

#include "services/core/passwords.hpp"
#include "store/users_store.hpp"

namespace mvis::services {

Status Reauthenticate(const ServiceContext& ctx, const Actor& actor, const std::string& password,
                      AuditEvent attempt) {
  // Verified outside the write transaction: Argon2 takes tens of milliseconds.
  auto user = ctx.db.Read([&](store::Tx& tx) -> Result<std::optional<store::UserRow>> {
    return store::FindUser(tx, actor.user_id);
  });
  if (!user) return std::unexpected(user.error());
  if (*user && !password.empty() && VerifyPassword((*user)->password_hash, password)) return {};
  attempt.summary = "签名密码错误，未生效";
  attempt.result = "denied";
  if (auto audited = WriteAs(ctx, actor,
                             [&](Work& w) -> Status {
                               Audit(w, attempt);
                               return {};
                             });
      !audited)
    return audited;
  return Fail(ErrorKind::kPermissionDenied, "reauth_failed", "密码不正确，签名未生效", "password");
}

}  // namespace mvis::services
