// Appointments (预约检定): the booking, its instruments and its event timeline.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct AppointmentRow {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;  // filled by reads
  int64_t institute_org_id = 0;
  std::string institute_name;  // filled by reads
  std::string mode;
  std::string status;
  std::string preferred_date;
  std::string scheduled_date;
  std::string contact_name;
  std::string contact_phone;
  std::string notes;
  std::string reason;
  std::vector<int64_t> verifier_user_ids;
  std::vector<int64_t> instrument_ids;  // filled by reads
  int64_t verified_count = 0;           // instruments with an approved record; filled by reads
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> accepted_at;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct AppointmentFilter {
  std::optional<int64_t> org_id;
  std::optional<int64_t> institute_org_id;
  std::optional<std::vector<std::string>> region_codes;  // some instrument installed there
  bool exclude_drafts = false;
  std::string status;
  std::string mode;
  std::string query;  // enterprise name, contact name
};

int64_t InsertAppointment(Tx& tx, const AppointmentRow& a);
// Writes every editable and workflow field of `a` and replaces its instrument list.
void UpdateAppointment(Tx& tx, const AppointmentRow& a);
std::optional<AppointmentRow> FindAppointment(Tx& tx, int64_t id);
Page<AppointmentRow> ListAppointments(Tx& tx, const AppointmentFilter& f, const PageRequest& page);
int64_t CountAppointments(Tx& tx, const AppointmentFilter& f);

// Instruments among `ids` already held by an open appointment other than `exclude_id`.
std::vector<int64_t> InstrumentsInOpenAppointments(Tx& tx, const std::vector<int64_t>& ids,
                                                   int64_t exclude_id);

struct AppointmentEvent {
  int64_t appointment_id = 0;
  int64_t at = 0;
  std::optional<int64_t> user_id;
  std::string username, org_name, action, from_status, to_status, reason;
};
void InsertAppointmentEvent(Tx& tx, const AppointmentEvent& e);
std::vector<AppointmentEvent> ListAppointmentEvents(Tx& tx, int64_t appointment_id);

std::string JoinIds(const std::vector<int64_t>& ids);
std::vector<int64_t> SplitIds(const std::string& csv);

}  // namespace mvis::store
