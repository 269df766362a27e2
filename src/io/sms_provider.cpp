#include "io/sms_provider.hpp"

#include <curl/curl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "domain/phone.hpp"

namespace mvis::io {
namespace {

class LogSmsProvider final : public SmsProvider {
 public:
  Status Send(const SmsMessage& m) override {
    // Demo and development only: the whole text, one-time codes included, goes to the log (the
    // terminal of `make demo` is where a new user reads a code). The number stays masked.
    spdlog::info("sms {} to {} (log provider, not sent): {}", m.id, domain::MaskPhone(m.phone),
                 m.text);
    return {};
  }
  domain::DeliveryStatus DeliveredStatus() const override {
    return domain::DeliveryStatus::kLogged;
  }
};

size_t Discard(char*, size_t size, size_t nmemb, void*) { return size * nmemb; }

class HttpSmsProvider final : public SmsProvider {
 public:
  explicit HttpSmsProvider(HttpSmsConfig config) : config_(std::move(config)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }

  Status Send(const SmsMessage& m) override {
    nlohmann::json payload = {{"id", m.id}, {"phone", m.phone}, {"text", m.text}};
    std::string body = payload.dump();
    std::string timestamp = std::to_string(std::time(nullptr));
    std::string signature = HmacSha256Hex(config_.secret, timestamp + "." + body);

    CURL* curl = curl_easy_init();
    if (!curl) return Fail(ErrorKind::kUnavailable, "sms_gateway_error", "短信网关不可用");
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, ("X-MVIS-Timestamp: " + timestamp).c_str());
    headers = curl_slist_append(headers, ("X-MVIS-Signature: sha256=" + signature).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, config_.timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);

    if (rc != CURLE_OK) {
      spdlog::warn("sms {} to {}: gateway unreachable: {}", m.id, domain::MaskPhone(m.phone),
                   curl_easy_strerror(rc));
      return Fail(ErrorKind::kUnavailable, "sms_gateway_error", curl_easy_strerror(rc));
    }
    if (status < 200 || status >= 300) {
      spdlog::warn("sms {} to {}: gateway answered {}", m.id, domain::MaskPhone(m.phone), status);
      return Fail(ErrorKind::kUnavailable, "sms_gateway_error",
                  "gateway answered HTTP " + std::to_string(status));
    }
    return {};
  }
  domain::DeliveryStatus DeliveredStatus() const override { return domain::DeliveryStatus::kSent; }

 private:
  HttpSmsConfig config_;
};

}  // namespace

std::string HmacSha256Hex(const std::string& key, const std::string& message) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::unique_ptr<SmsProvider> MakeLogSmsProvider() { return std::make_unique<LogSmsProvider>(); }

std::unique_ptr<SmsProvider> MakeHttpSmsProvider(HttpSmsConfig config) {
  return std::make_unique<HttpSmsProvider>(std::move(config));
}

}  // namespace mvis::io
