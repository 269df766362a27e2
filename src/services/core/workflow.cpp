#include "services/core/workflow.hpp"

#include "domain/audit_names.hpp"
#include "services/core/audit.hpp"
#include "store/events_store.hpp"

namespace mvis::services {
namespace {

void Event(Work& w, const ObjectRef& object, const std::string& action, const std::string& from,
           const std::string& to, const std::string& reason) {
  domain::ObjectEvent e;
  e.object_type = std::string(domain::access::ToString(object.kind));
  e.object_id = object.id;
  e.at = w.now;
  if (w.actor.user_id) e.user_id = w.actor.user_id;
  e.username = w.actor.username;
  e.org_name = w.OrgName();
  e.action = action;
  e.from_status = from;
  e.to_status = to;
  e.reason = reason;
  store::InsertEvent(w.tx, e);
}

}  // namespace

void Record(Work& w, const Transition& t) {
  Event(w, t.object, t.action, t.from, t.to, t.reason);
  for (const auto& r : t.related) Event(w, r.object, r.action, r.from, r.to, r.reason);
  std::string kind(domain::access::ToString(t.object.kind));
  std::string summary = t.audit_note;
  if (!summary.empty()) summary += " ";
  summary += (t.from.empty() ? std::string("新建") : domain::StateName(kind, t.from)) + " → " +
             domain::StateName(kind, t.to);
  if (!t.reason.empty()) summary += "；原因：" + t.reason;
  Audit(w, {kind + "." + t.action, kind, t.object.id, summary});
  for (auto [to, notice] : t.notices) {
    if (notice.object_type.empty()) {
      notice.object_type = kind;
      notice.object_id = t.object.id;
    }
    Notify(w, to, notice);
  }
}

std::unexpected<Error> StateChanged(const std::string& what_zh) {
  return Fail(ErrorKind::kConflict, "state_changed", what_zh + "的状态已被他人更新，请刷新后重试");
}

}  // namespace mvis::services
