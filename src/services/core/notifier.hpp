// Queues notices: SMS into the outbox (sent later by SmsDispatcher) and messages into users'
// in-app inboxes. Runs inside the caller's transaction so a notice exists only if the change
// that caused it commits. Message texts (Chinese) are built by the services.
#pragma once

#include <string>
#include <variant>

#include "domain/phone.hpp"
#include "services/core/context.hpp"
#include "services/core/secrets.hpp"

namespace mvis::services {

struct Notice {
  std::string template_name;  // e.g. "sms_code", "review_decision"
  std::string title;          // inbox title
  std::string body;           // SMS and inbox text
  // What it is about (access-policy kind name and id, e.g. "instrument", "12"), so that the
  // inbox links there; workflow steps fill it with their object when left empty.
  std::string object_type, object_id;
};

// Who receives a notice.
struct ToOrg {  // every active user's inbox, and one SMS to the organisation's contact phone
  int64_t org_id = 0;
};
// The inboxes (no SMS) of the bureau(s) of a region: a district's, or the city's.
struct ToBureausOf {
  std::string region_code;
};
struct ToUser {  // the user's inbox, and an SMS when the user has a phone number
  int64_t user_id = 0;
};
struct ToInbox {  // the user's inbox only (staff notices that need no text message)
  int64_t user_id = 0;
};
struct ToPhone {  // an SMS only
  std::string phone;
};
using Recipient = std::variant<ToOrg, ToBureausOf, ToUser, ToInbox, ToPhone>;

void Notify(store::Tx& tx, int64_t now, const Recipient& to, const Notice& notice);
// An SMS whose text carries `secret` (a one-time code): the outbox keeps the text with the secret
// starred out for display and the real text sealed until the dispatcher sends it.
void NotifySealed(store::Tx& tx, int64_t now, const std::string& phone, const Notice& notice,
                  const std::string& secret, const SecretKeys& keys);
inline void Notify(Work& w, const Recipient& to, const Notice& notice) {
  Notify(w.tx, w.now, to, notice);
}

// The SMS carrying a one-time code for `purpose` (register, reset_password).
Notice SmsCodeNotice(const std::string& code, domain::CodePurpose purpose, int64_t ttl_minutes);

}  // namespace mvis::services
