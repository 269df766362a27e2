#include "store/work_stats_store.hpp"

#include "store/inspections_sql.hpp"

namespace mvis::store {

std::vector<IssuedResult> IssuedResults(Tx& tx, int64_t institute, const std::string& from,
                                        const std::string& to) {
  std::vector<IssuedResult> out;
  for (const auto& r : tx.Query(
           "SELECT CASE WHEN a.sampling_plan_id IS NOT NULL THEN 'sampling' ELSE v.kind END, "
           "c.kind, i.type_code, i.brand, i.model, c.install_region_code, c.verified_on, "
           "c.org_id, v.data, v.failed_items, a.submitted_at, a.accepted_at, v.created_at, "
           "c.created_at FROM certificates c JOIN verifications v ON v.id = c.verification_id "
           "JOIN appointments a ON a.id = v.appointment_id JOIN instruments i ON i.id = "
           "c.instrument_id WHERE c.institute_org_id = ? AND c.revision = 1 AND i.mandatory = 1 "
           "AND c.verified_on >= ? AND c.verified_on <= ? ORDER BY c.id",
           {institute, from, to})) {
    IssuedResult x;
    x.kind = r.Str(0);
    x.passed = r.Str(1) == "certificate";
    x.type_code = r.Str(2);
    x.brand = r.Str(3);
    x.model = r.Str(4);
    x.region_code = r.Str(5);
    x.verified_on = r.Str(6);
    x.org_id = r.Int(7);
    x.data = r.Str(8);
    x.failed_items = r.Str(9);
    x.submitted_at = r.OptInt(10);
    x.accepted_at = r.OptInt(11);
    x.recorded_at = r.Int(12);
    x.issued_at = r.Int(13);
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<RefusalCount> RefusedAppointments(Tx& tx, int64_t institute, int64_t from_epoch,
                                              int64_t to_epoch) {
  std::vector<RefusalCount> out;
  for (const auto& r : tx.Query(
           "SELECT reason, COUNT(*) FROM appointments WHERE institute_org_id = ? AND status = "
           "'rejected' AND updated_at >= ? AND updated_at < ? GROUP BY reason ORDER BY COUNT(*) "
           "DESC, reason",
           {institute, from_epoch, to_epoch}))
    out.push_back({r.Str(0), r.Int(1)});
  return out;
}

// ---- milestones

namespace {

constexpr char kSelectMilestone[] =
    "SELECT id, title, kind, deadline, target_pct, since, note, status, created_by, created_at, "
    "updated_at FROM milestones";

MilestoneRow ToMilestone(const Row& r) {
  return {r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Int(4), r.Str(5),
          r.Str(6), r.Str(7), r.Int(8), r.Int(9), r.Int(10)};
}

}  // namespace

int64_t InsertMilestone(Tx& tx, const MilestoneRow& m) {
  return tx
      .QueryOne(
          "INSERT INTO milestones (title, kind, deadline, target_pct, since, note, status, "
          "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {m.title, m.kind, m.deadline, m.target_pct, m.since, m.note, m.status, m.created_by,
           m.created_at, m.updated_at})
      ->Int(0);
}

std::optional<MilestoneRow> FindMilestone(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelectMilestone) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return ToMilestone(*r);
}

Page<MilestoneRow> ListMilestones(Tx& tx, const std::string& status, const PageRequest& page) {
  const std::string where = status.empty() ? "" : " WHERE status = ?";
  std::vector<Param> params;
  if (!status.empty()) params.emplace_back(status);
  Page<MilestoneRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM milestones" + where, params)->Int(0);
  for (const auto& r :
       tx.Query(std::string(kSelectMilestone) + where + " ORDER BY deadline, id LIMIT ? OFFSET ?",
                inspection_sql::Paged(params, page)))
    out.items.push_back(ToMilestone(r));
  return out;
}

bool SaveMilestone(Tx& tx, const MilestoneRow& m) {
  return tx.Exec(
             "UPDATE milestones SET title = ?, kind = ?, deadline = ?, target_pct = ?, since = ?, "
             "note = ?, status = ?, updated_at = ? WHERE id = ? AND status = 'active'",
             {m.title, m.kind, m.deadline, m.target_pct, m.since, m.note, m.status, m.updated_at,
              m.id}) == 1;
}

std::vector<RegionRatio> FirstVerificationSince(Tx& tx, const std::string& since) {
  std::vector<RegionRatio> out;
  for (const auto& r :
       tx.Query("SELECT install_region_code, SUM(CASE WHEN verification_state IN ('never', "
                "'revoked') THEN 0 ELSE 1 END), COUNT(*) FROM instruments WHERE mandatory = 1 AND "
                "status = 'approved' AND in_use_date >= ? GROUP BY install_region_code",
                {since}))
    out.push_back({r.Str(0), r.Int(1), r.Int(2)});
  return out;
}

std::vector<RegionRatio> InspectionsPublished(Tx& tx, int year) {
  std::vector<RegionRatio> out;
  for (const auto& r : tx.Query(
           "SELECT t.region_code, COALESCE(SUM(CASE WHEN b.published_at IS NOT NULL THEN 1 ELSE "
           "0 END), 0), COUNT(*) FROM inspection_objects b JOIN inspection_tasks t ON t.id = "
           "b.task_id WHERE t.status <> 'draft' AND t.task_date >= ? AND t.task_date <= ? "
           "GROUP BY t.region_code",
           {std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"}))
    out.push_back({r.Str(0), r.Int(1), r.Int(2)});
  return out;
}

}  // namespace mvis::store
