// The data and the batch runs of the charge-order rules: the time-of-use tariffs (rule 2) and the
// runs over a period (rule 2 again with the tariffs known now, and the statistics of rule 5). See
// exchange_service.hpp.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <future>
#include <unordered_map>
#include <utility>

#include "domain/access_policy.hpp"
#include "domain/calendar.hpp"
#include "domain/charge_order_batch.hpp"
#include "domain/instrument.hpp"
#include "domain/text.hpp"
#include "services/core/audit.hpp"
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
constexpr int64_t kOrdersPerChunk = 20000;  // orders read at a time

// "HH:MM" (00:00–24:00) as minutes of the day.
std::optional<int> Minutes(const std::string& text) {
  int h = 0, m = 0;
  char tail = 0;
  if (text.size() != 5 || std::sscanf(text.c_str(), "%2d:%2d%c", &h, &m, &tail) != 2)
    return std::nullopt;
  if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

Status CheckRunPeriod(const std::string& from, const std::string& to) {
  if (!domain::IsIsoDate(from)) return InvalidField("from", "date_invalid", "请填写开始日期");
  if (!domain::IsIsoDate(to) || to < from)
    return InvalidField("to", "date_invalid", "结束日期应不早于开始日期");
  if (domain::DaysBetween(from, to) >= kMaxRunDays)
    return InvalidField("to", "period_too_long", "一次最多分析31天的订单");
  return {};
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
  if (auto ok = CheckRunPeriod(from, to); !ok) return std::unexpected(ok.error());
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

Result<AlertRunReport> ExchangeService::RunRulesNow(const std::string& from,
                                                    const std::string& to) {
  if (auto ok = CheckRunPeriod(from, to); !ok) return std::unexpected(ok.error());
  auto id = ctx_.db.Write([&](store::Tx& tx) -> Result<int64_t> {
    const int64_t now = ctx_.clock.Now();
    auto started = store::StartAlertRun(
        tx, {0, from, to, "manual", "running", 0, 0, "", std::nullopt, now, {}},
        now - kStaleRunSeconds);
    if (!started)
      return Fail(ErrorKind::kConflict, "run_in_progress", "已有分析任务正在运行，请稍后再试");
    // No one is signed in: the server's operator at its command line.
    AuditAnonymous(tx, now, {}, exchange_internal::kCommandLine,
                   {"charge_alert.run", "charge_alert", "run:" + std::to_string(*started),
                    "命令行批量分析 " + from + " 至 " + to});
    return *started;
  });
  if (!id) return std::unexpected(id.error());
  auto report = RunRules(*id, from, to);
  if (!report.error.empty()) return Fail(ErrorKind::kUnavailable, "run_failed", report.error);
  return report;
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

namespace {

// A batch run over a period, order by order: each order judged by the rules on one order
// (JudgeOrder) with the chargers and tariffs known now (the registry as it stood at the order's
// StartTime, from every charger's history), and collected for the rules over the
// period (overlaps, statistics, station balance), judged at the end. Its alerts are kept once
// per order and rule (an order's arrival alerts are not repeated).
class RuleRun {
 public:
  RuleRun(store::ChargerDirectory chargers, std::vector<domain::Tariff> tariffs, int64_t now)
      : chargers_(std::move(chargers)), tariffs_(std::move(tariffs)), now_(now) {}

  void Judge(const store::ScannedOrder& o) {
    domain::ChargeOrder order;
    bool read = false;
    if (o.facts) {
      read = domain::DecodeOrderFacts(*o.facts, order);
    } else {
      const auto body = json::parse(o.body, nullptr, false);
      if (body.is_object()) order = exchange_internal::OrderFromJson(body), read = true;
    }
    if (!read) ++unreadable_;
    order.start_charge_seq = o.start_charge_seq;
    order.connector_id = o.connector_id;
    order.start = o.start_time;
    order.end = o.end_time;
    order.total_energy_kwh = o.total_power;
    order.total_money = o.total_money;
    const auto charger =
        chargers_.Find(o.operator_ref, o.equipment_id, o.connector_id, o.start_time);
    if (o.region_code.empty() && !charger.region_code.empty())
      places_.push_back({o.id, o.start_time, charger.region_code, charger.equipment_id});
    if (read)
      for (const auto& f :
           exchange_internal::JudgeOrder(order, charger, tariffs_, o.operator_ref, params_))
        pending_.push_back(
            Alert(o.id,
                  {o.start_charge_seq, charger.equipment_id,
                   charger.region_code.empty() ? o.region_code : charger.region_code},
                  f));
    const std::string op = std::to_string(o.operator_ref);
    spans_.Add(o.id, op + '\x1f' + o.connector_id, o.start_time, o.end_time);
    const auto start = domain::OrderSeconds(o.start_time), end = domain::OrderSeconds(o.end_time);
    stats_.Add(o.id, charger.equipment_id, charger.peer_group, o.total_power,
               start && end ? static_cast<double>(*end - *start) / 60.0 : 0);
    if (!charger.station_id.empty())
      stations_.Add(o.id, op + "/" + charger.station_id, o.start_time.substr(0, 10), o.total_power);
    ++orders_;
  }

  // The alerts found since the last call.
  std::vector<store::ChargeAlertRow> TakeAlerts() { return std::exchange(pending_, {}); }
  // The orders stored before their charger's district was known, found since the last call.
  std::vector<store::OrderPlace> TakePlaces() { return std::exchange(places_, {}); }

  // The rules over the period; `heads` names the orders their findings are on.
  std::vector<store::ChargeAlertRow> Finish(
      const std::vector<store::StationEnergyRow>& metered,
      const std::function<
          std::unordered_map<int64_t, store::OrderHead>(const std::vector<int64_t>&)>& heads) {
    std::vector<std::pair<int64_t, domain::RuleFinding>> found;
    auto seqs = [&](const std::vector<int64_t>& refs) {
      std::unordered_map<int64_t, std::string> out;
      for (auto& [ref, head] : heads(refs)) out[ref] = head.start_charge_seq;
      return out;
    };
    for (auto& f : spans_.Findings(seqs)) found.push_back(std::move(f));
    for (auto& f : stats_.Findings(params_, seqs)) found.push_back(std::move(f));
    std::vector<domain::StationEnergy> days;
    for (const auto& m : metered)
      days.push_back(
          {std::to_string(m.operator_ref) + "/" + m.station_id, m.station_id, m.day, m.energy_kwh});
    for (auto& f : stations_.Findings(days, params_)) found.push_back(std::move(f));
    std::vector<int64_t> refs;
    for (const auto& [ref, f] : found) refs.push_back(ref);
    const auto named = heads(refs);
    std::vector<store::ChargeAlertRow> out;
    for (const auto& [ref, f] : found)
      if (auto it = named.find(ref); it != named.end()) out.push_back(Alert(ref, it->second, f));
    return out;
  }

  int64_t orders() const { return orders_; }
  int64_t unreadable() const { return unreadable_; }

 private:
  store::ChargeAlertRow Alert(int64_t ref, const store::OrderHead& head,
                              const domain::RuleFinding& f) const {
    store::ChargeAlertRow a;
    a.order_ref = ref;
    a.rule = f.rule;
    a.equipment_id = head.equipment_id;
    a.start_charge_seq = head.start_charge_seq;
    a.region_code = head.region_code;
    a.evidence = exchange_internal::EvidenceJson(f);
    a.status = "open";
    a.created_at = now_;
    return a;
  }

  const domain::RuleParams params_;
  const store::ChargerDirectory chargers_;
  const std::vector<domain::Tariff> tariffs_;
  const int64_t now_;
  domain::ConnectorSpans spans_;
  domain::OrderStatistics stats_;
  domain::StationTotals stations_;
  std::vector<store::ChargeAlertRow> pending_;
  std::vector<store::OrderPlace> places_;
  int64_t orders_ = 0, unreadable_ = 0;
};

}  // namespace

AlertRunReport ExchangeService::RunRules(int64_t run_id, const std::string& from,
                                         const std::string& to) {
  AlertRunReport report;
  report.run_id = run_id;
  std::string error;
  auto keep = [&](const std::vector<store::ChargeAlertRow>& alerts) {
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
  };
  try {
    struct Known {
      store::ChargerDirectory chargers;
      std::vector<domain::Tariff> tariffs;
      std::vector<store::StationEnergyRow> metered;
    };
    auto known = ctx_.db.Read([&](store::Tx& tx) -> Result<Known> {
      const auto since = domain::ChinaWallClockSeconds(from + " 00:00:00");
      Known k{store::LoadChargerDirectory(tx, since.value_or(0)),
              {},
              store::StationEnergyOfPeriod(tx, from, to)};
      for (auto& t : store::ListTariffs(tx)) k.tariffs.push_back(std::move(t.tariff));
      return k;
    });
    if (!known) throw std::runtime_error(known.error().code);
    RuleRun run(std::move(known->chargers), std::move(known->tariffs), ctx_.clock.Now());
    // The orders chunk by chunk, the next read while this one is judged.
    auto read = [this, from, to](int64_t after) {
      auto chunk = ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::ScannedOrder>> {
        return store::ScanOrders(tx, from, to, after, kOrdersPerChunk);
      });
      if (!chunk) throw std::runtime_error(chunk.error().code);
      return std::move(*chunk);
    };
    auto chunk = read(0);
    while (!chunk.empty()) {
      auto next = std::async(std::launch::async, read, chunk.back().id);
      for (const auto& o : chunk) run.Judge(o);
      // Orders (and their alerts) without a district get it once their charger's is known: in
      // the district bureau's queue from now on.
      if (const auto places = run.TakePlaces(); !places.empty()) {
        auto placed = ctx_.db.Write([&](store::Tx& tx) -> Result<int64_t> {
          int64_t n = 0;
          for (const auto& p : places) n += store::PlaceOrder(tx, p) ? 1 : 0;
          return n;
        });
        if (!placed) throw std::runtime_error(placed.error().code);
        report.placed += *placed;
      }
      keep(run.TakeAlerts());
      chunk = next.get();
    }
    keep(run.Finish(known->metered, [&](const std::vector<int64_t>& refs) {
      auto heads =
          ctx_.db.Read([&](store::Tx& tx) -> Result<std::unordered_map<int64_t, store::OrderHead>> {
            return store::OrderHeads(tx, refs);
          });
      if (!heads) throw std::runtime_error(heads.error().code);
      return std::move(*heads);
    }));
    report.orders = run.orders();
    if (run.unreadable() > 0)
      spdlog::warn("charge-order rules: run {}: {} orders unreadable, judged by their columns only",
                   run_id, run.unreadable());
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
  report.error = error;
  return report;
}

}  // namespace mvis::services
