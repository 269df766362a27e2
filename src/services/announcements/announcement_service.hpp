// 通知公告: the city bureau writes, publishes and withdraws notices; every user reads those
// addressed to their role and districts (domain/announcement.hpp). Each step goes through the
// workflow kernel (timeline, audit) and the access policy (Kind::kAnnouncement).
#pragma once

#include <string>
#include <vector>

#include "domain/announcement.hpp"
#include "domain/page.hpp"
#include "services/core/context.hpp"
#include "store/announcements_store.hpp"

namespace mvis::services {

struct AnnouncementView {
  store::AnnouncementRow row;
  std::vector<std::string> region_names;  // of the audience's districts, in their order
  bool manager = false;                   // the caller may manage it (sees the read count)
};

struct AnnouncementQuery {
  std::string text;
  std::string status;  // "" or a status name (status_invalid)
  bool unread_only = false;
};

struct AnnouncementList {
  domain::Page<AnnouncementView> page;
  int64_t unread = 0;  // published ones addressed to the caller, not yet opened
};

class AnnouncementService {
 public:
  explicit AnnouncementService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<AnnouncementList> List(const Actor& actor, const AnnouncementQuery& query,
                                const domain::PageRequest& page);
  Result<AnnouncementView> Get(const Actor& actor, int64_t id);
  // A draft by the city bureau.
  Result<AnnouncementView> Create(const Actor& actor, const domain::AnnouncementDraft& draft);
  // Changes a draft (announcement_not_draft once published or withdrawn).
  Result<AnnouncementView> Update(const Actor& actor, int64_t id,
                                  const domain::AnnouncementDraft& draft);
  Status Delete(const Actor& actor, int64_t id);
  Result<AnnouncementView> Publish(const Actor& actor, int64_t id);
  Result<AnnouncementView> Withdraw(const Actor& actor, int64_t id, const std::string& reason);
  // Records that the caller opened a published announcement (idempotent).
  Status MarkRead(const Actor& actor, int64_t id);

 private:
  const ServiceContext& ctx_;
};

}  // namespace mvis::services
