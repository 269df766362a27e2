-- Batch imports (从Excel中导入): an uploaded file's rows are kept for preview and correction
-- until they are committed, all at once, as draft instruments.

CREATE TABLE imports (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  filename TEXT NOT NULL,
  status TEXT NOT NULL,              -- parsing, ready, committed, failed
  rows_total INTEGER NOT NULL DEFAULT 0,
  rows_valid INTEGER NOT NULL DEFAULT 0,
  rows_existing INTEGER NOT NULL DEFAULT 0,
  progress INTEGER NOT NULL DEFAULT 0,     -- rows read so far while parsing
  error_code TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  created_count INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX imports_org ON imports(org_id, id);

CREATE TABLE import_rows (
  import_id BIGINT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_no INTEGER NOT NULL,           -- the row number in the sheet
  state TEXT NOT NULL,               -- valid, error, existing (already registered), removed
  data TEXT NOT NULL,                -- InstrumentData, compact form (EncodeInstrumentData)
  errors TEXT NOT NULL DEFAULT '',   -- JSON array of {column, code, message}
  PRIMARY KEY (import_id, row_no)
);

ALTER TABLE instruments ADD COLUMN import_id BIGINT;
CREATE INDEX instruments_import ON instruments(import_id);
-- Duplicate checks look instruments up by serial number first.
CREATE INDEX instruments_serial ON instruments(serial_no);
