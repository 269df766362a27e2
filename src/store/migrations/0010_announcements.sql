-- 通知公告 (announcements): notices the city bureau publishes to all users or to chosen roles
-- and districts. Roles and districts are kept as ",a,b," lists (empty: everyone) so that a
-- reader's filter is a LIKE on a delimited value.
CREATE TABLE announcements (
  id {{ID}},
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,              -- draft | published | withdrawn
  pinned INTEGER NOT NULL DEFAULT 0,
  audience_roles TEXT NOT NULL DEFAULT '',
  audience_regions TEXT NOT NULL DEFAULT '',
  author_user_id BIGINT NOT NULL REFERENCES users(id),
  author_org_id BIGINT NOT NULL REFERENCES orgs(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT,
  withdrawn_at BIGINT,
  withdraw_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX announcements_status ON announcements(status, pinned, published_at);

-- Who has opened which announcement (the unread mark, and the bureau's 已读人数).
CREATE TABLE announcement_reads (
  announcement_id BIGINT NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  read_at BIGINT NOT NULL,
  PRIMARY KEY (announcement_id, user_id)
);
