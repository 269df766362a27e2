// T/CEC 102 exchange: see exchange_service.hpp.
#include "services/exchange/exchange_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "domain/access_policy.hpp"
#include "exchange/tcec_codec.hpp"
#include "services/core/workflow.hpp"
#include "store/orgs_store.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;
using json = nlohmann::json;
namespace tcec = exchange::tcec;

namespace {

constexpr char kWhat[] = "对接运营商";
constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string RandomText(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool IsOperatorId(const std::string& s) {
  return s.size() == 9 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) ||
                  std::isupper(static_cast<unsigned char>(c));
         });
}

// A 16-character secret: printable ASCII, no spaces.
bool IsSecret(const std::string& s) {
  return s.size() == 16 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127; });
}

struct OperatorSecrets {
  std::string operator_secret;
  tcec::Secrets secrets;
};

std::string Text(const json& object, std::initializer_list<std::string_view> names) {
  const auto* v = tcec::Member(object, names);
  if (!v) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  return "";
}

std::optional<double> Number(const json& object, std::initializer_list<std::string_view> names) {
  const auto* v = tcec::Member(object, names);
  if (v && v->is_number()) return v->get<double>();
  if (v && v->is_string()) {
    try {
      return std::stod(v->get<std::string>());
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

double Amount(const json& object, std::initializer_list<std::string_view> names) {
  return Number(object, names).value_or(0);
}

// ChargeOrderInfo as CEC peers send it (any key case; the "Sevice" spellings too).
domain::ChargeOrder OrderOf(const json& o) {
  domain::ChargeOrder out;
  out.start_charge_seq = Text(o, {"StartChargeSeq"});
  out.connector_id = Text(o, {"ConnectorID"});
  out.equipment_id = Text(o, {"EquipmentID"});
  out.start = Text(o, {"StartTime"});
  out.end = Text(o, {"EndTime"});
  out.total_energy_kwh = Amount(o, {"TotalPower"});
  out.elec_money = Amount(o, {"TotalElecMoney"});
  out.service_money = Amount(o, {"TotalServiceMoney", "TotalSeviceMoney"});
  out.total_money = Amount(o, {"TotalMoney"});
  out.sum_period = static_cast<int>(Amount(o, {"SumPeriod", "SubPeriod"}));
  const auto* details = tcec::Member(o, {"ChargeDetails"});
  if (details && details->is_array())
    for (const auto& d : *details)
      out.periods.push_back({Text(d, {"DetailStartTime"}), Text(d, {"DetailEndTime"}),
                             Amount(d, {"ElecPrice"}), Amount(d, {"ServicePrice", "SevicePrice"}),
                             Amount(d, {"DetailPower"}), Amount(d, {"DetailElecMoney"}),
                             Amount(d, {"DetailServiceMoney", "DetailSeviceMoney"})});
  return out;
}

// Rule 4, the registry at the order's start: the charger not filed, never verified (or its
// certificate revoked), failed, or its certificate expired. (The filing's current state: the
// state at StartTime is not kept.)
std::optional<domain::RuleFinding> RegistryFinding(const store::OrderCharger& c,
                                                   const domain::ChargeOrder& o) {
  const std::string day = o.start.substr(0, 10);
  if (!c.filed) return domain::RuleFinding{"charger_unfiled", {{"EquipmentID", c.equipment_id}}};
  if (c.verification_state == "never" || c.verification_state == "revoked")
    return domain::RuleFinding{
        "charger_unverified",
        {{"EquipmentID", c.equipment_id}, {"verification_state", c.verification_state}}};
  if (c.verification_state == "failed")
    return domain::RuleFinding{"charger_failed", {{"EquipmentID", c.equipment_id}}};
  if (c.verification_state == "passed" && !c.valid_until.empty() && c.valid_until < day)
    return domain::RuleFinding{
        "charger_expired",
        {{"EquipmentID", c.equipment_id}, {"valid_until", c.valid_until}, {"StartTime", o.start}}};
  return std::nullopt;
}

}  // namespace

Result<TcecOperatorIssued> ExchangeService::CreateOperator(const Actor& actor,
                                                           const TcecOperatorInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  TcecOperatorIssued out;
  out.org_id = in.org_id;
  out.operator_secret = in.operator_secret.empty() ? RandomText(16) : in.operator_secret;
  out.data_secret = in.data_secret.empty() ? RandomText(16) : in.data_secret;
  out.data_secret_iv = in.data_secret_iv.empty() ? RandomText(16) : in.data_secret_iv;
  out.sig_secret = in.sig_secret.empty() ? RandomText(16) : in.sig_secret;
  for (const auto& [field, value] :
       {std::pair<const char*, const std::string*>{"operator_secret", &out.operator_secret},
        {"data_secret", &out.data_secret},
        {"data_secret_iv", &out.data_secret_iv},
        {"sig_secret", &out.sig_secret}})
    if (!IsSecret(*value)) return InvalidField(field, "secret_invalid", "密钥应为16位可见字符");
  return WriteAs(ctx_, actor, [&](Work& w) -> Result<TcecOperatorIssued> {
    auto org = store::FindOrg(w.tx, in.org_id);
    if (!org || org->kind != domain::OrgKind::kEnterprise)
      return InvalidField("org_id", "org_invalid", "请选择充电运营企业");
    out.org_name = org->name;
    out.operator_id = in.operator_id;
    if (out.operator_id.empty() && org->credit_code.size() == 18)
      out.operator_id = org->credit_code.substr(8, 9);  // the organisation code in the credit code
    if (!IsOperatorId(out.operator_id))
      return InvalidField("operator_id", "operator_id_invalid",
                          "运营商标识应为9位组织机构代码（数字或大写字母）");
    store::TcecOperatorRow row;
    row.operator_id = out.operator_id;
    row.org_id = in.org_id;
    row.secrets_sealed = keys_.Seal(json{
        {"operator_secret", out.operator_secret},
        {"data_secret", out.data_secret},
        {"data_secret_iv", out.data_secret_iv},
        {"sig_secret", out.sig_secret}}.dump());
    row.status = "active";
    row.created_by = actor.user_id;
    row.created_at = row.rotated_at = w.now;
    auto id = store::InsertTcecOperator(w.tx, row);
    if (!id) return Fail(ErrorKind::kConflict, "operator_exists", "该运营商标识已开通对接");
    out.id = *id;
    // The audit row names the account, never a secret.
    Record(w, Transition{{Kind::kPlatform, "tcec_operator:" + std::to_string(*id)},
                         "tcec_operator_create",
                         "",
                         "active",
                         "",
                         out.org_name + "（运营商标识 " + out.operator_id + "）",
                         {},
                         {}});
    return out;
  });
}

Result<std::vector<TcecOperatorView>> ExchangeService::ListOperators(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kRead); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<TcecOperatorView>> {
    std::vector<TcecOperatorView> out;
    for (const auto& r : store::ListTcecOperators(tx))
      out.push_back(
          {r.id, r.org_id, r.org_name, r.operator_id, r.status, r.created_at, r.rotated_at});
    return out;
  });
}

json ExchangeService::Receive(const std::string& endpoint, const std::string& authorization,
                              std::string_view body) {
  auto envelope = tcec::ParseEnvelope(body);
  if (!envelope) return tcec::Response(envelope.error().ret, envelope.error().msg, nullptr);
  const int64_t now = ctx_.clock.Now();
  auto found = ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<store::TcecOperatorRow>> {
    return store::FindTcecOperator(tx, envelope->operator_id);
  });
  if (!found) return tcec::Response(tcec::Ret::kSystem, "系统错误", nullptr);
  if (!*found || (*found)->status != "active")
    return tcec::Response(tcec::Ret::kEnvelope, "运营商标识未开通对接", nullptr);
  const auto& op = **found;
  auto opened = keys_.Open(op.secrets_sealed);
  if (!opened) return tcec::Response(tcec::Ret::kSystem, "系统错误", nullptr);
  const auto stored = json::parse(*opened, nullptr, false);
  OperatorSecrets s{stored.value("operator_secret", ""),
                    {stored.value("data_secret", ""), stored.value("data_secret_iv", ""),
                     stored.value("sig_secret", "")}};
  auto reply = [&](tcec::Ret ret, const std::string& msg, const json& data = nullptr) {
    return tcec::Response(ret, msg, &s.secrets, data.is_null() ? "" : data.dump());
  };

  if (endpoint != "query_token") {
    const std::string prefix = "Bearer ";
    const std::string token =
        authorization.starts_with(prefix) ? authorization.substr(prefix.size()) : "";
    auto holder = ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<int64_t>> {
      return store::TcecTokenOperator(tx, Sha256Hex(token), now);
    });
    if (!holder) return reply(tcec::Ret::kSystem, "系统错误");
    if (token.empty() || !*holder || **holder != op.id)
      return reply(tcec::Ret::kToken, "Token 无效或已过期");
  }
  auto data = tcec::Open(s.secrets, *envelope, now);
  if (!data) return reply(data.error().ret, data.error().msg);

  // The business content, checked before anything is written.
  std::vector<store::PlatformStation> stations;
  std::vector<store::PlatformEquipment> equipment;
  if (endpoint == "query_token") {
    if (Text(*data, {"OperatorID"}) != op.operator_id)
      return reply(tcec::Ret::kBusiness, "OperatorID 与报文不一致");
  } else if (endpoint == "notification_stationInfo") {
    const auto* info = tcec::Member(*data, {"StationInfo"});
    if (!info || !info->is_object()) return reply(tcec::Ret::kBusiness, "缺少 StationInfo");
    store::PlatformStation st;
    st.station_id = Text(*info, {"StationID"});
    if (st.station_id.empty()) return reply(tcec::Ret::kBusiness, "缺少 StationID");
    st.name = Text(*info, {"StationName"});
    st.address = Text(*info, {"Address"});
    st.area_code = Text(*info, {"AreaCode"});
    const auto* list = tcec::Member(*info, {"EquipmentInfos"});
    if (list && !list->is_array()) return reply(tcec::Ret::kBusiness, "EquipmentInfos 应为数组");
    auto known = ctx_.db.Read([&](store::Tx& tx) -> Result<bool> {
      return store::FindRegion(tx, st.area_code).has_value();
    });
    st.region_code = known && *known ? st.area_code : "";
    for (const auto& item : list ? *list : json::array()) {
      store::PlatformEquipment e;
      e.station_id = st.station_id;
      e.region_code = st.region_code;
      e.equipment_id = Text(item, {"EquipmentID"});
      if (e.equipment_id.empty()) return reply(tcec::Ret::kBusiness, "缺少 EquipmentID");
      e.manufacturer = Text(item, {"ManufacturerName"});
      e.model = Text(item, {"EquipmentModel"});
      e.production_date = Text(item, {"ProductionDate"});
      const std::string type = Text(item, {"EquipmentType"});
      e.current = type == "1" ? "DC" : type == "2" ? "AC" : "";
      e.power_kw = Number(item, {"Power"});
      const auto* connectors = tcec::Member(item, {"ConnectorInfos"});
      e.connectors =
          connectors && connectors->is_array() ? static_cast<int64_t>(connectors->size()) : 0;
      equipment.push_back(std::move(e));
    }
    stations.push_back(std::move(st));
  } else if (endpoint == "notification_charge_order_info") {
    if (tcec::Member(*data, {"StartChargeSeq"}) == nullptr)
      return reply(tcec::Ret::kBusiness, "缺少 StartChargeSeq");
  } else {
    return reply(tcec::Ret::kEnvelope, "不支持的接口");
  }
  const domain::ChargeOrder order =
      endpoint == "notification_charge_order_info" ? OrderOf(*data) : domain::ChargeOrder{};
  if (endpoint == "notification_charge_order_info" &&
      (order.start_charge_seq.empty() || order.connector_id.empty() ||
       !domain::OrderSeconds(order.start) || !domain::OrderSeconds(order.end)))
    return reply(tcec::Ret::kBusiness, "订单缺少 StartChargeSeq、ConnectorID 或起止时间");

  const std::string given = Text(*data, {"OperatorSecret"});
  const bool secret_ok = !s.operator_secret.empty() && given.size() == s.operator_secret.size() &&
                         sodium_memcmp(given.data(), s.operator_secret.data(), given.size()) == 0;
  std::string token;
  std::string sig = envelope->sig;
  for (auto& c : sig) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string fingerprint = Sha256Hex(envelope->operator_id + "|" + envelope->timestamp +
                                            "|" + envelope->seq + "|" + sig);
  auto stored_ok = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
    if (!store::KeepTcecEnvelope(tx, op.id, endpoint, fingerprint, std::string(body),
                                 Sha256Hex(body), now))
      return false;
    for (const auto& st : stations) store::UpsertPlatformStation(tx, op.id, st, now);
    for (const auto& e : equipment) store::UpsertPlatformEquipment(tx, op.id, e, now);
    if (endpoint == "notification_charge_order_info") RecordOrder(tx, op.id, order, *data, now);
    if (endpoint == "query_token" && secret_ok) {
      token = RandomText(32);
      store::PurgeTcecTokens(tx, now);
      store::InsertTcecToken(tx, Sha256Hex(token), op.id, now + kTokenSeconds);
    }
    return true;
  });
  if (!stored_ok) return reply(tcec::Ret::kSystem, "系统错误");
  if (!*stored_ok) return reply(tcec::Ret::kEnvelope, "重复的请求：该报文已接收");

  if (endpoint == "query_token") {
    if (token.empty())
      return reply(tcec::Ret::kOk, "",
                   {{"OperatorID", op.operator_id},
                    {"SuccStat", 1},
                    {"AccessToken", ""},
                    {"TokenAvailableTime", 0},
                    {"FailReason", 2}});
    return reply(tcec::Ret::kOk, "",
                 {{"OperatorID", op.operator_id},
                  {"SuccStat", 0},
                  {"AccessToken", token},
                  {"TokenAvailableTime", kTokenSeconds},
                  {"FailReason", 0}});
  }
  if (endpoint == "notification_charge_order_info")
    return reply(tcec::Ret::kOk, "",
                 {{"StartChargeSeq", order.start_charge_seq},
                  {"ConnectorID", order.connector_id},
                  {"ConfirmResult", 0}});
  return reply(tcec::Ret::kOk, "", {{"Status", 0}});
}

void ExchangeService::RecordOrder(store::Tx& tx, int64_t operator_ref,
                                  const domain::ChargeOrder& order, const json& data, int64_t now) {
  const auto charger =
      store::FindOrderCharger(tx, operator_ref, order.equipment_id, order.connector_id);
  store::StoredOrder stored{order.start_charge_seq,
                            order.connector_id,
                            charger.equipment_id,
                            order.start,
                            order.end,
                            charger.region_code,
                            data.dump(),
                            order.total_energy_kwh,
                            order.total_money};
  auto id = store::InsertChargeOrder(tx, operator_ref, stored, now);
  if (!id) return;  // sent before: stored once, judged once
  const domain::RuleParams params;
  auto findings = domain::CheckArithmetic(order, params);
  for (auto& f : domain::CheckPhysical(order, charger.rated_power_kw, params))
    findings.push_back(std::move(f));
  std::vector<domain::ChargeOrder> same_connector{order};
  for (const auto& body :
       store::OverlappingOrders(tx, operator_ref, order.connector_id, order.start, order.end, *id))
    same_connector.push_back(OrderOf(json::parse(body, nullptr, false)));
  for (auto& f : domain::CheckOverlaps(same_connector))
    if (f.evidence.size() > 1 && (f.evidence[1].second == order.start_charge_seq ||
                                  f.evidence[3].second == order.start_charge_seq))
      findings.push_back(std::move(f));
  if (auto f = RegistryFinding(charger, order)) findings.push_back(std::move(*f));
  for (const auto& f : findings) {
    json evidence = json::array();
    for (const auto& [name, value] : f.evidence) evidence.push_back({name, value});
    store::InsertChargeAlert(tx, {0, *id, f.rule, charger.equipment_id, order.start_charge_seq,
                                  charger.region_code, evidence.dump(), "open", now});
  }
}

Result<std::vector<std::string>> ExchangeService::Regions(const Actor& actor, Kind kind,
                                                          const std::string& region_code,
                                                          store::Tx& tx) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), kind);
  if (!scope.allowed)
    return std::unexpected(
        domain::access::DenialError(domain::access::Decision::kForbidden, kind, Op::kRead, "数据"));
  std::vector<std::string> regions;
  if (scope.region_codes) {
    regions = *scope.region_codes;
  } else {
    for (const auto& r : store::ListRegions(tx, "")) regions.push_back(r.code);
  }
  if (region_code.empty()) return regions;
  if (std::find(regions.begin(), regions.end(), region_code) == regions.end())
    return Fail(ErrorKind::kPermissionDenied, "permission_denied", "无权查看该辖区的数据",
                "region_code");
  return store::RegionSubtree(tx, region_code);
}

Result<store::Page<store::ReconciliationItem>> ExchangeService::Reconciliation(
    const Actor& actor, const std::string& kind, const std::string& region_code,
    const store::PageRequest& page) {
  if (kind != "unfiled" && kind != "not_on_platform" && kind != "mismatch")
    return InvalidField("kind", "kind_invalid", "核查类别无效");
  return ctx_.db.Read([&](store::Tx& tx) -> Result<store::Page<store::ReconciliationItem>> {
    auto regions = Regions(actor, Kind::kReconciliation, region_code, tx);
    if (!regions) return std::unexpected(regions.error());
    return store::ListReconciliation(tx, kind, *regions, page);
  });
}

Result<store::Page<store::ChargeAlertRow>> ExchangeService::Alerts(const Actor& actor,
                                                                   const std::string& rule,
                                                                   const std::string& region_code,
                                                                   const store::PageRequest& page) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<store::Page<store::ChargeAlertRow>> {
    auto regions = Regions(actor, Kind::kChargeAlert, region_code, tx);
    if (!regions) return std::unexpected(regions.error());
    return store::ListChargeAlerts(tx, rule, *regions, page);
  });
}

}  // namespace mvis::services
