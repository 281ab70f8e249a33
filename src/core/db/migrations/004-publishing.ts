/**
 * Publishing and house settings. Every publish, update or withdrawal is an outbox row written in
 * the same transaction as the status change; the worker sends rows and records, per article and
 * target, what the site holds (its id, URL and modification stamp) so the next update can tell
 * whether someone changed the post on the site. Office-wide settings (house tone style, which
 * checks block a submission) and the office lexicon live here too, as do proofreading findings a
 * writer chose to ignore.
 */
export const up = `
ALTER TABLE articles ADD COLUMN slug TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN featured_image TEXT CHECK (featured_image IS NULL OR length(featured_image) = 64);
CREATE UNIQUE INDEX articles_slug ON articles (slug) WHERE slug <> '';
-- Named revisions keep them too: an approval's revision must reproduce the signed hash.
ALTER TABLE revisions ADD COLUMN slug TEXT NOT NULL DEFAULT '';
ALTER TABLE revisions ADD COLUMN featured_image TEXT;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users (id)
) STRICT;

CREATE TABLE publish_targets (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('static', 'wordpress')),
  name        TEXT NOT NULL,
  config_json TEXT NOT NULL DEFAULT '{}',
  -- The credential, encrypted by the host (Electron safeStorage); never sent to the renderer.
  secret      BLOB,
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,
  article_id      TEXT NOT NULL REFERENCES articles (id),
  target_id       TEXT NOT NULL REFERENCES publish_targets (id),
  action          TEXT NOT NULL CHECK (action IN ('publish', 'withdraw')),
  content_hash    TEXT,
  state           TEXT NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'sending', 'done', 'failed', 'conflict', 'superseded')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  overwrite       INTEGER NOT NULL DEFAULT 0 CHECK (overwrite IN (0, 1)),
  created_at      TEXT NOT NULL,
  created_by      TEXT REFERENCES users (id),
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_article ON outbox (article_id, target_id, created_at);

CREATE TABLE remote_posts (
  article_id      TEXT NOT NULL REFERENCES articles (id),
  target_id       TEXT NOT NULL REFERENCES publish_targets (id),
  remote_id       TEXT NOT NULL,
  url             TEXT NOT NULL,
  remote_modified TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  synced_at       TEXT NOT NULL,
  PRIMARY KEY (article_id, target_id)
) STRICT;

CREATE TABLE lexicon_words (
  word       TEXT PRIMARY KEY,
  added_by   TEXT REFERENCES users (id),
  added_at   TEXT NOT NULL
) STRICT;

CREATE TABLE proof_ignores (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  rule       TEXT NOT NULL,
  text       TEXT NOT NULL,
  created_by TEXT REFERENCES users (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (article_id, rule, text)
) STRICT;
`;
