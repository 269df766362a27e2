-- Issue 13: the public keys of chargers' meters (OCMF signed meter values), registered per filed
-- charger by its enterprise. A meter serial has at most one active key; revoked keys are kept.
CREATE TABLE meter_keys (
  id {{ID}},
  instrument_id BIGINT NOT NULL REFERENCES instruments(id),
  meter_serial TEXT NOT NULL,
  public_key TEXT NOT NULL,      -- DER SubjectPublicKeyInfo, upper-case hex
  curve TEXT NOT NULL,           -- secp256r1 | secp384r1 | brainpoolP256r1
  status TEXT NOT NULL,          -- active | revoked
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX meter_keys_active_serial ON meter_keys(meter_serial) WHERE status = 'active';
CREATE INDEX meter_keys_instrument ON meter_keys(instrument_id);
