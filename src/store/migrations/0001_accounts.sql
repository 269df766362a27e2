-- Foundation: settings, regions, roles, organisations, users, sessions, one-time codes,
-- notifications (SMS outbox and in-app inbox) and the hash-chained audit log.
-- Times are unix seconds (BIGINT); booleans are INTEGER 0/1.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE regions (
  code TEXT PRIMARY KEY,            -- GB/T 2260 code, or a local code when standard = 0
  name TEXT NOT NULL,
  parent_code TEXT REFERENCES regions(code),
  level TEXT NOT NULL,              -- province, city, district, zone
  standard INTEGER NOT NULL DEFAULT 1,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE roles (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  scope TEXT NOT NULL
);

CREATE TABLE orgs (
  id {{ID}},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  credit_code TEXT UNIQUE,
  region_code TEXT NOT NULL REFERENCES regions(code),
  address TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL
);
CREATE INDEX orgs_kind_region ON orgs(kind, region_code);

CREATE TABLE users (
  id {{ID}},
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL REFERENCES roles(code),
  org_id BIGINT REFERENCES orgs(id),
  display_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  duties TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE sessions (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,  -- SHA-256 of the cookie token; the token itself is never stored
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE one_time_codes (
  id {{ID}},
  phone TEXT NOT NULL,
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,          -- keyed hash; the code itself is never stored
  ip TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX one_time_codes_phone ON one_time_codes(phone, purpose, created_at);
CREATE INDEX one_time_codes_ip ON one_time_codes(ip, created_at);

CREATE TABLE notifications (
  id {{ID}},
  channel TEXT NOT NULL,            -- sms (outbox) or inbox (in-app)
  user_id BIGINT REFERENCES users(id),
  phone TEXT NOT NULL DEFAULT '',
  template TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  status TEXT NOT NULL,             -- sms: pending, sent, logged, failed; inbox: delivered
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  read_at BIGINT
);
CREATE INDEX notifications_outbox ON notifications(channel, status, next_attempt_at);
CREATE INDEX notifications_inbox ON notifications(user_id, channel, read_at);
CREATE INDEX notifications_phone ON notifications(phone, id);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id BIGINT,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  summary TEXT NOT NULL,
  ip TEXT NOT NULL,
  result TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_action ON audit_log(action);
CREATE INDEX audit_log_user ON audit_log(user_id);

-- The chain head: one row, updated with every append, serialising writers and recording the
-- last hash so a deleted tail is detected.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

INSERT INTO roles (code, name, scope) VALUES ('enterprise', '运营企业', 'org');
INSERT INTO roles (code, name, scope) VALUES ('district_regulator', '区市场监管局', 'district');
INSERT INTO roles (code, name, scope) VALUES ('city_regulator', '市市场监管局', 'city');
INSERT INTO roles (code, name, scope) VALUES ('drc', '发改部门', 'region');
INSERT INTO roles (code, name, scope) VALUES ('institute', '计量技术机构', 'institute');
INSERT INTO roles (code, name, scope) VALUES ('sysadmin', '系统管理员', 'platform');
