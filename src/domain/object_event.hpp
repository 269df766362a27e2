// One step on an object's timeline (办理记录): who did what and when, the state it led to and
// why. Instruments, appointments, verification records, certificates and imports all keep their
// history as rows of this one shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mvis::domain {

struct ObjectEvent {
  int64_t id = 0;
  std::string object_type;  // "instrument", "appointment", "verification", "certificate", "import"
  std::string object_id;    // the id, or a certificate's number
  int64_t at = 0;           // unix seconds
  std::optional<int64_t> user_id;
  std::string username;
  std::string org_name;     // the acting user's organisation when it happened
  std::string action;       // e.g. "submit", "approve", "verification_pass"
  std::string from_status;  // "" when the object came into being
  std::string to_status;
  std::string reason;        // a reason, or the step's detail (a date and verifiers, a number)
  std::string display_name;  // read only: the acting user's name (张经理), "" for no user
};

}  // namespace mvis::domain
