// Notifications: the SMS outbox (channel "sms") and the in-app inbox (channel "inbox").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/notification.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct NotificationRow {
  int64_t id = 0;
  domain::Channel channel = domain::Channel::kInbox;
  std::optional<int64_t> user_id;
  std::string phone;
  std::string template_name;
  std::string title;
  std::string body;         // what is shown; redacted when the text carries a one-time code
  std::string sealed_body;  // SMS with a code: the real text, sealed, until it is sent
  domain::DeliveryStatus status = domain::DeliveryStatus::kDelivered;
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::string last_error;
  int64_t created_at = 0;
  std::optional<int64_t> sent_at;
  std::optional<int64_t> read_at;
  std::string object_type, object_id;  // what the message is about ("" for none)
};

int64_t InsertNotification(Tx& tx, const NotificationRow& n);
// SMS outbox, newest first, optionally for one phone number.
Page<NotificationRow> ListOutbox(Tx& tx, const std::string& phone, const PageRequest& page);
Page<NotificationRow> ListInbox(Tx& tx, int64_t user_id, bool unread_only, const PageRequest& page);
int64_t CountUnread(Tx& tx, int64_t user_id);
// Marks one of the user's messages read; false when it is not theirs.
bool MarkRead(Tx& tx, int64_t user_id, int64_t id, int64_t now);
void MarkAllRead(Tx& tx, int64_t user_id, int64_t now);
// SMS that exhausted their retries.
int64_t CountFailedSms(Tx& tx);
// Pending SMS due for a (re)try and not claimed by a dispatcher, oldest first.
std::vector<NotificationRow> DueSms(Tx& tx, int64_t now, int limit);
// Claims a due SMS for one dispatcher until `until`; false when another one holds it or it is no
// longer pending.
bool ClaimSms(Tx& tx, int64_t id, int64_t now, int64_t until);
// Records a delivery attempt's outcome and releases the claim. A final outcome (sent, logged,
// failed) also drops the sealed text.
void RecordSmsAttempt(Tx& tx, int64_t id, domain::DeliveryStatus status, int attempts,
                      int64_t next_attempt_at, const std::string& last_error,
                      std::optional<int64_t> sent_at);
// Deletes SMS delivered or failed before `before` (the retention purge); returns how many.
int64_t DeleteSmsBefore(Tx& tx, int64_t before);

}  // namespace mvis::store
