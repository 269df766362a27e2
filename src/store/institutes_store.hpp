// Institute profiles (capability and contact), their standard equipment (计量标准器) and the
// verification rules per regulation edition (limits and checklist items).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/institute.hpp"
#include "domain/verification.hpp"
#include "store/database.hpp"

namespace mvis::store {

// Every active institute organisation with a profile.
std::vector<domain::InstituteProfile> ListInstituteProfiles(Tx& tx);
std::optional<domain::InstituteProfile> FindInstituteProfile(Tx& tx, int64_t org_id);
// Inserts or replaces the profile of `p.org_id`.
void SaveInstituteProfile(Tx& tx, const domain::InstituteProfile& p, int64_t now);
// The institute's seal image (base64 of a PNG) and its SHA-256 (hex); replaces any earlier one.
void SaveInstituteSeal(Tx& tx, int64_t org_id, const std::string& png_base64,
                       const std::string& sha256, int64_t now);
std::optional<std::string> FindInstituteSeal(Tx& tx, int64_t org_id);

std::vector<domain::Standard> ListStandards(Tx& tx, int64_t org_id, bool active_only);
std::optional<domain::Standard> FindStandard(Tx& tx, int64_t id);
int64_t InsertStandard(Tx& tx, const domain::Standard& s, int64_t now);
void UpdateStandard(Tx& tx, const domain::Standard& s, int64_t now);

std::vector<domain::LimitRule> LimitRules(Tx& tx, const std::string& regulation);
std::vector<domain::CheckItem> CheckItems(Tx& tx, const std::string& regulation);

}  // namespace mvis::store
