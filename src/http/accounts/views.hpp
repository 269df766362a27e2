// JSON shapes of accounts, organisations, regions, messages and the audit log (docs/api.md).
// Phone numbers leave the server masked.
#pragma once

#include "domain/audit_chain.hpp"
#include "http/context.hpp"
#include "services/accounts/auth_service.hpp"
#include "store/notifications_store.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"
#include "store/users_store.hpp"

namespace mvis::http {

Json UserJson(const store::UserRow& user);
Json OrgJson(const store::OrgRow& org);
Json RegionJson(const store::RegionRow& region);
Json MeJson(const services::MeView& me);
Json MessageJson(const store::NotificationRow& n);  // inbox
Json OutboxJson(const store::NotificationRow& n);   // SMS outbox (sysadmin)
Json AuditJson(const domain::AuditEntry& e);

}  // namespace mvis::http
