#include "services/core/housekeeping.hpp"

#include "store/captchas_store.hpp"
#include "store/codes_store.hpp"
#include "store/notifications_store.hpp"
#include "store/sessions_store.hpp"

namespace mvis::services {

Result<PurgeReport> Housekeeping::Purge() {
  const auto& config = ctx_.config;
  const int64_t now = ctx_.clock.Now();
  return ctx_.db.Write([&](store::Tx& tx) -> Result<PurgeReport> {
    PurgeReport r;
    r.sessions = store::DeleteExpiredSessions(tx, now - config.session_idle_seconds,
                                              now - config.session_absolute_seconds);
    // Codes count towards the per-day sending limit: keep them a day past their use or expiry.
    r.codes = store::DeleteCodesBefore(tx, now - 86400);
    r.sms = store::DeleteSmsBefore(tx, now - config.sms_retention_days * 86400);
    r.captchas = store::DeleteCaptchasBefore(tx, now);
    return r;
  });
}

}  // namespace mvis::services
