-- Issue 12: the city bureau's campaign milestones (工作节点): a kind of progress measured per
-- district (filings reviewed, chargers in validity, first verification of chargers put into use
-- since a date, sampling verified, inspections published), a target percentage and a deadline.
CREATE TABLE milestones (
  id {{ID}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL,            -- filing_review | periodic_verification | first_verification | sampling | inspection
  deadline TEXT NOT NULL,        -- YYYY-MM-DD
  target_pct INTEGER NOT NULL,   -- 1 … 100
  since TEXT NOT NULL DEFAULT '',-- first_verification: chargers put into use on or after this day
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,          -- active | withdrawn
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX milestones_deadline ON milestones(status, deadline);
