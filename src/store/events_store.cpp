#include "store/events_store.hpp"

namespace mvis::store {
namespace {

constexpr char kColumns[] =
    "object_type, object_id, at, user_id, username, org_name, action, from_status, to_status, "
    "reason";

}  // namespace

void InsertEvent(Tx& tx, const domain::ObjectEvent& e) {
  tx.Exec(std::string("INSERT INTO object_events (") + kColumns +
              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {e.object_type, e.object_id, e.at, OptParam(e.user_id), e.username, e.org_name, e.action,
           e.from_status, e.to_status, e.reason});
}

void InsertImportedInstrumentEvents(Tx& tx, int64_t import_id, const domain::ObjectEvent& e) {
  tx.Exec(std::string("INSERT INTO object_events (") + kColumns +
              ") SELECT 'instrument', CAST(id AS TEXT), ?, ?, ?, ?, ?, ?, ?, ? FROM instruments "
              "WHERE import_id = ? ORDER BY id",
          {e.at, OptParam(e.user_id), e.username, e.org_name, e.action, e.from_status, e.to_status,
           e.reason, import_id});
}

std::vector<domain::ObjectEvent> ListEvents(Tx& tx, const std::string& object_type,
                                            const std::string& object_id) {
  std::vector<domain::ObjectEvent> out;
  // The person is named as the users table names them now (display names are corrected
  // rarely; the login name and organisation stay as they were when it happened).
  for (const auto& r :
       tx.Query("SELECT e.id, e.object_type, e.object_id, e.at, e.user_id, e.username, e.org_name, "
                "e.action, e.from_status, e.to_status, e.reason, COALESCE(u.display_name, '') "
                "FROM object_events e LEFT JOIN users u ON u.id = e.user_id "
                "WHERE e.object_type = ? AND e.object_id = ? ORDER BY e.id",
                {object_type, object_id})) {
    out.push_back({r.Int(0), r.Str(1), r.Str(2), r.Int(3), r.OptInt(4), r.Str(5), r.Str(6),
                   r.Str(7), r.Str(8), r.Str(9), r.Str(10), r.Str(11)});
  }
  return out;
}

void DeleteEvents(Tx& tx, const std::string& object_type, const std::string& object_id) {
  tx.Exec("DELETE FROM object_events WHERE object_type = ? AND object_id = ?",
          {object_type, object_id});
}

}  // namespace mvis::store
