#include "store/announcements_store.hpp"

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

using domain::AnnouncementStatus;

// ",a,b," (empty for everyone), so that one value is matched with LIKE '%,a,%'.
std::string Delimited(const std::vector<std::string>& values) {
  return values.empty() ? std::string() : "," + JoinCsv(values) + ",";
}

std::vector<std::string> RoleNames(const std::vector<domain::Role>& roles) {
  std::vector<std::string> out;
  for (auto r : roles) out.emplace_back(domain::ToString(r));
  return out;
}

// Columns 0–14: the row; 15 author; 16 organisation; 17 read by the user (bound first); 18 reads.
constexpr char kSelect[] =
    "SELECT a.id, a.title, a.body, a.status, a.pinned, a.audience_roles, a.audience_regions, "
    "a.author_user_id, a.author_org_id, a.created_at, a.updated_at, a.published_at, "
    "a.withdrawn_at, a.withdraw_reason, 0, "
    "CASE WHEN u.display_name <> '' THEN u.display_name ELSE u.username END, o.name, "
    "CASE WHEN EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND "
    "r.user_id = ?) THEN 1 ELSE 0 END, "
    "(SELECT COUNT(*) FROM announcement_reads r WHERE r.announcement_id = a.id) "
    "FROM announcements a JOIN users u ON u.id = a.author_user_id "
    "JOIN orgs o ON o.id = a.author_org_id";

AnnouncementRow ToRow(const Row& r) {
  AnnouncementRow out;
  auto& a = out.a;
  a.id = r.Int(0);
  a.title = r.Str(1);
  a.body = r.Str(2);
  a.status = Stored(domain::ParseAnnouncementStatus(r.Str(3)), "announcements.status", r.Str(3));
  a.pinned = r.Int(4) != 0;
  for (const auto& name : SplitCsv(r.Str(5)))
    if (auto role = domain::ParseRole(name)) a.audience.roles.push_back(*role);
  a.audience.region_codes = SplitCsv(r.Str(6));
  a.author_user_id = r.Int(7);
  a.author_org_id = r.Int(8);
  a.created_at = r.Int(9);
  a.updated_at = r.Int(10);
  a.published_at = r.OptInt(11);
  a.withdrawn_at = r.OptInt(12);
  a.withdraw_reason = r.Str(13);
  out.author_name = r.Str(15);
  out.org_name = r.Str(16);
  out.read = r.Int(17) != 0;
  out.read_count = r.Int(18);
  return out;
}

// The reader's conditions (published, addressed to the role and a district) and the filters.
Where WhereOf(const AnnouncementFilter& f, int64_t user_id) {
  Where w;
  if (f.status) w.Add("a.status = ?", {std::string(domain::ToString(*f.status))});
  if (f.reader_role) {
    w.Add("a.status = 'published'");
    w.Add("(a.audience_roles = '' OR a.audience_roles LIKE ?)",
          {"%," + std::string(domain::ToString(*f.reader_role)) + ",%"});
    std::string cond = "a.audience_regions = ''";
    std::vector<Param> params;
    for (const auto& d : f.reader_districts) {
      cond += " OR a.audience_regions LIKE ?";
      params.emplace_back("%," + d + ",%");
    }
    w.Add("(" + cond + ")", std::move(params));
  }
  if (f.unread_only) {
    w.Add(
        "NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND "
        "r.user_id = ?)",
        {user_id});
  }
  if (!f.text.empty()) {
    auto like = LikePattern(f.text);
    w.Add("(LOWER(a.title) LIKE ? ESCAPE '!' OR LOWER(a.body) LIKE ? ESCAPE '!')", {like, like});
  }
  return w;
}

}  // namespace

int64_t InsertAnnouncement(Tx& tx, const domain::Announcement& a) {
  return tx
      .QueryOne(
          "INSERT INTO announcements (title, body, status, pinned, audience_roles, "
          "audience_regions, author_user_id, author_org_id, created_at, updated_at) VALUES (?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {a.title, a.body, std::string(domain::ToString(a.status)), int64_t{a.pinned ? 1 : 0},
           Delimited(RoleNames(a.audience.roles)), Delimited(a.audience.region_codes),
           a.author_user_id, a.author_org_id, a.created_at, a.updated_at})
      ->Int(0);
}

std::optional<AnnouncementRow> FindAnnouncement(Tx& tx, int64_t id, int64_t user_id) {
  auto r = tx.QueryOne(std::string(kSelect) + " WHERE a.id = ?", {user_id, id});
  if (!r) return std::nullopt;
  return ToRow(*r);
}

bool UpdateDraft(Tx& tx, const domain::Announcement& a, int64_t now) {
  return tx.Exec(
             "UPDATE announcements SET title = ?, body = ?, pinned = ?, audience_roles = ?, "
             "audience_regions = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
             {a.title, a.body, int64_t{a.pinned ? 1 : 0}, Delimited(RoleNames(a.audience.roles)),
              Delimited(a.audience.region_codes), now, a.id}) == 1;
}

bool DeleteDraft(Tx& tx, int64_t id) {
  return tx.Exec("DELETE FROM announcements WHERE id = ? AND status = 'draft'", {id}) == 1;
}

bool MoveAnnouncement(Tx& tx, int64_t id, AnnouncementStatus from, AnnouncementStatus to,
                      int64_t now, const std::string& reason) {
  const char* stamp = to == AnnouncementStatus::kPublished ? "published_at" : "withdrawn_at";
  return tx.Exec("UPDATE announcements SET status = ?, " + std::string(stamp) +
                     " = ?, withdraw_reason = ?, updated_at = ? WHERE id = ? AND status = ?",
                 {std::string(domain::ToString(to)), now, reason, now, id,
                  std::string(domain::ToString(from))}) == 1;
}

Page<AnnouncementRow> ListAnnouncements(Tx& tx, const AnnouncementFilter& filter, int64_t user_id,
                                        const PageRequest& page) {
  Page<AnnouncementRow> out;
  Where w = WhereOf(filter, user_id);
  out.total = tx.QueryOne("SELECT COUNT(*) FROM announcements a" + w.sql(), w.params())->Int(0);
  std::vector<Param> params{user_id};
  for (const auto& p : w.params()) params.push_back(p);
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r : tx.Query(std::string(kSelect) + w.sql() +
                                    " ORDER BY a.pinned DESC, COALESCE(a.published_at, "
                                    "a.created_at) DESC, a.id DESC LIMIT ? OFFSET ?",
                                params))
    out.items.push_back(ToRow(r));
  return out;
}

int64_t CountUnreadAnnouncements(Tx& tx, const AnnouncementFilter& reader, int64_t user_id) {
  AnnouncementFilter f = reader;
  f.unread_only = true;
  f.text.clear();
  f.status.reset();
  Where w = WhereOf(f, user_id);
  return tx.QueryOne("SELECT COUNT(*) FROM announcements a" + w.sql(), w.params())->Int(0);
}

bool MarkAnnouncementRead(Tx& tx, int64_t id, int64_t user_id, int64_t now) {
  return tx.Exec(
             "INSERT INTO announcement_reads (announcement_id, user_id, read_at) VALUES (?, ?, "
             "?) ON CONFLICT DO NOTHING",
             {id, user_id, now}) == 1;
}

std::vector<std::string> DistrictsOfUse(Tx& tx, int64_t org_id) {
  std::vector<std::string> out;
  for (const auto& r :
       tx.Query("SELECT DISTINCT install_region_code FROM instruments WHERE org_id = ?", {org_id}))
    out.push_back(r.Str(0));
  return out;
}

}  // namespace mvis::store
