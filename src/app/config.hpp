// Settings of the mvis executable. Precedence: command-line flag, then MVIS_* environment
// variable, then the TOML file (--config / MVIS_CONFIG), then the defaults below.
#pragma once

#include <optional>
#include <string>

#include "domain/error.hpp"
#include "services/core/config.hpp"

namespace mvis::app {

struct AppConfig {
  std::string listen = "127.0.0.1:8080";
  std::string db = "sqlite:data/mvis.db";
  std::string web = "web/dist";
  int threads = 4;
  size_t upload_max_bytes = 20 << 20;  // import files
  bool cookie_secure = false;
  bool trust_proxy = false;
  int public_rate_per_minute = 120;  // per client on the public label pages; 0: unlimited
  int login_rate_per_minute = 300;   // per client address on login and CAPTCHA; 0: unlimited
  bool access_log = true;            // one info line per request (method, path, status, time)
  std::string sms_provider = "log";  // log | http
  std::string sms_url;
  std::string sms_secret;
  std::string secret_key;  // base64 of the 32-byte master key (app/master_key.hpp); "" to use
  std::string key_file;    // the file holding it; "" for the default beside a SQLite database
  services::ServiceConfig services;
};

// Values given on the command line or in the environment; unset ones fall back to the file.
struct Overrides {
  std::optional<std::string> listen, db, web, config;
  std::optional<int> threads;
};

// Loads the TOML file named by overrides.config (if any) and applies the overrides.
// Errors: config_invalid with the file's parse error.
Result<AppConfig> LoadConfig(const Overrides& overrides);

// "127.0.0.1:8080" -> ("127.0.0.1", 8080); "[::1]:80" -> ("::1", 80).
Result<std::pair<std::string, unsigned short>> SplitListen(const std::string& listen);

}  // namespace mvis::app
