#include "services/imports/import_validator.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {
namespace {

std::string Key(const domain::InstrumentData& d) {
  return d.manufacturer + '\x1f' + d.model + '\x1f' + d.serial_no;
}

}  // namespace

ImportValidator::ImportValidator(store::Tx& tx, int64_t org_id, std::string today)
    : org_id_(org_id), today_(std::move(today)) {
  for (auto& t : store::ListInstrumentTypes(tx)) {
    if (!t.active) continue;
    catalogue_.type_code_by_name[t.name] = t.code;
    catalogue_.types_by_code[t.code] = std::move(t);
  }
  for (const auto& r : store::ListRegions(tx, "")) {
    if (!r.IsDistrictLike()) continue;
    install_regions_[r.code] = true;
    catalogue_.region_code_by_name[r.name] = r.code;
    catalogue_.region_code_by_name[r.code] = r.code;
  }
}

void ImportValidator::Check(store::Tx& tx, std::vector<CheckedRow>& rows) {
  std::vector<std::string> serials;
  for (auto& r : rows) {
    domain::Normalize(r.data);
    domain::DeriveLegacyChargerCurrents(r.data);
    serials.push_back(r.data.serial_no);
  }
  std::map<std::string, store::Identity> registered;
  for (auto& id : store::FindIdentitiesBySerial(tx, serials)) {
    registered.emplace(id.manufacturer + '\x1f' + id.model + '\x1f' + id.serial_no, id);
  }
  auto is_region = [&](const std::string& code) { return install_regions_.count(code) > 0; };
  for (auto& r : rows) {
    auto type = catalogue_.types_by_code.find(r.data.type_code);
    const domain::InstrumentType* t =
        type == catalogue_.types_by_code.end() ? nullptr : &type->second;
    std::set<std::string> reported;
    for (const auto& e : r.errors) reported.insert(e.field);
    for (auto& e : domain::ValidateInstrument(r.data, t, is_region, today_)) {
      // A value that could not be converted is reported once, by the conversion error.
      if (!reported.count(e.field)) r.errors.push_back(std::move(e));
    }
    r.mandatory = t && domain::IsMandatory(*t, r.data.use);
    r.state = r.errors.empty() ? domain::ImportRowState::kValid : domain::ImportRowState::kError;
    if (!r.data.serial_no.empty()) {
      std::string key = Key(r.data);
      auto [it, first] = first_row_of_key_.emplace(key, r.row);
      if (!first && it->second != r.row) {
        r.errors.push_back(
            {"serial_no", "import_duplicate_row",
             "与第" + std::to_string(it->second) + "行重复（制造单位、型号规格、出厂编号相同）"});
        r.state = domain::ImportRowState::kError;
      } else if (auto reg = registered.find(key); reg != registered.end()) {
        if (reg->second.org_id == org_id_) {
          // Registered before (e.g. the same file imported again): skipped whatever else the
          // row says, so its other problems no longer matter.
          r.state = domain::ImportRowState::kExisting;
          r.errors.clear();
        } else {
          r.errors.push_back({"serial_no", "instrument_duplicate",
                              "制造单位、型号规格和出厂编号相同的器具已由其他单位登记"});
          r.state = domain::ImportRowState::kError;
        }
      }
    }
  }
}

std::string ErrorsToJson(const std::vector<FieldError>& errors) {
  if (errors.empty()) return {};
  nlohmann::json j = nlohmann::json::array();
  for (const auto& e : errors)
    j.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message}});
  return j.dump();
}

std::vector<FieldError> ErrorsFromJson(const std::string& text) {
  std::vector<FieldError> out;
  if (text.empty()) return out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j)
    out.push_back({e.value("field", ""), e.value("code", ""), e.value("message", "")});
  return out;
}

}  // namespace mvis::services
