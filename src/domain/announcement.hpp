// 通知公告: a notice the city bureau writes and publishes to all users or to chosen roles and
// districts; it appears on the home page of everyone it reaches. A small workflow:
// draft → published (publish) → withdrawn (withdraw). Drafts may be changed or deleted; a
// published notice is withdrawn (with a reason) rather than edited, so what readers saw stays on
// record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/roles.hpp"

namespace mvis::domain {

enum class AnnouncementStatus { kDraft, kPublished, kWithdrawn };
enum class AnnouncementAction { kEdit, kDelete, kPublish, kWithdraw };

std::string_view ToString(AnnouncementStatus s);
std::optional<AnnouncementStatus> ParseAnnouncementStatus(std::string_view s);
std::string_view ToString(AnnouncementAction a);
std::string_view DisplayName(AnnouncementStatus s);  // 草稿 / 已发布 / 已撤回

inline constexpr size_t kAnnouncementTitleMax = 100;
inline constexpr size_t kAnnouncementBodyMax = 10000;

// Who a notice is for; an empty list means everyone (every role; the whole city).
struct Audience {
  std::vector<Role> roles;
  std::vector<std::string> region_codes;  // districts
};

struct Announcement {
  int64_t id = 0;
  std::string title;
  std::string body;
  AnnouncementStatus status = AnnouncementStatus::kDraft;
  bool pinned = false;
  Audience audience;
  int64_t author_user_id = 0;
  int64_t author_org_id = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> published_at;
  std::optional<int64_t> withdrawn_at;
  std::string withdraw_reason;
};

// What the author types: title and body trimmed, then checked (title_required, title_too_long,
// body_required, body_too_long); roles parsed (role_invalid; the platform administrator is not
// an audience). Districts are checked against the region table by the service.
struct AnnouncementDraft {
  std::string title;
  std::string body;
  bool pinned = false;
  std::vector<std::string> roles;
  std::vector<std::string> region_codes;
};
Result<Announcement> ValidateAnnouncement(const AnnouncementDraft& draft);

// The state after `action` (kEdit and kDelete leave a draft a draft): failed precondition
// `announcement_not_draft` when a published or withdrawn notice is edited, deleted or published
// again, `announcement_not_published` when a notice that is not out is withdrawn.
Result<AnnouncementStatus> NextStatus(AnnouncementStatus from, AnnouncementAction action);

// Whether a published notice reaches a reader of `role` who belongs to `districts` (their
// organisation's district, an enterprise's districts of use, a regulator's region subtree).
bool Reaches(const Audience& audience, Role role, const std::vector<std::string>& districts);

// "全部用户" or "运营企业、检定机构 · 江岸区、江汉区" given the districts' names.
std::string DescribeAudience(const Audience& audience,
                             const std::vector<std::string>& region_names);

}  // namespace mvis::domain
