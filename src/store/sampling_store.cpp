#include "store/sampling_store.hpp"

#include <map>

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

constexpr char kSelectPlan[] =
    "SELECT p.id, p.name, p.year, p.region_codes, p.type_codes, p.ratio_e4, p.institute_org_id, "
    "o.name, p.exclude_days, p.deadline, p.status, p.draws, p.created_by, p.created_at, "
    "p.updated_at FROM sampling_plans p JOIN orgs o ON o.id = p.institute_org_id";

SamplingPlanRow ToPlan(const Row& r) {
  SamplingPlanRow p;
  p.id = r.Int(0);
  p.name = r.Str(1);
  p.year = static_cast<int>(r.Int(2));
  p.region_codes = SplitCsv(r.Str(3));
  p.type_codes = SplitCsv(r.Str(4));
  p.ratio_e4 = static_cast<int>(r.Int(5));
  p.institute_org_id = r.Int(6);
  p.institute_name = r.Str(7);
  p.exclude_days = static_cast<int>(r.Int(8));
  p.deadline = r.Str(9);
  p.status = Stored(domain::ParseSamplingStatus(r.Str(10)), "sampling_plans.status", r.Str(10));
  p.draws = static_cast<int>(r.Int(11));
  p.created_by = r.Int(12);
  p.created_at = r.Int(13);
  p.updated_at = r.Int(14);
  return p;
}

}  // namespace

int64_t InsertSamplingPlan(Tx& tx, const SamplingPlanRow& p) {
  return tx
      .QueryOne(
          "INSERT INTO sampling_plans (name, year, region_codes, type_codes, ratio_e4, "
          "institute_org_id, exclude_days, deadline, status, draws, created_by, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id",
          {p.name, int64_t{p.year}, JoinCsv(p.region_codes), JoinCsv(p.type_codes),
           int64_t{p.ratio_e4}, p.institute_org_id, int64_t{p.exclude_days}, p.deadline,
           std::string(domain::ToString(p.status)), p.created_by, p.created_at, p.updated_at})
      ->Int(0);
}

std::optional<SamplingPlanRow> FindSamplingPlan(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelectPlan) + " WHERE p.id = ?", {id});
  if (!r) return std::nullopt;
  return ToPlan(*r);
}

Page<SamplingPlanRow> ListSamplingPlans(Tx& tx, const SamplingPlanFilter& f,
                                        const PageRequest& page) {
  Where w;
  if (f.institute_org_id) w.Add("p.institute_org_id = ?", {*f.institute_org_id});
  if (f.region_codes) {
    // A plan for the whole city covers every district; else one of its districts must match.
    std::string cond = "p.region_codes = ''";
    std::vector<Param> params;
    for (const auto& code : *f.region_codes) {
      cond += " OR (',' || p.region_codes || ',') LIKE ?";
      params.emplace_back("%," + code + ",%");
    }
    w.Add("(" + cond + ")", std::move(params));
  }
  Page<SamplingPlanRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM sampling_plans p" + w.sql(), w.params())->Int(0);
  auto params = w.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r : tx.Query(
           std::string(kSelectPlan) + w.sql() + " ORDER BY p.id DESC LIMIT ? OFFSET ?", params))
    out.items.push_back(ToPlan(r));
  return out;
}

bool InsertDraw(Tx& tx, const SamplingDrawRow& d, domain::SamplingStatus from,
                domain::SamplingStatus to) {
  if (tx.Exec("UPDATE sampling_plans SET draws = ?, status = ?, updated_at = ? WHERE id = ? AND "
              "draws = ? AND status = ?",
              {int64_t{d.seq}, std::string(domain::ToString(to)), d.drawn_at, d.plan_id,
               int64_t{d.seq - 1}, std::string(domain::ToString(from))}) != 1)
    return false;
  tx.Exec(
      "INSERT INTO sampling_draws (plan_id, seq, seed, algorithm, frame, excluded, items, "
      "frame_size, strata, reason, drawn_by, drawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?)",
      {d.plan_id, int64_t{d.seq}, d.seed, d.algorithm, d.frame_json, d.excluded_json, d.items_json,
       d.frame_size, d.strata, d.reason, d.drawn_by, d.drawn_at});
  return true;
}

std::vector<SamplingDrawRow> ListDraws(Tx& tx, int64_t plan_id) {
  std::vector<SamplingDrawRow> out;
  for (const auto& r : tx.Query(
           "SELECT d.plan_id, d.seq, d.seed, d.algorithm, d.frame, d.excluded, d.items, "
           "d.frame_size, d.strata, d.reason, d.drawn_by, CASE WHEN u.display_name <> '' THEN "
           "u.display_name ELSE u.username END, d.drawn_at FROM sampling_draws d JOIN users u ON "
           "u.id = d.drawn_by WHERE d.plan_id = ? ORDER BY d.seq",
           {plan_id})) {
    out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Str(2), r.Str(3), r.Str(4), r.Str(5),
                   r.Str(6), r.Int(7), r.Int(8), r.Str(9), r.Int(10), r.Str(11), r.Int(12)});
  }
  return out;
}

std::vector<SampledInstrument> SampledInstruments(Tx& tx, const std::vector<int64_t>& ids) {
  std::vector<SampledInstrument> out;
  if (ids.empty()) return out;
  std::string in;
  std::vector<Param> params;
  for (auto id : ids) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  std::map<int64_t, SampledInstrument> found;
  for (const auto& r : tx.Query(
           "SELECT i.id, i.serial_no, i.brand, i.model, o.name, i.install_region_code, g.name, "
           "i.install_address, i.station_name, i.org_id FROM instruments i JOIN orgs o ON o.id = "
           "i.org_id "
           "JOIN regions g ON g.code = i.install_region_code WHERE i.id IN (" +
               in + ")",
           params)) {
    found[r.Int(0)] = {r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4),
                       r.Str(5), r.Str(6), r.Str(7), r.Str(8), r.Int(9)};
  }
  for (auto id : ids)
    if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
  return out;
}

std::vector<FrameCandidate> FrameCandidates(Tx& tx, const std::vector<std::string>& region_codes,
                                            const std::vector<std::string>& type_codes) {
  Where w;
  w.Add("status = 'approved'");
  w.Add("mandatory = 1");
  w.AddIn("type_code", type_codes);
  if (!region_codes.empty()) w.AddIn("install_region_code", region_codes);
  std::vector<FrameCandidate> out;
  for (const auto& r :
       tx.Query("SELECT id, brand, model FROM instruments" + w.sql() + " ORDER BY id", w.params()))
    out.push_back({r.Int(0), r.Str(1), r.Str(2)});
  return out;
}

std::vector<int64_t> VerifiedSince(Tx& tx, const std::string& since) {
  std::vector<int64_t> out;
  for (const auto& r : tx.Query(
           "SELECT DISTINCT instrument_id FROM certificates WHERE issue_date >= ? AND status <> "
           "'revoked'",
           {since}))
    out.push_back(r.Int(0));
  return out;
}

bool MoveSamplingPlan(Tx& tx, int64_t id, domain::SamplingStatus from, domain::SamplingStatus to,
                      int64_t now) {
  return tx.Exec("UPDATE sampling_plans SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                 {std::string(domain::ToString(to)), now, id,
                  std::string(domain::ToString(from))}) == 1;
}

std::map<int64_t, SampleTask> SampleTasks(Tx& tx, int64_t plan_id) {
  std::map<int64_t, SampleTask> out;
  for (const auto& r :
       tx.Query("SELECT x.instrument_id, a.org_id, a.id, a.status FROM appointments a JOIN "
                "appointment_items x ON x.appointment_id = a.id WHERE a.sampling_plan_id = ? AND "
                "a.status <> 'cancelled' ORDER BY a.id",
                {plan_id})) {
    SampleTask t;
    t.instrument_id = r.Int(0);
    t.org_id = r.Int(1);
    t.appointment_id = r.Int(2);
    t.appointment_status = r.Str(3);
    out[t.instrument_id] = t;
  }
  // The latest record of each task, with the number of the document its approval issued.
  for (const auto& r : tx.Query(
           "SELECT v.instrument_id, v.id, v.status, v.conclusion, v.data, v.failed_items, "
           "COALESCE((SELECT c.number FROM certificates c WHERE c.verification_id = v.id ORDER "
           "BY c.revision DESC LIMIT 1), '') FROM verifications v JOIN appointments a ON a.id = "
           "v.appointment_id WHERE a.sampling_plan_id = ? ORDER BY v.id",
           {plan_id})) {
    auto it = out.find(r.Int(0));
    if (it == out.end()) continue;
    it->second.record_id = r.Int(1);
    it->second.record_status = r.Str(2);
    it->second.conclusion = r.Str(3);
    it->second.record_data = r.Str(4);
    it->second.failed_items = r.Str(5);
    it->second.certificate_no = r.Str(6);
  }
  for (const auto& r : tx.Query(
           "SELECT u.instrument_id, u.reason, u.rectification_id FROM appointment_unverifiable u "
           "JOIN appointments a ON a.id = u.appointment_id WHERE a.sampling_plan_id = ?",
           {plan_id})) {
    auto it = out.find(r.Int(0));
    if (it == out.end()) continue;
    it->second.unverifiable_reason = r.Str(1);
    it->second.rectification_id = r.Int(2);
  }
  for (const auto& r :
       tx.Query("SELECT instrument_id, id FROM rectifications WHERE source = 'sampling_failure' "
                "AND source_id = ? ORDER BY id",
                {plan_id})) {
    auto it = out.find(r.Int(0));
    if (it != out.end()) it->second.rectification_id = r.Int(1);
  }
  return out;
}

}  // namespace mvis::store
