#include "store/rectifications_store.hpp"

#include <nlohmann/json.hpp>

#include "store/sql_builder.hpp"

namespace mvis::store {

namespace {

using Json = nlohmann::json;

constexpr char kFrom[] =
    " FROM rectifications r JOIN orgs o ON o.id = r.org_id LEFT JOIN regions g ON g.code = "
    "r.region_code LEFT JOIN instruments i ON i.id = r.instrument_id";
constexpr char kColumns[] =
    "SELECT r.id, r.org_id, o.name, r.region_code, COALESCE(g.name, r.region_code), "
    "r.institute_org_id, r.instrument_id, COALESCE(i.serial_no, ''), r.source, r.source_id, "
    "r.source_name, r.items, r.deadline, r.status, r.answer, r.answered_at, r.decision_reason, "
    "r.created_by, r.created_at, r.updated_at, r.closed_at";

RectificationRow ToRow(const Row& q) {
  RectificationRow r;
  r.id = q.Int(0);
  r.org_id = q.Int(1);
  r.org_name = q.Str(2);
  r.region_code = q.Str(3);
  r.region_name = q.Str(4);
  r.institute_org_id = q.OptInt(5);
  r.instrument_id = q.OptInt(6);
  r.serial_no = q.Str(7);
  r.source = Stored(domain::ParseRectificationSource(q.Str(8)), "rectifications.source", q.Str(8));
  r.source_id = q.Int(9);
  r.source_name = q.Str(10);
  for (const auto& item : Json::parse(q.Str(11))) r.items.push_back(item.get<std::string>());
  r.deadline = q.Str(12);
  r.status =
      Stored(domain::ParseRectificationStatus(q.Str(13)), "rectifications.status", q.Str(13));
  r.answer = q.Str(14);
  r.answered_at = q.OptInt(15);
  r.decision_reason = q.Str(16);
  r.created_by = q.Int(17);
  r.created_at = q.Int(18);
  r.updated_at = q.Int(19);
  r.closed_at = q.OptInt(20);
  return r;
}

Where BuildWhere(const RectificationFilter& f) {
  Where w;
  if (f.org_id) w.Add("r.org_id = ?", {*f.org_id});
  if (f.institute_org_id) w.Add("r.institute_org_id = ?", {*f.institute_org_id});
  if (f.region_codes) w.AddIn("r.region_code", *f.region_codes);
  if (f.status) w.Add("r.status = ?", {std::string(domain::ToString(*f.status))});
  if (f.source) w.Add("r.source = ?", {std::string(domain::ToString(*f.source))});
  if (f.source_id) w.Add("r.source_id = ?", {*f.source_id});
  if (!f.overdue_on.empty())
    w.Add("r.status IN ('issued', 'returned') AND r.deadline < ?", {f.overdue_on});
  if (!f.query.empty()) {
    auto p = LikePattern(f.query);
    w.Add(
        "(LOWER(o.name) LIKE ? ESCAPE '!' OR LOWER(COALESCE(i.serial_no, '')) LIKE ? ESCAPE "
        "'!')",
        {p, p});
  }
  return w;
}

}  // namespace

std::optional<int64_t> InsertRectification(Tx& tx, const RectificationRow& r) {
  Json items = r.items;
  auto row = tx.QueryOne(
      "INSERT INTO rectifications (org_id, region_code, institute_org_id, instrument_id, source, "
      "source_id, source_name, items, deadline, status, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
      {r.org_id, r.region_code, OptParam(r.institute_org_id), OptParam(r.instrument_id),
       std::string(domain::ToString(r.source)), r.source_id, r.source_name, items.dump(),
       r.deadline, std::string(domain::ToString(r.status)), r.created_by, r.created_at,
       r.updated_at});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<RectificationRow> FindRectification(Tx& tx, int64_t id) {
  auto q = tx.QueryOne(std::string(kColumns) + kFrom + " WHERE r.id = ?", {id});
  if (!q) return std::nullopt;
  return ToRow(*q);
}

bool MoveRectification(Tx& tx, const RectificationRow& r, domain::RectificationStatus from) {
  return tx.Exec(
             "UPDATE rectifications SET status = ?, answer = ?, answered_at = ?, "
             "decision_reason = ?, updated_at = ?, closed_at = ? WHERE id = ? AND status = ?",
             {std::string(domain::ToString(r.status)), r.answer, OptParam(r.answered_at),
              r.decision_reason, r.updated_at, OptParam(r.closed_at), r.id,
              std::string(domain::ToString(from))}) == 1;
}

Page<RectificationRow> ListRectifications(Tx& tx, const RectificationFilter& f,
                                          const PageRequest& page) {
  Where w = BuildWhere(f);
  Page<RectificationRow> out;
  out.total = tx.QueryOne(std::string("SELECT COUNT(*)") + kFrom + w.sql(), w.params())->Int(0);
  auto params = w.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& q :
       tx.Query(std::string(kColumns) + kFrom + w.sql() + " ORDER BY r.id DESC LIMIT ? OFFSET ?",
                params))
    out.items.push_back(ToRow(q));
  return out;
}

int64_t CountRectifications(Tx& tx, const RectificationFilter& f) {
  Where w = BuildWhere(f);
  return tx.QueryOne(std::string("SELECT COUNT(*)") + kFrom + w.sql(), w.params())->Int(0);
}

bool InsertCase(Tx& tx, const CaseRow& c) {
  return tx.Exec(
             "INSERT INTO enforcement_cases (rectification_id, status, legal_basis, facts, "
             "opened_by, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO "
             "NOTHING",
             {c.rectification_id, std::string(domain::ToString(c.status)), c.legal_basis, c.facts,
              c.opened_by, c.opened_at, c.updated_at}) == 1;
}

std::optional<CaseRow> FindCase(Tx& tx, int64_t rectification_id) {
  auto q = tx.QueryOne(
      "SELECT id, rectification_id, status, legal_basis, facts, decision, penalty_yuan, "
      "closing_note, opened_by, opened_at, decided_at, closed_at, updated_at FROM "
      "enforcement_cases WHERE rectification_id = ?",
      {rectification_id});
  if (!q) return std::nullopt;
  CaseRow c;
  c.id = q->Int(0);
  c.rectification_id = q->Int(1);
  c.status = Stored(domain::ParseCaseStatus(q->Str(2)), "enforcement_cases.status", q->Str(2));
  c.legal_basis = q->Str(3);
  c.facts = q->Str(4);
  c.decision = q->Str(5);
  c.penalty_yuan = q->Int(6);
  c.closing_note = q->Str(7);
  c.opened_by = q->Int(8);
  c.opened_at = q->Int(9);
  c.decided_at = q->OptInt(10);
  c.closed_at = q->OptInt(11);
  c.updated_at = q->Int(12);
  return c;
}

bool MoveCase(Tx& tx, const CaseRow& c, domain::CaseStatus from) {
  return tx.Exec(
             "UPDATE enforcement_cases SET status = ?, decision = ?, penalty_yuan = ?, "
             "closing_note = ?, decided_at = ?, closed_at = ?, updated_at = ? WHERE id = ? AND "
             "status = ?",
             {std::string(domain::ToString(c.status)), c.decision, c.penalty_yuan, c.closing_note,
              OptParam(c.decided_at), OptParam(c.closed_at), c.updated_at, c.id,
              std::string(domain::ToString(from))}) == 1;
}

std::vector<int64_t> InstrumentsAwaitingRectification(Tx& tx, const std::vector<int64_t>& ids) {
  std::vector<int64_t> out;
  if (ids.empty()) return out;
  std::string in;
  std::vector<Param> params;
  for (auto id : ids) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const auto& r : tx.Query("SELECT DISTINCT instrument_id FROM rectifications WHERE "
                                "instrument_id IN (" +
                                    in +
                                    ") AND source = 'unverifiable' AND status <> 'closed' "
                                    "ORDER BY instrument_id",
                                params))
    out.push_back(r.Int(0));
  return out;
}

int64_t InsertEvidencePhoto(Tx& tx, const EvidencePhoto& p) {
  return tx
      .QueryOne(
          "INSERT INTO rectification_photos (rectification_id, mime, sha256, size, data, "
          "uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {p.rectification_id, p.mime, p.sha256, p.size, p.data, p.uploaded_by, p.created_at})
      ->Int(0);
}

std::vector<EvidencePhoto> ListEvidencePhotos(Tx& tx, int64_t rectification_id) {
  std::vector<EvidencePhoto> out;
  for (const auto& r :
       tx.Query("SELECT id, rectification_id, mime, sha256, size, uploaded_by, created_at FROM "
                "rectification_photos WHERE rectification_id = ? ORDER BY id",
                {rectification_id}))
    out.push_back({r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Int(4), "", r.Int(5), r.Int(6)});
  return out;
}

std::optional<EvidencePhoto> FindEvidencePhoto(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(
      "SELECT id, rectification_id, mime, sha256, size, data, uploaded_by, created_at FROM "
      "rectification_photos WHERE id = ?",
      {id});
  if (!r) return std::nullopt;
  return EvidencePhoto{r->Int(0), r->Int(1), r->Str(2), r->Str(3),
                       r->Int(4), r->Str(5), r->Int(6), r->Int(7)};
}

}  // namespace mvis::store
