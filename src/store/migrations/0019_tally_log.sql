-- Issue 12 (performance): each server keeps an in-process copy of the folded tallies and brings
-- it up to date from the delta rows committed since its last read (services/reporting/
-- tally_mirror.hpp, docs/performance.md). What that needs from the database:
--  * a generation number that compaction raises in the same transaction as it folds, so a copy
--    knows its rows were replaced and reloads;
--  * on PostgreSQL, the writing transaction of every delta row (xid8): ids are handed out before
--    commit, so a delta with a lower id can commit after one with a higher id; transaction ids
--    below the reader's snapshot xmin are all finished, which makes "every delta not yet applied"
--    an exact question (SQLite has one writer at a time, so its ids follow commit order);
--  * a tally for first verification before use, so that card no longer scans the registry.

CREATE TABLE tally_generation (
  id INTEGER PRIMARY KEY,
  generation BIGINT NOT NULL
);
INSERT INTO tally_generation (id, generation) VALUES (1, 0);

-- Per tally, the highest id when it was last folded: compaction leaves a tally with nothing
-- newer alone (and so does not make every copy reload for nothing).
CREATE TABLE tally_folded (
  table_name TEXT PRIMARY KEY,
  upto BIGINT NOT NULL
);

-- Approved mandatory instruments with no standing verification (never verified, or revoked), by
-- enterprise, district, type and the day they were put into use.
CREATE TABLE stat_first_use (
  id {{ID}},
  org_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  type_code TEXT NOT NULL,
  in_use_date TEXT NOT NULL,
  n BIGINT NOT NULL
);

-- [sqlite]
CREATE TRIGGER stat_first_use_insert AFTER INSERT ON instruments
  WHEN NEW.mandatory = 1 AND NEW.status = 'approved' AND NEW.verification_state IN ('never', 'revoked')
BEGIN
  INSERT INTO stat_first_use (org_id, region_code, type_code, in_use_date, n)
  VALUES (NEW.org_id, NEW.install_region_code, NEW.type_code, COALESCE(NEW.in_use_date, ''), 1);
END;

CREATE TRIGGER stat_first_use_delete AFTER DELETE ON instruments
  WHEN OLD.mandatory = 1 AND OLD.status = 'approved' AND OLD.verification_state IN ('never', 'revoked')
BEGIN
  INSERT INTO stat_first_use (org_id, region_code, type_code, in_use_date, n)
  VALUES (OLD.org_id, OLD.install_region_code, OLD.type_code, COALESCE(OLD.in_use_date, ''), -1);
END;

CREATE TRIGGER stat_first_use_remove AFTER UPDATE OF org_id, install_region_code, type_code,
  in_use_date, status, verification_state, mandatory ON instruments
  WHEN OLD.mandatory = 1 AND OLD.status = 'approved' AND OLD.verification_state IN ('never', 'revoked')
    AND NOT (NEW.mandatory = 1 AND NEW.status = 'approved' AND NEW.verification_state IN ('never', 'revoked')
             AND OLD.org_id IS NEW.org_id AND OLD.install_region_code IS NEW.install_region_code
             AND OLD.type_code IS NEW.type_code AND OLD.in_use_date IS NEW.in_use_date)
BEGIN
  INSERT INTO stat_first_use (org_id, region_code, type_code, in_use_date, n)
  VALUES (OLD.org_id, OLD.install_region_code, OLD.type_code, COALESCE(OLD.in_use_date, ''), -1);
END;

CREATE TRIGGER stat_first_use_add AFTER UPDATE OF org_id, install_region_code, type_code,
  in_use_date, status, verification_state, mandatory ON instruments
  WHEN NEW.mandatory = 1 AND NEW.status = 'approved' AND NEW.verification_state IN ('never', 'revoked')
    AND NOT (OLD.mandatory = 1 AND OLD.status = 'approved' AND OLD.verification_state IN ('never', 'revoked')
             AND OLD.org_id IS NEW.org_id AND OLD.install_region_code IS NEW.install_region_code
             AND OLD.type_code IS NEW.type_code AND OLD.in_use_date IS NEW.in_use_date)
BEGIN
  INSERT INTO stat_first_use (org_id, region_code, type_code, in_use_date, n)
  VALUES (NEW.org_id, NEW.install_region_code, NEW.type_code, COALESCE(NEW.in_use_date, ''), 1);
END;
-- [end]

-- [postgresql]
ALTER TABLE stat_org ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE stat_monthly ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE stat_failures ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE stat_first_use ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX stat_org_tx ON stat_org(tx);
CREATE INDEX stat_monthly_tx ON stat_monthly(tx);
CREATE INDEX stat_failures_tx ON stat_failures(tx);
CREATE INDEX stat_first_use_tx ON stat_first_use(tx);

CREATE FUNCTION stat_first_use_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was BOOLEAN := TG_OP <> 'INSERT' AND OLD.mandatory = 1 AND OLD.status = 'approved'
                 AND OLD.verification_state IN ('never', 'revoked');
  now_ BOOLEAN := TG_OP <> 'DELETE' AND NEW.mandatory = 1 AND NEW.status = 'approved'
                  AND NEW.verification_state IN ('never', 'revoked');
BEGIN
  IF was AND now_ AND (OLD.org_id, OLD.install_region_code, OLD.type_code, OLD.in_use_date)
      IS NOT DISTINCT FROM (NEW.org_id, NEW.install_region_code, NEW.type_code, NEW.in_use_date) THEN
    RETURN NULL;
  END IF;
  IF was THEN
    INSERT INTO stat_first_use (org_id, region_code, type_code, in_use_date, n)
    VALUES (OLD.org_id, OLD.install_region_code, OLD.type_code, COALESCE(OLD.in_use_date, ''), -1);
  END IF;
  IF now_ THEN
    INSERT INTO stat_first_use (org_id, region_code, type_code, in_use_date, n)
    VALUES (NEW.org_id, NEW.install_region_code, NEW.type_code, COALESCE(NEW.in_use_date, ''), 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER stat_first_use AFTER INSERT OR UPDATE OR DELETE ON instruments
  FOR EACH ROW EXECUTE FUNCTION stat_first_use_change();
-- [end]

-- Backfill from the rows already there (both dialects).
INSERT INTO stat_first_use (org_id, region_code, type_code, in_use_date, n)
SELECT org_id, install_region_code, type_code, COALESCE(in_use_date, ''), COUNT(*)
FROM instruments
WHERE mandatory = 1 AND status = 'approved' AND verification_state IN ('never', 'revoked')
GROUP BY org_id, install_region_code, type_code, COALESCE(in_use_date, '');
