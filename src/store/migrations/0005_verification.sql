-- The verification business (DESIGN.md §2.3): institute profiles and standards, appointments,
-- verification records with three signatures, certificates with revisions, label signing keys,
-- the rules (limits and checklists) per regulation edition, and the reminder job's ledger.

CREATE TABLE institute_profiles (
  org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
  code TEXT NOT NULL UNIQUE,          -- short code opening its certificate numbers, e.g. WHJL
  type_codes TEXT NOT NULL,           -- comma-separated instrument types it may verify
  region_codes TEXT NOT NULL,         -- comma-separated regions it serves (a city covers its districts)
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);

CREATE TABLE standard_equipment (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  serial_no TEXT NOT NULL,
  certificate_no TEXT NOT NULL,
  valid_until TEXT NOT NULL,          -- YYYY-MM-DD, last day its own certificate is valid
  accuracy TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX standard_equipment_org ON standard_equipment(org_id);

-- Limits per regulation edition, item, verification kind ('*' any) and accuracy class ('*' any).
CREATE TABLE verification_limits (
  regulation TEXT NOT NULL,
  item TEXT NOT NULL,                 -- working_error (%), clock_error (s), insulation (MΩ minimum)
  kind TEXT NOT NULL,
  accuracy_class TEXT NOT NULL,
  limit_value DOUBLE PRECISION NOT NULL,
  rounding DOUBLE PRECISION NOT NULL, -- rounding interval applied before comparing
  PRIMARY KEY (regulation, item, kind, accuracy_class)
);
INSERT INTO verification_limits VALUES ('JJG 1148-2022', 'working_error', '*', '1', 1.0, 0.1);
INSERT INTO verification_limits VALUES ('JJG 1148-2022', 'working_error', '*', '2', 2.0, 0.2);
INSERT INTO verification_limits VALUES ('JJG 1148-2022', 'clock_error', 'first', '*', 5, 1);
INSERT INTO verification_limits VALUES ('JJG 1148-2022', 'clock_error', 'subsequent', '*', 180, 1);
INSERT INTO verification_limits VALUES ('JJG 1148-2022', 'clock_error', 'in_service', '*', 180, 1);
INSERT INTO verification_limits VALUES ('JJG 1148-2022', 'insulation', '*', '*', 5, 0);
INSERT INTO verification_limits VALUES ('JJG 1149-2022', 'working_error', '*', '1', 1.0, 0.1);
INSERT INTO verification_limits VALUES ('JJG 1149-2022', 'working_error', '*', '2', 2.0, 0.2);
INSERT INTO verification_limits VALUES ('JJG 1149-2022', 'clock_error', 'first', '*', 5, 1);
INSERT INTO verification_limits VALUES ('JJG 1149-2022', 'clock_error', 'subsequent', '*', 180, 1);
INSERT INTO verification_limits VALUES ('JJG 1149-2022', 'clock_error', 'in_service', '*', 180, 1);
INSERT INTO verification_limits VALUES ('JJG 1149-2022', 'insulation', '*', '*', 5, 0);

-- Appearance and function checklist items per regulation edition.
CREATE TABLE verification_check_items (
  regulation TEXT NOT NULL,
  item TEXT NOT NULL,
  name TEXT NOT NULL,
  sort INTEGER NOT NULL,
  PRIMARY KEY (regulation, item)
);
INSERT INTO verification_check_items VALUES ('JJG 1148-2022', 'nameplate', '铭牌标志（名称、型号、制造单位、出厂编号、电压/电流、准确度等级）', 1);
INSERT INTO verification_check_items VALUES ('JJG 1148-2022', 'display', '显示功能（电能、时间、金额示值清晰完整）', 2);
INSERT INTO verification_check_items VALUES ('JJG 1148-2022', 'anti_tamper', '防作弊及封印（计量部件封印完好、参数不可随意修改）', 3);
INSERT INTO verification_check_items VALUES ('JJG 1148-2022', 'charging_control', '充电控制与结算功能', 4);
INSERT INTO verification_check_items VALUES ('JJG 1149-2022', 'nameplate', '铭牌标志（名称、型号、制造单位、出厂编号、电压/电流、准确度等级）', 1);
INSERT INTO verification_check_items VALUES ('JJG 1149-2022', 'display', '显示功能（电能、时间、金额示值清晰完整）', 2);
INSERT INTO verification_check_items VALUES ('JJG 1149-2022', 'anti_tamper', '防作弊及封印（计量部件封印完好、参数不可随意修改）', 3);
INSERT INTO verification_check_items VALUES ('JJG 1149-2022', 'charging_control', '充电控制与结算功能', 4);

CREATE TABLE appointments (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  institute_org_id BIGINT NOT NULL REFERENCES orgs(id),
  mode TEXT NOT NULL,                 -- send_in | on_site
  status TEXT NOT NULL,               -- draft submitted accepted rejected scheduled completed cancelled
  preferred_date TEXT NOT NULL,
  scheduled_date TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',    -- of the last rejection or cancellation
  verifier_user_ids TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT,
  accepted_at BIGINT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX appointments_org ON appointments(org_id, id);
CREATE INDEX appointments_institute ON appointments(institute_org_id, status);

CREATE TABLE appointment_items (
  appointment_id BIGINT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  instrument_id BIGINT NOT NULL REFERENCES instruments(id),
  PRIMARY KEY (appointment_id, instrument_id)
);
CREATE INDEX appointment_items_instrument ON appointment_items(instrument_id);

CREATE TABLE appointment_events (
  id {{ID}},
  appointment_id BIGINT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  org_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appointment_events_appointment ON appointment_events(appointment_id, id);

CREATE TABLE verifications (
  id {{ID}},
  institute_org_id BIGINT NOT NULL REFERENCES orgs(id),
  appointment_id BIGINT NOT NULL REFERENCES appointments(id),
  instrument_id BIGINT NOT NULL REFERENCES instruments(id),
  kind TEXT NOT NULL,                 -- first | subsequent | in_service
  regulation TEXT NOT NULL,
  accuracy_class TEXT NOT NULL,
  verified_on TEXT NOT NULL,
  status TEXT NOT NULL,               -- draft awaiting_check awaiting_approval approved
  data TEXT NOT NULL,                 -- JSON: the measured data and computed results
  conclusion TEXT NOT NULL,           -- pass | fail
  failed_items TEXT NOT NULL DEFAULT '[]',
  verifier_user_id BIGINT,
  verifier_signed_at BIGINT,
  checker_user_id BIGINT,
  checker_signed_at BIGINT,
  approver_user_id BIGINT,
  approver_signed_at BIGINT,
  last_reason TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX verifications_institute ON verifications(institute_org_id, status);
CREATE INDEX verifications_instrument ON verifications(instrument_id);
CREATE INDEX verifications_appointment ON verifications(appointment_id);

CREATE TABLE certificate_sequences (
  institute_org_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,
  last_value INTEGER NOT NULL,
  PRIMARY KEY (institute_org_id, year, kind)
);

CREATE TABLE certificates (
  id {{ID}},
  number TEXT NOT NULL,
  revision INTEGER NOT NULL,
  kind TEXT NOT NULL,                 -- certificate | result_notice
  status TEXT NOT NULL,               -- valid | superseded (by a later revision) | revoked
  verification_id BIGINT NOT NULL REFERENCES verifications(id),
  instrument_id BIGINT NOT NULL REFERENCES instruments(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  institute_org_id BIGINT NOT NULL REFERENCES orgs(id),
  install_region_code TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  valid_until TEXT NOT NULL DEFAULT '',
  verified_on TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',    -- of this revision, or of the revocation
  token TEXT NOT NULL DEFAULT '',     -- signed label token (certificates only)
  snapshot TEXT NOT NULL,             -- JSON: everything the document shows, frozen at issue
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (number, revision)
);
CREATE INDEX certificates_number ON certificates(number, revision);
CREATE INDEX certificates_instrument ON certificates(instrument_id, id);
CREATE INDEX certificates_institute ON certificates(institute_org_id, id);
CREATE INDEX certificates_org ON certificates(org_id, id);

CREATE TABLE label_keys (
  kid TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,           -- base64url, 32 bytes
  secret_key TEXT NOT NULL,           -- base64url, 64 bytes; never leaves the server
  status TEXT NOT NULL,               -- active | retired
  created_at BIGINT NOT NULL,
  not_after BIGINT NOT NULL           -- tokens of this key verify until then
);

ALTER TABLE instruments ADD COLUMN verification_state TEXT NOT NULL DEFAULT 'never';
ALTER TABLE instruments ADD COLUMN last_verified_on TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN valid_until TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN last_certificate_no TEXT NOT NULL DEFAULT '';
CREATE INDEX instruments_valid_until ON instruments(install_region_code, valid_until);

-- One row per reminder sent (instrument, expiry, days before) and per daily run: inserting the
-- row is the claim, so several server instances never send the same reminder twice.
CREATE TABLE reminder_ledger (
  instrument_id BIGINT NOT NULL,
  valid_until TEXT NOT NULL,
  days_before INTEGER NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (instrument_id, valid_until, days_before)
);
CREATE TABLE job_runs (
  job TEXT NOT NULL,
  run_date TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  PRIMARY KEY (job, run_date)
);
