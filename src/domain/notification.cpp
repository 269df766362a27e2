#include "domain/notification.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {
namespace {

constexpr EnumName<Channel> kChannels[] = {{Channel::kSms, "sms"}, {Channel::kInbox, "inbox"}};
constexpr EnumName<DeliveryStatus> kStatuses[] = {{DeliveryStatus::kPending, "pending"},
                                                  {DeliveryStatus::kSent, "sent"},
                                                  {DeliveryStatus::kLogged, "logged"},
                                                  {DeliveryStatus::kFailed, "failed"},
                                                  {DeliveryStatus::kDelivered, "delivered"}};

}  // namespace

std::string_view ToString(Channel c) { return NameIn(kChannels, c); }
std::optional<Channel> ParseChannel(std::string_view s) { return ParseIn(kChannels, s); }
std::string_view ToString(DeliveryStatus s) { return NameIn(kStatuses, s); }
std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view s) {
  return ParseIn(kStatuses, s);
}

}  // namespace mvis::domain
