// Arriving charge orders many at a time: the envelopes, the orders with their keys, the overlap
// lookups and the alerts of a batch, each in one statement per kOrdersPerStatement rows.
// Declared in exchange_store.hpp.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "store/exchange_store.hpp"

namespace mvis::store {

namespace {

// "(row), (row), …": `n` copies of `row`.
std::string Rows(const std::string& row, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? ", " : "") + row;
  return out;
}

// The positions of `items` in chunks of kOrdersPerStatement, in the order of `order`.
std::vector<std::vector<size_t>> Chunks(const std::vector<size_t>& order) {
  std::vector<std::vector<size_t>> out;
  for (size_t i = 0; i < order.size(); i += kOrdersPerStatement)
    out.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(i),
                     order.begin() + static_cast<std::ptrdiff_t>(
                                         std::min(order.size(), i + kOrdersPerStatement)));
  return out;
}

// Appends the values to a statement's parameters.
template <typename... T>
void Append(std::vector<Param>& params, T&&... values) {
  (params.emplace_back(std::forward<T>(values)), ...);
}

}  // namespace

std::vector<EnvelopeKept> KeepConfirmedTcecEnvelopes(Tx& tx,
                                                     const std::vector<EnvelopeToKeep>& envelopes,
                                                     const std::string& secrets_sealed,
                                                     const std::string* token_hash, int64_t now) {
  std::vector<EnvelopeKept> out(envelopes.size(), EnvelopeKept::kReplay);
  if (envelopes.empty()) return out;
  const int64_t operator_ref = envelopes.front().operator_ref;
  // The first of each fingerprint, in fingerprint order (two writers lock the same keys in the
  // same order).
  std::map<std::string, size_t> first;
  for (size_t i = 0; i < envelopes.size(); ++i) first.emplace(envelopes[i].fingerprint, i);
  std::vector<size_t> order;
  for (const auto& [fingerprint, i] : first) order.push_back(i);
  size_t kept = 0;
  for (const auto& chunk : Chunks(order)) {
    std::vector<Param> params;
    for (size_t i : chunk) {
      const auto& e = envelopes[i];
      Append(params, e.operator_ref, e.endpoint, e.fingerprint, e.body, e.body_sha256, now);
    }
    for (auto& p : PeerValidParams(operator_ref, secrets_sealed, token_hash, now))
      params.push_back(std::move(p));
    // Kept only while the account (and token) remembered still hold: checked in the statement.
    for (const auto& r : tx.Query(
             "INSERT INTO tcec_envelopes (operator_ref, endpoint, fingerprint, body, body_sha256, "
             "received_at) SELECT * FROM (VALUES " +
                 Rows("(CAST(? AS bigint), ?, ?, ?, ?, CAST(? AS bigint))", chunk.size()) +
                 ") v WHERE " + PeerValidSql(token_hash != nullptr) +
                 " ON CONFLICT (fingerprint) DO NOTHING RETURNING fingerprint",
             params)) {
      out[first.at(r.Str(0))] = EnvelopeKept::kKept;
      ++kept;
    }
  }
  // Fewer kept than new: replays, or the account or token changed (told apart on this rare path).
  if (kept < order.size() && !PeerStillValid(tx, operator_ref, secrets_sealed, token_hash, now))
    for (auto& o : out)
      if (o != EnvelopeKept::kKept) o = EnvelopeKept::kPeerChanged;
  return out;
}

std::vector<std::optional<int64_t>> InsertChargeOrders(
    Tx& tx, const std::vector<std::pair<int64_t, StoredOrder>>& orders, int64_t now) {
  std::vector<std::optional<int64_t>> out(orders.size());
  std::map<std::pair<int64_t, std::string>, size_t> first;  // in key order: the locks' order
  for (size_t i = 0; i < orders.size(); ++i)
    first.emplace(std::pair{orders[i].first, orders[i].second.start_charge_seq}, i);
  std::vector<size_t> order;
  for (const auto& [key, i] : first) order.push_back(i);
  // PostgreSQL: the key table keeps an order once per operator and StartChargeSeq whatever its
  // month (a partitioned table's unique keys must include the month).
  const bool pg = tx.backend() == Backend::kPostgres;
  constexpr char kColumns[] =
      "operator_ref, start_charge_seq, connector_id, equipment_id, start_time, end_time, "
      "total_power, total_money, region_code, body, received_at, facts";
  for (const auto& chunk : Chunks(order)) {
    std::vector<Param> params;
    for (size_t i : chunk) {
      const auto& [operator_ref, o] = orders[i];
      Append(params, operator_ref, o.start_charge_seq, o.connector_id, o.equipment_id, o.start_time,
             o.end_time, o.total_power, o.total_money, o.region_code, o.body, now,
             o.facts ? Param(*o.facts) : Param(nullptr));
    }
    const std::string sql =
        pg ? "WITH v (" + std::string(kColumns) + ") AS (VALUES " +
                 Rows(
                     "(CAST(? AS bigint), ?, ?, ?, ?, ?, CAST(? AS double precision), CAST(? AS "
                     "double precision), ?, ?, CAST(? AS bigint), CAST(? AS text))",
                     chunk.size()) +
                 "), k AS (INSERT INTO charge_order_keys (operator_ref, start_charge_seq, "
                 "start_time) SELECT operator_ref, start_charge_seq, start_time FROM v ON "
                 "CONFLICT DO NOTHING RETURNING operator_ref, start_charge_seq) INSERT INTO "
                 "charge_orders (" +
                 kColumns +
                 ") SELECT v.* FROM v JOIN k ON k.operator_ref = v.operator_ref AND "
                 "k.start_charge_seq = v.start_charge_seq RETURNING id, operator_ref, "
                 "start_charge_seq"
           : "INSERT INTO charge_orders (" + std::string(kColumns) + ") VALUES " +
                 Rows("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk.size()) +
                 " ON CONFLICT (operator_ref, start_charge_seq) DO NOTHING RETURNING id, "
                 "operator_ref, start_charge_seq";
    for (const auto& r : tx.Query(sql, params)) out[first.at({r.Int(1), r.Str(2)})] = r.Int(0);
  }
  return out;
}

PendingOrderSpans SendOverlappingOrderSpans(Tx& tx, const std::vector<OverlapProbe>& probes) {
  PendingOrderSpans sent;
  sent.probes = probes.size();
  std::vector<size_t> valid;
  std::vector<std::string> earliest(probes.size());
  for (size_t i = 0; i < probes.size(); ++i)
    if (auto from = domain::OrderSeconds(probes[i].start)) {
      // Only orders that started at most kMaxOrderHours before (their month's partitions) and
      // end after this one starts: the index range of (connector, end time), which for orders
      // arriving in time order holds the connector's last order or none (migration 0029).
      earliest[i] = domain::OrderTimeText(*from - kMaxOrderHours * 3600);
      valid.push_back(i);
    }
  const bool pg = tx.backend() == Backend::kPostgres;
  const std::string each =
      "SELECT id, start_charge_seq, start_time, end_time FROM charge_orders o WHERE "
      "operator_ref = ? AND connector_id = ? AND start_time >= ? AND start_time < ? AND end_time "
      "> ? ORDER BY end_time LIMIT " +
      std::to_string(kMaxOverlapRows);
  for (const auto& chunk : Chunks(valid)) {
    std::vector<Param> params;
    for (size_t i : chunk)
      Append(params, probes[i].operator_ref, probes[i].connector_id, earliest[i], probes[i].end,
             probes[i].start);
    // The probe's position in the chunk is a literal: the text depends on the count only.
    // PostgreSQL: the probes as rows joined laterally to their index ranges — one plan over the
    // partitions (a generic plan locks each partition once per statement, not once per probe).
    // SQLite (no LATERAL): one indexed subquery per probe.
    std::string sql;
    if (pg) {
      std::string rows;
      for (size_t k = 0; k < chunk.size(); ++k)
        rows += (k ? ", " : "") + std::string("(") + std::to_string(k) +
                ", CAST(? AS bigint), ?, ?, ?, ?)";
      sql =
          "SELECT p.k, o.* FROM (VALUES " + rows +
          ") p (k, operator_ref, connector_id, earliest, until, since) CROSS JOIN LATERAL (SELECT "
          "id, start_charge_seq, start_time, end_time FROM charge_orders o WHERE o.operator_ref = "
          "p.operator_ref AND o.connector_id = p.connector_id AND o.start_time >= p.earliest AND "
          "o.start_time < p.until AND o.end_time > p.since ORDER BY o.end_time LIMIT " +
          std::to_string(kMaxOverlapRows) + ") o";
    } else {
      for (size_t k = 0; k < chunk.size(); ++k)
        sql += (k ? " UNION ALL " : "") + std::string("SELECT ") + std::to_string(k) +
               ", o.* FROM (" + each + ") o";
    }
    sent.chunks.emplace_back(chunk, tx.Send(sql, std::move(params)));
  }
  return sent;
}

std::vector<std::vector<OrderSpan>> TakeOverlappingOrderSpans(Tx& tx,
                                                              const PendingOrderSpans& sent) {
  std::vector<std::vector<OrderSpan>> out(sent.probes);
  for (const auto& [chunk, query] : sent.chunks)
    for (const auto& r : tx.Take(query))
      out[chunk[static_cast<size_t>(r.Int(0))]].push_back({r.Int(1), r.Str(2), r.Str(3), r.Str(4)});
  for (auto& spans : out)
    std::sort(spans.begin(), spans.end(), [](const OrderSpan& a, const OrderSpan& b) {
      return a.start_time != b.start_time ? a.start_time < b.start_time : a.id < b.id;
    });
  return out;
}

void InsertChargeAlerts(Tx& tx, const std::vector<ChargeAlertRow>& alerts) {
  std::vector<size_t> all(alerts.size());
  std::iota(all.begin(), all.end(), size_t{0});
  for (const auto& chunk : Chunks(all)) {
    std::vector<Param> params;
    for (size_t i : chunk) {
      const auto& a = alerts[i];
      Append(params, a.order_ref, a.rule, a.equipment_id, a.start_charge_seq, a.region_code,
             a.evidence, a.status, a.created_at);
    }
    tx.Defer(  // nothing read back: sent with the next statement (or the commit)
        "INSERT INTO charge_alerts (order_ref, rule, equipment_id, start_charge_seq, region_code, "
        "evidence, status, created_at) VALUES " +
            Rows("(?, ?, ?, ?, ?, ?, ?, ?)", chunk.size()),
        params);
  }
}

}  // namespace mvis::store
