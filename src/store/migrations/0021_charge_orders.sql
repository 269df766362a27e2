-- Issue 13: charge orders reported by the operators (notification_charge_order_info), stored once
-- per operator and StartChargeSeq, and the alerts the anti-cheating rules raise on them
-- (domain/charge_order_rules.hpp), for the district bureau of the charger.
CREATE TABLE charge_orders (
  id {{ID}},
  operator_ref BIGINT NOT NULL REFERENCES tcec_operators(id),
  start_charge_seq TEXT NOT NULL,
  connector_id TEXT NOT NULL,
  equipment_id TEXT NOT NULL,
  start_time TEXT NOT NULL,          -- yyyy-MM-dd HH:mm:ss as sent
  end_time TEXT NOT NULL,
  total_power DOUBLE PRECISION NOT NULL,
  total_money DOUBLE PRECISION NOT NULL,
  region_code TEXT NOT NULL,
  body TEXT NOT NULL,                -- the order as received (decrypted JSON)
  received_at BIGINT NOT NULL,
  UNIQUE (operator_ref, start_charge_seq)
);
CREATE INDEX charge_orders_connector ON charge_orders(operator_ref, connector_id, start_time);

CREATE TABLE charge_alerts (
  id {{ID}},
  order_ref BIGINT NOT NULL REFERENCES charge_orders(id),
  rule TEXT NOT NULL,
  equipment_id TEXT NOT NULL,
  start_charge_seq TEXT NOT NULL,
  region_code TEXT NOT NULL,
  evidence TEXT NOT NULL,            -- JSON [[name, value], …]
  status TEXT NOT NULL,              -- open
  created_at BIGINT NOT NULL
);
CREATE INDEX charge_alerts_region ON charge_alerts(region_code, id);
CREATE INDEX charge_alerts_rule ON charge_alerts(rule, id);
