-- Issue 12: the reporting side's documents. A district bureau's 年度工作报告 (one per district
-- and year; figures frozen as JSON at each submission), its 重大问题上报 with attachments, and
-- the city bureau's 通报 to the DRC (a frozen statistics snapshot).
CREATE TABLE annual_reports (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),     -- the district bureau
  region_code TEXT NOT NULL REFERENCES regions(code),
  year INTEGER NOT NULL,
  cut_off TEXT NOT NULL,                          -- YYYY-MM-DD: the figures are as of this day
  status TEXT NOT NULL,                           -- draft | submitted | accepted | returned
  work TEXT NOT NULL DEFAULT '',                  -- 工作开展情况
  problems TEXT NOT NULL DEFAULT '',              -- 存在问题
  plan TEXT NOT NULL DEFAULT '',                  -- 下一步工作计划
  figures TEXT NOT NULL DEFAULT '',               -- JSON frozen at the last submission
  frozen_at BIGINT,
  return_reason TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT,
  decided_at BIGINT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (region_code, year)
);
CREATE INDEX annual_reports_year ON annual_reports(year, region_code);

CREATE TABLE problem_reports (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),     -- the district bureau
  region_code TEXT NOT NULL REFERENCES regions(code),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,                           -- submitted | acknowledged
  ack_note TEXT NOT NULL DEFAULT '',
  acknowledged_by BIGINT REFERENCES users(id),
  acknowledged_at BIGINT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX problem_reports_region ON problem_reports(region_code, id);

CREATE TABLE problem_report_files (
  id {{ID}},
  report_id BIGINT NOT NULL REFERENCES problem_reports(id),
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data TEXT NOT NULL,                             -- base64url
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX problem_report_files_report ON problem_report_files(report_id, id);

CREATE TABLE bulletins (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),     -- the city bureau
  title TEXT NOT NULL,
  note TEXT NOT NULL,
  period TEXT NOT NULL,                           -- 2026 | 2026-Q4 | 2026-11
  figures TEXT NOT NULL,                          -- JSON frozen at publication
  published_by BIGINT NOT NULL REFERENCES users(id),
  published_at BIGINT NOT NULL
);
CREATE INDEX bulletins_published ON bulletins(published_at);
