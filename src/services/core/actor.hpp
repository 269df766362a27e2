// Who is acting: the authenticated user with role, organisation and data scope, plus where the
// request came from. Every service call that reads or changes business data takes one; what it
// may do is decided by the access policy (domain/access_policy.hpp, via SubjectOf).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/roles.hpp"
#include "store/database.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"

namespace mvis::services {

struct RequestInfo {
  std::string ip;
  std::string user_agent;
};

struct Actor {
  int64_t user_id = 0;
  std::string username;
  domain::Role role = domain::Role::kEnterprise;
  std::optional<int64_t> org_id;
  std::vector<domain::Duty> duties;
  domain::ScopeKind scope = domain::ScopeKind::kOrg;
  std::vector<std::string> region_codes;  // district or city subtree for regional scopes
  int64_t session_id = 0;
  std::string csrf_token;
  RequestInfo request;
};

// The actor used by command-line tools (mvis user add, mvis demo): a platform administrator
// acting locally.
Actor SystemActor(const std::string& name);

// Builds an actor for `user`, resolving its organisation and scope.
Actor MakeActor(store::Tx& tx, const store::UserRow& user);

}  // namespace mvis::services
