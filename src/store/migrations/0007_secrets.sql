-- Secrets out of the database's plain text. An SMS that carries a one-time code keeps a redacted
-- body for display and its real text sealed (XSalsa20-Poly1305 under a key kept outside the
-- database) until it is sent, when the sealed text is dropped. Label signing keys are kept
-- sealed the same way (the server seals any plain key at start-up). The code-hashing key leaves
-- the settings table: it is derived from the same outside key. Outbox rows are claimed by one
-- SMS dispatcher at a time (claimed_until), so several server instances never send one twice.

ALTER TABLE notifications ADD COLUMN sealed_body TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
UPDATE notifications SET body = '【强检管理】验证码为******（内容已隐去）' WHERE template = 'sms_code';
CREATE INDEX notifications_sent ON notifications(channel, created_at);

ALTER TABLE label_keys ADD COLUMN secret_sealed TEXT NOT NULL DEFAULT '';

DELETE FROM settings WHERE key = 'otp_key';
