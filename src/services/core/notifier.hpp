// Queues notices: SMS into the outbox (sent later by SmsDispatcher) and messages into users'
// in-app inboxes. Runs inside the caller's transaction so a notice exists only if the change
// that caused it commits. Message texts (Chinese) are built here.
#pragma once

#include <string>

#include "store/database.hpp"
#include "store/users_store.hpp"

namespace mvis::services {

struct Notice {
  std::string template_name;  // e.g. "sms_code", "review_decision"
  std::string title;          // inbox title
  std::string body;           // SMS and inbox text
};

void QueueSms(store::Tx& tx, const std::string& phone, const Notice& notice);
// Inbox message to `user`, and an SMS when the user has a phone number.
void NotifyUser(store::Tx& tx, const store::UserRow& user, const Notice& notice);
// Inbox message only (no SMS), for notices to staff that need no text message.
void NotifyInbox(store::Tx& tx, int64_t user_id, const Notice& notice);
// Inbox message to every active user of the organisation, and one SMS to its contact phone.
void NotifyOrg(store::Tx& tx, int64_t org_id, const Notice& notice);

// Inbox notice (no SMS) to the users of the district bureau(s) of `region_code`.
void NotifyBureaus(store::Tx& tx, const std::string& region_code, const Notice& notice);

// The SMS carrying a one-time code for `purpose` (register, reset_password).
Notice SmsCodeNotice(const std::string& code, const std::string& purpose, int64_t ttl_minutes);

}  // namespace mvis::services
