// User accounts, their credentials and lockout counters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/organisation.hpp"
#include "domain/roles.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct UserRow {
  int64_t id = 0;
  std::string username;
  std::string password_hash;  // Argon2id encoded string
  domain::Role role = domain::Role::kEnterprise;
  std::optional<int64_t> org_id;
  std::string display_name;
  std::string phone;                 // full number: for sending SMS only, never logged
  std::vector<domain::Duty> duties;  // institute staff only
  domain::AccountStatus status = domain::AccountStatus::kActive;
  int failed_logins = 0;
  int64_t locked_until = 0;
  int64_t created_at = 0;
  int64_t password_changed_at = 0;
  std::string org_name;  // filled by reads
};

struct UserFilter {
  std::optional<domain::Role> role;
  std::optional<int64_t> org_id;
  std::string query;  // username or display name
};

int64_t InsertUser(Tx& tx, const UserRow& user);
std::optional<UserRow> FindUser(Tx& tx, int64_t id, bool for_update = false);
// Writes display name, phone and duties of `user.id`.
void UpdateUserProfile(Tx& tx, const UserRow& user);
// With `for_update` the row stays locked until the transaction ends (read-then-write steps such
// as counting failed logins).
std::optional<UserRow> FindUserByUsername(Tx& tx, const std::string& username,
                                          bool for_update = false);
Page<UserRow> ListUsers(Tx& tx, const UserFilter& filter, const PageRequest& page);
// Users of an organisation that are active (recipients of the organisation's notices).
std::vector<UserRow> ActiveUsersOfOrg(Tx& tx, int64_t org_id);
void SetLoginFailures(Tx& tx, int64_t user_id, int failed_logins, int64_t locked_until);
void SetUserStatus(Tx& tx, int64_t user_id, domain::AccountStatus status);
void SetPasswordHash(Tx& tx, int64_t user_id, const std::string& hash, int64_t changed_at);

}  // namespace mvis::store
