// Appointments (预约检定): the booking and its instruments (timelines: events_store.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/appointment.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct AppointmentFilter {
  std::optional<int64_t> org_id;
  std::optional<int64_t> institute_org_id;
  std::optional<std::vector<std::string>> region_codes;  // some instrument installed there
  bool exclude_drafts = false;
  std::vector<domain::AppointmentStatus> statuses;  // empty: any
  std::optional<domain::AppointmentMode> mode;
  std::string query;  // enterprise name, contact name
};

int64_t InsertAppointment(Tx& tx, const domain::Appointment& a);
// Writes every editable and workflow field of `a` and replaces its instrument list, provided the
// stored appointment is still in `expected` status; false (nothing written) otherwise.
bool UpdateAppointment(Tx& tx, const domain::Appointment& a, domain::AppointmentStatus expected);
std::optional<domain::Appointment> FindAppointment(Tx& tx, int64_t id);
Page<domain::Appointment> ListAppointments(Tx& tx, const AppointmentFilter& f,
                                           const PageRequest& page);
int64_t CountAppointments(Tx& tx, const AppointmentFilter& f);

// Instruments among `ids` already held by an open appointment other than `exclude_id` (those
// marked 不具备检定条件 there no longer count as held).
std::vector<int64_t> InstrumentsInOpenAppointments(Tx& tx, const std::vector<int64_t>& ids,
                                                   int64_t exclude_id);

// Marks an instrument of the appointment 不具备检定条件; false when it was already marked.
bool InsertUnverifiable(Tx& tx, int64_t appointment_id, const domain::UnverifiableMark& mark,
                        int64_t marked_by);

std::string JoinIds(const std::vector<int64_t>& ids);
std::vector<int64_t> SplitIds(const std::string& csv);

}  // namespace mvis::store
