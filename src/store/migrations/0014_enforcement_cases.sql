-- 立案 (issue 11 C): an enforcement case the district bureau opens on an overdue rectification
-- order: legal basis and facts, then the decision and penalty, then the closing. One per order.
CREATE TABLE enforcement_cases (
  id {{ID}},
  rectification_id BIGINT NOT NULL UNIQUE REFERENCES rectifications(id),
  status TEXT NOT NULL,                  -- opened | decided | closed
  legal_basis TEXT NOT NULL,
  facts TEXT NOT NULL,
  decision TEXT NOT NULL DEFAULT '',
  penalty_yuan BIGINT NOT NULL DEFAULT 0,
  closing_note TEXT NOT NULL DEFAULT '',
  opened_by BIGINT NOT NULL REFERENCES users(id),
  opened_at BIGINT NOT NULL,
  decided_at BIGINT,
  closed_at BIGINT,
  updated_at BIGINT NOT NULL
);
