#include "services/accounts/inbox_service.hpp"

#include "services/core/audit.hpp"
#include "store/notifications_store.hpp"

namespace mvis::services {

// A user's own messages are theirs by construction: every query here is keyed by the caller's
// user id (the policy's kMessage rule), so no other scope applies.

Result<InboxPage> InboxService::List(const Actor& actor, bool unread_only,
                                     const domain::PageRequest& page) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<InboxPage> {
    auto rows = store::ListInbox(tx, actor.user_id, unread_only, page);
    InboxPage out;
    out.page.total = rows.total;
    for (const auto& n : rows.items) out.page.items.push_back(MessageOf(n));
    out.unread = store::CountUnread(tx, actor.user_id);
    return out;
  });
}

Status InboxService::MarkRead(const Actor& actor, int64_t message_id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    if (!store::MarkRead(w.tx, actor.user_id, message_id, w.now)) return NotFound("消息");
    Audit(w, {"inbox.read", "message", std::to_string(message_id), "标为已读"});
    return {};
  });
}

Status InboxService::MarkAllRead(const Actor& actor) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    store::MarkAllRead(w.tx, actor.user_id, w.now);
    Audit(w, {"inbox.read_all", "user", std::to_string(actor.user_id), "全部标为已读"});
    return {};
  });
}

Result<int64_t> InboxService::UnreadCount(const Actor& actor) {
  return ctx_.db.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountUnread(tx, actor.user_id); });
}

}  // namespace mvis::services
