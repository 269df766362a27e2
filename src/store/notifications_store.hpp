// Notifications: the SMS outbox (channel "sms") and the in-app inbox (channel "inbox").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct NotificationRow {
  int64_t id = 0;
  std::string channel;  // sms | inbox
  std::optional<int64_t> user_id;
  std::string phone;
  std::string template_name;
  std::string title;
  std::string body;
  std::string status;  // sms: pending, sent, logged, failed; inbox: delivered
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::string last_error;
  int64_t created_at = 0;
  std::optional<int64_t> sent_at;
  std::optional<int64_t> read_at;
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
// Pending SMS due for a (re)try, oldest first.
std::vector<NotificationRow> DueSms(Tx& tx, int64_t now, int limit);
// Records a delivery attempt's outcome.
void RecordSmsAttempt(Tx& tx, int64_t id, const std::string& status, int attempts,
                      int64_t next_attempt_at, const std::string& last_error,
                      std::optional<int64_t> sent_at);

}  // namespace mvis::store
