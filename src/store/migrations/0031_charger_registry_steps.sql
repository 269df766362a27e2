-- Issue 13, rule 4: orders are judged against the registry as it stood at their StartTime, not as
-- it stands when the rule runs. Each change of a charger's filing status, verification state or
-- validity (and each change of the EquipmentID a filing names) is kept as a step, written by the
-- triggers below whatever the code path that made it, at the instrument's updated_at (the
-- injected clock's time of the change). store::ChargerDirectory folds a charger's steps up to an
-- order's StartTime (domain::RegistryAt).
--
-- A step with status '' says that the instrument no longer names that EquipmentID. Drafts are not
-- kept while they stay drafts: a draft is not a filing.
--
-- The chargers filed before this migration get one step at time 0 with their state now: their
-- earlier history is not known, so for orders before their next change they are judged as before
-- (the state when the rule runs).
CREATE TABLE charger_registry_steps (
  id {{ID}},
  instrument_id BIGINT NOT NULL,
  equipment_id TEXT NOT NULL,
  at BIGINT NOT NULL,                  -- unix seconds: in force from then on
  status TEXT NOT NULL,                -- the filing's status; '' no longer this charger
  verification_state TEXT NOT NULL,
  valid_until TEXT NOT NULL
);
CREATE INDEX charger_registry_steps_equipment ON charger_registry_steps(equipment_id, at);

INSERT INTO charger_registry_steps (instrument_id, equipment_id, at, status, verification_state,
  valid_until)
SELECT id, equipment_id, 0, status, verification_state, valid_until FROM instruments
WHERE equipment_id <> '' AND status <> 'draft' ORDER BY id;

-- [sqlite]
CREATE TRIGGER charger_registry_step_insert AFTER INSERT ON instruments
  WHEN NEW.equipment_id <> '' AND NEW.status <> 'draft'
BEGIN
  INSERT INTO charger_registry_steps (instrument_id, equipment_id, at, status, verification_state,
    valid_until)
  VALUES (NEW.id, NEW.equipment_id, NEW.updated_at, NEW.status, NEW.verification_state,
    NEW.valid_until);
END;

CREATE TRIGGER charger_registry_step_leave AFTER UPDATE OF equipment_id ON instruments
  WHEN OLD.equipment_id <> '' AND OLD.equipment_id IS NOT NEW.equipment_id AND OLD.status <> 'draft'
BEGIN
  INSERT INTO charger_registry_steps (instrument_id, equipment_id, at, status, verification_state,
    valid_until)
  VALUES (OLD.id, OLD.equipment_id, NEW.updated_at, '', '', '');
END;

CREATE TRIGGER charger_registry_step_update AFTER UPDATE OF equipment_id, status,
  verification_state, valid_until ON instruments
  WHEN NEW.equipment_id <> '' AND NOT (NEW.status = 'draft' AND OLD.status = 'draft')
    AND (OLD.equipment_id IS NOT NEW.equipment_id OR OLD.status IS NOT NEW.status
         OR OLD.verification_state IS NOT NEW.verification_state
         OR OLD.valid_until IS NOT NEW.valid_until)
BEGIN
  INSERT INTO charger_registry_steps (instrument_id, equipment_id, at, status, verification_state,
    valid_until)
  VALUES (NEW.id, NEW.equipment_id, NEW.updated_at, NEW.status, NEW.verification_state,
    NEW.valid_until);
END;
-- [end]

-- [postgresql]
CREATE FUNCTION charger_registry_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.equipment_id <> '' AND OLD.equipment_id IS DISTINCT FROM NEW.equipment_id
      AND OLD.status <> 'draft' THEN
    INSERT INTO charger_registry_steps (instrument_id, equipment_id, at, status,
      verification_state, valid_until)
    VALUES (OLD.id, OLD.equipment_id, NEW.updated_at, '', '', '');
  END IF;
  IF NEW.equipment_id <> ''
      AND NOT (NEW.status = 'draft' AND (TG_OP = 'INSERT' OR OLD.status = 'draft'))
      AND (TG_OP = 'INSERT'
           OR (OLD.equipment_id, OLD.status, OLD.verification_state, OLD.valid_until)
              IS DISTINCT FROM (NEW.equipment_id, NEW.status, NEW.verification_state, NEW.valid_until)) THEN
    INSERT INTO charger_registry_steps (instrument_id, equipment_id, at, status,
      verification_state, valid_until)
    VALUES (NEW.id, NEW.equipment_id, NEW.updated_at, NEW.status, NEW.verification_state,
      NEW.valid_until);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER charger_registry_step AFTER INSERT OR UPDATE OF equipment_id, status,
  verification_state, valid_until ON instruments
  FOR EACH ROW EXECUTE FUNCTION charger_registry_step();
-- [end]
