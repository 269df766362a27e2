#include "store/audit_store.hpp"

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

constexpr char kSelect[] =
    "SELECT seq, at, user_id, username, role, org_id, action, object_type, object_id, summary, "
    "ip, result, prev_hash, hash FROM audit_log";

domain::AuditEntry ToEntry(const Row& r) {
  domain::AuditEntry e;
  e.seq = r.Int(0);
  e.at = r.Int(1);
  e.user_id = r.OptInt(2);
  e.username = r.Str(3);
  e.role = r.Str(4);
  e.org_id = r.OptInt(5);
  e.action = r.Str(6);
  e.object_type = r.Str(7);
  e.object_id = r.Str(8);
  e.summary = r.Str(9);
  e.ip = r.Str(10);
  e.result = r.Str(11);
  e.prev_hash = r.Str(12);
  e.hash = r.Str(13);
  return e;
}

}  // namespace

void AppendAudit(Tx& tx, domain::AuditEntry e) {
  auto head = tx.QueryOne("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
  e.seq = head->Int(0);
  e.prev_hash = head->Str(1);
  e.hash = domain::ComputeAuditHash(e);
  tx.Exec(
      "INSERT INTO audit_log (seq, at, user_id, username, role, org_id, action, object_type, "
      "object_id, summary, ip, result, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?)",
      {e.seq, e.at, OptParam(e.user_id), e.username, e.role, OptParam(e.org_id), e.action,
       e.object_type, e.object_id, e.summary, e.ip, e.result, e.prev_hash, e.hash});
  tx.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", {e.hash});
}

Page<domain::AuditEntry> ListAudit(Tx& tx, const AuditFilter& f, const PageRequest& page) {
  Where where;
  if (!f.action.empty()) where.Add("action LIKE ? ESCAPE '!'", {LikePattern(f.action).substr(1)});
  if (f.user_id) where.Add("user_id = ?", {*f.user_id});
  if (!f.words.empty()) {
    std::string cond =
        "(action LIKE ? ESCAPE '!' OR summary LIKE ? ESCAPE '!' OR username LIKE ? "
        "ESCAPE '!'";
    const std::string like = LikePattern(f.words);
    std::vector<Param> params = {like, like, like};
    for (const auto& a : f.named_actions) {
      cond += " OR action = ?";
      params.emplace_back(a);
    }
    where.Add(cond + ")", std::move(params));
  }
  if (f.from) where.Add("at >= ?", {*f.from});
  if (f.before) where.Add("at < ?", {*f.before});
  Page<domain::AuditEntry> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM audit_log" + where.sql(), where.params())->Int(0);
  auto params = where.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r : tx.Query(
           std::string(kSelect) + where.sql() + " ORDER BY seq DESC LIMIT ? OFFSET ?", params)) {
    out.items.push_back(ToEntry(r));
  }
  return out;
}

std::vector<domain::AuditEntry> AllAudit(Tx& tx) {
  std::vector<domain::AuditEntry> out;
  for (const auto& r : tx.Query(std::string(kSelect) + " ORDER BY seq")) out.push_back(ToEntry(r));
  return out;
}

std::pair<int64_t, std::string> AuditHead(Tx& tx) {
  auto r = tx.QueryOne("SELECT seq, hash FROM audit_head WHERE id = 1");
  return {r->Int(0), r->Str(1)};
}

}  // namespace mvis::store
