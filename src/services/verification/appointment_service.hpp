// Appointments for verification (预约检定, DESIGN.md §2.3): the enterprise books send-in or
// on-site verification of approved filings with an institute; the institute accepts (SMS to the
// enterprise naming its contact), rejects with a reason, and schedules; the enterprise may
// cancel before acceptance. Every step is a workflow step (services/core/workflow.hpp) checked
// against the appointment state machine and the access policy.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <string>
#include <vector>

#include "domain/page.hpp"
#include "services/core/context.hpp"
#include "services/verification/verification_views.hpp"

namespace mvis::services {

struct AppointmentInput {
  std::string mode;
  int64_t institute_org_id = 0;
  std::vector<int64_t> instrument_ids;
  std::string preferred_date;
  std::string contact_name;
  std::string contact_phone;
  std::string notes;
};

struct AppointmentQuery {
  std::string status, mode, query;
};

class AppointmentService {
 public:
  explicit AppointmentService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Enterprise: books (draft, or submitted when `submit`), edits a draft, submits, cancels.
  Result<AppointmentDetail> Create(const Actor& actor, const AppointmentInput& in, bool submit);
  Result<AppointmentDetail> Update(const Actor& actor, int64_t id, const AppointmentInput& in);
  Result<AppointmentDetail> Submit(const Actor& actor, int64_t id);
  Result<AppointmentDetail> Cancel(const Actor& actor, int64_t id, const std::string& reason);
  // Institute: accepts, rejects with a reason, schedules (date and verifiers of the institute).
  Result<AppointmentDetail> Accept(const Actor& actor, int64_t id);
  Result<AppointmentDetail> Reject(const Actor& actor, int64_t id, const std::string& reason);
  // Institute: an instrument of an accepted or scheduled appointment is 不具备检定条件 (e.g. no
  // access for the standard): a rectification order goes to the enterprise; the instrument needs
  // no record here and cannot be booked again until the order is closed.
  Result<AppointmentDetail> MarkUnverifiable(const Actor& actor, int64_t id, int64_t instrument_id,
                                             const std::string& reason);
  Result<AppointmentDetail> Schedule(const Actor& actor, int64_t id, const std::string& date,
                                     const std::vector<int64_t>& verifier_user_ids);

  // The appointment with its instruments (those the viewer may see), timeline and records.
  Result<AppointmentDetail> Get(const Actor& actor, int64_t id);
  // Without instruments, timeline and records.
  Result<domain::Page<AppointmentDetail>> List(const Actor& actor, const AppointmentQuery& q,
                                               const domain::PageRequest& page);
  // Open appointments for the home page: submitted ones awaiting an institute's acceptance, or
  // an enterprise's not yet completed ones.
  Result<int64_t> OpenCount(const Actor& actor);

 private:
  const ServiceContext& ctx_;
};

namespace verification {

// Appointment `id` if `actor` may do `op` to it (the access policy); not_found or
// permission_denied otherwise.
Result<domain::Appointment> LoadAppointment(store::Tx& tx, const Actor& actor, int64_t id,
                                            domain::access::Op op);
// Marks the appointment completed when every instrument has an approved record (after a record
// is approved, in the same transaction).
Status CompleteIfDone(Work& w, int64_t appointment_id);

}  // namespace verification
}  // namespace mvis::services
