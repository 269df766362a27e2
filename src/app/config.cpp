#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace mvis::app {

Result<AppConfig> LoadConfig(const Overrides& o) {
  AppConfig c;
  if (o.config && !o.config->empty()) {
    toml::table t;
    try {
      t = toml::parse_file(*o.config);
    } catch (const toml::parse_error& e) {
      return Fail(ErrorKind::kInvalidArgument, "config_invalid",
                  "配置文件无效 " + *o.config + ": " + std::string(e.description()));
    }
    c.listen = t["listen"].value_or(c.listen);
    c.db = t["db"].value_or(c.db);
    c.web = t["web"].value_or(c.web);
    c.threads = t["threads"].value_or(c.threads);
    c.upload_max_bytes = static_cast<size_t>(t["upload_max_mb"].value_or(int64_t{20})) << 20;
    auto& s = c.services;
    s.password_policy.min_length =
        t["security"]["password_min_length"].value_or(s.password_policy.min_length);
    s.password_policy.min_classes =
        t["security"]["password_min_classes"].value_or(s.password_policy.min_classes);
    s.session_idle_seconds =
        t["security"]["session_idle_minutes"].value_or(s.session_idle_seconds / 60) * 60;
    s.session_absolute_seconds =
        t["security"]["session_absolute_hours"].value_or(s.session_absolute_seconds / 3600) * 3600;
    s.lockout_threshold = t["security"]["lockout_threshold"].value_or(s.lockout_threshold);
    s.captcha_after_failures =
        t["security"]["captcha_after_failures"].value_or(s.captcha_after_failures);
    s.lockout_seconds = t["security"]["lockout_minutes"].value_or(s.lockout_seconds / 60) * 60;
    c.cookie_secure = t["security"]["cookie_secure"].value_or(c.cookie_secure);
    c.trust_proxy = t["security"]["trust_proxy"].value_or(c.trust_proxy);
    c.secret_key = t["security"]["key"].value_or(c.secret_key);
    c.key_file = t["security"]["key_file"].value_or(c.key_file);
    s.sms_retention_days =
        t["sms"]["retention_days"].value_or(static_cast<int64_t>(s.sms_retention_days));
    c.sms_provider = t["sms"]["provider"].value_or(c.sms_provider);
    c.sms_url = t["sms"]["url"].value_or(c.sms_url);
    c.sms_secret = t["sms"]["secret"].value_or(c.sms_secret);
    s.public_url = t["server"]["public_url"].value_or(s.public_url);
    s.due_soon_days = t["verification"]["due_soon_days"].value_or(s.due_soon_days);
    c.public_rate_per_minute =
        t["server"]["public_rate_per_minute"].value_or(c.public_rate_per_minute);
    c.login_rate_per_minute =
        t["server"]["login_rate_per_minute"].value_or(c.login_rate_per_minute);
    c.access_log = t["server"]["access_log"].value_or(c.access_log);
    s.site.organiser = t["site"]["organiser"].value_or(s.site.organiser);
    s.site.support = t["site"]["support"].value_or(s.site.support);
    s.site.icp = t["site"]["icp"].value_or(s.site.icp);
    s.site.complaint_phone = t["site"]["complaint_phone"].value_or(s.site.complaint_phone);
    s.site.terms_version = t["site"]["terms_version"].value_or(s.site.terms_version);
    s.site.privacy_version = t["site"]["privacy_version"].value_or(s.site.privacy_version);
    for (auto [key, text] : {std::pair{"terms_file", &s.site.terms_text},
                             std::pair{"privacy_file", &s.site.privacy_text}}) {
      std::string file = t["site"][key].value_or(std::string());
      if (file.empty()) continue;
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        return Fail(ErrorKind::kInvalidArgument, "config_invalid",
                    std::string("site.") + key + " 无法读取：" + file);
      }
      *text = std::string(std::istreambuf_iterator<char>(in), {});
    }
    if (auto* days = t["verification"]["reminder_days"].as_array()) {
      s.reminder_days.clear();
      for (const auto& d : *days)
        if (auto v = d.value<int>()) s.reminder_days.push_back(*v);
    }
  }
  if (const char* url = std::getenv("MVIS_PUBLIC_URL")) c.services.public_url = url;
  if (o.listen) c.listen = *o.listen;
  if (o.db) c.db = *o.db;
  if (o.web) c.web = *o.web;
  if (o.threads) c.threads = *o.threads;
  if (const char* secret = std::getenv("MVIS_SMS_SECRET")) c.sms_secret = secret;
  if (const char* key = std::getenv("MVIS_SECRET_KEY")) c.secret_key = key;
  if (const char* file = std::getenv("MVIS_KEY_FILE")) c.key_file = file;
  if (c.services.sms_retention_days < 1) {
    return Fail(ErrorKind::kInvalidArgument, "config_invalid", "sms.retention_days 须为正整数");
  }
  if (c.sms_provider != "log" && c.sms_provider != "http") {
    return Fail(ErrorKind::kInvalidArgument, "config_invalid", "sms.provider 须为 log 或 http");
  }
  if (c.sms_provider == "http" && (c.sms_url.empty() || c.sms_secret.empty())) {
    return Fail(ErrorKind::kInvalidArgument, "config_invalid",
                "sms.provider = http 需要 sms.url 和 sms.secret（或 MVIS_SMS_SECRET）");
  }
  if (c.services.password_policy.min_length < 8 || c.services.password_policy.min_classes < 1 ||
      c.services.password_policy.min_classes > 4) {
    return Fail(ErrorKind::kInvalidArgument, "config_invalid",
                "密码策略无效：最短长度不少于8位，字符类别数为1至4");
  }
  return c;
}

Result<std::pair<std::string, unsigned short>> SplitListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 >= listen.size()) {
    return InvalidField("listen", "listen_invalid", "监听地址须为 HOST:PORT");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) return InvalidField("listen", "listen_invalid", "端口无效");
  return std::pair{host, static_cast<unsigned short>(port)};
}

}  // namespace mvis::app
