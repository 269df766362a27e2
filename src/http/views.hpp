// JSON shapes of the API's objects (docs/api.md). Phone numbers leave the server masked.
#pragma once

#include "domain/audit_chain.hpp"
#include "domain/instrument.hpp"
#include "http/context.hpp"
#include "services/auth_service.hpp"
#include "services/instrument_service.hpp"
#include "store/instruments_store.hpp"
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
Json InstrumentTypeJson(const domain::InstrumentType& t);
Json InstrumentJson(const store::InstrumentRow& r);
Json InstrumentEventJson(const store::InstrumentEvent& e);
Json ArchiveJson(const services::ArchiveEntry& e);

template <typename T, typename F>
Json PageJson(const store::Page<T>& page, F&& item) {
  Json items = Json::array();
  for (const auto& i : page.items) items.push_back(item(i));
  return Json{{"items", items}, {"total", page.total}};
}

}  // namespace mvis::http
