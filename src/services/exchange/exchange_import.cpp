// The bulk path for charge orders: a file of ChargeOrderInfo lines the platform delivered, stored
// and judged like notifications, a chunk per transaction. See exchange_service.hpp.
#include <spdlog/spdlog.h>

#include <set>

#include "exchange/tcec_codec.hpp"
#include "services/core/audit.hpp"
#include "services/exchange/exchange_internal.hpp"
#include "services/exchange/exchange_service.hpp"

namespace mvis::services {

using json = nlohmann::json;
using namespace exchange_internal;

Result<OrderImportReport> ExchangeService::ImportOrders(
    const std::string& operator_id, std::istream& in,
    const std::function<void(int64_t)>& progress) {
  struct Account {
    int64_t ref = 0;
    std::vector<domain::Tariff> tariffs;
  };
  auto account = ctx_.db.Read([&](store::Tx& tx) -> Result<Account> {
    auto op = store::FindTcecOperator(tx, operator_id);
    if (!op) return NotFound("运营商标识为 " + operator_id + " 的对接账号");
    return Account{op->id, store::TariffsFor(tx, op->id)};
  });
  if (!account) return std::unexpected(account.error());
  const int64_t ref = account->ref;
  const std::vector<domain::Tariff>& tariffs = account->tariffs;

  OrderImportReport report;
  auto reject = [&](int64_t line, std::string why) {
    ++report.rejected;
    if (report.errors.size() < 20) report.errors.emplace_back(line, std::move(why));
  };
  std::string line;
  for (bool more = true; more;) {
    struct Parsed {
      domain::ChargeOrder order;
      json data;
    };
    std::vector<Parsed> chunk;
    std::string raw;  // the chunk's lines as read: its evidence
    std::set<std::string> months;
    while (chunk.size() < kOrdersPerImport && (more = static_cast<bool>(std::getline(in, line)))) {
      ++report.lines;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      raw += line;
      raw += '\n';
      json data = exchange::tcec::ParseLenient(line);
      if (!data.is_object()) {
        reject(report.lines, "不是有效的 JSON 对象");
        continue;
      }
      auto order = ValidOrder(data);
      if (!order) {
        reject(report.lines, order.error());
        continue;
      }
      months.insert(order->start.substr(0, 7));
      chunk.push_back({std::move(*order), std::move(data)});
    }
    if (chunk.empty()) continue;
    for (const auto& m : months)
      if (!EnsureOrderMonth(m)) return Internal("partition of " + m);
    const int64_t now = ctx_.clock.Now();
    auto kept = ctx_.db.Write([&](store::Tx& tx) -> Result<bool> {
      store::PreferGenericPlans(tx);
      const std::string sha = Sha256Hex(raw);
      // The same chunk again (a file imported twice): its orders are all stored already.
      if (!store::KeepTcecEnvelope(tx, ref, "import_orders", "import:" + sha, raw, sha, now)) {
        report.duplicates += static_cast<int64_t>(chunk.size());
        return true;
      }
      std::vector<ArrivingOrder> arriving;
      for (const auto& p : chunk) arriving.push_back({ref, p.order, p.data.dump(), &tariffs});
      int64_t stored = 0;
      for (const auto& alerts : StoreAndJudgeMany(tx, arriving, now)) {
        if (!alerts) {
          ++report.duplicates;
          continue;
        }
        ++stored;
        report.alerts += *alerts;
      }
      report.stored += stored;
      AuditAnonymous(tx, now, {}, kCommandLine,
                     {"platform.charge_orders_import", "platform", operator_id,
                      "命令行导入充电订单 " + std::to_string(chunk.size()) + " 笔，新保存 " +
                          std::to_string(stored) + " 笔"});
      return true;
    });
    if (!kept) return std::unexpected(kept.error());
    if (progress) progress(report.lines);
  }
  spdlog::info(
      "charge orders imported for operator {}: {} lines, {} stored, {} duplicates, {} "
      "rejected, {} alerts",
      operator_id, report.lines, report.stored, report.duplicates, report.rejected, report.alerts);
  return report;
}

}  // namespace mvis::services
