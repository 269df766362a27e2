// What an enterprise agreed to and handed in: consents to the 用户协议 / 隐私政策 (table consents)
// and the 营业执照 scan (table org_licenses).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace mvis::store {

void InsertConsent(Tx& tx, int64_t user_id, const std::string& document, const std::string& version,
                   int64_t at, const std::string& ip);

struct ConsentRow {
  std::string document, version, ip;
  int64_t accepted_at = 0;
};
std::vector<ConsentRow> ListConsents(Tx& tx, int64_t user_id);

struct LicenseRow {
  int64_t org_id = 0;
  std::string content_type;
  std::string data;  // base64url of the file
  std::string sha256;
  int64_t size = 0;
  int64_t uploaded_by = 0;
  int64_t uploaded_at = 0;
};
// Replaces the organisation's licence.
void SaveLicense(Tx& tx, const LicenseRow& row);
std::optional<LicenseRow> FindLicense(Tx& tx, int64_t org_id);

}  // namespace mvis::store
