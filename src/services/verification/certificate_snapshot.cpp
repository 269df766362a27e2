// The frozen content of a certificate or result notice, and its mapping to the PDF layout.
#include <fmt/format.h>

#include "domain/verification.hpp"
#include "services/verification/certificate_service.hpp"
#include "store/institutes_store.hpp"
#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using Json = nlohmann::json;

namespace {

std::string Specification(const domain::InstrumentData& d) {
  if (!d.charger) return d.measuring_range;
  const auto& c = *d.charger;
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : "，") + s; };
  if (c.rated_voltage_v) add(fmt::format("{:g} V", *c.rated_voltage_v));
  if (c.rated_power_kw) add(fmt::format("{:g} kW", *c.rated_power_kw));
  if (c.min_current_a && c.max_current_a)
    add(fmt::format("{:g}–{:g} A", *c.min_current_a, *c.max_current_a));
  return out.empty() ? d.measuring_range : out;
}

std::string Fixed(const Json& v, int decimals) {
  if (!v.is_number()) return "";
  return fmt::format("{:.{}f}", v.get<double>(), decimals);
}

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<Json> BuildSnapshot(store::Tx& tx, const domain::VerificationRecord& v) {
  auto instrument = store::FindInstrument(tx, v.instrument_id);
  if (!instrument) return Internal("snapshot: instrument " + std::to_string(v.instrument_id));
  auto type = store::FindInstrumentType(tx, instrument->data.type_code);
  auto owner = store::FindOrg(tx, instrument->org_id);
  auto institute = store::FindOrg(tx, v.institute_org_id);
  if (!owner || !institute)
    return Internal("snapshot: organisations of record " + std::to_string(v.id));
  auto profile = store::FindInstituteProfile(tx, v.institute_org_id);
  const auto& d = instrument->data;
  return Json{
      {"institute",
       {{"name", institute->name},
        {"code", profile ? profile->code : ""},
        {"address", profile && !profile->address.empty() ? profile->address : institute->address},
        {"phone", profile ? profile->contact_phone : ""},
        {"authorization_no", profile ? profile->authorization_no : ""}}},
      {"owner", {{"name", owner->name}, {"address", owner->address}}},
      {"instrument",
       {{"id", instrument->id},
        {"type_code", d.type_code},
        {"type_name", instrument->type_name},
        {"name", d.name},
        {"model", d.model},
        {"serial_no", d.serial_no},
        {"manufacturer", d.manufacturer},
        {"accuracy_class", d.accuracy_class},
        {"specification", Specification(d)},
        {"install_address", d.install_address},
        {"station_name", d.charger ? d.charger->station_name : ""},
        {"district", instrument->region_name}}},
      {"regulation", v.regulation},
      {"regulation_title", v.regulation + " " + (type ? type->name : "") + "检定规程"},
      {"kind", domain::ToString(v.kind)},
      {"kind_name", std::string(domain::DisplayName(v.kind))},
      {"verified_on", v.verified_on},
      {"conclusion", domain::ToString(v.conclusion)},
      {"signatures",
       {{"verifier", v.verifier_name}, {"checker", v.checker_name}, {"approver", v.approver_name}}},
      {"data", Json::parse(v.data, nullptr, false)},
      {"failed_items", Json::parse(v.failed_items, nullptr, false)}};
}

io::CertificateDocument DocumentFromSnapshot(const domain::Certificate& c, const Json& s) {
  io::CertificateDocument doc;
  const Json empty = Json::object();
  auto part = [&](const char* key) -> const Json& {
    auto it = s.find(key);
    return it != s.end() && it->is_object() ? *it : empty;
  };
  const Json& inst = part("institute");
  const Json& owner = part("owner");
  const Json& ins = part("instrument");
  const Json& sig = part("signatures");
  const Json& data = part("data");
  doc.pass = c.kind == domain::DocumentKind::kCertificate;
  doc.number = c.number;
  doc.revision = c.revision;
  if (c.revision > 1) doc.revision_reason = c.reason;
  doc.institute_name = Str(inst, "name");
  doc.institute_address = Str(inst, "address");
  doc.institute_phone = Str(inst, "phone");
  doc.authorization_no = Str(inst, "authorization_no");
  doc.client_name = Str(owner, "name");
  doc.client_address = Str(owner, "address");
  doc.instrument_name = Str(ins, "type_name");
  doc.model = Str(ins, "model");
  doc.serial_no = Str(ins, "serial_no");
  doc.manufacturer = Str(ins, "manufacturer");
  doc.accuracy_class = Str(ins, "accuracy_class");
  doc.specification = Str(ins, "specification");
  doc.install_address = Str(ins, "install_address");
  doc.regulation = Str(s, "regulation_title");
  doc.kind_name = Str(s, "kind_name");
  doc.conclusion = doc.pass ? "合格" : "不合格";
  doc.verified_on = c.verified_on;
  doc.issue_date = c.issue_date;
  doc.valid_until = c.valid_until;
  doc.verifier = Str(sig, "verifier");
  doc.checker = Str(sig, "checker");
  doc.approver = Str(sig, "approver");
  if (auto it = data.find("standards"); it != data.end() && it->is_array()) {
    for (const auto& st : *it)
      doc.standards.push_back({Str(st, "name"), Str(st, "model"), Str(st, "serial_no"),
                               Str(st, "certificate_no"), Str(st, "valid_until")});
  }
  doc.temperature = Fixed(data.value("temperature_c", Json()), 1) + " ℃";
  doc.humidity = Fixed(data.value("humidity_pct", Json()), 0) + " %RH";
  doc.insulation = Fixed(data.value("insulation_mohm", Json()), 1) + " MΩ（要求 ≥ 5 MΩ）";
  if (auto it = data.find("checklist"); it != data.end() && it->is_array()) {
    for (const auto& item : *it)
      doc.checklist.push_back({Str(item, "name"), item.value("pass", false), Str(item, "note")});
  }
  if (auto it = data.find("load_points"); it != data.end() && it->is_array()) {
    for (const auto& p : *it) {
      double limit = p.value("limit_pct", 0.0);
      int decimals = 1;
      double rounded = p.value("rounded_error_pct", 0.0);
      doc.load_points.push_back({Fixed(p.value("current_a", Json()), 1),
                                 Fixed(p.value("voltage_v", Json()), 1),
                                 Fixed(p.value("standard_energy_kwh", Json()), 3),
                                 Fixed(p.value("charger_energy_kwh", Json()), 3),
                                 fmt::format("{:+.{}f}", rounded == 0 ? 0.0 : rounded, decimals),
                                 fmt::format("±{:.1f}", limit), p.value("pass", false)});
    }
  }
  if (data.value("tou_billing", false) && data.contains("clock_rounded_s") &&
      data["clock_rounded_s"].is_number()) {
    doc.clock_error_s = Fixed(data["clock_rounded_s"], 0);
    doc.clock_limit_s = "±" + Fixed(data.value("clock_limit_s", Json()), 0);
    doc.clock_pass = data.value("clock_pass", true);
  }
  if (auto it = s.find("failed_items"); it != s.end() && it->is_array()) {
    for (const auto& f : *it) {
      std::string detail = Str(f, "detail");
      doc.failed_items.push_back(Str(f, "name") + (detail.empty() ? "" : "：" + detail));
    }
  }
  return doc;
}

}  // namespace mvis::services
