#include "services/core/notifier.hpp"

#include "store/notifications_store.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"

namespace mvis::services {
namespace {

constexpr char kSignature[] = "【强检管理】";

store::NotificationRow Sms(int64_t now, const std::string& phone, const Notice& notice) {
  store::NotificationRow n;
  n.channel = domain::Channel::kSms;
  n.phone = phone;
  n.template_name = notice.template_name;
  n.title = notice.title;
  n.body = kSignature + notice.body;
  n.status = domain::DeliveryStatus::kPending;
  n.created_at = now;
  n.next_attempt_at = now;
  return n;
}

void QueueSms(store::Tx& tx, int64_t now, const std::string& phone, const Notice& notice) {
  if (phone.empty()) return;
  store::InsertNotification(tx, Sms(now, phone, notice));
}

void Inbox(store::Tx& tx, int64_t now, int64_t user_id, const Notice& notice) {
  store::NotificationRow n;
  n.channel = domain::Channel::kInbox;
  n.user_id = user_id;
  n.template_name = notice.template_name;
  n.title = notice.title;
  n.body = notice.body;
  n.object_type = notice.object_type;
  n.object_id = notice.object_id;
  n.status = domain::DeliveryStatus::kDelivered;
  n.created_at = now;
  store::InsertNotification(tx, n);
}

}  // namespace

void Notify(store::Tx& tx, int64_t now, const Recipient& to, const Notice& notice) {
  if (auto* org = std::get_if<ToOrg>(&to)) {
    for (const auto& user : store::ActiveUsersOfOrg(tx, org->org_id))
      Inbox(tx, now, user.id, notice);
    if (auto row = store::FindOrg(tx, org->org_id)) QueueSms(tx, now, row->contact_phone, notice);
  } else if (auto* bureaus = std::get_if<ToBureausOf>(&to)) {
    // A district's bureau, or the city bureau when the region is the city.
    for (auto kind : {domain::OrgKind::kDistrictBureau, domain::OrgKind::kCityBureau}) {
      store::OrgFilter f{kind, "", {bureaus->region_code}};
      for (const auto& bureau : store::ListOrgs(tx, f, {1, 50}).items) {
        for (const auto& user : store::ActiveUsersOfOrg(tx, bureau.id))
          Inbox(tx, now, user.id, notice);
      }
    }
  } else if (auto* user = std::get_if<ToUser>(&to)) {
    Inbox(tx, now, user->user_id, notice);
    if (auto row = store::FindUser(tx, user->user_id)) QueueSms(tx, now, row->phone, notice);
  } else if (auto* inbox = std::get_if<ToInbox>(&to)) {
    Inbox(tx, now, inbox->user_id, notice);
  } else if (auto* phone = std::get_if<ToPhone>(&to)) {
    QueueSms(tx, now, phone->phone, notice);
  }
}

void NotifySealed(store::Tx& tx, int64_t now, const std::string& phone, const Notice& notice,
                  const std::string& secret, const SecretKeys& keys) {
  store::NotificationRow n = Sms(now, phone, notice);
  n.sealed_body = keys.Seal(n.body);
  for (size_t at = n.body.find(secret); !secret.empty() && at != std::string::npos;
       at = n.body.find(secret, at))
    n.body.replace(at, secret.size(), std::string(secret.size(), '*'));
  store::InsertNotification(tx, n);
}

Notice SmsCodeNotice(const std::string& code, domain::CodePurpose purpose, int64_t ttl_minutes) {
  std::string what(DisplayName(purpose));
  return Notice{"sms_code", "验证码",
                "您正在进行" + what + "，验证码为" + code + "，" + std::to_string(ttl_minutes) +
                    "分钟内有效。如非本人操作，请忽略本短信。"};
}

}  // namespace mvis::services
