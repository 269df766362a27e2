#include "services/accounts/message_views.hpp"

#include "domain/phone.hpp"

namespace mvis::services {

MessageView MessageOf(const store::NotificationRow& n) {
  return {n.id,         n.title,   n.body,        n.template_name,
          n.created_at, n.read_at, n.object_type, n.object_id};
}

OutboxItem OutboxItemOf(const store::NotificationRow& n) {
  return {n.id,
          domain::MaskPhone(n.phone),
          n.template_name,
          n.body,
          n.status,
          n.attempts,
          n.last_error,
          n.created_at,
          n.sent_at};
}

}  // namespace mvis::services
