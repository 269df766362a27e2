#include "store/instruments_store.hpp"

#include "domain/calendar.hpp"
#include "store/events_store.hpp"
#include "store/institutes_store.hpp"
#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

constexpr char kSelect[] =
    "SELECT i.id, i.org_id, o.name, t.name, g.name, i.type_code, i.name, i.model, i.serial_no, "
    "i.manufacturer, i.brand, i.accuracy_class, i.measuring_range, i.install_address, "
    "i.install_region_code, i.use, i.in_use_date, i.asset_no, i.notes, i.charger_current, "
    "i.rated_power_kw, i.rated_voltage_v, i.max_current_a, i.min_current_a, i.connector_count, "
    "i.station_name, i.equipment_id, i.tou_billing, i.longitude, i.latitude, i.mandatory, "
    "i.status, i.change_pending, i.pending_change, i.last_reason, i.deregister_kind, "
    "i.deregister_date, i.submitted_at, i.approved_at, i.created_at, i.updated_at, "
    "i.verification_state, i.last_verified_on, i.valid_until, i.last_certificate_no "
    "FROM instruments i JOIN orgs o ON o.id = i.org_id "
    "JOIN instrument_types t ON t.code = i.type_code "
    "JOIN regions g ON g.code = i.install_region_code";

std::optional<double> OptReal(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Real(i);
}

domain::Instrument ToInstrument(const Row& r) {
  domain::Instrument x;
  x.id = r.Int(0);
  x.org_id = r.Int(1);
  x.org_name = r.Str(2);
  x.type_name = r.Str(3);
  x.region_name = r.Str(4);
  auto& d = x.data;
  d.type_code = r.Str(5);
  d.name = r.Str(6);
  d.model = r.Str(7);
  d.serial_no = r.Str(8);
  d.manufacturer = r.Str(9);
  d.brand = r.Str(10);
  d.accuracy_class = r.Str(11);
  d.measuring_range = r.Str(12);
  d.install_address = r.Str(13);
  d.install_region_code = r.Str(14);
  d.use = r.Str(15);
  d.in_use_date = r.Str(16);
  d.asset_no = r.Str(17);
  d.notes = r.Str(18);
  if (!r.Str(19).empty()) {
    domain::ChargerSpec c;
    c.current_type = r.Str(19);
    c.rated_power_kw = OptReal(r, 20);
    c.rated_voltage_v = OptReal(r, 21);
    c.max_current_a = OptReal(r, 22);
    c.min_current_a = OptReal(r, 23);
    if (auto n = r.OptInt(24)) c.connector_count = static_cast<int>(*n);
    c.station_name = r.Str(25);
    c.equipment_id = r.Str(26);
    if (auto t = r.OptInt(27)) c.tou_billing = *t != 0;
    c.longitude = OptReal(r, 28);
    c.latitude = OptReal(r, 29);
    d.charger = c;
  }
  x.mandatory = r.Int(30) != 0;
  x.status = Stored(domain::ParseFilingStatus(r.Str(31)), "instruments.status", r.Str(31));
  x.change_pending = r.Int(32) != 0;
  x.pending_change = r.Str(33);
  x.last_reason = r.Str(34);
  if (!r.Str(35).empty()) {
    x.deregister_kind =
        Stored(domain::ParseDeregisterKind(r.Str(35)), "instruments.deregister_kind", r.Str(35));
  }
  x.deregister_date = r.Str(36);
  x.submitted_at = r.OptInt(37);
  x.approved_at = r.OptInt(38);
  x.created_at = r.Int(39);
  x.updated_at = r.Int(40);
  x.verification_state = Stored(domain::ParseVerificationState(r.Str(41)),
                                "instruments.verification_state", r.Str(41));
  x.last_verified_on = r.Str(42);
  x.valid_until = r.Str(43);
  x.last_certificate_no = r.Str(44);
  return x;
}

Param Opt(const std::optional<double>& v) { return v ? Param(*v) : Param(nullptr); }

// The data columns, in the order of DataParams.
constexpr char kDataColumns[] =
    "type_code, name, model, serial_no, manufacturer, brand, accuracy_class, measuring_range, "
    "install_address, install_region_code, use, in_use_date, asset_no, notes, charger_current, "
    "rated_power_kw, rated_voltage_v, max_current_a, min_current_a, connector_count, "
    "station_name, equipment_id, tou_billing, longitude, latitude, mandatory";

std::vector<Param> DataParams(const domain::InstrumentData& d, bool mandatory) {
  domain::ChargerSpec none;
  const domain::ChargerSpec& c = d.charger ? *d.charger : none;
  return {d.type_code,
          d.name,
          d.model,
          d.serial_no,
          d.manufacturer,
          d.brand,
          d.accuracy_class,
          d.measuring_range,
          d.install_address,
          d.install_region_code,
          d.use,
          d.in_use_date,
          d.asset_no,
          d.notes,
          d.charger ? c.current_type : std::string(),
          Opt(c.rated_power_kw),
          Opt(c.rated_voltage_v),
          Opt(c.max_current_a),
          Opt(c.min_current_a),
          c.connector_count ? Param(int64_t{*c.connector_count}) : Param(nullptr),
          c.station_name,
          c.equipment_id,
          c.tou_billing ? Param(int64_t{*c.tou_billing ? 1 : 0}) : Param(nullptr),
          Opt(c.longitude),
          Opt(c.latitude),
          int64_t{mandatory ? 1 : 0}};
}

// The last date counting as "due soon" on the filter's day.
std::string DueLimit(const InstrumentFilter& f) {
  if (f.today.empty()) return f.today;
  return domain::AddDays(f.today, f.due_days);
}

Where BuildWhere(const InstrumentFilter& f) {
  Where w;
  if (f.org_id) w.Add("i.org_id = ?", {*f.org_id});
  if (f.region_codes) w.AddIn("i.install_region_code", *f.region_codes);
  if (!f.statuses.empty()) {
    std::vector<std::string> names;
    for (auto st : f.statuses) names.emplace_back(domain::ToString(st));
    w.AddIn("i.status", names);
  }
  if (f.exclude_never_submitted) w.Add("i.status <> 'draft'");
  if (f.mandatory) w.Add("i.mandatory = ?", {int64_t{*f.mandatory ? 1 : 0}});
  if (f.change_pending) w.Add("i.change_pending = ?", {int64_t{*f.change_pending ? 1 : 0}});
  if (f.needs_review) {
    w.Add(*f.needs_review ? "(i.status = 'submitted' OR i.change_pending = 1)"
                          : "(i.status <> 'submitted' AND i.change_pending = 0)");
  }
  if (!f.type_code.empty()) w.Add("i.type_code = ?", {f.type_code});
  if (!f.use.empty()) w.Add("i.use = ?", {f.use});
  if (!f.brand.empty()) w.Add("i.brand = ?", {f.brand});
  if (!f.query.empty()) {
    std::string p = LikePattern(f.query);
    w.Add(
        "(LOWER(i.name) LIKE ? ESCAPE '!' OR LOWER(i.model) LIKE ? ESCAPE '!' OR "
        "LOWER(i.serial_no) LIKE ? ESCAPE '!' OR LOWER(i.station_name) LIKE ? ESCAPE '!' OR "
        "LOWER(o.name) LIKE ? ESCAPE '!')",
        {p, p, p, p, p});
  }
  if (f.submitted_from) w.Add("i.submitted_at >= ?", {*f.submitted_from});
  if (f.submitted_before) w.Add("i.submitted_at < ?", {*f.submitted_before});
  if (f.verification) {
    using V = domain::VerificationFilter;
    w.Add("i.status = 'approved'");
    switch (*f.verification) {
      case V::kNever:
        w.Add("i.verification_state IN ('never', 'revoked')");
        break;
      case V::kFailed:
        w.Add("i.verification_state = 'failed'");
        break;
      case V::kOverdue:
        w.Add("i.verification_state = 'passed' AND i.valid_until < ?", {f.today});
        break;
      case V::kDueSoon:
        w.Add("i.verification_state = 'passed' AND i.valid_until >= ? AND i.valid_until <= ?",
              {f.today, DueLimit(f)});
        break;
      case V::kValid:
        w.Add("i.verification_state = 'passed' AND i.valid_until >= ?", {f.today});
        break;
    }
  }
  return w;
}

std::string OrderBy(const InstrumentFilter& f) {
  static const std::pair<const char*, const char*> kSorts[] = {{"id", "i.id"},
                                                               {"updated_at", "i.updated_at"},
                                                               {"submitted_at", "i.submitted_at"},
                                                               {"serial_no", "i.serial_no"},
                                                               {"name", "i.name"},
                                                               {"status", "i.status"}};
  std::string column = "i.id";
  for (const auto& [key, col] : kSorts) {
    if (f.sort == key) column = col;
  }
  std::string dir = f.descending ? " DESC" : " ASC";
  return " ORDER BY " + column + dir + (column == "i.id" ? "" : ", i.id" + dir);
}

constexpr char kFrom[] = " FROM instruments i JOIN orgs o ON o.id = i.org_id";

}  // namespace

int64_t InsertInstrument(Tx& tx, const domain::Instrument& row) {
  auto params = DataParams(row.data, row.mandatory);
  params.insert(params.begin(), int64_t{row.org_id});
  params.emplace_back(std::string(domain::ToString(row.status)));
  params.push_back(row.created_at);
  params.push_back(row.updated_at);
  return tx
      .QueryOne(std::string("INSERT INTO instruments (org_id, ") + kDataColumns +
                    ", status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                params)
      ->Int(0);
}

std::optional<domain::Instrument> FindInstrument(Tx& tx, int64_t id) {
  auto r = tx.QueryOne(std::string(kSelect) + " WHERE i.id = ?", {id});
  if (!r) return std::nullopt;
  return ToInstrument(*r);
}

bool UpdateInstrumentData(Tx& tx, int64_t id, const domain::InstrumentData& data, bool mandatory,
                          int64_t now, domain::FilingStatus expected) {
  auto params = DataParams(data, mandatory);
  params.push_back(now);
  params.push_back(id);
  params.emplace_back(std::string(domain::ToString(expected)));
  return tx.Exec(
             "UPDATE instruments SET type_code = ?, name = ?, model = ?, serial_no = ?, "
             "manufacturer = "
             "?, brand = ?, accuracy_class = ?, measuring_range = ?, install_address = ?, "
             "install_region_code = ?, use = ?, in_use_date = ?, asset_no = ?, notes = ?, "
             "charger_current = ?, rated_power_kw = ?, rated_voltage_v = ?, max_current_a = ?, "
             "min_current_a = ?, connector_count = ?, station_name = ?, equipment_id = ?, "
             "tou_billing = "
             "?, longitude = ?, latitude = ?, mandatory = ?, updated_at = ? WHERE id = ? AND "
             "status = ?",
             params) == 1;
}

bool UpdateFilingState(Tx& tx, const domain::Instrument& r, int64_t now,
                       domain::FilingStatus expected, bool expected_change_pending) {
  return tx.Exec(
             "UPDATE instruments SET status = ?, change_pending = ?, pending_change = ?, "
             "last_reason = ?, deregister_kind = ?, deregister_date = ?, submitted_at = ?, "
             "approved_at = ?, updated_at = ? WHERE id = ? AND status = ? AND change_pending = ?",
             {std::string(domain::ToString(r.status)), int64_t{r.change_pending ? 1 : 0},
              r.pending_change, r.last_reason,
              r.deregister_kind ? std::string(domain::ToString(*r.deregister_kind)) : "",
              r.deregister_date, OptParam(r.submitted_at), OptParam(r.approved_at), now, r.id,
              std::string(domain::ToString(expected)), int64_t{expected_change_pending ? 1 : 0}}) ==
         1;
}

void UpdateVerificationState(Tx& tx, int64_t id, domain::VerificationState state,
                             const std::string& verified_on, const std::string& valid_until,
                             const std::string& certificate_no, int64_t now) {
  tx.Exec(
      "UPDATE instruments SET verification_state = ?, last_verified_on = ?, valid_until = ?, "
      "last_certificate_no = ?, updated_at = ? WHERE id = ?",
      {std::string(domain::ToString(state)), verified_on, valid_until, certificate_no, now, id});
}

bool DeleteDraftInstrument(Tx& tx, int64_t id) {
  if (tx.Exec("DELETE FROM instruments WHERE id = ? AND status = 'draft'", {id}) != 1) return false;
  DeleteEvents(tx, "instrument", std::to_string(id));
  return true;
}

std::optional<domain::Instrument> FindActiveDuplicate(Tx& tx, const std::string& manufacturer,
                                                      const std::string& model,
                                                      const std::string& serial_no,
                                                      int64_t exclude_id) {
  auto r = tx.QueryOne(std::string(kSelect) +
                           " WHERE i.manufacturer = ? AND i.model = ? AND i.serial_no = ? AND "
                           "i.status <> 'deregistered' AND i.id <> ? LIMIT 1",
                       {manufacturer, model, serial_no, exclude_id});
  if (!r) return std::nullopt;
  return ToInstrument(*r);
}

Page<domain::Instrument> ListInstruments(Tx& tx, const InstrumentFilter& f,
                                         const PageRequest& page) {
  Where w = BuildWhere(f);
  Page<domain::Instrument> out;
  out.total = tx.QueryOne(std::string("SELECT COUNT(*)") + kFrom + w.sql(), w.params())->Int(0);
  auto params = w.params();
  params.push_back(int64_t{page.page_size});
  params.push_back(page.offset());
  for (const auto& r :
       tx.Query(std::string(kSelect) + w.sql() + OrderBy(f) + " LIMIT ? OFFSET ?", params)) {
    out.items.push_back(ToInstrument(r));
  }
  return out;
}

int64_t CountInstruments(Tx& tx, const InstrumentFilter& f) {
  Where w = BuildWhere(f);
  return tx.QueryOne(std::string("SELECT COUNT(*)") + kFrom + w.sql(), w.params())->Int(0);
}

std::map<domain::FilingStatus, int64_t> CountInstrumentsByStatus(Tx& tx, InstrumentFilter f) {
  f.statuses.clear();
  Where w = BuildWhere(f);
  std::map<domain::FilingStatus, int64_t> out;
  for (const auto& r :
       tx.Query(std::string("SELECT i.status, COUNT(*)") + kFrom + w.sql() + " GROUP BY i.status",
                w.params())) {
    out[Stored(domain::ParseFilingStatus(r.Str(0)), "instruments.status", r.Str(0))] = r.Int(1);
  }
  return out;
}

void InsertImportedInstruments(Tx& tx, int64_t org_id, int64_t import_id,
                               const std::vector<NewInstrument>& items, int64_t now) {
  using T = ParamType;
  BatchStatement insert(
      tx,
      std::string("INSERT INTO instruments (org_id, ") + kDataColumns +
          ", import_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
      {T::kInt,  T::kText, T::kText, T::kText, T::kText, T::kText, T::kText, T::kText,
       T::kText, T::kText, T::kText, T::kText, T::kText, T::kText, T::kText, T::kText,
       T::kReal, T::kReal, T::kReal, T::kReal, T::kInt,  T::kText, T::kText, T::kInt,
       T::kReal, T::kReal, T::kInt,  T::kInt,  T::kInt,  T::kInt});
  for (const auto& item : items) {
    auto params = DataParams(item.data, item.mandatory);
    params.insert(params.begin(), int64_t{org_id});
    params.push_back(import_id);
    params.push_back(now);
    params.push_back(now);
    insert.Run(params);
  }
}

std::vector<Identity> FindIdentitiesBySerial(Tx& tx, const std::vector<std::string>& serials) {
  std::vector<Identity> out;
  for (size_t start = 0; start < serials.size(); start += 500) {
    std::vector<std::string> chunk(serials.begin() + start,
                                   serials.begin() + std::min(serials.size(), start + 500));
    Where w;
    w.AddIn("serial_no", chunk);
    w.Add("status <> 'deregistered'");
    for (const auto& r :
         tx.Query("SELECT manufacturer, model, serial_no, org_id, id FROM instruments" + w.sql(),
                  w.params())) {
      out.push_back({r.Str(0), r.Str(1), r.Str(2), r.Int(3), r.Int(4)});
    }
  }
  return out;
}

}  // namespace mvis::store
