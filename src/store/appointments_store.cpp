#include "store/appointments_store.hpp"

#include <algorithm>
#include <string>

#include "store/sql_builder.hpp"

namespace mvis::store {

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<int64_t> SplitIds(const std::string& csv) {
  std::vector<int64_t> out;
  size_t start = 0;
  while (start < csv.size()) {
    size_t comma = csv.find(',', start);
    if (comma == std::string::npos) comma = csv.size();
    if (comma > start) out.push_back(std::stoll(csv.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

namespace {

constexpr char kSelect[] =
    "SELECT a.id, a.org_id, o.name, a.institute_org_id, n.name, a.mode, a.status, "
    "a.preferred_date, a.scheduled_date, a.contact_name, a.contact_phone, a.notes, a.reason, "
    "a.verifier_user_ids, a.submitted_at, a.accepted_at, a.created_by, a.created_at, "
    "a.updated_at, a.sampling_plan_id, COALESCE(sp.name, '') FROM appointments a JOIN orgs o ON "
    "o.id = a.org_id JOIN orgs n ON n.id = a.institute_org_id LEFT JOIN sampling_plans sp ON "
    "sp.id = a.sampling_plan_id";

domain::Appointment ToAppointment(const Row& r) {
  domain::Appointment a;
  a.id = r.Int(0);
  a.org_id = r.Int(1);
  a.org_name = r.Str(2);
  a.institute_org_id = r.Int(3);
  a.institute_name = r.Str(4);
  a.mode = Stored(domain::ParseAppointmentMode(r.Str(5)), "appointments.mode", r.Str(5));
  a.status = Stored(domain::ParseAppointmentStatus(r.Str(6)), "appointments.status", r.Str(6));
  a.preferred_date = r.Str(7);
  a.scheduled_date = r.Str(8);
  a.contact_name = r.Str(9);
  a.contact_phone = r.Str(10);
  a.notes = r.Str(11);
  a.reason = r.Str(12);
  a.verifier_user_ids = SplitIds(r.Str(13));
  a.submitted_at = r.OptInt(14);
  a.accepted_at = r.OptInt(15);
  a.created_by = r.Int(16);
  a.created_at = r.Int(17);
  a.updated_at = r.Int(18);
  a.sampling_plan_id = r.OptInt(19);
  a.sampling_plan_name = r.Str(20);
  return a;
}

void FillItems(Tx& tx, domain::Appointment& a) {
  a.instrument_ids.clear();
  a.region_codes.clear();
  for (const auto& r :
       tx.Query("SELECT x.instrument_id, i.install_region_code FROM appointment_items x JOIN "
                "instruments i ON i.id = x.instrument_id WHERE x.appointment_id = ? ORDER BY "
                "x.instrument_id",
                {a.id})) {
    a.instrument_ids.push_back(r.Int(0));
    if (std::find(a.region_codes.begin(), a.region_codes.end(), r.Str(1)) == a.region_codes.end())
      a.region_codes.push_back(r.Str(1));
  }
  a.verified_count =
      tx.QueryOne(
            "SELECT COUNT(DISTINCT instrument_id) FROM verifications WHERE appointment_id = ? AND "
            "status = 'approved'",
            {a.id})
          ->Int(0);
  a.unverifiable.clear();
  for (const auto& r :
       tx.Query("SELECT instrument_id, reason, rectification_id, marked_at FROM "
                "appointment_unverifiable WHERE appointment_id = ? ORDER BY instrument_id",
                {a.id}))
    a.unverifiable.push_back({r.Int(0), r.Str(1), r.Int(2), r.Int(3)});
}

void WriteItems(Tx& tx, const domain::Appointment& a) {
  tx.Exec("DELETE FROM appointment_items WHERE appointment_id = ?", {a.id});
  for (auto id : a.instrument_ids)
    tx.Exec("INSERT INTO appointment_items (appointment_id, instrument_id) VALUES (?, ?)",
            {a.id, id});
}

Where BuildWhere(const AppointmentFilter& f) {
  Where w;
  if (f.org_id) w.Add("a.org_id = ?", {*f.org_id});
  if (f.institute_org_id) w.Add("a.institute_org_id = ?", {*f.institute_org_id});
  if (f.exclude_drafts) w.Add("a.status <> 'draft'");
  if (f.region_codes) {
    Where in;
    in.AddIn("i.install_region_code", *f.region_codes);
    w.Add(
        "EXISTS (SELECT 1 FROM appointment_items x JOIN instruments i ON i.id = "
        "x.instrument_id" +
            in.sql() + " AND x.appointment_id = a.id)",
        in.params());
  }
  if (!f.statuses.empty()) {
    std::vector<std::string> names;
    for (auto s : f.statuses) names.emplace_back(domain::ToString(s));
    w.AddIn("a.status", names);
  }
  if (f.mode) w.Add("a.mode = ?", {std::string(domain::ToString(*f.mode))});
  if (!f.query.empty()) {
    auto p = LikePattern(f.query);
    w.Add("(LOWER(o.name) LIKE ? ESCAPE '!' OR LOWER(a.contact_name) LIKE ? ESCAPE '!')", {p, p});
  }
  return w;
}

constexpr char kFrom[] =
    " FROM appointments a JOIN orgs o ON o.id = a.org_id JOIN orgs n ON n.id = "
    "a.institute_org_id";

}  // namespace

int64_t InsertAppointment(Tx& tx, const domain::Appointment& a) {
  int64_t id =
      tx.QueryOne(
            "INSERT INTO appointments (org_id, institute_org_id, mode, status, preferred_date, "
            "scheduled_date, contact_name, contact_phone, notes, reason, verifier_user_ids, "
            "submitted_at, accepted_at, created_by, created_at, updated_at, sampling_plan_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {a.org_id, a.institute_org_id, std::string(domain::ToString(a.mode)),
             std::string(domain::ToString(a.status)), a.preferred_date, a.scheduled_date,
             a.contact_name, a.contact_phone, a.notes, a.reason, JoinIds(a.verifier_user_ids),
             OptParam(a.submitted_at), OptParam(a.accepted_at), a.created_by, a.created_at,
             a.updated_at, OptParam(a.sampling_plan_id)})
          ->Int(0);
  domain::Appointment with_id = a;
  with_id.id = id;
  WriteItems(tx, with_id);
  return id;
}

bool UpdateAppointment(Tx& tx, const domain::Appointment& a, domain::AppointmentStatus expected) {
  if (tx.Exec("UPDATE appointments SET institute_org_id = ?, mode = ?, status = ?, "
              "preferred_date = ?, scheduled_date = ?, contact_name = ?, contact_phone = ?, "
              "notes = ?, reason = ?, verifier_user_ids = ?, submitted_at = ?, accepted_at = ?, "
              "updated_at = ? WHERE id = ? AND status = ?",
              {a.institute_org_id, std::string(domain::ToString(a.mode)),
               std::string(domain::ToString(a.status)), a.preferred_date, a.scheduled_date,
               a.contact_name, a.contact_phone, a.notes, a.reason, JoinIds(a.verifier_user_ids),
               OptParam(a.submitted_at), OptParam(a.accepted_at), a.updated_at, a.id,
               std::string(domain::ToString(expected))}) != 1)
    return false;
  WriteItems(tx, a);
  return true;
}

std::optional<domain::Appointment> FindAppointment(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelect) + " WHERE a.id = ?", {id});
  if (!r) return std::nullopt;
  auto a = ToAppointment(*r);
  FillItems(tx, a);
  return a;
}

Page<domain::Appointment> ListAppointments(Tx& tx, const AppointmentFilter& f,
                                           const PageRequest& page) {
  Where w = BuildWhere(f);
  Page<domain::Appointment> out;
  out.total = tx.QueryOne(std::string("SELECT COUNT(*)") + kFrom + w.sql(), w.params())->Int(0);
  auto params = w.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r :
       tx.Query(std::string(kSelect) + w.sql() + " ORDER BY a.id DESC LIMIT ? OFFSET ?", params)) {
    auto a = ToAppointment(r);
    FillItems(tx, a);
    out.items.push_back(std::move(a));
  }
  return out;
}

int64_t CountAppointments(Tx& tx, const AppointmentFilter& f) {
  Where w = BuildWhere(f);
  return tx.QueryOne(std::string("SELECT COUNT(*)") + kFrom + w.sql(), w.params())->Int(0);
}

std::vector<int64_t> InstrumentsInOpenAppointments(Tx& tx, const std::vector<int64_t>& ids,
                                                   int64_t exclude_id) {
  std::vector<int64_t> out;
  if (ids.empty()) return out;
  std::string in;
  std::vector<Param> params;
  for (auto id : ids) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  params.emplace_back(exclude_id);
  for (const auto& r : tx.Query(
           "SELECT DISTINCT x.instrument_id FROM appointment_items x JOIN appointments a ON a.id "
           "= x.appointment_id WHERE x.instrument_id IN (" +
               in +
               ") AND a.id <> ? AND a.status IN ('submitted', 'accepted', 'scheduled') AND NOT "
               "EXISTS (SELECT 1 FROM appointment_unverifiable u WHERE u.appointment_id = a.id "
               "AND u.instrument_id = x.instrument_id) ORDER BY x.instrument_id",
           params))
    out.push_back(r.Int(0));
  return out;
}

bool InsertUnverifiable(Tx& tx, int64_t appointment_id, const domain::UnverifiableMark& mark,
                        int64_t marked_by) {
  return tx.Exec(
             "INSERT INTO appointment_unverifiable (appointment_id, instrument_id, reason, "
             "rectification_id, marked_by, marked_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO "
             "NOTHING",
             {appointment_id, mark.instrument_id, mark.reason, mark.rectification_id, marked_by,
              mark.marked_at}) == 1;
}

}  // namespace mvis::store
