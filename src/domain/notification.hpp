// Notices: SMS in the outbox and messages in users' in-app inboxes, and their delivery states.
#pragma once

#include <optional>
#include <string_view>

namespace mvis::domain {

enum class Channel { kSms, kInbox };
// SMS: pending → sent (gateway accepted) | logged (log provider) | failed (retries exhausted);
// inbox messages are delivered at once.
enum class DeliveryStatus { kPending, kSent, kLogged, kFailed, kDelivered };

std::string_view ToString(Channel c);
std::optional<Channel> ParseChannel(std::string_view s);
std::string_view ToString(DeliveryStatus s);
std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view s);

}  // namespace mvis::domain
