// Institute profiles (capability and contact), their standard equipment (计量标准器) and the
// verification rules per regulation edition (limits and checklist items).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/verification.hpp"
#include "store/database.hpp"

namespace mvis::store {

struct InstituteProfileRow {
  int64_t org_id = 0;
  std::string name;  // filled by reads (the organisation's name)
  std::string code;
  std::vector<std::string> type_codes;
  std::vector<std::string> region_codes;
  std::string contact_name;
  std::string contact_phone;
  std::string address;
};

// Every active institute organisation with a profile.
std::vector<InstituteProfileRow> ListInstituteProfiles(Tx& tx);
std::optional<InstituteProfileRow> FindInstituteProfile(Tx& tx, int64_t org_id);
// Inserts or replaces the profile of `p.org_id`.
void SaveInstituteProfile(Tx& tx, const InstituteProfileRow& p, int64_t now);

struct StandardRow {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string name, model, serial_no, certificate_no, valid_until, accuracy;
  bool active = true;
};

std::vector<StandardRow> ListStandards(Tx& tx, int64_t org_id, bool active_only);
std::optional<StandardRow> FindStandard(Tx& tx, int64_t id);
int64_t InsertStandard(Tx& tx, const StandardRow& s, int64_t now);
void UpdateStandard(Tx& tx, const StandardRow& s, int64_t now);

std::vector<domain::LimitRule> LimitRules(Tx& tx, const std::string& regulation);
std::vector<domain::CheckItem> CheckItems(Tx& tx, const std::string& regulation);

std::string JoinCsv(const std::vector<std::string>& values);
std::vector<std::string> SplitCsv(const std::string& csv);

}  // namespace mvis::store
