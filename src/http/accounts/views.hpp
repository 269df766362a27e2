// JSON shapes of accounts, organisations, regions, messages and the audit log (docs/api.md).
// Phone numbers leave the server masked.
#pragma once

#include "domain/audit_chain.hpp"
#include "domain/organisation.hpp"
#include "http/context.hpp"
#include "services/accounts/auth_service.hpp"
#include "services/accounts/message_views.hpp"
#include "services/accounts/user_view.hpp"

namespace mvis::http {

Json UserJson(const services::UserView& user);
Json OrgJson(const domain::Organisation& org);
Json RegionJson(const domain::Region& region);
Json MeJson(const services::MeView& me);
Json MessageJson(const services::MessageView& m);  // inbox
Json OutboxJson(const services::OutboxItem& n);    // SMS outbox (sysadmin)
Json AuditJson(const domain::AuditEntry& e);

}  // namespace mvis::http
