// An account as the API shows it: no credentials, the phone number masked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/organisation.hpp"
#include "domain/roles.hpp"
#include "store/users_store.hpp"

namespace mvis::services {

struct UserView {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  domain::Role role = domain::Role::kEnterprise;
  std::optional<int64_t> org_id;
  std::string org_name;
  std::string phone_masked;  // 138****1234
  std::vector<domain::Duty> duties;
  domain::AccountStatus status = domain::AccountStatus::kActive;
  bool locked = false;  // locked at `now` after repeated failed logins
  int64_t created_at = 0;
};

UserView ViewOf(const store::UserRow& user, int64_t now);

}  // namespace mvis::services
