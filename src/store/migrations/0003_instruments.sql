-- The instrument catalogue, the registry of instruments with their filing state, and each
-- instrument's history.

CREATE TABLE instrument_types (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  regulation TEXT NOT NULL,          -- regulation code and edition, e.g. JJG 1148-2022
  verification_form TEXT NOT NULL,   -- periodic | first_only
  period_months INTEGER NOT NULL,
  mandatory_uses TEXT NOT NULL,      -- comma-separated uses that make it mandatory
  charger_current TEXT NOT NULL DEFAULT '',  -- AC / DC for charger types
  accuracy_classes TEXT NOT NULL DEFAULT '', -- comma-separated allowed classes; '' = free text
  active INTEGER NOT NULL DEFAULT 1,
  sort INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);

INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, mandatory_uses, charger_current, accuracy_classes, sort) VALUES ('ev_ac_charger', '电动汽车交流充电桩', 'JJG 1148-2022', 'periodic', 36, 'trade_settlement', 'AC', '1,2', 1);
INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, mandatory_uses, charger_current, accuracy_classes, sort) VALUES ('ev_dc_charger', '电动汽车非车载充电机', 'JJG 1149-2022', 'periodic', 36, 'trade_settlement', 'DC', '1,2', 2);
INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, mandatory_uses, charger_current, accuracy_classes, sort) VALUES ('fuel_dispenser', '燃油加油机', 'JJG 443-2023', 'periodic', 12, 'trade_settlement', '', '0.3,0.5', 3);
INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, mandatory_uses, charger_current, accuracy_classes, sort) VALUES ('taxi_meter', '出租汽车计价器', 'JJG 517-2016', 'periodic', 12, 'trade_settlement', '', '', 4);
INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, mandatory_uses, charger_current, accuracy_classes, sort) VALUES ('price_scale', '电子计价秤', 'JJG 539-2016', 'periodic', 12, 'trade_settlement', '', 'III', 5);
INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, mandatory_uses, charger_current, accuracy_classes, sort) VALUES ('non_automatic_scale', '非自动秤', 'JJG 555-1996', 'periodic', 12, 'trade_settlement,safety,medical', '', 'I,II,III,IIII', 6);
INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, mandatory_uses, charger_current, accuracy_classes, sort) VALUES ('water_meter', '水表', 'JJG 162-2019', 'first_only', 72, 'trade_settlement', '', '1,2', 7);
INSERT INTO instrument_types (code, name, regulation, verification_form, period_months, mandatory_uses, charger_current, accuracy_classes, sort) VALUES ('gas_meter', '膜式燃气表', 'JJG 577-2012', 'first_only', 120, 'trade_settlement,safety', '', '1.5', 8);

CREATE TABLE instruments (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  type_code TEXT NOT NULL REFERENCES instrument_types(code),
  name TEXT NOT NULL,
  model TEXT NOT NULL,
  serial_no TEXT NOT NULL,
  manufacturer TEXT NOT NULL,
  brand TEXT NOT NULL,
  accuracy_class TEXT NOT NULL,
  measuring_range TEXT NOT NULL DEFAULT '',
  install_address TEXT NOT NULL,
  install_region_code TEXT NOT NULL REFERENCES regions(code),
  use TEXT NOT NULL,
  in_use_date TEXT NOT NULL,
  asset_no TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  charger_current TEXT NOT NULL DEFAULT '',
  rated_power_kw DOUBLE PRECISION,
  rated_voltage_v DOUBLE PRECISION,
  max_current_a DOUBLE PRECISION,
  min_current_a DOUBLE PRECISION,
  connector_count INTEGER,
  station_name TEXT NOT NULL DEFAULT '',
  equipment_id TEXT NOT NULL DEFAULT '',
  tou_billing INTEGER,
  longitude DOUBLE PRECISION,
  latitude DOUBLE PRECISION,
  mandatory INTEGER NOT NULL,
  status TEXT NOT NULL,               -- draft, submitted, approved, returned, deregistered
  change_pending INTEGER NOT NULL DEFAULT 0,
  pending_change TEXT NOT NULL DEFAULT '',   -- JSON of the proposed data while a change is reviewed
  last_reason TEXT NOT NULL DEFAULT '',      -- reason of the last return / rejected change
  deregister_kind TEXT NOT NULL DEFAULT '',
  deregister_date TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT,
  approved_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX instruments_org_status ON instruments(org_id, status);
CREATE INDEX instruments_region_status ON instruments(install_region_code, status);
CREATE INDEX instruments_identity ON instruments(manufacturer, model, serial_no);

CREATE TABLE instrument_events (
  id {{ID}},
  instrument_id BIGINT NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  org_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX instrument_events_instrument ON instrument_events(instrument_id, id);
