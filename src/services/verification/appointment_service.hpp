// Appointments for verification (预约检定, DESIGN.md §2.3): the enterprise books send-in or
// on-site verification of approved filings with an institute; the institute accepts (SMS to the
// enterprise naming its contact), rejects with a reason, and schedules; the enterprise may
// cancel before acceptance. Every step is checked against the domain state machine and the
// caller's scope, kept on the appointment's timeline, audited and notified.
//
// Thread safety: stateless; one instance serves all request threads.
#pragma once

#include <string>
#include <vector>

#include "services/core/actor.hpp"
#include "store/appointments_store.hpp"
#include "store/database.hpp"
#include "store/instruments_store.hpp"
#include "store/page.hpp"

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

struct AppointmentDetail {
  store::AppointmentRow appointment;
  std::vector<store::InstrumentRow> instruments;
  std::vector<store::AppointmentEvent> events;
  std::vector<store::UserRow> verifiers;
  std::string institute_contact_name, institute_contact_phone;
};

class AppointmentService {
 public:
  explicit AppointmentService(store::Database& db) : db_(db) {}

  // Enterprise: books (draft, or submitted when `submit`), edits a draft, submits, cancels.
  Result<AppointmentDetail> Create(const Actor& actor, const AppointmentInput& in, bool submit);
  Result<AppointmentDetail> Update(const Actor& actor, int64_t id, const AppointmentInput& in);
  Result<AppointmentDetail> Submit(const Actor& actor, int64_t id);
  Result<AppointmentDetail> Cancel(const Actor& actor, int64_t id, const std::string& reason);
  // Institute: accepts, rejects with a reason, schedules (date and verifiers of the institute).
  Result<AppointmentDetail> Accept(const Actor& actor, int64_t id);
  Result<AppointmentDetail> Reject(const Actor& actor, int64_t id, const std::string& reason);
  Result<AppointmentDetail> Schedule(const Actor& actor, int64_t id, const std::string& date,
                                     const std::vector<int64_t>& verifier_user_ids);

  Result<AppointmentDetail> Get(const Actor& actor, int64_t id);
  Result<store::Page<AppointmentDetail>> List(const Actor& actor, const AppointmentQuery& q,
                                              const store::PageRequest& page);
  // Open appointments for the home page: submitted ones awaiting an institute's acceptance, or
  // an enterprise's not yet completed ones.
  Result<int64_t> OpenCount(const Actor& actor);

 private:
  store::Database& db_;
};

// Loads appointment `id` if `actor` may see it: its enterprise, its institute (not drafts), or a
// regulator covering an install district of one of its instruments.
Result<store::AppointmentRow> LoadVisibleAppointment(store::Tx& tx, const Actor& actor, int64_t id);
// Marks the appointment completed when every instrument has an approved record (called after a
// record is approved, in the same transaction).
void CompleteIfDone(store::Tx& tx, const Actor& actor, int64_t appointment_id);
// Appends a timeline event and the matching audit row.
void RecordAppointmentEvent(store::Tx& tx, const Actor& actor, const store::AppointmentRow& a,
                            const std::string& action, const std::string& from,
                            const std::string& reason);

}  // namespace mvis::services
