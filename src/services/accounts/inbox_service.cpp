#include "services/accounts/inbox_service.hpp"

#include "domain/time.hpp"
#include "services/core/audit.hpp"

namespace mvis::services {

Result<InboxPage> InboxService::List(const Actor& actor, bool unread_only,
                                     const store::PageRequest& page) {
  return db_.Read([&](store::Tx& tx) -> Result<InboxPage> {
    return InboxPage{store::ListInbox(tx, actor.user_id, unread_only, page),
                     store::CountUnread(tx, actor.user_id)};
  });
}

Status InboxService::MarkRead(const Actor& actor, int64_t message_id) {
  return db_.Write([&](store::Tx& tx) -> Status {
    if (!store::MarkRead(tx, actor.user_id, message_id, domain::NowSeconds()))
      return NotFound("消息");
    Audit(tx, actor, {"inbox.read", "message", std::to_string(message_id), "marked read"});
    return {};
  });
}

Status InboxService::MarkAllRead(const Actor& actor) {
  return db_.Write([&](store::Tx& tx) -> Status {
    store::MarkAllRead(tx, actor.user_id, domain::NowSeconds());
    Audit(tx, actor, {"inbox.read_all", "user", std::to_string(actor.user_id), "all marked read"});
    return {};
  });
}

Result<int64_t> InboxService::UnreadCount(const Actor& actor) {
  return db_.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountUnread(tx, actor.user_id); });
}

}  // namespace mvis::services
