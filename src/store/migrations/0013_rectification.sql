-- 抽样检定 execution and 整改 (issue 11 A, C). A sampled unit becomes an on-site appointment with
-- the plan's institute (free of charge, in-service verification); the institute may mark an
-- instrument of an appointment 不具备检定条件; failures, such marks and the 举一反三 requests open
-- rectification orders to the enterprise, decided by the district bureau where it is used.
ALTER TABLE appointments ADD COLUMN sampling_plan_id BIGINT REFERENCES sampling_plans(id);
CREATE INDEX appointments_sampling ON appointments(sampling_plan_id);

CREATE TABLE rectifications (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),          -- the enterprise that must put it right
  region_code TEXT NOT NULL,                           -- the district bureau that decides
  institute_org_id BIGINT REFERENCES orgs(id),         -- the institute that opened it, if any
  instrument_id BIGINT REFERENCES instruments(id),     -- NULL for 举一反三
  source TEXT NOT NULL,                                -- sampling_failure | unverifiable | sampling_followup
  source_id BIGINT NOT NULL,                           -- plan, appointment …
  source_name TEXT NOT NULL,
  items TEXT NOT NULL,                                 -- JSON array of strings
  deadline TEXT NOT NULL,
  status TEXT NOT NULL,                                -- issued | answered | returned | closed
  answer TEXT NOT NULL DEFAULT '',
  answered_at BIGINT,
  decision_reason TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX rectifications_org ON rectifications(org_id, id);
CREATE INDEX rectifications_region ON rectifications(region_code, status);
CREATE INDEX rectifications_instrument ON rectifications(instrument_id, status);
CREATE UNIQUE INDEX rectifications_followup ON rectifications(source_id, org_id, region_code)
  WHERE source = 'sampling_followup';

CREATE TABLE appointment_unverifiable (
  appointment_id BIGINT NOT NULL REFERENCES appointments(id),
  instrument_id BIGINT NOT NULL REFERENCES instruments(id),
  reason TEXT NOT NULL,
  rectification_id BIGINT NOT NULL REFERENCES rectifications(id),
  marked_by BIGINT NOT NULL REFERENCES users(id),
  marked_at BIGINT NOT NULL,
  PRIMARY KEY (appointment_id, instrument_id)
);
