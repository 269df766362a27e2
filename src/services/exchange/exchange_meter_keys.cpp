// Meter public keys for OCMF signed meter values, registered per filed charger by its enterprise.
// See exchange_service.hpp.
#include <algorithm>
#include <cctype>

#include "domain/access_policy.hpp"
#include "domain/access_resources.hpp"
#include "domain/text.hpp"
#include "exchange/ocmf.hpp"
#include "services/core/workflow.hpp"
#include "services/exchange/exchange_service.hpp"
#include "store/instruments_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;

namespace {

constexpr char kInstrumentWhat[] = "器具";
constexpr char kKeyWhat[] = "电能表公钥";

Result<domain::Instrument> LoadInstrument(store::Tx& tx, const Actor& actor, int64_t id, Op op) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kInstrument, op); !ok)
    return std::unexpected(ok.error());
  auto i = store::FindInstrument(tx, id);
  if (!i) return NotFound(kInstrumentWhat);
  if (auto ok = domain::access::Check(SubjectOf(actor), domain::access::ResourceOf(*i), op,
                                      kInstrumentWhat);
      !ok)
    return std::unexpected(ok.error());
  return *i;
}

// A meter serial (MS): 1–64 printable ASCII characters without spaces or "|".
bool IsMeterSerial(const std::string& s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127 && c != '|'; });
}

}  // namespace

Result<std::vector<store::MeterKeyRow>> ExchangeService::MeterKeys(const Actor& actor,
                                                                   int64_t instrument_id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::MeterKeyRow>> {
    auto i = LoadInstrument(tx, actor, instrument_id, Op::kRead);
    if (!i) return std::unexpected(i.error());
    return store::MeterKeysOf(tx, instrument_id);
  });
}

Result<store::MeterKeyRow> ExchangeService::RegisterMeterKey(const Actor& actor,
                                                             int64_t instrument_id,
                                                             const std::string& meter_serial,
                                                             const std::string& public_key_hex) {
  store::MeterKeyRow row;
  row.meter_serial = std::string(domain::Trim(meter_serial));
  if (!IsMeterSerial(row.meter_serial))
    return InvalidField("meter_serial", "meter_serial_invalid",
                        "请填写电能表编号（1至64位字母、数字或符号，不含空格）");
  for (char c : public_key_hex)
    if (!std::isspace(static_cast<unsigned char>(c)))
      row.public_key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string reason;
  row.curve = row.public_key.size() <= 512 ? exchange::ocmf::KeyCurve(row.public_key, &reason) : "";
  if (row.curve.empty())
    return InvalidField(
        "public_key", reason == "key_unsupported" ? "key_unsupported" : "key_invalid",
        reason == "key_unsupported" ? "仅支持 secp256r1、secp384r1 和 brainpoolP256r1 曲线的公钥"
                                    : "公钥应为十六进制的 DER 格式（SubjectPublicKeyInfo）");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<store::MeterKeyRow> {
    auto i = LoadInstrument(w.tx, actor, instrument_id, Op::kEdit);
    if (!i) return std::unexpected(i.error());
    row.instrument_id = instrument_id;
    row.status = "active";
    row.created_by = actor.user_id;
    row.created_at = w.now;
    auto id = store::InsertMeterKey(w.tx, row);
    if (!id)
      return Fail(ErrorKind::kConflict, "meter_serial_taken",
                  "该电能表编号已登记公钥，请先注销原公钥", "meter_serial");
    row.id = *id;
    Record(w, Transition{{Kind::kInstrument, std::to_string(instrument_id)},
                         "meter_key_register",
                         "",
                         "",
                         "",
                         "电能表 " + row.meter_serial + "，" + row.curve,
                         {},
                         {}});
    return row;
  });
}

Status ExchangeService::RevokeMeterKey(const Actor& actor, int64_t instrument_id, int64_t key_id) {
  return WriteAs(ctx_, actor, [&](Work& w) -> Status {
    auto i = LoadInstrument(w.tx, actor, instrument_id, Op::kEdit);
    if (!i) return std::unexpected(i.error());
    if (!store::RevokeMeterKey(w.tx, key_id, instrument_id, w.now)) return NotFound(kKeyWhat);
    Record(w, Transition{{Kind::kInstrument, std::to_string(instrument_id)},
                         "meter_key_revoke",
                         "",
                         "",
                         "",
                         "公钥 " + std::to_string(key_id),
                         {},
                         {}});
    return {};
  });
}

Result<std::optional<PublicMeterKey>> ExchangeService::FindMeterKey(
    const std::string& meter_serial) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<PublicMeterKey>> {
    auto k = store::ActiveMeterKey(tx, meter_serial);
    if (!k) return std::nullopt;
    PublicMeterKey out{k->public_key, k->curve, "", "", ""};
    if (auto i = store::FindInstrument(tx, k->instrument_id)) {
      if (i->data.charger) out.equipment_id = i->data.charger->equipment_id;
      out.verification_state = std::string(domain::ToString(i->verification_state));
      out.valid_until = i->valid_until;
    }
    return std::optional<PublicMeterKey>(std::move(out));
  });
}

}  // namespace mvis::services
