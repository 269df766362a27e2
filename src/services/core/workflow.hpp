// The workflow kernel: every state change of every business object (filing, appointment,
// sign-off, certificate, import) is one Step. Inside the caller's transaction a step
//   1. asks the object's state machine (a pure domain function) for the state after the action,
//   2. writes the change with a conditional update (… WHERE status = <the state it was read in>);
//      when the row has left that state meanwhile — a concurrent request won — nothing is written
//      and the step fails with "state_changed",
//   3. records one row on the object's timeline (object_events), rows on related timelines (the
//      instrument of a certificate) and one audit row,
//   4. queues the notices.
// A new workflow is a state table in the domain, a conditional update in the store and a thin
// service whose methods build Steps (docs/architecture.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/access_policy.hpp"
#include "domain/error.hpp"
#include "services/core/context.hpp"
#include "services/core/notifier.hpp"

namespace mvis::services {

// A business object, as timelines and the audit log name it.
struct ObjectRef {
  domain::access::Kind kind;
  std::string id;  // the id, or a certificate's number
};

// A line on another object's timeline caused by this step (e.g. "verification_pass" on the
// instrument when its certificate is issued).
struct RelatedEvent {
  ObjectRef object;
  std::string action;
  std::string from, to;  // that object's state before and after ("" when unchanged or none)
  std::string reason;
};

// A change that has been applied, as it is recorded.
struct Transition {
  ObjectRef object;
  std::string action;  // stable name, e.g. "submit"; the audit action is "<kind>.<action>"
  std::string from;    // state names as stored; "" when the object came into being
  std::string to;
  std::string reason;      // on the timeline and in the audit row
  std::string audit_note;  // what else the audit row should say (a serial number, a duty)
  std::vector<RelatedEvent> related;
  std::vector<std::pair<Recipient, Notice>> notices;
};

// Records an applied transition: the timeline rows, the audit row and the notices.
void Record(Work& w, const Transition& t);

// The answer of a step whose conditional update found the object no longer in the state it was
// read in (kConflict "state_changed").
std::unexpected<Error> StateChanged(const std::string& what_zh);

// One step of a workflow whose states are the enum `State` (with domain::ToString(State)).
template <typename State>
struct Step {
  ObjectRef object;
  std::string action;
  std::string what_zh;                  // the object in Chinese, for the state_changed message
  State from;                           // the state the object was read in
  Result<State> next;                   // the state machine's answer for (from, action)
  std::function<bool(State to)> write;  // the conditional update; false: the row left `from`
  std::string reason;
  std::string audit_note;
  std::vector<RelatedEvent> related;
  std::vector<std::pair<Recipient, Notice>> notices;
};

// Takes `step` in w's transaction and returns the new state. Errors: the state machine's
// (e.g. a failed precondition for an illegal action), or state_changed.
template <typename State>
Result<State> Advance(Work& w, Step<State> step) {
  if (!step.next) return std::unexpected(step.next.error());
  const State to = *step.next;
  if (!step.write(to)) return StateChanged(step.what_zh);
  Record(w, Transition{std::move(step.object), std::move(step.action),
                       std::string(ToString(step.from)), std::string(ToString(to)),
                       std::move(step.reason), std::move(step.audit_note), std::move(step.related),
                       std::move(step.notices)});
  return to;
}

}  // namespace mvis::services
