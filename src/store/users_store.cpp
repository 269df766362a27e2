#include "store/users_store.hpp"

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

constexpr char kSelect[] =
    "SELECT u.id, u.username, u.password_hash, u.role, u.org_id, u.display_name, u.phone, "
    "u.duties, u.status, u.failed_logins, u.locked_until, u.created_at, u.password_changed_at, "
    "COALESCE(o.name, '') FROM users u LEFT JOIN orgs o ON o.id = u.org_id";

UserRow ToUser(const Row& r) {
  UserRow u;
  u.id = r.Int(0);
  u.username = r.Str(1);
  u.password_hash = r.Str(2);
  u.role = Stored(domain::ParseRole(r.Str(3)), "users.role", r.Str(3));
  u.org_id = r.OptInt(4);
  u.display_name = r.Str(5);
  u.phone = r.Str(6);
  u.duties = Stored(domain::ParseDuties(r.Str(7)), "users.duties", r.Str(7));
  u.status = Stored(domain::ParseAccountStatus(r.Str(8)), "users.status", r.Str(8));
  u.failed_logins = static_cast<int>(r.Int(9));
  u.locked_until = r.Int(10);
  u.created_at = r.Int(11);
  u.password_changed_at = r.Int(12);
  u.org_name = r.Str(13);
  return u;
}

}  // namespace

int64_t InsertUser(Tx& tx, const UserRow& u) {
  return tx
      .QueryOne(
          "INSERT INTO users (username, password_hash, role, org_id, display_name, phone, duties, "
          "status, failed_logins, locked_until, created_at, password_changed_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?) RETURNING id",
          {u.username, u.password_hash, std::string(domain::ToString(u.role)), OptParam(u.org_id),
           u.display_name, u.phone, domain::JoinDuties(u.duties),
           std::string(domain::ToString(u.status)), u.created_at, u.password_changed_at})
      ->Int(0);
}

std::optional<UserRow> FindUser(Tx& tx, int64_t id, bool for_update) {
  auto r = tx.QueryOne(
      std::string(kSelect) + " WHERE u.id = ?" + (for_update ? ForUpdate(tx, "u") : std::string()),
      {id});
  if (!r) return std::nullopt;
  return ToUser(*r);
}

std::optional<UserRow> FindUserByUsername(Tx& tx, const std::string& username, bool for_update) {
  auto r = tx.QueryOne(std::string(kSelect) + " WHERE u.username = ?" +
                           (for_update ? ForUpdate(tx, "u") : std::string()),
                       {username});
  if (!r) return std::nullopt;
  return ToUser(*r);
}

Page<UserRow> ListUsers(Tx& tx, const UserFilter& f, const PageRequest& page) {
  Where where;
  if (f.role) where.Add("u.role = ?", {std::string(domain::ToString(*f.role))});
  if (f.org_id) where.Add("u.org_id = ?", {*f.org_id});
  if (!f.query.empty()) {
    where.Add("(LOWER(u.username) LIKE ? ESCAPE '!' OR LOWER(u.display_name) LIKE ? ESCAPE '!')",
              {LikePattern(f.query), LikePattern(f.query)});
  }
  Page<UserRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM users u" + where.sql(), where.params())->Int(0);
  auto params = where.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r : tx.Query(
           std::string(kSelect) + where.sql() + " ORDER BY u.id DESC LIMIT ? OFFSET ?", params)) {
    out.items.push_back(ToUser(r));
  }
  return out;
}

std::vector<UserRow> ActiveUsersOfOrg(Tx& tx, int64_t org_id) {
  std::vector<UserRow> out;
  for (const auto& r :
       tx.Query(std::string(kSelect) + " WHERE u.org_id = ? AND u.status = 'active' ORDER BY u.id",
                {org_id})) {
    out.push_back(ToUser(r));
  }
  return out;
}

void SetLoginFailures(Tx& tx, int64_t user_id, int failed_logins, int64_t locked_until) {
  tx.Exec("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
          {int64_t{failed_logins}, locked_until, user_id});
}

void UpdateUserProfile(Tx& tx, const UserRow& u) {
  tx.Exec("UPDATE users SET display_name = ?, phone = ?, duties = ? WHERE id = ?",
          {u.display_name, u.phone, domain::JoinDuties(u.duties), u.id});
}

void SetUserStatus(Tx& tx, int64_t user_id, domain::AccountStatus status) {
  tx.Exec("UPDATE users SET status = ? WHERE id = ?",
          {std::string(domain::ToString(status)), user_id});
}

void SetPasswordHash(Tx& tx, int64_t user_id, const std::string& hash, int64_t changed_at) {
  tx.Exec(
      "UPDATE users SET password_hash = ?, password_changed_at = ?, failed_logins = 0, "
      "locked_until = 0 WHERE id = ?",
      {hash, changed_at, user_id});
}

}  // namespace mvis::store
