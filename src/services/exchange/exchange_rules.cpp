// The data and the batch runs of the charge-order rules: the time-of-use tariffs (rule 2) and the
// runs over a period (rule 2 again with the tariffs known now, and the statistics of rule 5). See
// exchange_service.hpp.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "domain/access_policy.hpp"
#include "domain/calendar.hpp"
#include "domain/instrument.hpp"
#include "domain/text.hpp"
#include "services/core/job_runner.hpp"
#include "services/core/notifier.hpp"
#include "services/core/workflow.hpp"
#include "services/exchange/exchange_internal.hpp"
#include "services/exchange/exchange_service.hpp"
#include "services/exchange/peer_cache.hpp"
#include "store/label_keys_store.hpp"
#include "store/platform_pull_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;
using json = nlohmann::json;

namespace {

constexpr char kTariffWhat[] = "分时电价表";
constexpr int kMaxRunDays = 31;
constexpr int64_t kStaleRunSeconds = 6 * 3600;
constexpr size_t kAlertsPerTransaction = 1000;
constexpr int64_t kOrdersPerChunk = 20000;  // orders read with their bodies at a time

// "HH:MM" (00:00–24:00) as minutes of the day.
std::optional<int> Minutes(const std::string& text) {
  int h = 0, m = 0;
  char tail = 0;
  if (text.size() != 5 || std::sscanf(text.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2)
    return std::nullopt;
  if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string Evidence(const domain::RuleFinding& f) {
  json evidence = json::array();
  for (const auto& [name, value] : f.evidence) evidence.push_back({name, value});
  return evidence.dump();
}

}  // namespace

Result<std::vector<store::TariffRow>> ExchangeService::ListTariffs(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kRead); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::TariffRow>> {
    return store::ListTariffs(tx);
  });
}

Result<store::TariffRow> ExchangeService::CreateTariff(const Actor& actor, const TariffInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  store::TariffRow row;
  auto& t = row.tariff;
  t.station_id = std::string(domain::Trim(in.station_id));
  if (!domain::IsIsoDate(in.effective_from))
    return InvalidField("effective_from", "date_invalid", "请填写生效日期");
  if (!in.effective_to.empty() &&
      (!domain::IsIsoDate(in.effective_to) || in.effective_to < in.effective_from))
    return InvalidField("effective_to", "date_invalid", "失效日期应不早于生效日期");
  t.effective_from = in.effective_from;
  t.effective_to = in.effective_to;
  if (in.bands.empty() || in.bands.size() > 48)
    return InvalidField("bands", "bands_invalid", "请填写1至48个分时时段");
  for (const auto& b : in.bands) {
    auto start = Minutes(b.start), end = Minutes(b.end);
    if (!start || !end || !b.elec_price)
      return InvalidField("bands", "bands_invalid", "时段应为 HH:MM 格式并填写电价");
    t.bands.push_back({*start, *end, *b.elec_price});
  }
  if (!domain::TariffBandsValid(t.bands))
    return InvalidField("bands", "bands_invalid",
                        "时段应从00:00起首尾相接至24:00，不得重叠或间断，电价在0至10元/千瓦时之间");
  row.note = std::string(domain::Trim(in.note));
  if (domain::CodePoints(row.note) > 200)
    return InvalidField("note", "note_too_long", "说明不能超过200字");
  if (!t.station_id.empty() && !in.operator_ref)
    return InvalidField("station_id", "operator_required", "按充电站设置电价时请选择运营商");
  auto made = WriteAs(ctx_, actor, [&](Work& w) -> Result<store::TariffRow> {
    if (in.operator_ref) {
      auto op = store::FindTcecOperatorById(w.tx, *in.operator_ref);
      if (!op) return InvalidField("operator_ref", "operator_invalid", "请选择已开通对接的运营商");
      t.operator_ref = op->id;
    }
    row.created_by = actor.user_id;
    row.created_at = w.now;
    t.id = store::InsertTariff(w.tx, row);
    Record(w, Transition{{Kind::kPlatform, "tou_tariff:" + std::to_string(t.id)},
                         "tou_tariff_create",
                         "",
                         "",
                         "",
                         t.effective_from + " 起，" + std::to_string(t.bands.size()) + " 个时段",
                         {},
                         {}});
    for (auto& r : store::ListTariffs(w.tx))
      if (r.tariff.id == t.id) return r;
    return Internal("tariff vanished");
  });
  cache_->Clear();  // the next order judges by it here at once (other servers within a minute)
  return made;
}

Status ExchangeService::DeleteTariff(const Actor& actor, int64_t id) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kPlatform, Op::kAdminister); !ok)
    return std::unexpected(ok.error());
  auto deleted = WriteAs(ctx_, actor, [&](Work& w) -> Status {
    if (!store::DeleteTariff(w.tx, id)) return NotFound(kTariffWhat);
    Record(w, Transition{{Kind::kPlatform, "tou_tariff:" + std::to_string(id)},
                         "tou_tariff_delete",
                         "",
                         "",
                         "",
                         "",
                         {},
                         {}});
    return {};
  });
  cache_->Clear();
  return deleted;
}

Result<store::AlertRunRow> ExchangeService::StartAlertRun(const Actor& actor,
                                                          const std::string& from,
                                                          const std::string& to) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kChargeAlert, Op::kEdit); !ok)
    return std::unexpected(ok.error());
  if (!domain::IsIsoDate(from)) return InvalidField("from", "date_invalid", "请填写开始日期");
  if (!domain::IsIsoDate(to) || to < from)
    return InvalidField("to", "date_invalid", "结束日期应不早于开始日期");
  if (domain::DaysBetween(from, to) >= kMaxRunDays)
    return InvalidField("to", "period_too_long", "一次最多分析31天的订单");
  store::AlertRunRow row{
      0, from, to, "manual", "running", 0, 0, "", actor.user_id, ctx_.clock.Now(), std::nullopt};
  auto id = WriteAs(ctx_, actor, [&](Work& w) -> Result<int64_t> {
    row.started_at = w.now;
    auto started = store::StartAlertRun(w.tx, row, w.now - kStaleRunSeconds);
    if (!started)
      return Fail(ErrorKind::kConflict, "run_in_progress", "已有分析任务正在运行，请稍后再试");
    Record(w, Transition{{Kind::kChargeAlert, "run:" + std::to_string(*started)},
                         "run",
                         "",
                         "",
                         "",
                         from + " 至 " + to,
                         {},
                         {}});
    return *started;
  });
  if (!id) return std::unexpected(id.error());
  row.id = *id;
  jobs_.Submit([this, run = *id, from, to] { RunRules(run, from, to); });
  return row;
}

Result<std::vector<store::AlertRunRow>> ExchangeService::ListAlertRuns(const Actor& actor) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kChargeAlert, Op::kRead); !ok)
    return std::unexpected(ok.error());
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::AlertRunRow>> {
    return store::ListAlertRuns(tx, 50);
  });
}

Result<AlertRunReport> ExchangeService::RunDailyRules() {
  const std::string today = ctx_.clock.Today();
  const std::string yesterday = domain::AddDays(today, -1);
  auto run = ctx_.db.Write([&](store::Tx& tx) -> Result<std::optional<int64_t>> {
    const int64_t now = ctx_.clock.Now();
    if (!store::ClaimJobRun(tx, "charge_order_rules", today, now)) return std::nullopt;
    auto id = store::StartAlertRun(
        tx, {0, yesterday, yesterday, "schedule", "running", 0, 0, "", std::nullopt, now, {}},
        now - kStaleRunSeconds);
    // A manual run in progress: today's claim stands, yesterday's orders wait for the next
    // manual run (rare; logged).
    if (!id) spdlog::warn("charge-order rules: a run is in progress, the daily run is skipped");
    return id ? std::optional<int64_t>(*id) : std::optional<int64_t>(0);
  });
  if (!run) return std::unexpected(run.error());
  if (!*run) return AlertRunReport{true, 0, 0, 0};
  AlertRunReport report = **run == 0 ? AlertRunReport{} : RunRules(**run, yesterday, yesterday);
  // The bureaus' digest: yesterday's alerts (on arrival and from the run) still open.
  const int64_t midnight = domain::DayNumber(today).value_or(0) * 86400 - 8 * 3600;  // China
  auto told = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
    for (const auto& [region, count] :
         store::OpenAlertsByRegion(tx, midnight - 86400, ctx_.clock.Now() + 1))
      Notify(tx, ctx_.clock.Now(), ToBureausOf{region},
             {"charge_alerts_daily", "计量作弊线索待处理",
              yesterday + " 以来辖区内新增计量作弊线索 " + std::to_string(count) +
                  " 条待处理，详见“计量作弊线索”。",
              "charge_alert", ""});
    return true;
  });
  if (!told) return std::unexpected(told.error());
  return report;
}

AlertRunReport ExchangeService::RunRules(int64_t run_id, const std::string& from,
                                         const std::string& to) {
  AlertRunReport report;
  report.run_id = run_id;
  std::string error;
  try {
    const domain::RuleParams params;
    // The period's orders without their bodies (the statistics need a few numbers each), then
    // the bodies chunk by chunk for the tariff rule, so that memory stays bounded by a chunk.
    auto orders = ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::BatchOrder>> {
      return store::OrdersOfPeriod(tx, from, to, false);
    });
    if (!orders) throw std::runtime_error(orders.error().code);
    report.orders = static_cast<int64_t>(orders->size());
    std::map<int64_t, std::vector<domain::Tariff>> tariffs;  // per operator, read once
    auto loaded = ctx_.db.Read([&](store::Tx& tx) -> Result<bool> {
      for (const auto& o : *orders)
        if (!tariffs.contains(o.operator_ref))
          tariffs[o.operator_ref] = store::TariffsFor(tx, o.operator_ref);
      return true;
    });
    if (!loaded) throw std::runtime_error(loaded.error().code);
    std::vector<store::ChargeAlertRow> alerts;
    std::map<int64_t, const store::BatchOrder*> by_ref;
    const int64_t now = ctx_.clock.Now();
    auto alert = [&](const store::BatchOrder& o, const domain::RuleFinding& f) {
      store::ChargeAlertRow a;
      a.order_ref = o.stat.order_ref;
      a.rule = f.rule;
      a.equipment_id = o.stat.equipment_id;
      a.start_charge_seq = o.stat.start_charge_seq;
      a.region_code = o.region_code;
      a.evidence = Evidence(f);
      a.status = "open";
      a.created_at = now;
      alerts.push_back(std::move(a));
    };
    std::vector<domain::OrderStat> stats;
    stats.reserve(orders->size());
    bool any_tariff = false;
    for (const auto& o : *orders) {
      by_ref[o.stat.order_ref] = &o;
      stats.push_back(o.stat);
      any_tariff = any_tariff || !tariffs[o.operator_ref].empty();
    }
    for (int64_t after = 0; any_tariff;) {
      auto chunk = ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::BatchOrder>> {
        return store::OrdersOfPeriod(tx, from, to, true, after, kOrdersPerChunk);
      });
      if (!chunk) throw std::runtime_error(chunk.error().code);
      if (chunk->empty()) break;
      after = chunk->back().stat.order_ref;
      for (const auto& o : *chunk) {
        const auto& t = tariffs[o.operator_ref];
        if (t.empty()) continue;
        const auto order = exchange_internal::OrderFromJson(json::parse(o.body, nullptr, false));
        for (const auto& f : domain::CheckTariff(order, t, o.operator_ref, o.station_id, params))
          alert(o, f);
      }
    }
    for (const auto& [ref, f] : domain::CheckStatistics(stats, params)) alert(*by_ref[ref], f);
    // Rule 6: the stations' metered energy the platform supplied for the period's days.
    auto metered = ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::StationEnergyRow>> {
      return store::StationEnergyOfPeriod(tx, from, to);
    });
    if (!metered) throw std::runtime_error(metered.error().code);
    if (!metered->empty()) {
      auto key = [](int64_t ref, const std::string& station) {
        return std::to_string(ref) + "/" + station;
      };
      std::vector<domain::StationOrder> at_stations;
      for (const auto& o : *orders)
        if (!o.station_id.empty())
          at_stations.push_back(
              {o.stat.order_ref, key(o.operator_ref, o.station_id), o.day, o.stat.energy_kwh});
      std::vector<domain::StationEnergy> days;
      for (const auto& m : *metered)
        days.push_back({key(m.operator_ref, m.station_id), m.station_id, m.day, m.energy_kwh});
      for (const auto& [ref, f] : domain::CheckStationBalance(at_stations, days, params))
        alert(*by_ref[ref], f);
    }
    for (size_t i = 0; i < alerts.size(); i += kAlertsPerTransaction) {
      auto kept = ctx_.db.Write([&](store::Tx& tx) -> Result<int64_t> {
        int64_t n = 0;
        for (size_t k = i; k < std::min(alerts.size(), i + kAlertsPerTransaction); ++k)
          n += store::InsertChargeAlertOnce(tx, alerts[k]) ? 1 : 0;
        return n;
      });
      if (!kept) throw std::runtime_error(kept.error().code);
      report.alerts += *kept;
    }
  } catch (const std::exception& e) {
    error = e.what();
  }
  auto done = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
    store::FinishAlertRun(tx, run_id, error.empty() ? "done" : "failed", report.orders,
                          report.alerts, error, ctx_.clock.Now());
    return true;
  });
  if (!done) spdlog::warn("charge-order rules: run {} not recorded: {}", run_id, done.error().code);
  if (!error.empty()) spdlog::warn("charge-order rules: run {} failed: {}", run_id, error);
  return report;
}

}  // namespace mvis::services
