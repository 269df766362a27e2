-- Issue 13: data exchange with the city's EV charging supervision platform (T/CEC 102).
-- Operator accounts: a peer reporting for one enterprise, its OperatorID (the 9-character
-- organisation code inside the credit code) and the secrets agreed with it, sealed with the
-- server's master key (services/core/secrets.hpp). Tokens from query_token are kept as hashes.
CREATE TABLE tcec_operators (
  id {{ID}},
  operator_id TEXT NOT NULL UNIQUE,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  secrets_sealed TEXT NOT NULL,  -- {operator_secret, data_secret, data_secret_iv, sig_secret}
  status TEXT NOT NULL,          -- active | disabled
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  rotated_at BIGINT NOT NULL
);
CREATE INDEX tcec_operators_org ON tcec_operators(org_id);

CREATE TABLE tcec_tokens (
  token_hash TEXT PRIMARY KEY,
  operator_ref BIGINT NOT NULL REFERENCES tcec_operators(id),
  expires_at BIGINT NOT NULL
);
CREATE INDEX tcec_tokens_expiry ON tcec_tokens(expires_at);

-- Every accepted envelope, still encrypted as received, with its hash (evidence); the
-- fingerprint (hash of the signed fields) is unique, so a replayed envelope is refused.
CREATE TABLE tcec_envelopes (
  id {{ID}},
  operator_ref BIGINT NOT NULL REFERENCES tcec_operators(id),
  endpoint TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX tcec_envelopes_operator ON tcec_envelopes(operator_ref, id);

-- The platform's inventory as the operators report it (notification_stationInfo), one row per
-- StationID and per EquipmentID of an operator: sent again, a row is updated, never duplicated.
CREATE TABLE platform_stations (
  id {{ID}},
  operator_ref BIGINT NOT NULL REFERENCES tcec_operators(id),
  station_id TEXT NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  area_code TEXT NOT NULL,
  region_code TEXT NOT NULL,     -- area_code when it is a known district, else ''
  updated_at BIGINT NOT NULL,
  UNIQUE (operator_ref, station_id)
);

CREATE TABLE platform_equipment (
  id {{ID}},
  operator_ref BIGINT NOT NULL REFERENCES tcec_operators(id),
  station_id TEXT NOT NULL,
  equipment_id TEXT NOT NULL,
  manufacturer TEXT NOT NULL,
  model TEXT NOT NULL,
  current TEXT NOT NULL,         -- AC | DC | '' (EquipmentType 1 DC, 2 AC, other)
  power_kw DOUBLE PRECISION,
  production_date TEXT NOT NULL,
  connectors INTEGER NOT NULL,
  region_code TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (operator_ref, equipment_id)
);
CREATE INDEX platform_equipment_equipment ON platform_equipment(equipment_id);
CREATE INDEX platform_equipment_region ON platform_equipment(region_code, id);
