#include "domain/access_policy.hpp"
#include "services/core/audit.hpp"
#include "services/registry/instrument_service.hpp"
#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"

// The instrument catalogue (器具目录): read by everyone, maintained by the city regulator.
namespace mvis::services {

Result<std::vector<domain::InstrumentType>> InstrumentService::Types() {
  return ctx_.db.Read([](store::Tx& tx) -> Result<std::vector<domain::InstrumentType>> {
    return store::ListInstrumentTypes(tx);
  });
}

namespace {

Status CheckType(const domain::InstrumentType& t) {
  std::vector<FieldError> errors;
  bool code_ok = !t.code.empty() && t.code.size() <= 40;
  for (char c : t.code)
    code_ok = code_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!code_ok)
    errors.push_back({"code", "type_code_invalid", "代码须为小写字母、数字或下划线（不超过40位）"});
  if (t.name.empty() || t.name.size() > 200)
    errors.push_back({"name", "name_required", "请填写器具名称"});
  if (t.regulation.empty())
    errors.push_back({"regulation", "regulation_required", "请填写检定规程（编号及版本）"});
  if (!t.verification_form) {
    errors.push_back(
        {"verification_form", "verification_form_invalid", "检定形式应为周期检定或首次检定"});
  }
  if (t.period_months < 1 || t.period_months > 240) {
    errors.push_back({"period_months", "period_invalid", "检定周期应为1至240个月"});
  }
  for (const auto& u : t.mandatory_uses) {
    if (!domain::IsMandatoryUse(u)) {
      errors.push_back({"mandatory_uses", "use_invalid",
                        "强检用途只能是贸易结算、安全防护、医疗卫生、环境监测"});
      break;
    }
  }
  if (!errors.empty()) return domain::ValidationFailed(std::move(errors));
  return {};
}

Status RequireCatalogueKeeper(const Actor& actor, domain::access::Op op) {
  return domain::access::CheckRole(SubjectOf(actor), domain::access::Kind::kInstrumentType, op);
}

}  // namespace

Result<domain::InstrumentType> InstrumentService::CreateType(const Actor& actor,
                                                             domain::InstrumentType t) {
  if (auto ok = RequireCatalogueKeeper(actor, domain::access::Op::kCreate); !ok)
    return std::unexpected(ok.error());
  t.charger_current.clear();  // charger semantics belong to the two seeded charger types
  if (auto ok = CheckType(t); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::InstrumentType> {
    store::Tx& tx = w.tx;
    if (store::FindInstrumentType(tx, t.code)) {
      return Fail(ErrorKind::kConflict, "type_code_taken", "该器具类型代码已存在", "code");
    }
    store::InsertInstrumentType(tx, t, w.now);
    Audit(w, {"catalogue.type.create", "instrument_type", t.code,
              t.name + " " + t.regulation + "，检定周期 " + std::to_string(t.period_months) +
                  " 个月"});
    auto saved = store::FindInstrumentType(tx, t.code);
    if (!saved) return Internal("instrument type " + t.code + " vanished in its transaction");
    return *saved;
  });
}

Result<domain::InstrumentType> InstrumentService::UpdateType(const Actor& actor,
                                                             domain::InstrumentType t) {
  if (auto ok = RequireCatalogueKeeper(actor, domain::access::Op::kEdit); !ok)
    return std::unexpected(ok.error());
  if (auto ok = CheckType(t); !ok) return std::unexpected(ok.error());
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<domain::InstrumentType> {
    store::Tx& tx = w.tx;
    auto before = store::FindInstrumentType(tx, t.code);
    if (!before) return NotFound("器具类型");
    t.charger_current = before->charger_current;
    store::UpdateInstrumentType(tx, t, w.now);
    Audit(w, {"catalogue.type.update", "instrument_type", t.code,
              "检定周期 " + std::to_string(before->period_months) + " → " +
                  std::to_string(t.period_months) + " 个月；检定规程 " + before->regulation +
                  " → " + t.regulation + "；" + (before->active ? "启用" : "停用") + " → " +
                  (t.active ? "启用" : "停用")});
    auto saved = store::FindInstrumentType(tx, t.code);
    if (!saved) return Internal("instrument type " + t.code + " vanished in its transaction");
    return *saved;
  });
}

}  // namespace mvis::services
