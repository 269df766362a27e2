-- Issue 10 (the web UI as government users expect it).

-- The public office phone of an organisation: a district bureau's complaint line on the public
-- label page (the contact person's mobile is never shown there).
ALTER TABLE orgs ADD COLUMN public_phone TEXT NOT NULL DEFAULT '';

-- Graphical CAPTCHA challenges for logins after repeated failures: single use (deleted when
-- answered), a few minutes' life; only a keyed hash of the answer is kept.
CREATE TABLE captchas (
  id TEXT PRIMARY KEY,
  answer_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX captchas_expiry ON captchas(expires_at);

-- The institute's 计量授权证书号 (printed on every certificate) and its 检定专用章 image (a PNG,
-- base64, with its SHA-256; printed at the signature block).
ALTER TABLE institute_profiles ADD COLUMN authorization_no TEXT NOT NULL DEFAULT '';
CREATE TABLE institute_seals (
  org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
  png TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Consent to the 用户协议 and 隐私政策 at registration (PIPL): which version, when, from where.
CREATE TABLE consents (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  document TEXT NOT NULL,            -- terms | privacy
  version TEXT NOT NULL,
  accepted_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consents_user ON consents(user_id);

-- An enterprise's 营业执照 (business licence) scan: JPEG, PNG or PDF, base64, with its SHA-256.
CREATE TABLE org_licenses (
  org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
  content_type TEXT NOT NULL,
  data TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  uploaded_at BIGINT NOT NULL
);

-- What an inbox message is about, so that it links there (e.g. instrument 12).
ALTER TABLE notifications ADD COLUMN object_type TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN object_id TEXT NOT NULL DEFAULT '';
