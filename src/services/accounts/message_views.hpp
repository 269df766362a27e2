// Notices as the API shows them: a user's in-app messages and the sysadmin's SMS outbox (phone
// numbers masked; a text that carried a one-time code shows it starred out).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/notification.hpp"
#include "store/notifications_store.hpp"

namespace mvis::services {

struct MessageView {
  int64_t id = 0;
  std::string title, body, template_name;
  int64_t created_at = 0;
  std::optional<int64_t> read_at;
  std::string object_type, object_id;  // what it is about; "" for none
};

struct OutboxItem {
  int64_t id = 0;
  std::string phone_masked, template_name, body;
  domain::DeliveryStatus status = domain::DeliveryStatus::kPending;
  int attempts = 0;
  std::string last_error;
  int64_t created_at = 0;
  std::optional<int64_t> sent_at;
};

MessageView MessageOf(const store::NotificationRow& n);
OutboxItem OutboxItemOf(const store::NotificationRow& n);

}  // namespace mvis::services
