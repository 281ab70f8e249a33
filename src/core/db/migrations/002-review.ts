/**
 * Review and sign-off. Workflow state becomes an append-only log (article_events) with the
 * status column kept only as a cache; comments are appended, never edited; each user gets
 * signing keys, kept for good so an approval made with a replaced key still verifies.
 * The revisions table is rebuilt because SQLite cannot widen a CHECK constraint in place.
 */
export const up = `
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TEXT;
ALTER TABLE users ADD COLUMN key_fingerprint TEXT;
ALTER TABLE users ADD COLUMN private_key TEXT;

CREATE TABLE user_keys (
  fingerprint TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id),
  public_key  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX user_keys_user ON user_keys (user_id);
CREATE TRIGGER user_keys_no_update BEFORE UPDATE ON user_keys
  BEGIN SELECT RAISE(ABORT, 'user_keys is append-only'); END;
CREATE TRIGGER user_keys_no_delete BEFORE DELETE ON user_keys
  BEGIN SELECT RAISE(ABORT, 'user_keys is append-only'); END;

ALTER TABLE articles ADD COLUMN byline TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN published_hash TEXT;
ALTER TABLE articles ADD COLUMN scheduled_for TEXT;
UPDATE articles SET byline = (
  SELECT CASE WHEN u.unit = '' THEN u.byline ELSE u.byline || ' (' || u.unit || ')' END
  FROM users u WHERE u.id = articles.author_id
);

CREATE TABLE revisions_new (
  id              TEXT PRIMARY KEY,
  article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  article_version INTEGER NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN
                    ('created', 'autosave', 'submitted', 'changes_requested', 'approved', 'published', 'restored')),
  title           TEXT NOT NULL,
  summary         TEXT NOT NULL,
  body_json       TEXT NOT NULL,
  body_text       TEXT NOT NULL,
  byline          TEXT NOT NULL DEFAULT '',
  category        TEXT NOT NULL DEFAULT '',
  tags_json       TEXT NOT NULL DEFAULT '[]',
  author_id       TEXT NOT NULL REFERENCES users (id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
INSERT INTO revisions_new (id, article_id, article_version, kind, title, summary, body_json, body_text, byline,
                           author_id, created_at, updated_at)
  SELECT r.id, r.article_id, r.article_version, r.kind, r.title, r.summary, r.body_json, r.body_text, a.byline,
         r.author_id, r.created_at, r.updated_at
  FROM revisions r JOIN articles a ON a.id = r.article_id;
DROP TABLE revisions;
ALTER TABLE revisions_new RENAME TO revisions;
CREATE INDEX revisions_article ON revisions (article_id, created_at);

CREATE TABLE article_events (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  article_id      TEXT NOT NULL REFERENCES articles (id),
  kind            TEXT NOT NULL CHECK (kind IN
                    ('submitted', 'changes_requested', 'approved', 'approval_voided', 'scheduled', 'published', 'withdrawn')),
  actor_id        TEXT NOT NULL REFERENCES users (id),
  at              TEXT NOT NULL,
  from_status     TEXT NOT NULL,
  to_status       TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  signature       TEXT,
  key_fingerprint TEXT REFERENCES user_keys (fingerprint),
  note            TEXT NOT NULL DEFAULT '',
  revision_id     TEXT,
  scheduled_for   TEXT
) STRICT;
CREATE INDEX article_events_article ON article_events (article_id, seq);
CREATE TRIGGER article_events_no_update BEFORE UPDATE ON article_events
  BEGIN SELECT RAISE(ABORT, 'article_events is append-only'); END;
CREATE TRIGGER article_events_no_delete BEFORE DELETE ON article_events
  BEGIN SELECT RAISE(ABORT, 'article_events is append-only'); END;

CREATE TABLE comment_entries (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  article_id  TEXT NOT NULL REFERENCES articles (id),
  thread_id   TEXT,
  kind        TEXT NOT NULL CHECK (kind IN ('comment', 'reply', 'resolved')),
  author_id   TEXT NOT NULL REFERENCES users (id),
  at          TEXT NOT NULL,
  body        TEXT NOT NULL DEFAULT '',
  anchor_json TEXT,
  CHECK ((kind = 'comment') = (thread_id IS NULL))
) STRICT;
CREATE INDEX comment_entries_article ON comment_entries (article_id, seq);
CREATE TRIGGER comment_entries_no_update BEFORE UPDATE ON comment_entries
  BEGIN SELECT RAISE(ABORT, 'comment_entries is append-only'); END;
CREATE TRIGGER comment_entries_no_delete BEFORE DELETE ON comment_entries
  BEGIN SELECT RAISE(ABORT, 'comment_entries is append-only'); END;
`;
