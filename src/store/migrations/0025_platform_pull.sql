-- Issue 13: mvis as a T/CEC 102 client of the city's EV charging supervision platform. The
-- platform's address and the values it issued to mvis (OperatorID, and the four secrets sealed
-- with the server's master key), one row; the log of the scheduled or manual pulls of
-- query_stations_info (paged, from LastQueryTime) and query_station_stats; and the stations'
-- daily metered energy those stats supply (rule 6, station balance).
CREATE TABLE tcec_platform (
  id INTEGER PRIMARY KEY,                 -- always 1
  base_url TEXT NOT NULL,                 -- e.g. https://platform.example/evcs/v1 (no trailing /)
  operator_id TEXT NOT NULL,              -- mvis's OperatorID at the platform
  secrets_sealed TEXT NOT NULL,           -- {operator_secret, data_secret, data_secret_iv, sig_secret}
  enabled INTEGER NOT NULL,               -- 1: pulled daily by the scheduler
  page_size INTEGER NOT NULL,
  last_query_time TEXT NOT NULL DEFAULT '',  -- yyyy-MM-dd HH:mm:ss: the last complete pull began
  updated_by BIGINT NOT NULL REFERENCES users(id),
  updated_at BIGINT NOT NULL
);

CREATE TABLE platform_pull_runs (
  id {{ID}},
  trigger_kind TEXT NOT NULL,       -- manual | schedule
  status TEXT NOT NULL,             -- running | done | failed
  last_query_time TEXT NOT NULL,    -- as sent ('' the whole inventory)
  stats_day TEXT NOT NULL,          -- yyyy-MM-dd of the station stats asked for ('' none)
  pages BIGINT NOT NULL DEFAULT 0,
  stations BIGINT NOT NULL DEFAULT 0,
  equipment BIGINT NOT NULL DEFAULT 0,
  stats BIGINT NOT NULL DEFAULT 0,
  skipped BIGINT NOT NULL DEFAULT 0,          -- stations of operators no enterprise matches
  unknown_operators TEXT NOT NULL DEFAULT '', -- their OperatorIDs, comma-separated
  requests BIGINT NOT NULL DEFAULT 0,
  retries BIGINT NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  started_at BIGINT NOT NULL,
  finished_at BIGINT
);

CREATE TABLE station_energy (
  id {{ID}},
  operator_ref BIGINT NOT NULL REFERENCES tcec_operators(id),
  station_id TEXT NOT NULL,
  day TEXT NOT NULL,                -- yyyy-MM-dd
  energy_kwh DOUBLE PRECISION NOT NULL,
  fetched_at BIGINT NOT NULL,
  UNIQUE (operator_ref, station_id, day)
);
CREATE INDEX station_energy_day ON station_energy(day);
