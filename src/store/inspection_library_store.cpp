// The item list, the inspector library with conflicts, the object library, the working-day
// calendar and the published results and plans (store/inspections_store.hpp).
#include <map>
#include <nlohmann/json.hpp>

#include "store/inspections_sql.hpp"
#include "store/inspections_store.hpp"
#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

using Json = nlohmann::json;
using namespace inspection_sql;

// ---- items

constexpr char kSelectItem[] =
    "SELECT id, code, name, sub_items, legal_basis, authority, object_scope, ratio_note, "
    "frequency, method, inspector_requirements, checks, class_ranges, created_at, updated_at "
    "FROM inspection_items";

InspectionItemRow ToItem(const Row& r) {
  InspectionItemRow i;
  i.id = r.Int(0);
  i.code = r.Str(1);
  i.name = r.Str(2);
  for (const auto& s : Json::parse(r.Str(3))) i.sub_items.push_back(s.get<std::string>());
  i.legal_basis = r.Str(4);
  i.authority = r.Str(5);
  i.object_scope = r.Str(6);
  i.ratio_note = r.Str(7);
  i.frequency = r.Str(8);
  i.method = r.Str(9);
  i.inspector_requirements = r.Str(10);
  for (const auto& c : Json::parse(r.Str(11)))
    i.checks.push_back({c.value("code", ""), c.value("name", "")});
  auto ranges = Json::parse(r.Str(12));
  for (size_t k = 0; k < 4 && k < ranges.size(); ++k)
    i.class_ranges[k] = {ranges[k][0].get<int>(), ranges[k][1].get<int>()};
  i.created_at = r.Int(13);
  i.updated_at = r.Int(14);
  return i;
}

std::vector<Param> ItemParams(const InspectionItemRow& i) {
  Json checks = Json::array();
  for (const auto& c : i.checks) checks.push_back({{"code", c.code}, {"name", c.name}});
  Json ranges = Json::array();
  for (const auto& r : i.class_ranges) ranges.push_back({r.min_e4, r.max_e4});
  return {i.code,
          i.name,
          Json(i.sub_items).dump(),
          i.legal_basis,
          i.authority,
          i.object_scope,
          i.ratio_note,
          i.frequency,
          i.method,
          i.inspector_requirements,
          checks.dump(),
          ranges.dump()};
}

bool CodeTaken(Tx& tx, const std::string& code, int64_t except_id) {
  return tx
      .QueryOne("SELECT id FROM inspection_items WHERE code = ? AND id <> ?", {code, except_id})
      .has_value();
}

// ---- inspectors

std::string SelectInspector() {
  return "SELECT i.id, i.user_id, i.org_id, " + UserName("u") +
         ", o.name, i.cert_no, i.cert_expiry, i.active, i.created_at, i.updated_at FROM "
         "inspectors i JOIN users u ON u.id = i.user_id JOIN orgs o ON o.id = i.org_id";
}

InspectorRow ToInspector(const Row& r) {
  InspectorRow i;
  i.id = r.Int(0);
  i.user_id = r.Int(1);
  i.org_id = r.Int(2);
  i.name = r.Str(3);
  i.org_name = r.Str(4);
  i.cert_no = r.Str(5);
  i.cert_expiry = r.Str(6);
  i.active = r.Int(7) != 0;
  i.created_at = r.Int(8);
  i.updated_at = r.Int(9);
  return i;
}

void AttachConflicts(Tx& tx, std::vector<InspectorRow>& rows) {
  if (rows.empty()) return;
  std::map<int64_t, InspectorRow*> by_id;
  std::string in;
  std::vector<Param> params;
  for (auto& r : rows) {
    by_id[r.id] = &r;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(r.id);
  }
  for (const auto& r :
       tx.Query("SELECT c.inspector_id, c.org_id, o.name, c.reason, c.declared_at FROM "
                "inspector_conflicts c JOIN orgs o ON o.id = c.org_id WHERE c.inspector_id IN (" +
                    in + ") ORDER BY c.declared_at, c.org_id",
                params))
    by_id[r.Int(0)]->conflicts.push_back({r.Int(1), r.Str(2), r.Str(3), r.Int(4)});
}

std::pair<std::string, std::vector<Param>> LibraryQuery(const ObjectLibraryFilter& f) {
  Where inner;
  inner.Add("n.status = 'approved'");
  inner.Add("n.mandatory = 1");
  if (f.region_codes) inner.AddIn("n.install_region_code", *f.region_codes);
  if (!f.type_codes.empty()) inner.AddIn("n.type_code", f.type_codes);
  Where w;
  w.Add("o.kind = 'enterprise'");
  w.Add("o.id IN (SELECT n.org_id FROM instruments n" + inner.sql() + ")", inner.params());
  if (!f.credit_class.empty()) {
    if (f.credit_class == "B")
      w.Add("(" + ClassOf("o") + " = 'B' OR " + ClassOf("o") + " = '')");
    else
      w.Add(ClassOf("o") + " = ?", {f.credit_class});
  }
  if (!f.query.empty())
    w.Add(
        "(LOWER(o.name) LIKE ? ESCAPE '!' OR LOWER(COALESCE(o.credit_code, '')) LIKE ? ESCAPE "
        "'!')",
        {LikePattern(f.query), LikePattern(f.query)});
  return {w.sql(), w.params()};
}

void AttachLibraryParts(Tx& tx, std::vector<ObjectLibraryRow>& rows, const ObjectLibraryFilter& f) {
  if (rows.empty()) return;
  std::map<int64_t, ObjectLibraryRow*> by_id;
  std::string in;
  std::vector<Param> params;
  for (auto& r : rows) {
    by_id[r.org_id] = &r;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(r.org_id);
  }
  Where w;
  w.Add("n.org_id IN (" + in + ")", params);
  w.Add("n.status = 'approved'");
  w.Add("n.mandatory = 1");
  if (f.region_codes) w.AddIn("n.install_region_code", *f.region_codes);
  if (!f.type_codes.empty()) w.AddIn("n.type_code", f.type_codes);
  for (const auto& r :
       tx.Query("SELECT n.org_id, g.name, COUNT(*) FROM instruments n JOIN regions g ON g.code = "
                "n.install_region_code" +
                    w.sql() + " GROUP BY n.org_id, g.name ORDER BY n.org_id, g.name",
                w.params())) {
    auto* row = by_id[r.Int(0)];
    row->region_names.push_back(r.Str(1));
    row->chargers += r.Int(2);
  }
  for (const auto& r : tx.Query(
           "SELECT b.org_id, MAX(t.task_date) FROM inspection_objects b JOIN inspection_tasks t "
           "ON t.id = b.task_id WHERE b.completed_at IS NOT NULL AND b.org_id IN (" +
               in + ") GROUP BY b.org_id",
           params))
    by_id[r.Int(0)]->last_inspected = r.Str(1);
}

ObjectLibraryRow ToLibrary(const Row& r) {
  ObjectLibraryRow o;
  o.org_id = r.Int(0);
  o.name = r.Str(1);
  o.credit_code = r.Str(2);
  o.credit_class = r.Str(3);
  return o;
}

}  // namespace

// ---- items

std::vector<InspectionItemRow> ListInspectionItems(Tx& tx) {
  std::vector<InspectionItemRow> out;
  for (const auto& r : tx.Query(std::string(kSelectItem) + " ORDER BY code, id"))
    out.push_back(ToItem(r));
  return out;
}

std::optional<InspectionItemRow> FindInspectionItem(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelectItem) + " WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return ToItem(*r);
}

std::optional<int64_t> InsertInspectionItem(Tx& tx, const InspectionItemRow& item) {
  if (CodeTaken(tx, item.code, 0)) return std::nullopt;
  auto params = ItemParams(item);
  params.push_back(item.created_at);
  params.push_back(item.updated_at);
  return tx
      .QueryOne(
          "INSERT INTO inspection_items (code, name, sub_items, legal_basis, authority, "
          "object_scope, ratio_note, frequency, method, inspector_requirements, checks, "
          "class_ranges, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?) RETURNING id",
          params)
      ->Int(0);
}

bool UpdateInspectionItem(Tx& tx, const InspectionItemRow& item) {
  if (CodeTaken(tx, item.code, item.id)) return false;
  auto params = ItemParams(item);
  params.push_back(item.updated_at);
  params.push_back(item.id);
  tx.Exec(
      "UPDATE inspection_items SET code = ?, name = ?, sub_items = ?, legal_basis = ?, "
      "authority = ?, object_scope = ?, ratio_note = ?, frequency = ?, method = ?, "
      "inspector_requirements = ?, checks = ?, class_ranges = ?, updated_at = ? WHERE id = ?",
      params);
  return true;
}

// ---- inspectors

Page<InspectorRow> ListInspectors(Tx& tx, const InspectorFilter& f, const PageRequest& page) {
  Where w;
  if (f.org_id) w.Add("i.org_id = ?", {*f.org_id});
  if (f.active) w.Add("i.active = ?", {int64_t{*f.active ? 1 : 0}});
  if (!f.query.empty())
    w.Add("(LOWER(" + UserName("u") + ") LIKE ? ESCAPE '!' OR LOWER(i.cert_no) LIKE ? ESCAPE '!')",
          {LikePattern(f.query), LikePattern(f.query)});
  Page<InspectorRow> out;
  out.total =
      tx.QueryOne("SELECT COUNT(*) FROM inspectors i JOIN users u ON u.id = i.user_id" + w.sql(),
                  w.params())
          ->Int(0);
  for (const auto& r :
       tx.Query(SelectInspector() + w.sql() + " ORDER BY i.org_id, i.id LIMIT ? OFFSET ?",
                Paged(w.params(), page)))
    out.items.push_back(ToInspector(r));
  AttachConflicts(tx, out.items);
  return out;
}

std::vector<InspectorRow> InspectorsOf(Tx& tx, int64_t org_id) {
  std::vector<InspectorRow> out;
  for (const auto& r : tx.Query(SelectInspector() + " WHERE i.org_id = ? ORDER BY i.id", {org_id}))
    out.push_back(ToInspector(r));
  AttachConflicts(tx, out);
  return out;
}

std::optional<InspectorRow> FindInspector(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(SelectInspector() + " WHERE i.id = ?", {id});
  if (!r) return std::nullopt;
  std::vector<InspectorRow> one{ToInspector(*r)};
  AttachConflicts(tx, one);
  return one.front();
}

std::optional<InspectorRow> FindInspectorByUser(Tx& tx, int64_t user_id) {
  auto r = tx.QueryOne("SELECT id FROM inspectors WHERE user_id = ?", {user_id});
  if (!r) return std::nullopt;
  return FindInspector(tx, r->Int(0));
}

std::optional<int64_t> InsertInspector(Tx& tx, const InspectorRow& row) {
  if (tx.QueryOne("SELECT id FROM inspectors WHERE user_id = ?", {row.user_id}))
    return std::nullopt;
  return tx
      .QueryOne(
          "INSERT INTO inspectors (user_id, org_id, cert_no, cert_expiry, active, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {row.user_id, row.org_id, row.cert_no, row.cert_expiry, int64_t{row.active ? 1 : 0},
           row.created_at, row.updated_at})
      ->Int(0);
}

void UpdateInspector(Tx& tx, const InspectorRow& row) {
  tx.Exec(
      "UPDATE inspectors SET cert_no = ?, cert_expiry = ?, active = ?, updated_at = ? WHERE id = "
      "?",
      {row.cert_no, row.cert_expiry, int64_t{row.active ? 1 : 0}, row.updated_at, row.id});
}

void SaveConflict(Tx& tx, int64_t inspector_id, int64_t org_id, const std::string& reason,
                  int64_t now) {
  if (tx.Exec("UPDATE inspector_conflicts SET reason = ?, declared_at = ? WHERE inspector_id = ? "
              "AND org_id = ?",
              {reason, now, inspector_id, org_id}) == 0)
    tx.Exec(
        "INSERT INTO inspector_conflicts (inspector_id, org_id, reason, declared_at) VALUES (?, "
        "?, ?, ?)",
        {inspector_id, org_id, reason, now});
}

bool DeleteConflict(Tx& tx, int64_t inspector_id, int64_t org_id) {
  return tx.Exec("DELETE FROM inspector_conflicts WHERE inspector_id = ? AND org_id = ?",
                 {inspector_id, org_id}) == 1;
}

std::vector<InspectorCandidateUser> InspectorCandidateUsers(Tx& tx, std::optional<int64_t> org_id) {
  Where w;
  w.Add("u.role IN ('district_regulator', 'city_regulator')");
  w.Add("u.status = 'active'");
  w.Add("u.id NOT IN (SELECT user_id FROM inspectors)");
  if (org_id) w.Add("u.org_id = ?", {*org_id});
  std::vector<InspectorCandidateUser> out;
  for (const auto& r : tx.Query("SELECT u.id, u.org_id, " + UserName("u") +
                                    ", o.name FROM users u JOIN orgs o ON o.id = u.org_id" +
                                    w.sql() + " ORDER BY u.org_id, u.id",
                                w.params()))
    out.push_back({r.Int(0), r.Int(1), r.Str(2), r.Str(3)});
  return out;
}

// ---- object library

Page<ObjectLibraryRow> ListObjectLibrary(Tx& tx, const ObjectLibraryFilter& f,
                                         const PageRequest& page) {
  auto [where, params] = LibraryQuery(f);
  Page<ObjectLibraryRow> out;
  out.total = tx.QueryOne("SELECT COUNT(*) FROM orgs o" + where, params)->Int(0);
  for (const auto& r :
       tx.Query("SELECT o.id, o.name, COALESCE(o.credit_code, ''), " + ClassOf("o") +
                    " FROM orgs o" + where + " ORDER BY o.id LIMIT ? OFFSET ?",
                Paged(params, page)))
    out.items.push_back(ToLibrary(r));
  AttachLibraryParts(tx, out.items, f);
  return out;
}

std::vector<ObjectLibraryRow> ObjectCandidates(Tx& tx, const ObjectLibraryFilter& f) {
  auto [where, params] = LibraryQuery(f);
  std::vector<ObjectLibraryRow> out;
  for (const auto& r : tx.Query("SELECT o.id, o.name, COALESCE(o.credit_code, ''), " +
                                    ClassOf("o") + " FROM orgs o" + where + " ORDER BY o.id",
                                params))
    out.push_back(ToLibrary(r));
  return out;
}

std::string EffectiveCreditClass(Tx& tx, int64_t org_id) {
  auto r = tx.QueryOne("SELECT " + ClassOf("o") + " FROM orgs o WHERE o.id = ?", {org_id});
  return r ? r->Str(0) : "";
}

std::vector<std::pair<int64_t, int64_t>> InspectedSince(Tx& tx, int64_t org_id, int64_t item_id,
                                                        const std::string& since, int64_t task_id) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& r : tx.Query(
           "SELECT b.org_id, MAX(t.id) FROM inspection_objects b JOIN inspection_tasks t ON "
           "t.id = b.task_id WHERE t.org_id = ? AND t.item_id = ? AND t.task_date >= ? AND t.id <> "
           "? GROUP BY b.org_id ORDER BY b.org_id",
           {org_id, item_id, since, task_id}))
    out.emplace_back(r.Int(0), r.Int(1));
  return out;
}

// ---- calendar

std::vector<CalendarDayRow> ListCalendarDays(Tx& tx, const std::string& from,
                                             const std::string& to) {
  std::vector<CalendarDayRow> out;
  for (const auto& r : tx.Query(
           "SELECT day, kind, name FROM work_calendar WHERE day >= ? AND day <= ? ORDER BY day",
           {from, to}))
    out.push_back({r.Str(0), Stored(domain::ParseDayKind(r.Str(1)), "work_calendar.kind", r.Str(1)),
                   r.Str(2)});
  return out;
}

domain::WorkCalendar LoadWorkCalendar(Tx& tx) {
  domain::WorkCalendar out;
  for (const auto& r : tx.Query("SELECT day, kind FROM work_calendar"))
    out[r.Str(0)] = Stored(domain::ParseDayKind(r.Str(1)), "work_calendar.kind", r.Str(1));
  return out;
}

void SaveCalendarDay(Tx& tx, const CalendarDayRow& row) {
  const std::string kind(domain::ToString(row.kind));
  if (tx.Exec("UPDATE work_calendar SET kind = ?, name = ? WHERE day = ?",
              {kind, row.name, row.date}) == 0)
    tx.Exec("INSERT INTO work_calendar (day, kind, name) VALUES (?, ?, ?)",
            {row.date, kind, row.name});
}

bool DeleteCalendarDay(Tx& tx, const std::string& date) {
  return tx.Exec("DELETE FROM work_calendar WHERE day = ?", {date}) == 1;
}

// ---- published

Page<PublicResultRow> ListPublishedResults(Tx& tx, const PageRequest& page) {
  Page<PublicResultRow> out;
  out.total =
      tx.QueryOne("SELECT COUNT(*) FROM inspection_objects WHERE published_at IS NOT NULL")->Int(0);
  for (const auto& r : tx.Query(
           "SELECT b.id, t.name, g.name, i.name, o.name, COALESCE(o.credit_code, ''), "
           "t.task_date, b.result, b.published_at FROM inspection_objects b JOIN "
           "inspection_tasks t ON t.id = b.task_id JOIN regions g ON g.code = t.region_code JOIN "
           "inspection_items i ON i.id = t.item_id JOIN orgs o ON o.id = b.org_id WHERE "
           "b.published_at IS NOT NULL ORDER BY b.published_at DESC, b.id LIMIT ? OFFSET ?",
           Paged({}, page)))
    out.items.push_back(
        {r.Int(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4), r.Str(5), r.Str(6), r.Str(7), r.Int(8)});
  return out;
}

Page<InspectionPlanRow> ListAcceptedPlans(Tx& tx, const PageRequest& page) {
  InspectionPlanFilter f;
  f.status = domain::InspectionPlanStatus::kAccepted;
  return ListInspectionPlans(tx, f, page);
}

}  // namespace mvis::store
