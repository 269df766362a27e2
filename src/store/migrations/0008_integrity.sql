-- Uniqueness the workflows rely on, held by the database as well as by the conditional updates:
-- one first revision per verification record (one certificate or result notice per approved
-- record), one unfinished record per instrument and appointment.

CREATE UNIQUE INDEX certificates_first_revision ON certificates(verification_id) WHERE revision = 1;
CREATE UNIQUE INDEX verifications_open ON verifications(appointment_id, instrument_id) WHERE status <> 'approved';
