#include "store/notifications_store.hpp"

namespace mvis::store {
namespace {

constexpr char kSelect[] =
    "SELECT id, channel, user_id, phone, template, title, body, status, attempts, "
    "next_attempt_at, last_error, created_at, sent_at, read_at, sealed_body, object_type, "
    "object_id FROM notifications";

NotificationRow ToNotification(const Row& r) {
  NotificationRow n;
  n.id = r.Int(0);
  n.channel = Stored(domain::ParseChannel(r.Str(1)), "notifications.channel", r.Str(1));
  n.user_id = r.OptInt(2);
  n.phone = r.Str(3);
  n.template_name = r.Str(4);
  n.title = r.Str(5);
  n.body = r.Str(6);
  n.status = Stored(domain::ParseDeliveryStatus(r.Str(7)), "notifications.status", r.Str(7));
  n.attempts = static_cast<int>(r.Int(8));
  n.next_attempt_at = r.Int(9);
  n.last_error = r.Str(10);
  n.created_at = r.Int(11);
  n.sent_at = r.OptInt(12);
  n.read_at = r.OptInt(13);
  n.sealed_body = r.Str(14);
  n.object_type = r.Str(15);
  n.object_id = r.Str(16);
  return n;
}

Page<NotificationRow> ListWhere(Tx& tx, const std::string& where, std::vector<Param> params,
                                const PageRequest& page) {
  Page<NotificationRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM notifications WHERE " + where, params)->Int(0);
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r :
       tx.Query(std::string(kSelect) + " WHERE " + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                params)) {
    out.items.push_back(ToNotification(r));
  }
  return out;
}

}  // namespace

int64_t InsertNotification(Tx& tx, const NotificationRow& n) {
  return tx
      .QueryOne(
          "INSERT INTO notifications (channel, user_id, phone, template, title, body, sealed_body, "
          "status, attempts, next_attempt_at, last_error, created_at, object_type, object_id) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '', ?, ?, ?) RETURNING id",
          {std::string(domain::ToString(n.channel)), OptParam(n.user_id), n.phone, n.template_name,
           n.title, n.body, n.sealed_body, std::string(domain::ToString(n.status)),
           n.next_attempt_at, n.created_at, n.object_type, n.object_id})
      ->Int(0);
}

Page<NotificationRow> ListOutbox(Tx& tx, const std::string& phone, const PageRequest& page) {
  if (phone.empty()) return ListWhere(tx, "channel = 'sms'", {}, page);
  return ListWhere(tx, "channel = 'sms' AND phone = ?", {phone}, page);
}

Page<NotificationRow> ListInbox(Tx& tx, int64_t user_id, bool unread_only,
                                const PageRequest& page) {
  return ListWhere(tx,
                   unread_only ? "channel = 'inbox' AND user_id = ? AND read_at IS NULL"
                               : "channel = 'inbox' AND user_id = ?",
                   {user_id}, page);
}

int64_t CountUnread(Tx& tx, int64_t user_id) {
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM notifications WHERE channel = 'inbox' AND user_id = ? AND "
          "read_at IS NULL",
          {user_id})
      ->Int(0);
}

bool MarkRead(Tx& tx, int64_t user_id, int64_t id, int64_t now) {
  if (!tx.QueryOne(
          "SELECT id FROM notifications WHERE id = ? AND user_id = ? AND channel = 'inbox'",
          {id, user_id})) {
    return false;
  }
  tx.Exec("UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ?", {now, id});
  return true;
}

void MarkAllRead(Tx& tx, int64_t user_id, int64_t now) {
  tx.Exec(
      "UPDATE notifications SET read_at = ? WHERE channel = 'inbox' AND user_id = ? AND read_at "
      "IS NULL",
      {now, user_id});
}

int64_t CountFailedSms(Tx& tx) {
  return tx
      .QueryOne("SELECT COUNT(*) FROM notifications WHERE channel = 'sms' AND status = 'failed'")
      ->Int(0);
}

std::vector<NotificationRow> DueSms(Tx& tx, int64_t now, int limit) {
  std::vector<NotificationRow> out;
  for (const auto& r :
       tx.Query(std::string(kSelect) + " WHERE channel = 'sms' AND status = 'pending' AND "
                                       "next_attempt_at <= ? AND claimed_until < ? ORDER BY id "
                                       "LIMIT ?",
                {now, now, int64_t{limit}})) {
    out.push_back(ToNotification(r));
  }
  return out;
}

bool ClaimSms(Tx& tx, int64_t id, int64_t now, int64_t until) {
  return tx.Exec(
             "UPDATE notifications SET claimed_until = ? WHERE id = ? AND status = 'pending' AND "
             "claimed_until < ?",
             {until, id, now}) == 1;
}

void RecordSmsAttempt(Tx& tx, int64_t id, domain::DeliveryStatus status, int attempts,
                      int64_t next_attempt_at, const std::string& last_error,
                      std::optional<int64_t> sent_at) {
  const bool final = status != domain::DeliveryStatus::kPending;
  tx.Exec(std::string("UPDATE notifications SET status = ?, attempts = ?, next_attempt_at = ?, "
                      "last_error = ?, sent_at = ?, claimed_until = 0") +
              (final ? ", sealed_body = ''" : "") + " WHERE id = ?",
          {std::string(domain::ToString(status)), int64_t{attempts}, next_attempt_at, last_error,
           OptParam(sent_at), id});
}

int64_t DeleteSmsBefore(Tx& tx, int64_t before) {
  return tx.Exec(
      "DELETE FROM notifications WHERE channel = 'sms' AND status IN ('sent', 'logged', "
      "'failed') AND created_at < ?",
      {before});
}

}  // namespace mvis::store
