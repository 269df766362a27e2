// The signed-in user's in-app messages and home-page to-do counts.
#pragma once

#include <string>
#include <vector>

#include "services/core/actor.hpp"
#include "store/database.hpp"
#include "store/notifications_store.hpp"
#include "store/page.hpp"

namespace mvis::services {

struct InboxPage {
  store::Page<store::NotificationRow> page;
  int64_t unread = 0;
};

class InboxService {
 public:
  explicit InboxService(store::Database& db) : db_(db) {}

  Result<InboxPage> List(const Actor& actor, bool unread_only, const store::PageRequest& page);
  // not_found when the message is not the caller's.
  Status MarkRead(const Actor& actor, int64_t message_id);
  Status MarkAllRead(const Actor& actor);
  Result<int64_t> UnreadCount(const Actor& actor);

 private:
  store::Database& db_;
};

}  // namespace mvis::services
