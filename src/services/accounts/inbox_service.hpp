// The signed-in user's in-app messages (站内消息).
#pragma once

#include <string>
#include <vector>

#include "domain/page.hpp"
#include "services/accounts/message_views.hpp"
#include "services/core/context.hpp"

namespace mvis::services {

struct InboxPage {
  domain::Page<MessageView> page;
  int64_t unread = 0;
};

class InboxService {
 public:
  explicit InboxService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<InboxPage> List(const Actor& actor, bool unread_only, const domain::PageRequest& page);
  // not_found when the message is not the caller's.
  Status MarkRead(const Actor& actor, int64_t message_id);
  Status MarkAllRead(const Actor& actor);
  Result<int64_t> UnreadCount(const Actor& actor);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
