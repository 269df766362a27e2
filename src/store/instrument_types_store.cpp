#include "store/instrument_types_store.hpp"

#include "store/sql_builder.hpp"

namespace mvis::store {
namespace {

constexpr char kTypeSelect[] =
    "SELECT code, name, regulation, verification_form, period_months, mandatory_uses, "
    "charger_current, accuracy_classes, active FROM instrument_types";

domain::InstrumentType ToType(const Row& r) {
  domain::InstrumentType t;
  t.code = r.Str(0);
  t.name = r.Str(1);
  t.regulation = r.Str(2);
  t.verification_form = Stored(domain::ParseVerificationForm(r.Str(3)),
                               "instrument_types.verification_form", r.Str(3));
  t.period_months = static_cast<int>(r.Int(4));
  t.mandatory_uses = SplitCsv(r.Str(5));
  t.charger_current = r.Str(6);
  t.accuracy_classes = SplitCsv(r.Str(7));
  t.active = r.Int(8) != 0;
  return t;
}

}  // namespace

std::vector<domain::InstrumentType> ListInstrumentTypes(Tx& tx) {
  std::vector<domain::InstrumentType> out;
  for (const auto& r : tx.Query(std::string(kTypeSelect) + " ORDER BY sort, code"))
    out.push_back(ToType(r));
  return out;
}

std::optional<domain::InstrumentType> FindInstrumentType(Tx& tx, const std::string& code) {
  auto r = tx.QueryOne(std::string(kTypeSelect) + " WHERE code = ?", {code});
  if (!r) return std::nullopt;
  return ToType(*r);
}

void InsertInstrumentType(Tx& tx, const domain::InstrumentType& t, int64_t now) {
  tx.Exec(
      "INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, "
      "mandatory_uses, charger_current, accuracy_classes, active, sort, updated_at) VALUES (?, ?, "
      "?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sort), 0) + 1 FROM instrument_types), ?)",
      {t.code, t.name, t.regulation, std::string(ToString(*t.verification_form)),
       int64_t{t.period_months}, JoinCsv(t.mandatory_uses), t.charger_current,
       JoinCsv(t.accuracy_classes), int64_t{t.active ? 1 : 0}, now});
}

void UpdateInstrumentType(Tx& tx, const domain::InstrumentType& t, int64_t now) {
  tx.Exec(
      "UPDATE instrument_types SET name = ?, regulation = ?, verification_form = ?, "
      "period_months = ?, mandatory_uses = ?, accuracy_classes = ?, active = ?, updated_at = ? "
      "WHERE code = ?",
      {t.name, t.regulation, std::string(ToString(*t.verification_form)), int64_t{t.period_months},
       JoinCsv(t.mandatory_uses), JoinCsv(t.accuracy_classes), int64_t{t.active ? 1 : 0}, now,
       t.code});
}

}  // namespace mvis::store
