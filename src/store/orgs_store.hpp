// Organisations: enterprises, bureaus, DRCs and institutes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct OrgRow {
  int64_t id = 0;
  std::string kind;
  std::string name;
  std::string credit_code;  // empty when the organisation has none
  std::string region_code;
  std::string region_name;  // filled by reads
  std::string address;
  std::string contact_name;
  std::string contact_phone;
  std::string status = "active";
  int64_t created_at = 0;
};

struct OrgFilter {
  std::string kind;                       // empty: any
  std::string query;                      // matches name or credit code
  std::vector<std::string> region_codes;  // empty: any region
};

// Inserts and returns the new id.
int64_t InsertOrg(Tx& tx, const OrgRow& org);
std::optional<OrgRow> FindOrg(Tx& tx, int64_t id);
std::optional<OrgRow> FindOrgByCreditCode(Tx& tx, const std::string& credit_code);
Page<OrgRow> ListOrgs(Tx& tx, const OrgFilter& filter, const PageRequest& page);

}  // namespace mvis::store
