#include "services/core/audit.hpp"

#include "store/audit_store.hpp"

namespace mvis::services {

void Audit(Work& w, const AuditEvent& event) {
  const Actor& actor = w.actor;
  domain::AuditEntry e;
  e.at = w.now;
  if (actor.user_id) e.user_id = actor.user_id;
  e.username = actor.username;
  e.role = std::string(domain::ToString(actor.role));
  e.org_id = actor.org_id;
  e.action = event.action;
  e.object_type = event.object_type;
  e.object_id = event.object_id;
  e.summary = event.summary;
  e.ip = actor.request.ip;
  e.result = event.result;
  store::AppendAudit(w.tx, std::move(e));
}

void AuditAnonymous(store::Tx& tx, int64_t now, const RequestInfo& request,
                    const std::string& username, const AuditEvent& event) {
  domain::AuditEntry e;
  e.at = now;
  e.username = username;
  e.action = event.action;
  e.object_type = event.object_type;
  e.object_id = event.object_id;
  e.summary = event.summary;
  e.ip = request.ip;
  e.result = event.result;
  store::AppendAudit(tx, std::move(e));
}

}  // namespace mvis::services
