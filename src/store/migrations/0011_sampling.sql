-- 抽样检定 (issue 11 A): the city bureau's sampling plans and their draws. Each draw keeps the
-- frame it was drawn from (frozen at draw time), the excluded units with their reasons, the seed
-- and the picks, so that anyone can replay it; a redraw adds a row and the earlier ones stay.
CREATE TABLE sampling_plans (
  id {{ID}},
  name TEXT NOT NULL,
  year INTEGER NOT NULL,
  region_codes TEXT NOT NULL DEFAULT '',  -- districts, comma-separated ('' = the whole city)
  type_codes TEXT NOT NULL,               -- instrument types, comma-separated
  ratio_e4 INTEGER NOT NULL,              -- ratio in ten-thousandths (500 = 5 %)
  institute_org_id BIGINT NOT NULL REFERENCES orgs(id),
  exclude_days INTEGER NOT NULL DEFAULT 0,
  deadline TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,                   -- draft | drawn
  draws INTEGER NOT NULL DEFAULT 0,       -- draws made; the current one has seq = draws
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE sampling_draws (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES sampling_plans(id),
  seq INTEGER NOT NULL,
  seed TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  frame TEXT NOT NULL,                    -- JSON [[instrument_id, "stratum"], …] in frame order
  excluded TEXT NOT NULL,                 -- JSON [[instrument_id, "reason"], …]
  items TEXT NOT NULL,                    -- JSON [[instrument_id, "stratum"], …] in pick order
  frame_size INTEGER NOT NULL,
  strata INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',        -- why it was drawn again
  drawn_by BIGINT NOT NULL REFERENCES users(id),
  drawn_at BIGINT NOT NULL,
  UNIQUE (plan_id, seq)
);
