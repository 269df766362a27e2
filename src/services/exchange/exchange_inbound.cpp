// The inbound T/CEC 102 interfaces (mvis as the receiving platform): the envelope is opened once
// (operator, token, signature, decryption), then each interface checks its business content before
// anything is written and names the effect to apply in the transaction that keeps the envelope.
// See exchange_service.hpp.
#include <sodium.h>

#include <cctype>
#include <cmath>
#include <functional>
#include <future>
#include <memory>

#include "exchange/tcec_codec.hpp"
#include "services/exchange/exchange_internal.hpp"
#include "services/exchange/exchange_service.hpp"
#include "services/exchange/order_writer.hpp"
#include "services/exchange/peer_cache.hpp"
#include "store/regions_store.hpp"

namespace mvis::services {

using json = nlohmann::json;
namespace tcec = exchange::tcec;
using namespace exchange_internal;

namespace {

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

// What makes an envelope the same envelope again (replay protection): its OperatorID, TimeStamp,
// Seq and signature (in upper case).
std::string Fingerprint(const tcec::Envelope& envelope) {
  std::string sig = envelope.sig;
  for (auto& c : sig) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return exchange_internal::Sha256Hex(envelope.operator_id + "|" + envelope.timestamp + "|" +
                                      envelope.seq + "|" + sig);
}

// An opened request: its operator, secrets and decrypted Data.
struct Inbound {
  store::TcecOperatorRow op;
  OperatorSecrets secrets;
  json data;
};

// An interface's verdict on the content: a refusal (Ret, Msg), or the effect to apply once the
// envelope is kept, which returns the response's Data.
struct Handling {
  tcec::Ret ret = tcec::Ret::kOk;
  std::string msg;
  std::function<json(store::Tx&, int64_t now)> apply;
  std::string month;  // of the charge order stored by `apply` (its partition must exist)
};
Handling Refuse(tcec::Ret ret, std::string msg) { return {ret, std::move(msg), nullptr}; }

}  // namespace

namespace {

// Stores a charge order once (per operator and StartChargeSeq) and, the first time, runs the
// rules on it and keeps their alerts. The order's reply either way.
json RecordOrder(store::Tx& tx, int64_t operator_ref, const domain::ChargeOrder& order,
                 const json& data, const std::vector<domain::Tariff>& tariffs, int64_t now) {
  exchange_internal::StoreAndJudge(tx, operator_ref, order, data, tariffs, now);
  return {{"StartChargeSeq", order.start_charge_seq},
          {"ConnectorID", order.connector_id},
          {"ConfirmResult", 0}};
}

// query_token: a token for the right OperatorSecret (SuccStat 1, FailReason 2 otherwise).
Handling QueryToken(const Inbound& in) {
  if (Text(in.data, {"OperatorID"}) != in.op.operator_id)
    return Refuse(tcec::Ret::kBusiness, "OperatorID 与报文不一致");
  const std::string given = Text(in.data, {"OperatorSecret"});
  const std::string& want = in.secrets.operator_secret;
  const bool ok = !want.empty() && given.size() == want.size() &&
                  sodium_memcmp(given.data(), want.data(), given.size()) == 0;
  const int64_t ref = in.op.id;
  const std::string operator_id = in.op.operator_id;
  return {tcec::Ret::kOk, "", [=](store::Tx& tx, int64_t now) -> json {
            if (!ok)
              return {{"OperatorID", operator_id},
                      {"SuccStat", 1},
                      {"AccessToken", ""},
                      {"TokenAvailableTime", 0},
                      {"FailReason", 2}};
            const std::string token = RandomText(32);
            store::PurgeTcecTokens(tx, now);
            store::InsertTcecToken(tx, Sha256Hex(token), ref, now + ExchangeService::kTokenSeconds);
            return {{"OperatorID", operator_id},
                    {"SuccStat", 0},
                    {"AccessToken", token},
                    {"TokenAvailableTime", ExchangeService::kTokenSeconds},
                    {"FailReason", 0}};
          }};
}

// notification_stationInfo: one station with its equipment, stored by StationID / EquipmentID.
Handling StationInfo(const Inbound& in, const ServiceContext& ctx) {
  const auto* info = tcec::Member(in.data, {"StationInfo"});
  if (!info || !info->is_object()) return Refuse(tcec::Ret::kBusiness, "缺少 StationInfo");
  auto read = exchange_internal::ReadStationInfo(*info);
  if (!read) return Refuse(tcec::Ret::kBusiness, read.error());
  auto known = ctx.db.Read([&](store::Tx& tx) -> Result<bool> {
    return store::FindRegion(tx, read->station.area_code).has_value();
  });
  read->SetRegion(known && *known ? read->station.area_code : "");
  const int64_t ref = in.op.id;
  return {tcec::Ret::kOk, "", [ref, st = std::move(*read)](store::Tx& tx, int64_t now) -> json {
            store::UpsertPlatformStation(tx, ref, st.station, now);
            for (const auto& e : st.equipment) store::UpsertPlatformEquipment(tx, ref, e, now);
            return {{"Status", 0}};
          }};
}

// notification_stationStatus: one connector's status (ConnectorStatusInfo), the latest kept.
Handling StationStatus(const Inbound& in) {
  const auto* info = tcec::Member(in.data, {"ConnectorStatusInfo"});
  if (!info || !info->is_object()) return Refuse(tcec::Ret::kBusiness, "缺少 ConnectorStatusInfo");
  const std::string connector = Text(*info, {"ConnectorID"});
  const auto status = Number(*info, {"Status"});
  if (connector.empty()) return Refuse(tcec::Ret::kBusiness, "缺少 ConnectorID");
  if (!status || *status < 0 || *status > 255 || *status != std::floor(*status))
    return Refuse(tcec::Ret::kBusiness, "Status 无效");
  const int64_t ref = in.op.id, value = static_cast<int64_t>(*status);
  return {tcec::Ret::kOk, "", [=](store::Tx& tx, int64_t now) -> json {
            store::UpsertConnectorStatus(tx, ref, connector, value, now);
            return {{"Status", 0}};
          }};
}

// notification_charge_order_info: one order, stored once, judged by the rules on arrival.
Handling ChargeOrderInfo(const Inbound& in, std::vector<domain::Tariff> tariffs) {
  auto valid = exchange_internal::ValidOrder(in.data);
  if (!valid) return Refuse(tcec::Ret::kBusiness, valid.error());
  const domain::ChargeOrder order = std::move(*valid);
  const int64_t ref = in.op.id;
  const json data = in.data;
  return {tcec::Ret::kOk, "",
          [=, tariffs = std::move(tariffs)](store::Tx& tx, int64_t now) -> json {
            return RecordOrder(tx, ref, order, data, tariffs, now);
          },
          order.start.substr(0, 7)};
}

// check_charge_orders: the operator's orders of a period against those received. DisputeReason
// 1 not received, 2 money differs, 3 energy differs, 4 both.
Handling CheckChargeOrders(const Inbound& in) {
  const auto* orders = tcec::Member(in.data, {"ChargeOrders"});
  if (!orders || !orders->is_array()) return Refuse(tcec::Ret::kBusiness, "缺少 ChargeOrders");
  struct Claimed {
    std::string seq;
    double energy = 0, money = 0;
  };
  std::vector<Claimed> claimed;
  for (const auto& o : *orders) {
    Claimed c{Text(o, {"StartChargeSeq"}), Amount(o, {"TotalPower"}), Amount(o, {"TotalMoney"})};
    if (c.seq.empty()) return Refuse(tcec::Ret::kBusiness, "对账订单缺少 StartChargeSeq");
    claimed.push_back(std::move(c));
  }
  const int64_t ref = in.op.id;
  const json head{{"CheckOrderSeq", Text(in.data, {"CheckOrderSeq"})},
                  {"StartTime", Text(in.data, {"StartTime"})},
                  {"EndTime", Text(in.data, {"EndTime"})}};
  return {tcec::Ret::kOk, "", [=](store::Tx& tx, int64_t) -> json {
            std::vector<std::string> seqs;
            for (const auto& c : claimed) seqs.push_back(c.seq);
            const auto held = store::OrderTotals(tx, ref, seqs);
            json disputes = json::array();
            double power = 0, money = 0;
            for (const auto& c : claimed) {
              int reason = 1;
              if (auto it = held.find(c.seq); it != held.end()) {
                const bool money_off = std::abs(it->second.second - c.money) > 0.005;
                const bool energy_off = std::abs(it->second.first - c.energy) > 0.0005;
                reason = money_off && energy_off ? 4 : money_off ? 2 : energy_off ? 3 : 0;
              }
              if (reason == 0) continue;
              disputes.push_back({{"StartChargeSeq", c.seq},
                                  {"TotalPower", c.energy},
                                  {"TotalMoney", c.money},
                                  {"DisputeReason", reason}});
              power += c.energy;
              money += c.money;
            }
            json out = head;
            out["TotalDisputeOrder"] = disputes.size();
            out["TotalDisputePower"] = std::round(power * 1000) / 1000;
            out["TotalDisputeMoney"] = std::round(money * 100) / 100;
            out["DisputeOrders"] = disputes;
            return out;
          }};
}

}  // namespace

domain::ChargeOrder exchange_internal::OrderFromJson(const json& order) { return OrderOf(order); }

std::string exchange_internal::TextOf(const json& object,
                                      std::initializer_list<std::string_view> names) {
  return Text(object, names);
}

std::optional<double> exchange_internal::NumberOf(const json& object,
                                                  std::initializer_list<std::string_view> names) {
  return Number(object, names);
}

void exchange_internal::StationRecord::SetRegion(const std::string& region_code) {
  station.region_code = region_code;
  for (auto& e : equipment) e.region_code = region_code;
}

std::expected<exchange_internal::StationRecord, std::string> exchange_internal::ReadStationInfo(
    const json& info) {
  StationRecord out;
  store::PlatformStation& st = out.station;
  st.station_id = Text(info, {"StationID"});
  if (st.station_id.empty()) return std::unexpected("缺少 StationID");
  st.name = Text(info, {"StationName"});
  st.address = Text(info, {"Address"});
  st.area_code = Text(info, {"AreaCode"});
  const auto* list = tcec::Member(info, {"EquipmentInfos"});
  if (list && !list->is_array()) return std::unexpected("EquipmentInfos 应为数组");
  for (const auto& item : list ? *list : json::array()) {
    store::PlatformEquipment e;
    e.station_id = st.station_id;
    e.equipment_id = Text(item, {"EquipmentID"});
    if (e.equipment_id.empty()) return std::unexpected("缺少 EquipmentID");
    e.manufacturer = Text(item, {"ManufacturerName"});
    e.model = Text(item, {"EquipmentModel"});
    e.production_date = Text(item, {"ProductionDate"});
    const std::string type = Text(item, {"EquipmentType"});
    e.current = type == "1" ? "DC" : type == "2" ? "AC" : "";
    e.power_kw = Number(item, {"Power"});
    const auto* connectors = tcec::Member(item, {"ConnectorInfos"});
    e.connectors =
        connectors && connectors->is_array() ? static_cast<int64_t>(connectors->size()) : 0;
    out.equipment.push_back(std::move(e));
  }
  return out;
}

void ExchangeService::Receive(const std::string& endpoint, const std::string& authorization,
                              std::string_view body, Reply reply) {
  auto answer = ReceiveOnce(endpoint, authorization, body, true, reply);
  // What was remembered is stale: again on what the database says (never queued then).
  if (!answer) answer = ReceiveOnce(endpoint, authorization, body, false, reply);
  if (answer && !answer->is_null()) reply([made = std::move(*answer)] { return made; });
}

json ExchangeService::Receive(const std::string& endpoint, const std::string& authorization,
                              std::string_view body) {
  auto answer = std::make_shared<std::promise<json>>();
  auto future = answer->get_future();
  Receive(endpoint, authorization, body, [answer](Answer make) { answer->set_value(make()); });
  return future.get();
}

std::optional<json> ExchangeService::ReceiveOnce(const std::string& endpoint,
                                                 const std::string& authorization,
                                                 std::string_view body, bool remembered,
                                                 const Reply& answer_later) {
  auto envelope = tcec::ParseEnvelope(body);
  if (!envelope) return tcec::Response(envelope.error().ret, envelope.error().msg, nullptr);
  const int64_t now = ctx_.clock.Now();
  const std::string prefix = "Bearer ";
  const std::string token =
      authorization.starts_with(prefix) ? authorization.substr(prefix.size()) : "";
  const bool needs_token = endpoint != "query_token";
  const std::string token_hash = token.empty() ? "" : Sha256Hex(token);
  // The account (with its opened secrets) and the token's holder: remembered from earlier
  // requests when allowed (confirmed in the write transaction below), else read in one go.
  std::optional<PeerCache::Peer> peer =
      remembered ? cache_->FindPeer(envelope->operator_id) : std::nullopt;
  std::optional<int64_t> holder;
  if (peer && needs_token && !token.empty()) holder = cache_->TokenHolder(token_hash, now);
  const bool from_memory = peer.has_value() && (!needs_token || token.empty() || holder);
  if (!from_memory) {
    struct Found {
      std::optional<store::TcecOperatorRow> op;
      std::optional<int64_t> holder;
      int64_t expires_at = 0;
    };
    auto found = ctx_.db.Read([&](store::Tx& tx) -> Result<Found> {
      Found f{store::FindTcecOperator(tx, envelope->operator_id), std::nullopt};
      if (f.op && needs_token && !token.empty()) {
        f.holder = store::TcecTokenOperator(tx, token_hash, now);
        if (f.holder) f.expires_at = now + 60;  // remembered for a minute, confirmed each use
      }
      return f;
    });
    if (!found) return tcec::Response(tcec::Ret::kSystem, "系统错误", nullptr);
    if (!found->op || found->op->status != "active")
      return tcec::Response(tcec::Ret::kEnvelope, "运营商标识未开通对接", nullptr);
    auto opened = keys_.Open(found->op->secrets_sealed);
    if (!opened) return tcec::Response(tcec::Ret::kSystem, "系统错误", nullptr);
    const auto stored = json::parse(*opened, nullptr, false);
    peer = PeerCache::Peer{*found->op,
                           stored.value("operator_secret", ""),
                           {stored.value("data_secret", ""), stored.value("data_secret_iv", ""),
                            stored.value("sig_secret", "")}};
    cache_->KeepPeer(*peer);
    holder = found->holder;
    if (holder) cache_->KeepToken(token_hash, *holder, found->expires_at, now);
  }
  Inbound in{peer->op, {peer->operator_secret, peer->secrets}, nullptr};
  auto reply = [&](tcec::Ret ret, const std::string& msg, const json& data = nullptr) {
    return tcec::Response(ret, msg, &in.secrets.secrets, data.is_null() ? "" : data.dump());
  };
  if (needs_token && (token.empty() || holder != in.op.id))
    return reply(tcec::Ret::kToken, "Token 无效或已过期");
  auto data = tcec::Open(in.secrets.secrets, *envelope, now);
  if (!data && from_memory) {
    cache_->Clear();  // the secrets may have been rotated since: judged again on fresh ones
    return std::nullopt;
  }
  if (!data) return reply(data.error().ret, data.error().msg);
  in.data = std::move(*data);

  // The business content, checked before anything is written.
  Handling h;
  if (endpoint == "query_token") {
    h = QueryToken(in);
  } else if (endpoint == "notification_stationInfo") {
    h = StationInfo(in, ctx_);
  } else if (endpoint == "notification_stationStatus") {
    h = StationStatus(in);
  } else if (endpoint == "notification_charge_order_info") {
    auto tariffs = cache_->Tariffs(in.op.id, now);
    if (!tariffs) {
      auto read = ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<domain::Tariff>> {
        return store::TariffsFor(tx, in.op.id);
      });
      if (!read) return reply(tcec::Ret::kSystem, "系统错误");
      cache_->KeepTariffs(in.op.id, *read, now);
      tariffs = std::move(*read);
    }
    if (from_memory) {
      // The usual case: stored and judged by the writer with the orders that queue up meanwhile.
      auto order = exchange_internal::ValidOrder(in.data);
      if (!order) return reply(tcec::Ret::kBusiness, order.error());
      if (!EnsureOrderMonth(order->start.substr(0, 7)))
        return reply(tcec::Ret::kSystem, "系统错误");
      OrderWriter::Job job;
      job.envelope = {in.op.id, endpoint, Fingerprint(*envelope), std::string(body),
                      Sha256Hex(body)};
      job.secrets_sealed = in.op.secrets_sealed;
      job.token_hash = token_hash;
      job.order_body = in.data.dump();
      job.tariffs = std::move(*tariffs);
      job.now = now;
      json confirmed{{"StartChargeSeq", order->start_charge_seq},
                     {"ConnectorID", order->connector_id},
                     {"ConfirmResult", 0}};
      job.order = std::move(*order);
      // The answer is sealed by the thread that sends it, not the writer's. `done` runs once: what
      // it holds moves on to the answer (the writer's thread copies nothing).
      job.done = [this, endpoint = endpoint, authorization = authorization,
                  body = std::string(body), answer_later, confirmed = std::move(confirmed),
                  secrets = in.secrets.secrets](OrderWriter::Outcome outcome) mutable {
        answer_later([this, outcome, endpoint = std::move(endpoint),
                      authorization = std::move(authorization), body = std::move(body),
                      answer_later, confirmed = std::move(confirmed),
                      secrets = std::move(secrets)]() -> json {
          auto sealed = [&](tcec::Ret ret, const std::string& msg, const json& data) {
            return tcec::Response(ret, msg, &secrets, data.is_null() ? "" : data.dump());
          };
          switch (outcome) {
            case OrderWriter::Outcome::kStored:
              return sealed(tcec::Ret::kOk, "", confirmed);
            case OrderWriter::Outcome::kReplay:
              return sealed(tcec::Ret::kEnvelope, "重复的请求：该报文已接收", nullptr);
            case OrderWriter::Outcome::kFailed:
              break;
            case OrderWriter::Outcome::kPeerChanged:
              cache_->Clear();  // rotated or disabled meanwhile: judged again on what is stored
              return *ReceiveOnce(endpoint, authorization, body, false, answer_later);
          }
          return sealed(tcec::Ret::kSystem, "系统错误", nullptr);
        });
      };
      writer_->Submit(std::move(job));
      return json();
    }
    h = ChargeOrderInfo(in, std::move(*tariffs));
  } else if (endpoint == "check_charge_orders") {
    h = CheckChargeOrders(in);
  } else {
    h = Refuse(tcec::Ret::kEnvelope, "不支持的接口");
  }
  if (!h.apply) return reply(h.ret, h.msg);
  if (!h.month.empty() && !EnsureOrderMonth(h.month)) return reply(tcec::Ret::kSystem, "系统错误");

  const std::string fingerprint = Fingerprint(*envelope);
  enum class Kept { kYes, kReplay, kStale };
  json answer;
  auto kept = ctx_.db.Write([&](store::Tx& tx) -> Result<Kept> {
    store::PreferGenericPlans(tx);
    // What was remembered must still hold (the account active with these secrets, the token
    // valid): checked as the envelope is kept.
    if (from_memory) {
      switch (store::KeepConfirmedTcecEnvelope(
          tx, in.op.id, endpoint, fingerprint, std::string(body), Sha256Hex(body),
          in.op.secrets_sealed, needs_token ? &token_hash : nullptr, now)) {
        case store::EnvelopeKept::kPeerChanged:
          return Kept::kStale;
        case store::EnvelopeKept::kReplay:
          return Kept::kReplay;
        case store::EnvelopeKept::kKept:
          break;
      }
    } else if (!store::KeepTcecEnvelope(tx, in.op.id, endpoint, fingerprint, std::string(body),
                                        Sha256Hex(body), now)) {
      return Kept::kReplay;
    }
    answer = h.apply(tx, now);
    return Kept::kYes;
  });
  if (!kept) return reply(tcec::Ret::kSystem, "系统错误");
  if (*kept == Kept::kStale) {
    cache_->Clear();
    return std::nullopt;
  }
  if (*kept == Kept::kReplay) return reply(tcec::Ret::kEnvelope, "重复的请求：该报文已接收");
  return reply(tcec::Ret::kOk, "", answer);
}

bool ExchangeService::EnsureOrderMonth(const std::string& month) {
  {
    std::lock_guard lock(months_mu_);
    if (months_.contains(month)) return true;
  }
  auto made = ctx_.db.Write(
      [&](store::Tx& tx) -> Result<bool> { return store::EnsureChargeOrderMonth(tx, month); });
  if (!made || !*made) return false;
  std::lock_guard lock(months_mu_);
  months_.insert(month);
  return true;
}

}  // namespace mvis::services
