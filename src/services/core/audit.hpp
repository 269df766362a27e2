// Writes audit rows for state changes and sign-in events, inside the caller's transaction so
// the row exists exactly when the change does.
#pragma once

#include <string>

#include "services/core/context.hpp"

namespace mvis::services {

struct AuditEvent {
  std::string action;       // e.g. "admin.user.create"
  std::string object_type;  // e.g. "user"
  std::string object_id;
  std::string summary;        // before/after; never a secret or a full phone number
  std::string result = "ok";  // ok | failed | denied
};

// An audit row for `w.actor`'s change at `w.now`.
void Audit(Work& w, const AuditEvent& event);
// For events without a signed-in user (login attempts, registration, SMS codes).
void AuditAnonymous(store::Tx& tx, int64_t now, const RequestInfo& request,
                    const std::string& username, const AuditEvent& event);

}  // namespace mvis::services
