#include "store/platform_pull_store.hpp"

namespace mvis::store {

std::optional<TcecPlatformRow> FindTcecPlatform(Tx& tx) {
  auto r = tx.QueryOne(
      "SELECT base_url, operator_id, secrets_sealed, enabled, page_size, last_query_time, "
      "updated_by, updated_at FROM tcec_platform WHERE id = 1");
  if (!r) return std::nullopt;
  return TcecPlatformRow{r->Str(0), r->Str(1), r->Str(2), r->Int(3) != 0,
                         r->Int(4), r->Str(5), r->Int(6), r->Int(7)};
}

void SaveTcecPlatform(Tx& tx, const TcecPlatformRow& row, bool reset_cursor) {
  tx.Exec(
      "INSERT INTO tcec_platform (id, base_url, operator_id, secrets_sealed, enabled, page_size, "
      "last_query_time, updated_by, updated_at) VALUES (1, ?, ?, ?, ?, ?, '', ?, ?) ON CONFLICT "
      "(id) DO UPDATE SET base_url = excluded.base_url, operator_id = excluded.operator_id, "
      "secrets_sealed = excluded.secrets_sealed, enabled = excluded.enabled, page_size = "
      "excluded.page_size, updated_by = excluded.updated_by, updated_at = excluded.updated_at" +
          std::string(reset_cursor ? ", last_query_time = ''" : ""),
      {row.base_url, row.operator_id, row.secrets_sealed, int64_t{row.enabled ? 1 : 0},
       row.page_size, row.updated_by, row.updated_at});
}

void SetPlatformCursor(Tx& tx, const std::string& last_query_time) {
  tx.Exec("UPDATE tcec_platform SET last_query_time = ? WHERE id = 1", {last_query_time});
}

std::optional<int64_t> StartPullRun(Tx& tx, const PullRunRow& row, int64_t stale_before) {
  LockKey(tx, "platform_pull_runs");
  tx.Exec(
      "UPDATE platform_pull_runs SET status = 'failed', error = 'interrupted', finished_at = ? "
      "WHERE status = 'running' AND started_at < ?",
      {row.started_at, stale_before});
  if (tx.QueryOne("SELECT id FROM platform_pull_runs WHERE status = 'running'"))
    return std::nullopt;
  return tx
      .QueryOne(
          "INSERT INTO platform_pull_runs (trigger_kind, status, last_query_time, stats_day, "
          "created_by, started_at) VALUES (?, 'running', ?, ?, ?, ?) RETURNING id",
          {row.trigger_kind, row.last_query_time, row.stats_day, OptParam(row.created_by),
           row.started_at})
      ->Int(0);
}

void FinishPullRun(Tx& tx, const PullRunRow& row) {
  tx.Exec(
      "UPDATE platform_pull_runs SET status = ?, pages = ?, stations = ?, equipment = ?, stats = "
      "?, skipped = ?, unknown_operators = ?, requests = ?, retries = ?, error = ?, finished_at = "
      "? WHERE id = ?",
      {row.status, row.pages, row.stations, row.equipment, row.stats, row.skipped,
       row.unknown_operators, row.requests, row.retries, row.error, OptParam(row.finished_at),
       row.id});
}

std::vector<PullRunRow> ListPullRuns(Tx& tx, int limit) {
  std::vector<PullRunRow> out;
  for (const auto& r : tx.Query(
           "SELECT id, trigger_kind, status, last_query_time, stats_day, pages, stations, "
           "equipment, stats, skipped, unknown_operators, requests, retries, error, created_by, "
           "started_at, finished_at FROM platform_pull_runs ORDER BY id DESC LIMIT ?",
           {int64_t{limit}})) {
    PullRunRow row;
    row.id = r.Int(0);
    row.trigger_kind = r.Str(1);
    row.status = r.Str(2);
    row.last_query_time = r.Str(3);
    row.stats_day = r.Str(4);
    row.pages = r.Int(5);
    row.stations = r.Int(6);
    row.equipment = r.Int(7);
    row.stats = r.Int(8);
    row.skipped = r.Int(9);
    row.unknown_operators = r.Str(10);
    row.requests = r.Int(11);
    row.retries = r.Int(12);
    row.error = r.Str(13);
    if (!r.IsNull(14)) row.created_by = r.Int(14);
    row.started_at = r.Int(15);
    if (!r.IsNull(16)) row.finished_at = r.Int(16);
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<int64_t> EnterpriseOfOperatorId(Tx& tx, const std::string& operator_id) {
  auto r = tx.QueryOne(
      "SELECT id FROM orgs WHERE kind = 'enterprise' AND substr(credit_code, 9, 9) = ? ORDER BY "
      "id LIMIT 1",
      {operator_id});
  if (!r) return std::nullopt;
  return r->Int(0);
}

std::vector<std::pair<int64_t, std::string>> StationsWithOrders(Tx& tx, const std::string& day) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& r :
       tx.Query("SELECT DISTINCT e.operator_ref, e.station_id FROM charge_orders o JOIN "
                "platform_equipment e ON e.operator_ref = o.operator_ref AND e.equipment_id = "
                "o.equipment_id WHERE o.start_time >= ? AND o.start_time < ? ORDER BY 1, 2",
                {day, day + "~"}))
    out.emplace_back(r.Int(0), r.Str(1));
  return out;
}

void UpsertStationEnergy(Tx& tx, int64_t operator_ref, const std::string& station_id,
                         const std::string& day, double energy_kwh, int64_t now) {
  tx.Exec(
      "INSERT INTO station_energy (operator_ref, station_id, day, energy_kwh, fetched_at) VALUES "
      "(?, ?, ?, ?, ?) ON CONFLICT (operator_ref, station_id, day) DO UPDATE SET energy_kwh = "
      "excluded.energy_kwh, fetched_at = excluded.fetched_at",
      {operator_ref, station_id, day, energy_kwh, now});
}

std::vector<StationEnergyRow> StationEnergyOfPeriod(Tx& tx, const std::string& from,
                                                    const std::string& to) {
  std::vector<StationEnergyRow> out;
  for (const auto& r : tx.Query(
           "SELECT operator_ref, station_id, day, energy_kwh FROM station_energy WHERE day >= ? "
           "AND day <= ? ORDER BY id",
           {from, to}))
    out.push_back({r.Int(0), r.Str(1), r.Str(2), r.Real(3)});
  return out;
}

}  // namespace mvis::store
