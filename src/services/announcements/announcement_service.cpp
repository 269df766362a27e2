#include "services/announcements/announcement_service.hpp"

#include <functional>

#include "domain/reason.hpp"
#include "domain/text.hpp"
#include "services/core/audit.hpp"
#include "services/core/workflow.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using domain::AnnouncementAction;
using domain::AnnouncementStatus;
using domain::access::Kind;
using domain::access::Op;
using domain::access::Subject;

namespace {

constexpr char kWhat[] = "通知公告";

// The caller as a reader of announcements: regulators and the DRC with their region subtree;
// enterprises and institutes with their organisation's district and, for an enterprise, every
// district where its instruments are installed.
Subject ReaderOf(store::Tx& tx, const Actor& actor) {
  Subject s = SubjectOf(actor);
  if (!s.region_codes.empty() || !actor.org_id) return s;
  if (auto org = store::FindOrg(tx, *actor.org_id)) s.region_codes.push_back(org->region_code);
  if (actor.role == domain::Role::kEnterprise) {
    for (auto& d : store::DistrictsOfUse(tx, *actor.org_id))
      if (!s.Covers(d)) s.region_codes.push_back(std::move(d));
  }
  return s;
}

domain::access::Resource ResourceOf(const domain::Announcement& a) {
  domain::access::Resource r;
  r.kind = Kind::kAnnouncement;
  r.id = a.id;
  r.region_codes = a.audience.region_codes;
  r.audience_roles = a.audience.roles;
  r.released = a.status == AnnouncementStatus::kPublished;
  return r;
}

// The list filter of a reader; none for those who manage announcements.
store::AnnouncementFilter FilterOf(const Subject& reader) {
  store::AnnouncementFilter f;
  auto scope = domain::access::ScopeFor(reader, Kind::kAnnouncement);
  if (scope.released_only) {
    f.reader_role = reader.role;
    f.reader_districts = scope.region_codes.value_or(std::vector<std::string>{});
  }
  return f;
}

AnnouncementView ViewOf(store::Tx& tx, const Subject& reader, store::AnnouncementRow row) {
  AnnouncementView v;
  for (const auto& code : row.a.audience.region_codes) {
    auto region = store::FindRegion(tx, code);
    v.region_names.push_back(region ? region->name : code);
  }
  v.manager = domain::access::Permits(reader, Kind::kAnnouncement, Op::kEdit) ==
              domain::access::Decision::kAllow;
  v.row = std::move(row);
  return v;
}

// The announcement `id` if the reader may do `op` on it.
Result<store::AnnouncementRow> Load(store::Tx& tx, const Subject& reader, int64_t user_id,
                                    int64_t id, Op op) {
  auto row = store::FindAnnouncement(tx, id, user_id);
  if (!row) return NotFound(kWhat);
  if (auto ok = domain::access::Check(reader, ResourceOf(row->a), op, kWhat); !ok)
    return std::unexpected(ok.error());
  return *row;
}

// Districts must be districts (or functional zones) the author's bureau covers.
Status CheckDistricts(store::Tx& tx, const Subject& author, const domain::Audience& audience) {
  for (const auto& code : audience.region_codes) {
    auto region = store::FindRegion(tx, code);
    const bool district = region && (region->level == domain::RegionLevel::kDistrict ||
                                     region->level == domain::RegionLevel::kZone);
    if (!district || !author.Covers(code))
      return InvalidField("region_codes", "region_invalid", "发送区域无效：" + code);
  }
  return {};
}

std::string Quoted(const std::string& title) { return "《" + title + "》"; }

// One step of an announcement's workflow on the row read in `from`.
Result<AnnouncementStatus> Move(Work& w, const domain::Announcement& a, AnnouncementAction action,
                                std::function<bool(AnnouncementStatus)> write,
                                std::string reason = {}, std::string note = {}) {
  return Advance(w, Step<AnnouncementStatus>{{Kind::kAnnouncement, std::to_string(a.id)},
                                             std::string(domain::ToString(action)),
                                             kWhat,
                                             a.status,
                                             domain::NextStatus(a.status, action),
                                             std::move(write),
                                             std::move(reason),
                                             note.empty() ? Quoted(a.title) : std::move(note),
                                             {},
                                             {}});
}

}  // namespace

Result<AnnouncementList> AnnouncementService::List(const Actor& actor,
                                                   const AnnouncementQuery& query,
                                                   const domain::PageRequest& page) {
  std::optional<AnnouncementStatus> status;
  if (!query.status.empty()) {
    status = domain::ParseAnnouncementStatus(query.status);
    if (!status) return InvalidField("status", "status_invalid", "状态无效");
  }
  return ctx_.db.Read([&](store::Tx& tx) -> Result<AnnouncementList> {
    const Subject reader = ReaderOf(tx, actor);
    store::AnnouncementFilter filter = FilterOf(reader);
    filter.text = domain::Trim(query.text);
    filter.status = status;
    filter.unread_only = query.unread_only;
    auto rows = store::ListAnnouncements(tx, filter, actor.user_id, page);
    AnnouncementList out;
    out.page.total = rows.total;
    for (auto& r : rows.items) out.page.items.push_back(ViewOf(tx, reader, std::move(r)));
    // Unread counts what is addressed to the caller, also for the bureau that manages them all.
    store::AnnouncementFilter addressed;
    addressed.reader_role = reader.role;
    addressed.reader_districts = reader.region_codes;
    out.unread = store::CountUnreadAnnouncements(tx, addressed, actor.user_id);
    return out;
  });
}

Result<AnnouncementView> AnnouncementService::Get(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<AnnouncementView> {
    const Subject reader = ReaderOf(tx, actor);
    auto row = Load(tx, reader, actor.user_id, id, Op::kRead);
    if (!row) return std::unexpected(row.error());
    return ViewOf(tx, reader, std::move(*row));
  });
}

Result<AnnouncementView> AnnouncementService::Create(const Actor& actor,
                                                     const domain::AnnouncementDraft& draft) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kAnnouncement, Op::kCreate); !ok)
    return std::unexpected(ok.error());
  auto a = domain::ValidateAnnouncement(draft);
  if (!a) return std::unexpected(a.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnouncementView> {
    const Subject author = SubjectOf(actor);
    if (auto ok = CheckDistricts(w.tx, author, a->audience); !ok)
      return std::unexpected(ok.error());
    a->status = AnnouncementStatus::kDraft;
    a->author_user_id = actor.user_id;
    a->author_org_id = actor.org_id.value_or(0);
    a->created_at = a->updated_at = w.now;
    a->id = store::InsertAnnouncement(w.tx, *a);
    Record(w, Transition{{Kind::kAnnouncement, std::to_string(a->id)},
                         "create",
                         "",
                         std::string(domain::ToString(a->status)),
                         "",
                         Quoted(a->title),
                         {},
                         {}});
    return ViewOf(w.tx, author, *store::FindAnnouncement(w.tx, a->id, actor.user_id));
  });
}

Result<AnnouncementView> AnnouncementService::Update(const Actor& actor, int64_t id,
                                                     const domain::AnnouncementDraft& draft) {
  auto changed = domain::ValidateAnnouncement(draft);
  if (!changed) return std::unexpected(changed.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnouncementView> {
    const Subject author = ReaderOf(w.tx, actor);
    auto row = Load(w.tx, author, actor.user_id, id, Op::kEdit);
    if (!row) return std::unexpected(row.error());
    if (auto ok = CheckDistricts(w.tx, author, changed->audience); !ok)
      return std::unexpected(ok.error());
    changed->id = id;
    std::string note = Quoted(row->a.title);
    if (changed->title != row->a.title) note += " 标题改为" + Quoted(changed->title);
    auto moved = Move(
        w, row->a, AnnouncementAction::kEdit,
        [&](AnnouncementStatus) { return store::UpdateDraft(w.tx, *changed, w.now); }, "", note);
    if (!moved) return std::unexpected(moved.error());
    return ViewOf(w.tx, author, *store::FindAnnouncement(w.tx, id, actor.user_id));
  });
}

Status AnnouncementService::Delete(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    const Subject author = ReaderOf(w.tx, actor);
    auto row = Load(w.tx, author, actor.user_id, id, Op::kEdit);
    if (!row) return std::unexpected(row.error());
    auto moved = Move(w, row->a, AnnouncementAction::kDelete,
                      [&](AnnouncementStatus) { return store::DeleteDraft(w.tx, id); });
    if (!moved) return std::unexpected(moved.error());
    return {};
  });
}

Result<AnnouncementView> AnnouncementService::Publish(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnouncementView> {
    const Subject author = ReaderOf(w.tx, actor);
    auto row = Load(w.tx, author, actor.user_id, id, Op::kSubmit);
    if (!row) return std::unexpected(row.error());
    auto moved = Move(w, row->a, AnnouncementAction::kPublish, [&](AnnouncementStatus to) {
      return store::MoveAnnouncement(w.tx, id, row->a.status, to, w.now, "");
    });
    if (!moved) return std::unexpected(moved.error());
    return ViewOf(w.tx, author, *store::FindAnnouncement(w.tx, id, actor.user_id));
  });
}

Result<AnnouncementView> AnnouncementService::Withdraw(const Actor& actor, int64_t id,
                                                       const std::string& reason) {
  if (auto ok = domain::CheckReason(reason, true, "请填写撤回原因"); !ok)
    return std::unexpected(ok.error());
  const std::string why = domain::Trim(reason);
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<AnnouncementView> {
    const Subject author = ReaderOf(w.tx, actor);
    auto row = Load(w.tx, author, actor.user_id, id, Op::kWithdraw);
    if (!row) return std::unexpected(row.error());
    auto moved = Move(
        w, row->a, AnnouncementAction::kWithdraw,
        [&](AnnouncementStatus to) {
          return store::MoveAnnouncement(w.tx, id, row->a.status, to, w.now, why);
        },
        why);
    if (!moved) return std::unexpected(moved.error());
    return ViewOf(w.tx, author, *store::FindAnnouncement(w.tx, id, actor.user_id));
  });
}

Status AnnouncementService::MarkRead(const Actor& actor, int64_t id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    const Subject reader = ReaderOf(w.tx, actor);
    auto row = Load(w.tx, reader, actor.user_id, id, Op::kRead);
    if (!row) return std::unexpected(row.error());
    // Only the audience is counted: not the bureau opening its drafts or a notice to others.
    if (row->a.status != AnnouncementStatus::kPublished ||
        !domain::Reaches(row->a.audience, reader.role, reader.region_codes))
      return {};
    if (store::MarkAnnouncementRead(w.tx, id, actor.user_id, w.now))
      Audit(w, {"announcement.read", "announcement", std::to_string(id), Quoted(row->a.title)});
    return {};
  });
}

}  // namespace mvis::services
