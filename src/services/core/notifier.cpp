#include "services/core/notifier.hpp"

#include "domain/time.hpp"
#include "store/notifications_store.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

void QueueSms(store::Tx& tx, const std::string& phone, const Notice& notice) {
  if (phone.empty()) return;
  store::NotificationRow n;
  n.channel = "sms";
  n.phone = phone;
  n.template_name = notice.template_name;
  n.title = notice.title;
  n.body = "【强检管理】" + notice.body;
  n.status = "pending";
  n.created_at = domain::NowSeconds();
  n.next_attempt_at = n.created_at;
  store::InsertNotification(tx, n);
}

void NotifyInbox(store::Tx& tx, int64_t user_id, const Notice& notice) {
  store::NotificationRow n;
  n.channel = "inbox";
  n.user_id = user_id;
  n.template_name = notice.template_name;
  n.title = notice.title;
  n.body = notice.body;
  n.status = "delivered";
  n.created_at = domain::NowSeconds();
  store::InsertNotification(tx, n);
}

void NotifyUser(store::Tx& tx, const store::UserRow& user, const Notice& notice) {
  NotifyInbox(tx, user.id, notice);
  QueueSms(tx, user.phone, notice);
}

void NotifyOrg(store::Tx& tx, int64_t org_id, const Notice& notice) {
  for (const auto& user : store::ActiveUsersOfOrg(tx, org_id)) NotifyInbox(tx, user.id, notice);
  if (auto org = store::FindOrg(tx, org_id)) QueueSms(tx, org->contact_phone, notice);
}

void NotifyBureaus(store::Tx& tx, const std::string& region_code, const Notice& notice) {
  store::OrgFilter f{"district_bureau", "", {region_code}};
  for (const auto& org : store::ListOrgs(tx, f, {1, 50}).items) {
    for (const auto& user : store::ActiveUsersOfOrg(tx, org.id)) NotifyInbox(tx, user.id, notice);
  }
}

Notice SmsCodeNotice(const std::string& code, const std::string& purpose, int64_t ttl_minutes) {
  std::string what = purpose == "register" ? "企业注册" : "重置密码";
  return Notice{"sms_code", "验证码",
                "您正在进行" + what + "，验证码为" + code + "，" + std::to_string(ttl_minutes) +
                    "分钟内有效。如非本人操作，请忽略本短信。"};
}

}  // namespace mvis::services
