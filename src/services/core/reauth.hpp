// Signatures with intent: before a signature (检定员/核验员/批准人) or a certificate revision or
// revocation takes effect, the signed-in user gives their password again.
#pragma once

#include <string>

#include "services/core/audit.hpp"
#include "services/core/context.hpp"

namespace mvis::services {

// Ok when `password` is the actor's current password. Otherwise audits `attempt` as denied
// ("签名密码错误") in its own transaction and answers 403 reauth_failed; nothing else is written.
Status Reauthenticate(const ServiceContext& ctx, const Actor& actor, const std::string& password,
                      AuditEvent attempt);

}  // namespace mvis::services
