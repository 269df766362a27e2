// mvis as a T/CEC 102 client of the city's charging platform (migration 0025): the platform's
// address and the values it issued to mvis, the log of the pulls, and the stations' daily
// metered energy from query_station_stats (rule 6, station balance).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace mvis::store {

struct TcecPlatformRow {
  std::string base_url, operator_id, secrets_sealed;
  bool enabled = false;
  int64_t page_size = 100;
  std::string last_query_time;  // yyyy-MM-dd HH:mm:ss, '' never pulled completely
  int64_t updated_by = 0, updated_at = 0;
};
std::optional<TcecPlatformRow> FindTcecPlatform(Tx& tx);
// Inserts or replaces the one row (last_query_time kept unless `reset_cursor`).
void SaveTcecPlatform(Tx& tx, const TcecPlatformRow& row, bool reset_cursor);
void SetPlatformCursor(Tx& tx, const std::string& last_query_time);

struct PullRunRow {
  int64_t id = 0;
  std::string trigger_kind, status, last_query_time, stats_day;
  int64_t pages = 0, stations = 0, equipment = 0, stats = 0, skipped = 0;
  std::string unknown_operators;
  int64_t requests = 0, retries = 0;
  std::string error;
  std::optional<int64_t> created_by;
  int64_t started_at = 0;
  std::optional<int64_t> finished_at;
};
// A new running pull; nullopt when one is running (runs started before `stale_before` are
// marked failed first: their server stopped).
std::optional<int64_t> StartPullRun(Tx& tx, const PullRunRow& row, int64_t stale_before);
void FinishPullRun(Tx& tx, const PullRunRow& row);
std::vector<PullRunRow> ListPullRuns(Tx& tx, int limit);

// The enterprise whose credit code carries the 9-character organisation code `operator_id`.
std::optional<int64_t> EnterpriseOfOperatorId(Tx& tx, const std::string& operator_id);

// Stations (operator account, StationID) with orders starting on `day` (yyyy-MM-dd).
std::vector<std::pair<int64_t, std::string>> StationsWithOrders(Tx& tx, const std::string& day);
void UpsertStationEnergy(Tx& tx, int64_t operator_ref, const std::string& station_id,
                         const std::string& day, double energy_kwh, int64_t now);
struct StationEnergyRow {
  int64_t operator_ref = 0;
  std::string station_id, day;
  double energy_kwh = 0;
};
std::vector<StationEnergyRow> StationEnergyOfPeriod(Tx& tx, const std::string& from,
                                                    const std::string& to);

}  // namespace mvis::store
