-- Issue 13: the published time-of-use tariffs the charge-order rule tariff_mismatch judges
-- ElecPrice by (for every operator, one operator, or one of its stations, with effective dates),
-- and the batch runs of the rules over a period of orders (scheduled daily, or on demand).
CREATE TABLE tou_tariffs (
  id {{ID}},
  operator_ref BIGINT REFERENCES tcec_operators(id),  -- NULL: every operator
  station_id TEXT NOT NULL DEFAULT '',                -- '' every station of the operator
  effective_from TEXT NOT NULL,                       -- yyyy-MM-dd
  effective_to TEXT NOT NULL DEFAULT '',              -- yyyy-MM-dd, '' open
  bands TEXT NOT NULL,                                -- JSON [[start_minute, end_minute, price], …]
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);

CREATE TABLE alert_runs (
  id {{ID}},
  period_from TEXT NOT NULL,       -- yyyy-MM-dd, orders starting on or after
  period_to TEXT NOT NULL,         -- yyyy-MM-dd, orders starting on or before
  trigger_kind TEXT NOT NULL,      -- manual | schedule
  status TEXT NOT NULL,            -- running | done | failed
  orders BIGINT NOT NULL DEFAULT 0,
  alerts BIGINT NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  started_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX charge_orders_start ON charge_orders(start_time);
