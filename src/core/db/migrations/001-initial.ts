/**
 * The first schema. IDs are UUIDs (two workstations must never hand out the same one);
 * audit rows also carry a local sequence only to keep their order on this machine.
 */
export const up = `
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('reporter', 'editor', 'head', 'admin')),
  byline        TEXT NOT NULL DEFAULT '',
  unit          TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE articles (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL DEFAULT '',
  summary    TEXT NOT NULL DEFAULT '',
  body_json  TEXT NOT NULL,
  body_text  TEXT NOT NULL DEFAULT '',
  word_count INTEGER NOT NULL DEFAULT 0,
  author_id  TEXT NOT NULL REFERENCES users (id),
  status     TEXT NOT NULL DEFAULT 'draft'
             CHECK (status IN ('draft', 'submitted', 'changes_requested', 'approved', 'scheduled', 'published', 'withdrawn')),
  version    INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users (id)
) STRICT;
CREATE INDEX articles_updated ON articles (updated_at DESC);
CREATE INDEX articles_author ON articles (author_id);

CREATE TABLE revisions (
  id              TEXT PRIMARY KEY,
  article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  article_version INTEGER NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('created', 'autosave')),
  title           TEXT NOT NULL,
  summary         TEXT NOT NULL,
  body_json       TEXT NOT NULL,
  body_text       TEXT NOT NULL,
  author_id       TEXT NOT NULL REFERENCES users (id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX revisions_article ON revisions (article_id, created_at);

CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  at         TEXT NOT NULL,
  actor_id   TEXT,
  action     TEXT NOT NULL,
  subject_id TEXT,
  details    TEXT NOT NULL DEFAULT '{}',
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;
