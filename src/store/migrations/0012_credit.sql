-- 企业信用风险分类 (issue 11 E): indicators and class thresholds kept as data, and each
-- enterprise's computed class with the contribution of every indicator. Regulators only.
CREATE TABLE credit_indicators (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  weight INTEGER NOT NULL,          -- points at a share of 100 %
  sort INTEGER NOT NULL DEFAULT 0
);
INSERT INTO credit_indicators (code, name, weight, sort) VALUES
  ('overdue_or_unverified', '已备案充电桩中逾期未检或从未检定的比例', 40, 1),
  ('failed_verification', '近24个月检定不合格的比例', 30, 2),
  ('unfiled', '检查或平台对账发现未备案充电桩的比例', 20, 3),
  ('rectification_overdue', '整改逾期的比例', 5, 4),
  ('cases', '近24个月立案查处', 5, 5);

CREATE TABLE credit_class_thresholds (
  credit_class TEXT PRIMARY KEY,    -- A, B, C, D
  min_score DOUBLE PRECISION NOT NULL
);
INSERT INTO credit_class_thresholds (credit_class, min_score) VALUES
  ('A', 0), ('B', 10), ('C', 25), ('D', 50);

CREATE TABLE enterprise_credit (
  org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
  computed_class TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  indicators TEXT NOT NULL,         -- JSON: each indicator's counts, share and points
  computed_at BIGINT NOT NULL,
  override_class TEXT NOT NULL DEFAULT '',
  override_reason TEXT NOT NULL DEFAULT '',
  override_by BIGINT,
  override_at BIGINT
);
