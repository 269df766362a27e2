-- Statistics (issue 12): tallies maintained by triggers in the same transaction as every change
-- of a filed instrument or an issued certificate, so the dashboards read a few thousand summed
-- rows instead of scanning a million instruments (docs/performance.md). The tallies are
-- append-only deltas (+1 / -1 rows, no row is ever updated, so concurrent writers never wait for
-- each other or deadlock on a counter); Compact folds them into one row per key.
-- Only mandatory (强检) instruments that are filed (submitted, returned, approved) are counted.

-- Per district, type, use, status, verification state and expiry date.
CREATE TABLE stat_region (
  id {{ID}},
  region_code TEXT NOT NULL,
  type_code TEXT NOT NULL,
  use TEXT NOT NULL,
  status TEXT NOT NULL,
  verification_state TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  n BIGINT NOT NULL,
  connectors BIGINT NOT NULL
);
CREATE INDEX stat_region_key ON stat_region(region_code, type_code, status, verification_state, valid_until);

-- Per enterprise, district, type, brand and model (operators and brand/model breakdowns).
CREATE TABLE stat_org (
  id {{ID}},
  org_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  type_code TEXT NOT NULL,
  use TEXT NOT NULL,
  brand TEXT NOT NULL,
  model TEXT NOT NULL,
  status TEXT NOT NULL,
  verification_state TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  n BIGINT NOT NULL,
  connectors BIGINT NOT NULL
);
CREATE INDEX stat_org_region ON stat_org(region_code, org_id);
CREATE INDEX stat_org_org ON stat_org(org_id);

-- Monthly flows: filed (approved in the month), verified / passed / failed / first /
-- first_passed (certificate or result notice issued, by verification date).
CREATE TABLE stat_monthly (
  id {{ID}},
  region_code TEXT NOT NULL,
  type_code TEXT NOT NULL,
  month TEXT NOT NULL,
  metric TEXT NOT NULL,
  n BIGINT NOT NULL
);
CREATE INDEX stat_monthly_month ON stat_monthly(month, region_code);

-- Failed items of result notices (不合格项), by verification month.
CREATE TABLE stat_failures (
  id {{ID}},
  region_code TEXT NOT NULL,
  type_code TEXT NOT NULL,
  month TEXT NOT NULL,
  item TEXT NOT NULL,
  name TEXT NOT NULL,
  n BIGINT NOT NULL
);
CREATE INDEX stat_failures_month ON stat_failures(month, region_code);

-- First verification before use: never-verified approved instruments by the date put into use.
CREATE INDEX instruments_unverified ON instruments(verification_state, status, in_use_date);

-- Acceptance checks (发改委验收): a DRC's check of a charging project's chargers, frozen when made.
CREATE TABLE acceptance_checks (
  id {{ID}},
  token TEXT NOT NULL UNIQUE,         -- signed public token (same Ed25519 keys as labels)
  project_name TEXT NOT NULL,
  owner_name TEXT NOT NULL DEFAULT '',
  owner_org_id BIGINT REFERENCES orgs(id),
  station_names TEXT NOT NULL DEFAULT '[]',
  verdict TEXT NOT NULL,              -- passed | gaps
  checked_on TEXT NOT NULL,
  counts TEXT NOT NULL,               -- JSON: per status
  item_count INTEGER NOT NULL,
  gap_count INTEGER NOT NULL,
  creator_org_id BIGINT NOT NULL REFERENCES orgs(id),
  region_code TEXT NOT NULL,          -- the creating office's district (or the city)
  created_by BIGINT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX acceptance_checks_region ON acceptance_checks(region_code, id);
CREATE INDEX acceptance_checks_owner ON acceptance_checks(owner_org_id, id);

CREATE TABLE acceptance_items (
  id {{ID}},
  check_id BIGINT NOT NULL REFERENCES acceptance_checks(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  instrument_id BIGINT,
  status TEXT NOT NULL,               -- ok unfiled never_verified failed expired revoked
  data TEXT NOT NULL                  -- JSON: the item as shown, frozen at the check
);
CREATE INDEX acceptance_items_check ON acceptance_items(check_id, seq);

-- [sqlite]
CREATE TRIGGER stat_instruments_remove AFTER UPDATE OF install_region_code, type_code, use,
  org_id, brand, model, status, verification_state, valid_until, connector_count, mandatory
  ON instruments
  WHEN OLD.mandatory = 1 AND OLD.status IN ('submitted', 'returned', 'approved') AND (
    OLD.install_region_code IS NOT NEW.install_region_code OR OLD.type_code IS NOT NEW.type_code
    OR OLD.use IS NOT NEW.use OR OLD.org_id IS NOT NEW.org_id OR OLD.brand IS NOT NEW.brand
    OR OLD.model IS NOT NEW.model OR OLD.status IS NOT NEW.status
    OR OLD.verification_state IS NOT NEW.verification_state
    OR OLD.valid_until IS NOT NEW.valid_until OR OLD.connector_count IS NOT NEW.connector_count
    OR OLD.mandatory IS NOT NEW.mandatory)
BEGIN
  INSERT INTO stat_region (region_code, type_code, use, status, verification_state, valid_until, n, connectors)
  VALUES (OLD.install_region_code, OLD.type_code, OLD.use, OLD.status, OLD.verification_state,
          OLD.valid_until, -1, -COALESCE(OLD.connector_count, 1));
  INSERT INTO stat_org (org_id, region_code, type_code, use, brand, model, status, verification_state, valid_until, n, connectors)
  VALUES (OLD.org_id, OLD.install_region_code, OLD.type_code, OLD.use, OLD.brand, OLD.model,
          OLD.status, OLD.verification_state, OLD.valid_until, -1, -COALESCE(OLD.connector_count, 1));
END;

CREATE TRIGGER stat_instruments_add AFTER UPDATE OF install_region_code, type_code, use,
  org_id, brand, model, status, verification_state, valid_until, connector_count, mandatory
  ON instruments
  WHEN NEW.mandatory = 1 AND NEW.status IN ('submitted', 'returned', 'approved') AND (
    OLD.install_region_code IS NOT NEW.install_region_code OR OLD.type_code IS NOT NEW.type_code
    OR OLD.use IS NOT NEW.use OR OLD.org_id IS NOT NEW.org_id OR OLD.brand IS NOT NEW.brand
    OR OLD.model IS NOT NEW.model OR OLD.status IS NOT NEW.status
    OR OLD.verification_state IS NOT NEW.verification_state
    OR OLD.valid_until IS NOT NEW.valid_until OR OLD.connector_count IS NOT NEW.connector_count
    OR OLD.mandatory IS NOT NEW.mandatory)
BEGIN
  INSERT INTO stat_region (region_code, type_code, use, status, verification_state, valid_until, n, connectors)
  VALUES (NEW.install_region_code, NEW.type_code, NEW.use, NEW.status, NEW.verification_state,
          NEW.valid_until, 1, COALESCE(NEW.connector_count, 1));
  INSERT INTO stat_org (org_id, region_code, type_code, use, brand, model, status, verification_state, valid_until, n, connectors)
  VALUES (NEW.org_id, NEW.install_region_code, NEW.type_code, NEW.use, NEW.brand, NEW.model,
          NEW.status, NEW.verification_state, NEW.valid_until, 1, COALESCE(NEW.connector_count, 1));
END;

CREATE TRIGGER stat_instruments_approved AFTER UPDATE OF status ON instruments
  WHEN NEW.mandatory = 1 AND NEW.status = 'approved' AND OLD.status IS NOT 'approved'
    AND NEW.approved_at IS NOT NULL
BEGIN
  INSERT INTO stat_monthly (region_code, type_code, month, metric, n)
  VALUES (NEW.install_region_code, NEW.type_code,
          strftime('%Y-%m', NEW.approved_at, 'unixepoch', '+8 hours'), 'filed', 1);
END;

CREATE TRIGGER stat_instruments_insert AFTER INSERT ON instruments
  WHEN NEW.mandatory = 1 AND NEW.status IN ('submitted', 'returned', 'approved')
BEGIN
  INSERT INTO stat_region (region_code, type_code, use, status, verification_state, valid_until, n, connectors)
  VALUES (NEW.install_region_code, NEW.type_code, NEW.use, NEW.status, NEW.verification_state,
          NEW.valid_until, 1, COALESCE(NEW.connector_count, 1));
  INSERT INTO stat_org (org_id, region_code, type_code, use, brand, model, status, verification_state, valid_until, n, connectors)
  VALUES (NEW.org_id, NEW.install_region_code, NEW.type_code, NEW.use, NEW.brand, NEW.model,
          NEW.status, NEW.verification_state, NEW.valid_until, 1, COALESCE(NEW.connector_count, 1));
  INSERT INTO stat_monthly (region_code, type_code, month, metric, n)
  SELECT NEW.install_region_code, NEW.type_code,
         strftime('%Y-%m', NEW.approved_at, 'unixepoch', '+8 hours'), 'filed', 1
  WHERE NEW.status = 'approved' AND NEW.approved_at IS NOT NULL;
END;

CREATE TRIGGER stat_instruments_delete AFTER DELETE ON instruments
  WHEN OLD.mandatory = 1 AND OLD.status IN ('submitted', 'returned', 'approved')
BEGIN
  INSERT INTO stat_region (region_code, type_code, use, status, verification_state, valid_until, n, connectors)
  VALUES (OLD.install_region_code, OLD.type_code, OLD.use, OLD.status, OLD.verification_state,
          OLD.valid_until, -1, -COALESCE(OLD.connector_count, 1));
  INSERT INTO stat_org (org_id, region_code, type_code, use, brand, model, status, verification_state, valid_until, n, connectors)
  VALUES (OLD.org_id, OLD.install_region_code, OLD.type_code, OLD.use, OLD.brand, OLD.model,
          OLD.status, OLD.verification_state, OLD.valid_until, -1, -COALESCE(OLD.connector_count, 1));
END;

CREATE TRIGGER stat_certificates_issued AFTER INSERT ON certificates WHEN NEW.revision = 1
BEGIN
  INSERT INTO stat_monthly (region_code, type_code, month, metric, n)
  SELECT NEW.install_region_code, i.type_code, substr(NEW.verified_on, 1, 7), m.metric, 1
  FROM instruments i JOIN verifications v ON v.id = NEW.verification_id
  JOIN (SELECT 'verified' AS metric UNION ALL SELECT 'passed' UNION ALL SELECT 'failed'
        UNION ALL SELECT 'first' UNION ALL SELECT 'first_passed') m
  WHERE i.id = NEW.instrument_id AND i.mandatory = 1 AND (m.metric = 'verified'
    OR (m.metric = 'passed' AND NEW.kind = 'certificate')
    OR (m.metric = 'failed' AND NEW.kind <> 'certificate')
    OR (m.metric = 'first' AND v.kind = 'first')
    OR (m.metric = 'first_passed' AND v.kind = 'first' AND NEW.kind = 'certificate'));
  INSERT INTO stat_failures (region_code, type_code, month, item, name, n)
  SELECT NEW.install_region_code, i.type_code, substr(NEW.verified_on, 1, 7),
         COALESCE(json_extract(f.value, '$.item'), ''), COALESCE(json_extract(f.value, '$.name'), ''), 1
  FROM instruments i JOIN verifications v ON v.id = NEW.verification_id, json_each(v.failed_items) f
  WHERE i.id = NEW.instrument_id AND i.mandatory = 1 AND NEW.kind <> 'certificate'
    AND json_valid(v.failed_items);
END;

INSERT INTO stat_monthly (region_code, type_code, month, metric, n)
SELECT install_region_code, type_code, strftime('%Y-%m', approved_at, 'unixepoch', '+8 hours'), 'filed', COUNT(*)
FROM instruments WHERE mandatory = 1 AND approved_at IS NOT NULL AND status IN ('approved', 'deregistered')
GROUP BY 1, 2, 3;

INSERT INTO stat_failures (region_code, type_code, month, item, name, n)
SELECT c.install_region_code, i.type_code, substr(c.verified_on, 1, 7),
       COALESCE(json_extract(f.value, '$.item'), ''), COALESCE(json_extract(f.value, '$.name'), ''), COUNT(*)
FROM certificates c JOIN instruments i ON i.id = c.instrument_id JOIN verifications v ON v.id = c.verification_id,
     json_each(v.failed_items) f
WHERE c.revision = 1 AND c.kind <> 'certificate' AND i.mandatory = 1 AND json_valid(v.failed_items)
GROUP BY 1, 2, 3, 4, 5;
-- [end]

-- [postgresql]
CREATE FUNCTION stat_instruments_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.install_region_code, OLD.type_code, OLD.use, OLD.org_id, OLD.brand,
      OLD.model, OLD.status, OLD.verification_state, OLD.valid_until, OLD.connector_count,
      OLD.mandatory) IS NOT DISTINCT FROM (NEW.install_region_code, NEW.type_code, NEW.use,
      NEW.org_id, NEW.brand, NEW.model, NEW.status, NEW.verification_state, NEW.valid_until,
      NEW.connector_count, NEW.mandatory) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.mandatory = 1 AND OLD.status IN ('submitted', 'returned', 'approved') THEN
    INSERT INTO stat_region (region_code, type_code, use, status, verification_state, valid_until, n, connectors)
    VALUES (OLD.install_region_code, OLD.type_code, OLD.use, OLD.status, OLD.verification_state,
            OLD.valid_until, -1, -COALESCE(OLD.connector_count, 1));
    INSERT INTO stat_org (org_id, region_code, type_code, use, brand, model, status, verification_state, valid_until, n, connectors)
    VALUES (OLD.org_id, OLD.install_region_code, OLD.type_code, OLD.use, OLD.brand, OLD.model,
            OLD.status, OLD.verification_state, OLD.valid_until, -1, -COALESCE(OLD.connector_count, 1));
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.mandatory = 1 AND NEW.status IN ('submitted', 'returned', 'approved') THEN
    INSERT INTO stat_region (region_code, type_code, use, status, verification_state, valid_until, n, connectors)
    VALUES (NEW.install_region_code, NEW.type_code, NEW.use, NEW.status, NEW.verification_state,
            NEW.valid_until, 1, COALESCE(NEW.connector_count, 1));
    INSERT INTO stat_org (org_id, region_code, type_code, use, brand, model, status, verification_state, valid_until, n, connectors)
    VALUES (NEW.org_id, NEW.install_region_code, NEW.type_code, NEW.use, NEW.brand, NEW.model,
            NEW.status, NEW.verification_state, NEW.valid_until, 1, COALESCE(NEW.connector_count, 1));
    IF NEW.status = 'approved' AND NEW.approved_at IS NOT NULL
       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'approved') THEN
      INSERT INTO stat_monthly (region_code, type_code, month, metric, n)
      VALUES (NEW.install_region_code, NEW.type_code,
              to_char(to_timestamp(NEW.approved_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), 'filed', 1);
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER stat_instruments AFTER INSERT OR UPDATE OR DELETE ON instruments
  FOR EACH ROW EXECUTE FUNCTION stat_instruments_change();

CREATE FUNCTION stat_certificates_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.revision <> 1 THEN
    RETURN NULL;
  END IF;
  INSERT INTO stat_monthly (region_code, type_code, month, metric, n)
  SELECT NEW.install_region_code, i.type_code, substr(NEW.verified_on, 1, 7), m.metric, 1
  FROM instruments i JOIN verifications v ON v.id = NEW.verification_id
  CROSS JOIN (VALUES ('verified'), ('passed'), ('failed'), ('first'), ('first_passed')) AS m(metric)
  WHERE i.id = NEW.instrument_id AND i.mandatory = 1 AND (m.metric = 'verified'
    OR (m.metric = 'passed' AND NEW.kind = 'certificate')
    OR (m.metric = 'failed' AND NEW.kind <> 'certificate')
    OR (m.metric = 'first' AND v.kind = 'first')
    OR (m.metric = 'first_passed' AND v.kind = 'first' AND NEW.kind = 'certificate'));
  IF NEW.kind <> 'certificate' THEN
    INSERT INTO stat_failures (region_code, type_code, month, item, name, n)
    SELECT NEW.install_region_code, i.type_code, substr(NEW.verified_on, 1, 7),
           COALESCE(f.value->>'item', ''), COALESCE(f.value->>'name', ''), 1
    FROM instruments i JOIN verifications v ON v.id = NEW.verification_id
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(v.failed_items::jsonb) = 'array'
                                                 THEN v.failed_items::jsonb ELSE '[]'::jsonb END) AS f(value)
    WHERE i.id = NEW.instrument_id AND i.mandatory = 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER stat_certificates AFTER INSERT ON certificates
  FOR EACH ROW EXECUTE FUNCTION stat_certificates_issued();

INSERT INTO stat_monthly (region_code, type_code, month, metric, n)
SELECT install_region_code, type_code, to_char(to_timestamp(approved_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), 'filed', COUNT(*)
FROM instruments WHERE mandatory = 1 AND approved_at IS NOT NULL AND status IN ('approved', 'deregistered')
GROUP BY 1, 2, 3;

INSERT INTO stat_failures (region_code, type_code, month, item, name, n)
SELECT c.install_region_code, i.type_code, substr(c.verified_on, 1, 7),
       COALESCE(f.value->>'item', ''), COALESCE(f.value->>'name', ''), COUNT(*)
FROM certificates c JOIN instruments i ON i.id = c.instrument_id JOIN verifications v ON v.id = c.verification_id
CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(v.failed_items::jsonb) = 'array'
                                             THEN v.failed_items::jsonb ELSE '[]'::jsonb END) AS f(value)
WHERE c.revision = 1 AND c.kind <> 'certificate' AND i.mandatory = 1
GROUP BY 1, 2, 3, 4, 5;
-- [end]

-- Backfill from the rows already there (both dialects).
INSERT INTO stat_region (region_code, type_code, use, status, verification_state, valid_until, n, connectors)
SELECT install_region_code, type_code, use, status, verification_state, valid_until, COUNT(*),
       SUM(COALESCE(connector_count, 1))
FROM instruments WHERE mandatory = 1 AND status IN ('submitted', 'returned', 'approved')
GROUP BY install_region_code, type_code, use, status, verification_state, valid_until;

INSERT INTO stat_org (org_id, region_code, type_code, use, brand, model, status, verification_state, valid_until, n, connectors)
SELECT org_id, install_region_code, type_code, use, brand, model, status, verification_state, valid_until,
       COUNT(*), SUM(COALESCE(connector_count, 1))
FROM instruments WHERE mandatory = 1 AND status IN ('submitted', 'returned', 'approved')
GROUP BY org_id, install_region_code, type_code, use, brand, model, status, verification_state, valid_until;

INSERT INTO stat_monthly (region_code, type_code, month, metric, n)
SELECT c.install_region_code, i.type_code, substr(c.verified_on, 1, 7), m.metric, COUNT(*)
FROM certificates c JOIN instruments i ON i.id = c.instrument_id JOIN verifications v ON v.id = c.verification_id
CROSS JOIN (SELECT 'verified' AS metric UNION ALL SELECT 'passed' UNION ALL SELECT 'failed'
            UNION ALL SELECT 'first' UNION ALL SELECT 'first_passed') m
WHERE c.revision = 1 AND i.mandatory = 1 AND (m.metric = 'verified'
  OR (m.metric = 'passed' AND c.kind = 'certificate')
  OR (m.metric = 'failed' AND c.kind <> 'certificate')
  OR (m.metric = 'first' AND v.kind = 'first')
  OR (m.metric = 'first_passed' AND v.kind = 'first' AND c.kind = 'certificate'))
GROUP BY c.install_region_code, i.type_code, substr(c.verified_on, 1, 7), m.metric;

-- Exact lookups by EquipmentID (acceptance checks, public lookup).
CREATE INDEX instruments_equipment ON instruments(equipment_id);
