// Platform administration (role sysadmin): organisations, accounts, the SMS outbox and the
// audit log. Every call asks the access policy and audits state changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit_chain.hpp"
#include "domain/organisation.hpp"
#include "domain/page.hpp"
#include "services/accounts/message_views.hpp"
#include "services/accounts/user_view.hpp"
#include "services/core/context.hpp"

namespace mvis::services {

struct OrgInput {
  std::string kind;
  std::string name;
  std::string region_code;
  std::string credit_code;  // required for enterprises, optional otherwise
  std::string address;
  std::string contact_name;
  std::string phone;
  std::string public_phone;  // office line shown to the public (bureaus: complaints), optional
  bool keep_phone = false;   // UpdateOrg: leave the contact mobile as it is (`phone` ignored)
};

struct UserInput {
  std::string username;
  std::string password;  // empty: generate one (returned in CreatedUser)
  std::string role;
  std::optional<int64_t> org_id;
  std::string phone;
  std::string display_name;
  std::vector<std::string> duties;
  bool keep_phone = false;  // UpdateUser: leave the mobile as it is (`phone` ignored)
};

struct CreatedUser {
  UserView user;
  std::string generated_password;  // set only when the input had none
};

struct OrgQuery {
  std::string kind;   // "" for any
  std::string query;  // name or credit code
};

struct UserQuery {
  std::string role;  // "" for any
  std::optional<int64_t> org_id;
  std::string query;  // username or display name
};

struct AuditQuery {
  std::string action;  // prefix, e.g. "auth." or "auth.login"
  std::optional<int64_t> user_id;
  std::string words;      // Chinese action names (审核), or text of the action, summary, user
  std::string date_from;  // YYYY-MM-DD, China time, inclusive
  std::string date_to;    // YYYY-MM-DD, inclusive
};

class AdminService {
 public:
  explicit AdminService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<domain::Page<domain::Organisation>> ListOrgs(const Actor& actor, const OrgQuery& query,
                                                      const domain::PageRequest& page);
  Result<domain::Organisation> CreateOrg(const Actor& actor, OrgInput input);
  // Edits name, region, address and contacts; kind and credit code stay. Audited with what
  // changed. Errors: as CreateOrg; not_found.
  Result<domain::Organisation> UpdateOrg(const Actor& actor, int64_t id, OrgInput input);

  Result<domain::Page<UserView>> ListUsers(const Actor& actor, const UserQuery& query,
                                           const domain::PageRequest& page);
  Result<CreatedUser> CreateUser(const Actor& actor, UserInput input);
  // Edits display name, phone and duties; username, role and organisation stay. Audited with
  // what changed. Errors: phone_invalid, duty_invalid, not_found.
  Result<UserView> UpdateUser(const Actor& actor, int64_t id, UserInput input);
  // Disabling ends the user's sessions.
  Result<UserView> SetUserStatus(const Actor& actor, int64_t user_id, domain::AccountStatus status);
  // Sets `password` (or a generated one, returned), clears the lockout, ends sessions.
  Result<std::string> ResetPassword(const Actor& actor, int64_t user_id, std::string password);

  Result<domain::Page<OutboxItem>> ListOutbox(const Actor& actor, const std::string& phone,
                                              const domain::PageRequest& page);
  Result<domain::Page<domain::AuditEntry>> ListAudit(const Actor& actor, const AuditQuery& query,
                                                     const domain::PageRequest& page);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
