-- One timeline table for every workflow object (instruments, appointments, verification records,
-- certificates, imports). The instrument and appointment histories move into it, every row kept
-- in its order.

CREATE TABLE object_events (
  id {{ID}},
  object_type TEXT NOT NULL,           -- instrument, appointment, verification, certificate, import
  object_id TEXT NOT NULL,             -- the object's id, or a certificate's number
  at BIGINT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  org_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX object_events_object ON object_events(object_type, object_id, id);

INSERT INTO object_events (object_type, object_id, at, user_id, username, org_name, action, from_status, to_status, reason)
  SELECT 'instrument', CAST(instrument_id AS TEXT), at, user_id, username, org_name, action, from_status, to_status, reason
  FROM instrument_events ORDER BY id;

INSERT INTO object_events (object_type, object_id, at, user_id, username, org_name, action, from_status, to_status, reason)
  SELECT 'appointment', CAST(appointment_id AS TEXT), at, user_id, username, org_name, action, from_status, to_status, reason
  FROM appointment_events ORDER BY id;

DROP TABLE instrument_events;
DROP TABLE appointment_events;
