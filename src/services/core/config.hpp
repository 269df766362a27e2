// Tunables of the use cases; defaults are the documented production values (docs/security.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/password_policy.hpp"

namespace mvis::services {

// Who runs this deployment: the web UI's footer and the public check page's complaint contact.
struct SiteInfo {
  std::string organiser = "武汉市市场监督管理局";  // 主办单位
  std::string support;                             // 技术支持
  std::string icp;                                 // ICP 备案号
  std::string complaint_phone = "12315";           // 投诉举报电话
  // The 用户协议 and 隐私政策 a registering enterprise accepts: version and text (from
  // [site] terms_file / privacy_file, or the built-in texts in services/accounts/agreements.cpp).
  std::string terms_version = "2026-12-01";
  std::string terms_text;
  std::string privacy_version = "2026-12-01";
  std::string privacy_text;
};

struct ServiceConfig {
  SiteInfo site;
  domain::PasswordPolicy password_policy;
  int64_t session_idle_seconds = 30 * 60;
  int64_t session_absolute_seconds = 12 * 60 * 60;
  int lockout_threshold = 5;       // consecutive failures before the account locks
  int captcha_after_failures = 3;  // consecutive failures before a login needs the CAPTCHA
  int64_t captcha_ttl_seconds = 5 * 60;
  int64_t lockout_seconds = 15 * 60;
  int64_t sms_code_ttl_seconds = 10 * 60;
  int64_t sms_resend_seconds = 60;  // per phone
  int sms_per_phone_per_day = 10;
  int sms_per_ip_per_hour = 30;
  int sms_code_max_attempts = 5;
  int64_t sms_retention_days = 30;  // delivered SMS are purged after this many days
  // Verification business (docs/verification.md).
  std::string public_url;                     // base of label QR URLs; "" → http://<listen>
  std::vector<int> reminder_days{90, 30, 7};  // owners are reminded this many days before expiry
  bool daily_jobs = true;  // run the hourly jobs (reminders, purge) in `serve`; tests turn it off
  int due_soon_days = 90;  // "due soon" on the regulators' overview
};

}  // namespace mvis::services
