// Platform administration (role sysadmin): organisations, accounts, the SMS outbox and the
// audit log. Every call checks the role on the server and audits state changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit_chain.hpp"
#include "services/core/actor.hpp"
#include "services/core/config.hpp"
#include "store/audit_store.hpp"
#include "store/database.hpp"
#include "store/notifications_store.hpp"
#include "store/orgs_store.hpp"
#include "store/page.hpp"
#include "store/users_store.hpp"

namespace mvis::services {

struct OrgInput {
  std::string kind;
  std::string name;
  std::string region_code;
  std::string credit_code;  // required for enterprises, optional otherwise
  std::string address;
  std::string contact_name;
  std::string phone;
};

struct UserInput {
  std::string username;
  std::string password;  // empty: generate one (returned in CreatedUser)
  std::string role;
  std::optional<int64_t> org_id;
  std::string phone;
  std::string display_name;
  std::vector<std::string> duties;
};

struct CreatedUser {
  store::UserRow user;
  std::string generated_password;  // set only when the input had none
};

class AdminService {
 public:
  AdminService(store::Database& db, ServiceConfig config) : db_(db), config_(std::move(config)) {}

  Result<store::Page<store::OrgRow>> ListOrgs(const Actor& actor, const store::OrgFilter& filter,
                                              const store::PageRequest& page);
  Result<store::OrgRow> CreateOrg(const Actor& actor, OrgInput input);

  Result<store::Page<store::UserRow>> ListUsers(const Actor& actor, const store::UserFilter& filter,
                                                const store::PageRequest& page);
  Result<CreatedUser> CreateUser(const Actor& actor, UserInput input);
  // status: "active" or "disabled"; disabling ends the user's sessions.
  Result<store::UserRow> SetUserStatus(const Actor& actor, int64_t user_id,
                                       const std::string& status);
  // Sets `password` (or a generated one, returned), clears the lockout, ends sessions.
  Result<std::string> ResetPassword(const Actor& actor, int64_t user_id, std::string password);

  Result<store::Page<store::NotificationRow>> ListOutbox(const Actor& actor,
                                                         const std::string& phone,
                                                         const store::PageRequest& page);
  Result<store::Page<domain::AuditEntry>> ListAudit(const Actor& actor,
                                                    const store::AuditFilter& filter,
                                                    const store::PageRequest& page);

 private:
  store::Database& db_;
  ServiceConfig config_;
};

}  // namespace mvis::services
