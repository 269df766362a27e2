// SMS delivery. `log` writes each message whole (one-time codes included) to the server's log
// instead of sending it — for demos, development and tests only; `http` posts each message as
// JSON to an operator's gateway, signed with HMAC-SHA256.
//
// Thread safety: Send may be called from one dispatcher thread at a time.
#pragma once

#include <memory>
#include <string>

#include "domain/error.hpp"
#include "domain/notification.hpp"

namespace mvis::io {

struct SmsMessage {
  int64_t id = 0;  // outbox id, sent so the gateway can de-duplicate retries
  std::string phone;
  std::string text;
};

class SmsProvider {
 public:
  virtual ~SmsProvider() = default;
  // Ok when the provider accepted the message; kUnavailable when a retry may succeed.
  virtual Status Send(const SmsMessage& message) = 0;
  // Outbox status after a successful Send: sent or, for the log provider, logged.
  virtual domain::DeliveryStatus DeliveredStatus() const = 0;
};

struct HttpSmsConfig {
  std::string url;     // e.g. https://sms-gateway.example/send
  std::string secret;  // HMAC key shared with the gateway
  long timeout_ms = 5000;
};

std::unique_ptr<SmsProvider> MakeLogSmsProvider();
std::unique_ptr<SmsProvider> MakeHttpSmsProvider(HttpSmsConfig config);

// Hex HMAC-SHA256 of `message` under `key`: the X-MVIS-Signature of a gateway request, computed
// over "<timestamp>.<body>".
std::string HmacSha256Hex(const std::string& key, const std::string& message);

}  // namespace mvis::io
