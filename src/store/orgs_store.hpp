// Organisations: enterprises, bureaus, DRCs and institutes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/organisation.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct OrgFilter {
  std::optional<domain::OrgKind> kind;    // empty: any
  std::string query;                      // matches name or credit code
  std::vector<std::string> region_codes;  // empty: any region
};

// Inserts and returns the new id.
int64_t InsertOrg(Tx& tx, const domain::Organisation& org);
std::optional<domain::Organisation> FindOrg(Tx& tx, int64_t id, bool for_update = false);
// Writes name, region, address, contact name, contact phone and public phone of `org.id`.
void UpdateOrgProfile(Tx& tx, const domain::Organisation& org);
std::optional<domain::Organisation> FindOrgByCreditCode(Tx& tx, const std::string& credit_code);
Page<domain::Organisation> ListOrgs(Tx& tx, const OrgFilter& filter, const PageRequest& page);

}  // namespace mvis::store
