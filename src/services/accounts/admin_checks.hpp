// Internal to the account administration files: the checks creating and editing share.
#pragma once

#include <vector>

#include "domain/organisation.hpp"
#include "domain/roles.hpp"
#include "services/accounts/admin_service.hpp"
#include "store/database.hpp"

namespace mvis::services::admin {

// Which region levels an organisation of each kind may sit at.
bool KindFitsRegionLevel(domain::OrgKind kind, domain::RegionLevel level);

// Name, contact mobile and public office line of an organisation. Errors: name_required,
// phone_invalid, public_phone_invalid.
Status CheckOrgFields(const OrgInput& in);

// The duties of a user of `role`. Errors: duty_invalid (unknown, or duties outside institutes);
// phone_invalid for a phone that is not a mobile number.
Result<std::vector<domain::Duty>> CheckUserFields(domain::Role role, const UserInput& in);

// The user `id` as the API shows it, read again inside the transaction that changed it.
Result<UserView> ReloadUser(store::Tx& tx, int64_t id, int64_t now);

}  // namespace mvis::services::admin
