// 通知公告 rows (tables announcements and announcement_reads).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/announcement.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct AnnouncementRow {
  domain::Announcement a;
  std::string author_name;  // display name, else login name
  std::string org_name;
  bool read = false;       // by the user the query was made for
  int64_t read_count = 0;  // users who opened it
};

// Which announcements a list shows.
struct AnnouncementFilter {
  std::string text;  // in title or body
  std::optional<domain::AnnouncementStatus> status;
  // A reader: only published ones addressed to `reader_role` and to one of `reader_districts`
  // (or to everyone). Unset: every announcement (the city bureau).
  std::optional<domain::Role> reader_role;
  std::vector<std::string> reader_districts;
  bool unread_only = false;
};

int64_t InsertAnnouncement(Tx& tx, const domain::Announcement& a);
// The row as seen by `user_id` (read flag), or nullopt.
std::optional<AnnouncementRow> FindAnnouncement(Tx& tx, int64_t id, int64_t user_id);
// Replaces title, body, pinned flag and audience while the row is still a draft; false when it
// has left that state.
bool UpdateDraft(Tx& tx, const domain::Announcement& a, int64_t now);
// Deletes the row while it is a draft; false when it has left that state.
bool DeleteDraft(Tx& tx, int64_t id);
// Moves the row from `from` to `to`, stamping published_at / withdrawn_at (and the reason);
// false when it is no longer in `from`.
bool MoveAnnouncement(Tx& tx, int64_t id, domain::AnnouncementStatus from,
                      domain::AnnouncementStatus to, int64_t now, const std::string& reason);
// Pinned first, then newest (publication, else creation) first.
Page<AnnouncementRow> ListAnnouncements(Tx& tx, const AnnouncementFilter& filter, int64_t user_id,
                                        const PageRequest& page);
// Published ones addressed to the reader that `user_id` has not opened.
int64_t CountUnreadAnnouncements(Tx& tx, const AnnouncementFilter& reader, int64_t user_id);
// Records the first time `user_id` opened it; false when it had been opened before.
bool MarkAnnouncementRead(Tx& tx, int64_t id, int64_t user_id, int64_t now);

// The districts where an enterprise's filed instruments are installed.
std::vector<std::string> DistrictsOfUse(Tx& tx, int64_t org_id);

}  // namespace mvis::store
