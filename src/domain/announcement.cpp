#include "domain/announcement.hpp"

#include <algorithm>

#include "domain/enum_names.hpp"
#include "domain/text.hpp"

namespace mvis::domain {
namespace {

constexpr EnumName<AnnouncementStatus> kStatuses[] = {
    {AnnouncementStatus::kDraft, "draft"},
    {AnnouncementStatus::kPublished, "published"},
    {AnnouncementStatus::kWithdrawn, "withdrawn"}};
constexpr EnumName<AnnouncementAction> kActions[] = {{AnnouncementAction::kEdit, "edit"},
                                                     {AnnouncementAction::kDelete, "delete"},
                                                     {AnnouncementAction::kPublish, "publish"},
                                                     {AnnouncementAction::kWithdraw, "withdraw"}};

}  // namespace

std::string_view ToString(AnnouncementStatus s) { return NameIn(kStatuses, s); }
std::optional<AnnouncementStatus> ParseAnnouncementStatus(std::string_view s) {
  return ParseIn(kStatuses, s);
}
std::string_view ToString(AnnouncementAction a) { return NameIn(kActions, a); }

std::string_view DisplayName(AnnouncementStatus s) {
  switch (s) {
    case AnnouncementStatus::kDraft:
      return "草稿";
    case AnnouncementStatus::kPublished:
      return "已发布";
    case AnnouncementStatus::kWithdrawn:
      return "已撤回";
  }
  return "";
}

Result<Announcement> ValidateAnnouncement(const AnnouncementDraft& d) {
  Announcement a;
  a.title = Trim(d.title);
  a.body = Trim(d.body);
  a.pinned = d.pinned;
  if (a.title.empty()) return InvalidField("title", "title_required", "请填写标题");
  if (CodePoints(a.title) > kAnnouncementTitleMax)
    return InvalidField("title", "title_too_long", "标题不能超过100字");
  if (a.body.empty()) return InvalidField("body", "body_required", "请填写正文");
  if (CodePoints(a.body) > kAnnouncementBodyMax)
    return InvalidField("body", "body_too_long", "正文不能超过10000字");
  for (const auto& name : d.roles) {
    auto role = ParseRole(name);
    if (!role || *role == Role::kSysadmin)
      return InvalidField("roles", "role_invalid", "发送对象中的角色无效");
    if (std::ranges::find(a.audience.roles, *role) == a.audience.roles.end())
      a.audience.roles.push_back(*role);
  }
  for (const auto& code : d.region_codes) {
    if (std::ranges::find(a.audience.region_codes, code) == a.audience.region_codes.end())
      a.audience.region_codes.push_back(code);
  }
  return a;
}

Result<AnnouncementStatus> NextStatus(AnnouncementStatus from, AnnouncementAction action) {
  switch (action) {
    case AnnouncementAction::kEdit:
    case AnnouncementAction::kDelete:
    case AnnouncementAction::kPublish:
      if (from != AnnouncementStatus::kDraft) {
        return Fail(ErrorKind::kFailedPrecondition, "announcement_not_draft",
                    from == AnnouncementStatus::kPublished
                        ? "该通知公告已发布，不能再修改、删除或重复发布"
                        : "该通知公告已撤回，不能再修改、删除或发布");
      }
      return action == AnnouncementAction::kPublish ? AnnouncementStatus::kPublished
                                                    : AnnouncementStatus::kDraft;
    case AnnouncementAction::kWithdraw:
      if (from != AnnouncementStatus::kPublished) {
        return Fail(ErrorKind::kFailedPrecondition, "announcement_not_published",
                    "只能撤回已发布的通知公告");
      }
      return AnnouncementStatus::kWithdrawn;
  }
  return from;
}

bool Reaches(const Audience& audience, Role role, const std::vector<std::string>& districts) {
  if (!audience.roles.empty() && std::ranges::find(audience.roles, role) == audience.roles.end())
    return false;
  if (audience.region_codes.empty()) return true;
  return std::ranges::any_of(audience.region_codes, [&](const std::string& code) {
    return std::ranges::find(districts, code) != districts.end();
  });
}

std::string DescribeAudience(const Audience& audience,
                             const std::vector<std::string>& region_names) {
  if (audience.roles.empty() && audience.region_codes.empty()) return "全部用户";
  std::vector<std::string> roles;
  for (Role r : audience.roles) roles.emplace_back(DisplayName(r));
  std::string who = roles.empty() ? "全部用户" : Join(roles, "、");
  if (region_names.empty()) return who;
  return who + " · " + Join(region_names, "、");
}

}  // namespace mvis::domain
