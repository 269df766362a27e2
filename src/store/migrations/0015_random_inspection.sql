-- 双随机一公开 (issue 11 B, D): the city's item list (抽查事项清单), the bureaus' enforcement
-- officers (执法检查人员名录库) and their declared conflicts, the districts' annual plans, tasks
-- with their frozen frame and draw, the drawn enterprises (objects) with their inspectors,
-- on-site records, photos and published results, and the working-day calendar.
CREATE TABLE inspection_items (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sub_items TEXT NOT NULL,                -- JSON array of strings
  legal_basis TEXT NOT NULL,
  authority TEXT NOT NULL,
  object_scope TEXT NOT NULL,
  ratio_note TEXT NOT NULL,
  frequency TEXT NOT NULL,
  method TEXT NOT NULL,
  inspector_requirements TEXT NOT NULL,
  checks TEXT NOT NULL,                   -- JSON [{"code", "name"}]
  class_ranges TEXT NOT NULL,             -- JSON [[min_e4, max_e4] × 4] for classes A … D
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE inspectors (
  id {{ID}},
  user_id BIGINT NOT NULL UNIQUE REFERENCES users(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),      -- the officer's bureau
  cert_no TEXT NOT NULL,                          -- 执法证号
  cert_expiry TEXT NOT NULL,                      -- valid through this day
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX inspectors_org ON inspectors(org_id);

CREATE TABLE inspector_conflicts (
  inspector_id BIGINT NOT NULL REFERENCES inspectors(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),     -- the enterprise
  reason TEXT NOT NULL,
  declared_at BIGINT NOT NULL,
  PRIMARY KEY (inspector_id, org_id)
);

CREATE TABLE inspection_plans (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),     -- the district bureau
  region_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  scope TEXT NOT NULL,
  batches INTEGER NOT NULL,
  timing TEXT NOT NULL,
  status TEXT NOT NULL,                           -- draft | submitted | accepted | returned
  return_reason TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT,
  decided_at BIGINT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX inspection_plans_region ON inspection_plans(region_code, year);

CREATE TABLE inspection_tasks (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs(id),     -- the bureau running it
  region_code TEXT NOT NULL,
  plan_id BIGINT REFERENCES inspection_plans(id),
  item_id BIGINT NOT NULL REFERENCES inspection_items(id),
  name TEXT NOT NULL,
  task_date TEXT NOT NULL,                        -- the inspection date inspectors must be valid on
  directed INTEGER NOT NULL DEFAULT 0,            -- 定向 (scope filters) or 不定向
  scope_regions TEXT NOT NULL DEFAULT '',         -- comma-separated district codes
  scope_types TEXT NOT NULL DEFAULT '',           -- comma-separated instrument type codes
  scope_classes TEXT NOT NULL DEFAULT '',         -- comma-separated credit classes
  ratios TEXT NOT NULL,                           -- e4 per class A,B,C,D (comma-separated)
  status TEXT NOT NULL,                           -- draft | drawn | completed | published
  seed TEXT NOT NULL DEFAULT '',
  algorithm TEXT NOT NULL DEFAULT '',
  frame TEXT NOT NULL DEFAULT '',                 -- JSON [[org_id, class index], …] frozen at draw
  excluded TEXT NOT NULL DEFAULT '',              -- JSON [[org_id, "reason"], …]
  frame_size INTEGER NOT NULL DEFAULT 0,
  next_k BIGINT NOT NULL DEFAULT 1,               -- the next random number's index
  drawn_at BIGINT,
  completed_at BIGINT,
  publish_deadline TEXT NOT NULL DEFAULT '',
  published_at BIGINT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX inspection_tasks_region ON inspection_tasks(region_code, status);

CREATE TABLE inspection_objects (
  id {{ID}},
  task_id BIGINT NOT NULL REFERENCES inspection_tasks(id),
  org_id BIGINT NOT NULL REFERENCES orgs(id),     -- the enterprise inspected
  credit_class TEXT NOT NULL,
  pick_order INTEGER NOT NULL,
  status TEXT NOT NULL,                           -- pending | recorded | signed
  checks TEXT NOT NULL DEFAULT '[]',              -- JSON [{"code", "ok", "finding"}]
  error_check TEXT NOT NULL DEFAULT '',           -- JSON {"error_pct", "note"} or ''
  result TEXT NOT NULL DEFAULT '',
  follow_up TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  rectification_id BIGINT REFERENCES rectifications(id),
  recorded_by BIGINT REFERENCES users(id),
  recorded_at BIGINT,
  completed_at BIGINT,
  published_at BIGINT,
  UNIQUE (task_id, org_id)
);
CREATE INDEX inspection_objects_org ON inspection_objects(org_id, completed_at);

CREATE TABLE inspection_assignments (
  id {{ID}},
  object_id BIGINT NOT NULL REFERENCES inspection_objects(id),
  inspector_id BIGINT NOT NULL REFERENCES inspectors(id),
  kind TEXT NOT NULL,                             -- draw | swap | recusal (how it came)
  active INTEGER NOT NULL DEFAULT 1,
  reason TEXT NOT NULL DEFAULT '',                -- why it was replaced (swap, 回避)
  signed_at BIGINT,
  created_at BIGINT NOT NULL,
  replaced_at BIGINT
);
CREATE INDEX inspection_assignments_object ON inspection_assignments(object_id);
CREATE INDEX inspection_assignments_inspector ON inspection_assignments(inspector_id, active);

CREATE TABLE inspection_photos (
  id {{ID}},
  object_id BIGINT NOT NULL REFERENCES inspection_objects(id),
  check_code TEXT NOT NULL DEFAULT '',
  mime TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  data TEXT NOT NULL,                             -- base64 of the stripped image
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX inspection_photos_object ON inspection_photos(object_id);

-- Photos an enterprise attaches to its answer to a rectification order (evidence), stored the
-- same way: without metadata, with their hash.
CREATE TABLE rectification_photos (
  id {{ID}},
  rectification_id BIGINT NOT NULL REFERENCES rectifications(id),
  mime TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  data TEXT NOT NULL,                             -- base64 of the stripped image
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX rectification_photos_order ON rectification_photos(rectification_id);

CREATE TABLE work_calendar (
  day TEXT PRIMARY KEY,                           -- YYYY-MM-DD
  kind TEXT NOT NULL,                             -- holiday | workday
  name TEXT NOT NULL DEFAULT ''
);

-- The item of the notice, kept by the city bureau (editable there).
INSERT INTO inspection_items (code, name, sub_items, legal_basis, authority, object_scope,
  ratio_note, frequency, method, inspector_requirements, checks, class_ranges, created_at,
  updated_at) VALUES (
  'JL-001',
  '在用强制检定计量器具（贸易结算用电动汽车充电桩）监督检查',
  '["强制检定计量器具备案情况","检定情况及有效期","检定合格标识与证书","计量作弊迹象","现场计量误差核查（可选）"]',
  '《中华人民共和国计量法》第九条、第二十六条；《中华人民共和国计量法实施细则》；《计量违法行为处罚细则》',
  '区市场监督管理局',
  '使用贸易结算用电动汽车充电桩的运营企业',
  '按企业信用风险分类确定：A类不高于5%，B类5%—20%，C类21%—60%，D类61%—100%',
  '每年不少于1次',
  '现场检查、查阅资料、现场误差核查',
  '2名以上持有有效执法证件的执法人员',
  '[{"code":"filed","name":"是否已向使用地市场监管部门备案"},{"code":"verified","name":"是否经检定合格且在有效期内"},{"code":"label","name":"检定合格标识和证书是否齐全、一致"},{"code":"tamper","name":"是否有破坏封印、改动计量、异常计费等作弊迹象"}]',
  '[[1,500],[500,2000],[2100,6000],[6100,10000]]',
  0, 0);
