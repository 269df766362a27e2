// Verification institutes (计量技术机构): their capability profile and their standard equipment
// (计量标准器), as plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mvis::domain {

struct InstituteProfile {
  int64_t org_id = 0;
  std::string name;                       // the organisation's name
  std::string code;                       // opens its certificate numbers, e.g. WHJL
  std::vector<std::string> type_codes;    // instrument types it verifies
  std::vector<std::string> region_codes;  // regions it serves
  std::string contact_name;
  std::string contact_phone;  // named to enterprises whose booking it accepts
  std::string address;
  std::string authorization_no;  // 计量授权证书号, printed on every certificate
};

struct Standard {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string name, model, serial_no, certificate_no, valid_until, accuracy;
  bool active = true;
};

// Whether `profile` serves `region_code` (a listed region or a district of a listed city).
bool ServesRegion(const InstituteProfile& profile, const std::string& region_code);

}  // namespace mvis::domain
